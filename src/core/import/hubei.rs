//! Hubei layouts (DOMAIN §1.2, §1.3) from tab-separated rows: the project
//! form and the department overall form. Each 二级 label carries its weight
//! ("数量指标1（0.5分）").

use super::rows::{key, Row};
use super::{incomplete_note, year_in, ImportNote, ImportedForm};
use crate::core::model::{
    Cell, DepartmentForm, DepartmentGoal, Form, Funds, Indicator, Level2, ProjectForm, ProjectLayout,
};
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::validate::label_weight;

/// "单位名称：… 填报日期：… 自评得分：…" opens a Hubei project form.
pub fn starts_project(row: &Row) -> bool {
    (row.text_key_contains("单位名称：") && row.text_key_contains("自评得分")) || labelled_header(row)
}

/// The same header as a table row of label cells, each followed by its
/// value: 单位名称 | … | 填报日期 | … | 自评得分 | ….
fn labelled_header(row: &Row) -> bool {
    !row.narrative && row.has_label("单位名称") && row.has_label("自评得分")
}

/// The value after a header label, from a labelled header row or from
/// the header line's text.
fn header_field(row: &Row, label: &str) -> String {
    if labelled_header(row) {
        let labels = ["单位名称", "填报日期", "自评得分"];
        return row
            .value_after(label)
            .filter(|v| !labels.contains(&key(v).as_str()))
            .unwrap_or_default();
    }
    header_value(&row.text(), label)
}

/// The lines under a form that Excel forms print below the table
/// ("填报单位（盖章）：…", "填报人：…", "联系电话：…", "填报日期：…").
fn is_footer(row: &Row) -> bool {
    let first = row
        .cells
        .iter()
        .map(|c| key(c))
        .find(|k| !k.is_empty())
        .unwrap_or_default();
    [
        "填报单位（盖章）",
        "填报单位(盖章)",
        "填报人：",
        "联系电话：",
        "填报日期：",
    ]
    .iter()
    .any(|l| first.starts_with(l))
}

/// "2020年度洪山街道办事处整体绩效自评表".
pub fn starts_department(row: &Row) -> bool {
    row.text_key_len() < 120 && row.text_key_contains("整体绩效自评表")
}

/// The value written after "label：" in a header line, up to the next label.
fn header_value(text: &str, label: &str) -> String {
    let Some(p) = text.find(label) else {
        return String::new();
    };
    let rest = &text[p + label.len()..];
    let rest = rest.trim_start_matches([':', '：', ' ', '\t', '\u{3000}']);
    let end = rest
        .char_indices()
        .find(|(i, c)| c.is_whitespace() && rest[*i..].trim_start().contains('：'))
        .map_or(rest.len(), |(i, _)| i);
    let v = rest[..end].trim();
    // "填报日期： 总分： 94.87": an empty value directly followed by another label.
    if v.ends_with('：') || v.contains('：') {
        String::new()
    } else {
        v.to_string()
    }
}

/// An indicator row: its 二级 label cell (with weight) and the cells after.
fn indicator_of(row: &Row, notes: &mut Vec<ImportNote>) -> Option<Indicator> {
    let idx = row
        .cells
        .iter()
        // Cheap tests first: most cells are long text or numbers.
        .position(|c| {
            c.contains('分') && key(c).contains("指标") && Level2::from_label(c).is_some() && label_weight(c).is_some()
        })?;
    let label = row.cells[idx].trim();
    let level2 = Level2::from_label(label)?;
    let mut ind = Indicator::new(level2);
    ind.level2_label = label.to_string();
    ind.weight = Cell::new(label_weight(label).map(|w| w.to_string()).unwrap_or_default());
    let after: Vec<&str> = row.cells.iter().skip(idx + 1).map(|c| c.trim()).collect();
    ind.name = Cell::new(after.first().copied().unwrap_or(""));
    let rest: Vec<&str> = after.iter().skip(1).copied().filter(|c| !c.is_empty()).collect();
    match rest.len() {
        0 | 1 => {
            notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: format!("指标“{}”缺少指标值、完成值或得分，未完整读取。", ind.name.raw()),
            });
            if let Some(s) = rest.first() {
                ind.score = Cell::new(*s);
            }
        }
        2 => {
            ind.target = Cell::new(rest[0]);
            ind.score = Cell::new(rest[1]);
            notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: format!("指标“{}”只有两个值，按“指标值、得分”读取，完成值为空。", ind.name.raw()),
            });
        }
        n => {
            ind.target = Cell::new(rest[0]);
            ind.actual = Cell::new(rest[1]);
            ind.score = Cell::new(rest[n - 1]);
            if n > 3 {
                notes.push(ImportNote {
                    place: None,
                    line: row.first_line,
                    message: format!(
                        "指标“{}”的单元格多于预期，取前两个为指标值和完成值、最后一个为得分。",
                        ind.name.raw()
                    ),
                });
            }
        }
    }
    ind.not_applicable = ind.is_not_applicable();
    Some(ind)
}

/// The row under "预算执行情况": label, 预算数(A), 执行数(B), 执行率, 得分.
fn read_budget_row(row: &Row, label: &str, funds: &mut Funds, notes: &mut Vec<ImportNote>) {
    let values = row.non_empty_after(row.position(label).unwrap_or(0));
    if values.len() < 2 {
        notes.push(ImportNote {
            place: None,
            line: row.first_line,
            message: "预算执行情况行缺少预算数或执行数。".into(),
        });
        return;
    }
    funds.total.annual = Cell::new(values[0]);
    funds.total.spent = Cell::new(values[1]);
    funds.printed_rate = Cell::new(values.get(2).copied().unwrap_or(""));
    funds.printed_score = Cell::new(values.get(3).copied().unwrap_or(""));
}

/// The two text blocks both Hubei forms end with: reads the row into
/// `deviation` or `improvement` when it is one of them.
/// The two closing text blocks as written: the text beside each label, and
/// the unlabeled text rows after them.
#[derive(Default)]
struct TextBlocks {
    deviation: Option<(String, usize)>,
    improvement: Option<(String, usize)>,
    after: Vec<String>,
}

impl TextBlocks {
    const LABELS: [&'static str; 2] = ["偏差大或目标未完成原因分析", "改进措施及结果应用方案"];

    /// Takes a text-block row: a labeled one, or once inside the blocks, an
    /// unlabeled row of text. False for any other row.
    fn read(&mut self, row: &Row) -> bool {
        for (i, label) in Self::LABELS.iter().enumerate() {
            if let Some(p) = row.position(label) {
                let text = (row.non_empty_after(p).join("\n"), row.first_line);
                if i == 0 {
                    self.deviation = Some(text);
                } else {
                    self.improvement = Some(text);
                }
                return true;
            }
        }
        if self.improvement.is_some() && row.non_empty_count() > 0 {
            self.after.push(
                row.cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            return true;
        }
        false
    }

    /// (偏差原因分析, 改进措施). When the analysis row is empty and text rows
    /// follow the 改进措施 row, the labels sit one row above their texts (a
    /// merged-cell layout): the texts are taken in order, and a note says so.
    fn finish(self, notes: &mut Vec<ImportNote>) -> (Cell, Cell) {
        let (deviation, line) = self.deviation.unwrap_or_default();
        let improvement = self.improvement.map(|(t, _)| t).unwrap_or_default();
        let after = self.after.join("\n");
        if deviation.is_empty() && !improvement.is_empty() && !after.is_empty() {
            notes.push(ImportNote { place: None,
                line,
                message: "“偏差大或目标未完成原因分析”一栏为空，两段文字写在其下方各一行：已按顺序读作偏差原因分析和改进措施，请核对。".into(),
            });
            return (Cell::new(improvement), Cell::new(after));
        }
        let improvement = [improvement, after]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        (Cell::new(deviation), Cell::new(improvement))
    }
}

/// A form whose reading ended at `line` without any indicator row is
/// incomplete (Hubei forms have no 总分 row to wait for).
fn without_indicators(line: usize, no_indicators: bool) -> Option<ImportNote> {
    let missing: Vec<String> = no_indicators
        .then(|| format!("读到第 {line} 行，没有读到任何绩效指标行"))
        .into_iter()
        .collect();
    incomplete_note(line, &missing)
}

/// The title row just above ("2020年度其他支出项目自评表") gives the year;
/// a sheet may have the title, then a "（2020年度）" row, above the header.
fn title_above(rows: &[Row], start: usize) -> (usize, Option<i32>) {
    let mut first = (rows[start].first_line, None);
    for r in rows[..start].iter().rev().take(2) {
        let t = r.text();
        let k = key(&t);
        if k.contains("自评表") {
            return (r.first_line, year_in(&t).or(first.1));
        }
        match year_in(&t) {
            Some(y) if r.narrative && k.chars().count() < 16 => first = (r.first_line, Some(y)),
            _ => break,
        }
    }
    first
}

pub fn parse_project(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let (first_line, title_year) = title_above(rows, start);
    let mut form = ProjectForm::new(
        ProjectLayout::Hubei,
        &Scheme::default_id(SchemeForm::ProjectHubei),
        title_year.or(year_before),
    );
    let mut notes = Vec::new();
    let header = &rows[start];
    form.unit = Cell::new(header_field(header, "单位名称"));
    form.fill_date = Cell::new(header_field(header, "填报日期"));
    form.printed_total = Cell::new(header_field(header, "自评得分"));
    let mut end = start;
    let mut expect_funds = false;
    let mut blocks = TextBlocks::default();
    let mut expect_goal = false;
    for (i, row) in rows.iter().enumerate().skip(start + 1) {
        if starts_project(row)
            || starts_department(row)
            || (row.narrative && key(&row.text()).contains("自评表") && rows.get(i + 1).is_some_and(starts_project))
        {
            break;
        }
        // Text outside the table after its last block (a Word report's
        // sections after the form) is not part of the form.
        if row.narrative && blocks.improvement.is_some() && row.non_empty_count() > 0 && !is_footer(row) {
            break;
        }
        end = i;
        if is_footer(row) {
            continue;
        }
        // First: inside the closing text blocks, any row is text, whatever
        // words it contains ("主管部门" in a sentence is no header).
        if blocks.read(row) {
            continue;
        }
        let k = key(&row.text());
        if let Some(v) = row.value_after("项目名称") {
            form.name = Cell::new(v);
            continue;
        }
        if row.has_key("主管部门") {
            form.department = Cell::new(row.value_after("主管部门").unwrap_or_default());
            form.implementer = Cell::new(row.value_after("项目实施单位").unwrap_or_default());
            continue;
        }
        if k.contains("预算执行情况") {
            expect_funds = true;
            continue;
        }
        if expect_funds {
            expect_funds = false;
            read_budget_row(row, "资金总额", &mut form.funds, &mut notes);
            continue;
        }
        if k.contains("项目绩效总目标") {
            expect_goal = true;
            continue;
        }
        if expect_goal {
            expect_goal = false;
            let mut parts: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
            if parts.len() >= 2 && crate::core::value::parse_amount(parts[parts.len() - 1]).is_some() {
                form.goal_score = Cell::new(parts.pop().unwrap_or_default());
            }
            form.goal_expected = Cell::new(parts.first().copied().unwrap_or(""));
            form.goal_actual = Cell::new(parts.iter().skip(1).copied().collect::<Vec<_>>().join("\n"));
            continue;
        }
        if let Some(ind) = indicator_of(row, &mut notes) {
            form.indicators.push(ind);
        }
    }
    (form.deviation_analysis, form.improvement) = blocks.finish(&mut notes);
    let no_indicators = form.indicators.is_empty();
    if no_indicators {
        notes.push(ImportNote {
            place: None,
            line: rows[start].first_line,
            message: "没有读到任何绩效指标行。".into(),
        });
    }
    (
        ImportedForm {
            form: Form::Project(form),
            source_lines: (first_line, rows[end].last_line),
            notes,
            numbers_only: false,
            source: None,
            incomplete: without_indicators(rows[end].last_line, no_indicators),
        },
        end,
    )
}

pub fn parse_department(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let title = rows[start].text();
    let mut form = DepartmentForm {
        scheme: Scheme::default_id(SchemeForm::Department),
        year: year_in(&title).or(year_before),
        unit: Cell::default(),
        basic_spending: Cell::default(),
        project_spending: Cell::default(),
        funds: Default::default(),
        goals: Vec::new(),
        deviation_analysis: Cell::default(),
        improvement: Cell::default(),
        printed_total: Cell::default(),
    };
    let mut notes = Vec::new();
    let mut end = start;
    let mut expect_funds = false;
    let mut blocks = TextBlocks::default();
    for (i, row) in rows.iter().enumerate().skip(start + 1) {
        if starts_project(row)
            || (row.narrative && key(&row.text()).contains("自评表") && rows.get(i + 1).is_some_and(starts_project))
        {
            break;
        }
        end = i;
        // The signature lines under a sheet; not the title's "填报日期： 总分： 94.87".
        if is_footer(row) && !row.text_key_contains("总分") {
            continue;
        }
        // First: inside the closing text blocks, any row is text, whatever
        // words it contains ("主管部门" in a sentence is no header).
        if blocks.read(row) {
            continue;
        }
        let text = row.text();
        let k = key(&text);
        if k.contains("总分：") && form.printed_total.is_empty() {
            form.printed_total = Cell::new(header_value(&text, "总分"));
            continue;
        }
        if let Some(v) = row.value_after("单位名称") {
            form.unit = Cell::new(v);
            // A sheet's header row: 单位名称 | … | 总分 | ….
            if row.has_label("总分") && form.printed_total.is_empty() {
                form.printed_total = Cell::new(row.value_after("总分").unwrap_or_default());
            }
            continue;
        }
        if row.has_key("基本支出总额") {
            form.basic_spending = Cell::new(row.value_after("基本支出总额").unwrap_or_default());
            form.project_spending = Cell::new(row.value_after("项目支出总额").unwrap_or_default());
            continue;
        }
        // "预算执行情况（20分）", or a header naming the columns
        // ("部门整体支出（万元）（20分）| 预算数(A) | 执行数(B) | …").
        if k.contains("预算执行情况")
            || (form.funds.total.annual.is_empty()
                && row.keys().any(|k| k.starts_with("预算数"))
                && row.keys().any(|k| k.starts_with("执行数")))
        {
            expect_funds = true;
            continue;
        }
        if expect_funds {
            expect_funds = false;
            read_budget_row(row, "支出总额", &mut form.funds, &mut notes);
            continue;
        }
        // "年度目标1（37分）：开展信访维稳工作…"
        if let Some(cell) = row.cells.iter().find(|c| key(c).starts_with("年度目标")) {
            let c = cell.trim();
            let (head, body) = c.split_once(['：', ':']).unwrap_or((c, ""));
            form.goals.push(DepartmentGoal {
                text: Cell::new(body.trim()),
                weight: Cell::new(label_weight(head).map(|w| w.to_string()).unwrap_or_default()),
                output_weight: Cell::default(),
                benefit_weight: Cell::default(),
                indicators: Vec::new(),
            });
            continue;
        }
        // Group labels "产出指标 (17分)" / "效益指标 (20分)" may share a row with an indicator.
        for c in &row.cells {
            let ck = key(c);
            if let Some(w) = label_weight(c) {
                if let Some(goal) = form.goals.last_mut() {
                    if ck.starts_with("产出指标") {
                        goal.output_weight = Cell::new(w.to_string());
                    } else if ck.starts_with("效益指标") {
                        goal.benefit_weight = Cell::new(w.to_string());
                    }
                }
            }
        }
        if let Some(ind) = indicator_of(row, &mut notes) {
            match form.goals.last_mut() {
                Some(goal) => goal.indicators.push(ind),
                None => notes.push(ImportNote {
                    place: None,
                    line: row.first_line,
                    message: "指标行出现在任何“年度目标”之前，未读取。".into(),
                }),
            }
        }
    }
    (form.deviation_analysis, form.improvement) = blocks.finish(&mut notes);
    if form.goals.is_empty() {
        notes.push(ImportNote {
            place: None,
            line: rows[start].first_line,
            message: "没有读到任何“年度目标”。".into(),
        });
    }
    let no_indicators = form.goals.iter().all(|g| g.indicators.is_empty());
    (
        ImportedForm {
            form: Form::Department(form),
            source_lines: (rows[start].first_line, rows[end].last_line),
            notes,
            numbers_only: false,
            source: None,
            incomplete: without_indicators(rows[end].last_line, no_indicators),
        },
        end,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        let h = "单位名称：武汉市洪山区人民政府洪山街道办事处      填报日期：2021年2月25日      自评得分：      91.4";
        assert_eq!(header_value(h, "单位名称"), "武汉市洪山区人民政府洪山街道办事处");
        assert_eq!(header_value(h, "填报日期"), "2021年2月25日");
        assert_eq!(header_value(h, "自评得分"), "91.4");
        assert_eq!(header_value("填报日期： 总分： 94.87", "总分"), "94.87");
        assert_eq!(header_value("填报日期： 总分： 94.87", "填报日期"), "");
    }
}
