//! The central/Beijing 项目支出绩效自评表 (DOMAIN §1.1) from rows of cells.

use super::rows::{key, Row};
use super::{year_in, ImportNote, ImportedForm};
use crate::core::model::{Cell, Form, FundKind, FundRow, Indicator, Level1, Level2, ProjectForm, ProjectLayout};

/// A row holding "项目名称" followed soon by the 项目资金 block.
pub fn starts_form(rows: &[Row], i: usize) -> bool {
    let row = &rows[i];
    !row.narrative
        && row.keys().iter().any(|k| k == "项目名称")
        && rows[i + 1..]
            .iter()
            .take(12)
            .any(|r| r.has_key("项目资金") || r.has_key("年度资金总额"))
}

#[derive(PartialEq)]
enum Section {
    Header,
    Goal,
    Indicators,
}

/// Column positions of the money table, relative to the row label cell.
struct FundColumns {
    offsets: [Option<isize>; 6],
}

impl FundColumns {
    const NAMES: [&'static str; 6] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];

    fn from_header(row: &Row) -> Option<FundColumns> {
        let keys = row.keys();
        let first = keys
            .iter()
            .position(|k| k.contains("年初预算") || k.contains("全年预算"))?;
        // The label column is the one before the first money column.
        let label = first as isize - 1;
        let mut offsets = [None; 6];
        for (c, name) in Self::NAMES.iter().enumerate() {
            offsets[c] = keys.iter().position(|k| k.contains(name)).map(|p| p as isize - label);
        }
        Some(FundColumns { offsets })
    }

    fn get<'a>(&self, row: &'a Row, label_idx: usize, column: usize) -> &'a str {
        self.offsets[column]
            .map(|off| label_idx as isize + off)
            .filter(|p| *p >= 0)
            .map_or("", |p| row.cell(p as usize))
    }
}

fn fund_kind(label: &str) -> Option<FundKind> {
    let k = key(label);
    if k.contains("年度资金总额") {
        Some(FundKind::Total)
    } else if k.contains("当年财政") {
        Some(FundKind::CurrentYear)
    } else if k.contains("上年结转") {
        Some(FundKind::CarriedOver)
    } else if k.contains("其他资金") {
        Some(FundKind::Other)
    } else {
        None
    }
}

pub fn parse(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let mut form = ProjectForm::new(ProjectLayout::Central, "beijing-project", year_before);
    let mut notes = Vec::new();
    let mut first_line = rows[start].first_line;
    // Include the title and "（2020年度）" rows just above.
    for r in rows[..start].iter().rev().take(3) {
        let t = r.text();
        if t.contains("自评表") || year_in(&t).is_some() && key(&t).chars().count() < 16 {
            first_line = r.first_line;
            if let Some(y) = year_in(&t) {
                form.year = Some(y);
            }
        } else if !key(&t).is_empty() {
            break;
        }
    }
    let mut columns: Option<FundColumns> = None;
    let mut section = Section::Header;
    let mut level1: Option<Level1> = None;
    let mut level2: Option<(Level2, String)> = None;
    let mut end = start;
    let mut i = start;
    while i < rows.len() {
        let row = &rows[i];
        if i > start && starts_form(rows, i) {
            notes.push(ImportNote {
                line: row.first_line,
                message: "表格在“总分”行之前结束，已按已读内容导入。".into(),
            });
            break;
        }
        end = i;
        let keys = row.keys();
        if row.narrative {
            if key(&row.text()).len() > 40 {
                notes.push(ImportNote {
                    line: row.first_line,
                    message: "表格中断：遇到正文段落，未找到“总分”行。".into(),
                });
                break;
            }
            i += 1;
            continue;
        }
        if keys.iter().any(|k| k == "总分") {
            let p = keys.iter().position(|k| k == "总分").unwrap_or(0);
            form.printed_total = Cell::new(row.cell(p + 2));
            form.printed_grade = Cell::new(row.cell(p + 3));
            break;
        }
        if section == Section::Header {
            for (label, slot) in [
                ("项目名称", &mut form.name),
                ("主管部门", &mut form.department),
                ("实施单位", &mut form.implementer),
                ("项目负责人", &mut form.leader),
                ("联系电话", &mut form.phone),
            ] {
                if let Some(v) = row.value_after(label) {
                    *slot = Cell::new(v);
                }
            }
            if row.has_key("年初预算") || (row.has_key("全年预算") && row.has_key("全年执行")) {
                columns = FundColumns::from_header(row).or(columns);
            }
            if let Some(label_idx) = row.cells.iter().position(|c| fund_kind(c).is_some()) {
                let kind = fund_kind(&row.cells[label_idx]).expect("checked");
                match &columns {
                    Some(cols) => {
                        *form.funds.row_mut(kind) = FundRow {
                            initial: Cell::new(cols.get(row, label_idx, 0)),
                            annual: Cell::new(cols.get(row, label_idx, 1)),
                            spent: Cell::new(cols.get(row, label_idx, 2)),
                        };
                        if kind == FundKind::Total {
                            form.funds.printed_rate = Cell::new(cols.get(row, label_idx, 4));
                            form.funds.printed_score = Cell::new(cols.get(row, label_idx, 5));
                        }
                    }
                    None => notes.push(ImportNote {
                        line: row.first_line,
                        message: "项目资金表缺少表头（年初预算数/全年预算数/全年执行数），该行未读取。".into(),
                    }),
                }
            }
            if keys.iter().any(|k| k.contains("年度总体目标")) {
                section = Section::Goal;
            }
            if keys.iter().any(|k| k == "一级指标") {
                section = Section::Indicators;
            }
        } else if section == Section::Goal {
            if keys.iter().any(|k| k == "一级指标") {
                section = Section::Indicators;
            } else if row.non_empty_count() > 0 {
                let texts = row.non_empty_after(0);
                let own_first = row.cell(0);
                let mut parts: Vec<&str> = if own_first.is_empty() {
                    texts
                } else {
                    row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect()
                };
                if parts.len() > 2 {
                    notes.push(ImportNote {
                        line: row.first_line,
                        message: "年度总体目标行的单元格多于两个，多余部分并入实际完成情况。".into(),
                    });
                }
                let expected = if parts.is_empty() {
                    String::new()
                } else {
                    parts.remove(0).to_string()
                };
                form.goal_expected = Cell::new(expected);
                form.goal_actual = Cell::new(parts.join("\n"));
            }
        } else {
            if keys.iter().any(|k| k == "一级指标") {
                i += 1;
                continue;
            }
            let mut cells: Vec<&str> = row.cells.iter().map(|c| c.trim()).collect();
            // A blank line inside a cell splits one table row into two rows
            // of cells: join short rows that only make sense together.
            while cells.len() < 9 {
                let Some(next) = rows.get(i + 1) else { break };
                if next.narrative || next.has_key("总分") || next.cells.len() >= 8 || cells.len() + next.cells.len() > 9
                {
                    break;
                }
                cells.extend(next.cells.iter().map(|c| c.trim()));
                i += 1;
                end = i;
            }
            if cells.len() == 8 {
                cells.insert(0, "");
            }
            if cells.len() < 9 {
                if row.non_empty_count() > 0 {
                    notes.push(ImportNote {
                        line: row.first_line,
                        message: format!(
                            "绩效指标行只有 {} 个单元格（应为 9 个），未读取：“{}”",
                            cells.len(),
                            row.text().trim()
                        ),
                    });
                }
                i += 1;
                continue;
            }
            if !cells[1].is_empty() {
                let k = key(cells[1]);
                level1 = if k.contains("产出") {
                    Some(Level1::Output)
                } else if k.contains("效益") {
                    Some(Level1::Benefit)
                } else if k.contains("满意") {
                    Some(Level1::Satisfaction)
                } else {
                    notes.push(ImportNote {
                        line: row.first_line,
                        message: format!("无法识别的一级指标“{}”", cells[1]),
                    });
                    level1
                };
            }
            if !cells[2].is_empty() {
                match Level2::from_label(cells[2]) {
                    Some(l2) => level2 = Some((l2, cells[2].replace('\n', ""))),
                    None => notes.push(ImportNote {
                        line: row.first_line,
                        message: format!("无法识别的二级指标“{}”", cells[2]),
                    }),
                }
            } else if level1 == Some(Level1::Satisfaction)
                && level2.as_ref().is_none_or(|(l, _)| *l != Level2::Satisfaction)
            {
                level2 = Some((Level2::Satisfaction, Level2::Satisfaction.label().into()));
            }
            let Some((l2, label)) = level2.clone() else {
                notes.push(ImportNote {
                    line: row.first_line,
                    message: "指标行前没有二级指标，未读取。".into(),
                });
                i += 1;
                continue;
            };
            let mut ind = Indicator::new(l2);
            ind.level2_label = label;
            ind.name = Cell::new(cells[3]);
            ind.target = Cell::new(cells[4]);
            ind.actual = Cell::new(cells[5]);
            ind.weight = Cell::new(cells[6]);
            ind.score = Cell::new(cells[7]);
            ind.reason = Cell::new(cells[8..].join("\n").trim());
            let blank_row = ind.name.is_empty()
                && ind.target.is_empty()
                && ind.actual.is_empty()
                && ind.weight.is_empty()
                && ind.score.is_empty();
            if !blank_row {
                ind.not_applicable = ind.is_not_applicable();
                form.indicators.push(ind);
            }
        }
        i += 1;
    }
    if form.printed_total.is_empty() && !rows.get(end).is_some_and(|r| r.has_key("总分")) {
        notes.push(ImportNote {
            line: rows[end].last_line,
            message: "未找到“总分”行。".into(),
        });
    }
    if form.indicators.is_empty() {
        notes.push(ImportNote {
            line: rows[start].first_line,
            message: "没有读到任何绩效指标行。".into(),
        });
    }
    let source_lines = (first_line, rows[end].last_line);
    (
        ImportedForm {
            form: Form::Project(form),
            source_lines,
            notes,
            numbers_only: false,
        },
        end,
    )
}
