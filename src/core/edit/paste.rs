//! Pasting a block of cells copied from Excel, WPS or a Word table: the
//! block fills the form's grid from the cell it lands in, across and down,
//! adding indicator rows as needed; a whole form pasted into an empty editor
//! is read by the import reader instead ([`paste_form`]).

use crate::core::field::{EvalColumn, Field, FundColumn, IndicatorColumn, RowRef};
use crate::core::import;
use crate::core::model::{Form, FundKind, Level2, ProjectLayout};
use crate::core::scheme::{Scheme, SchemeForm};

use super::rows::{self, Table};

/// Splits clipboard text into rows of cells: one row per line, cells
/// separated by tabs. Excel and WPS put a cell that holds a line break, a
/// tab or a quote in double quotes (a quote inside written twice); such a
/// cell is read whole. The line break that ends the last row is not a row.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    // At the start of a cell a quote opens a quoted cell.
    let mut at_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if !at_start || !row.is_empty() || !cell.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// What a pasted block did, for the message beside the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pasted {
    /// Cells written.
    pub cells: usize,
    /// Indicator rows added for the block.
    pub rows_added: usize,
    /// Cells of the block with no cell of the form to go to (beyond the
    /// table's last column or row).
    pub left_out: usize,
}

impl Pasted {
    /// "已粘贴 12 个单元格，新增 3 行；另有 2 个单元格超出表格范围，未粘贴".
    pub fn message(&self) -> String {
        let mut m = format!("已粘贴 {} 个单元格", self.cells);
        if self.rows_added > 0 {
            m.push_str(&format!("，新增 {} 行", self.rows_added));
        }
        if self.left_out > 0 {
            m.push_str(&format!("；另有 {} 个单元格超出表格范围，未粘贴", self.left_out));
        }
        m
    }
}

/// The grid a cell belongs to: its columns left to right and how rows go.
enum Grid {
    /// An indicator table; `columns` in the order the sheet shows them.
    Indicators {
        table: Table,
        goal: Option<usize>,
        row: usize,
        columns: &'static [IndicatorColumn],
    },
    /// The 项目资金 table (fixed rows).
    Funds {
        kinds: &'static [FundKind],
        row: usize,
        columns: &'static [FundColumn],
    },
    /// The rows of an evaluation score table (fixed rows).
    Evaluation { row: usize },
}

const PROJECT_COLUMNS: [IndicatorColumn; 6] = [
    IndicatorColumn::Name,
    IndicatorColumn::Target,
    IndicatorColumn::Actual,
    IndicatorColumn::Weight,
    IndicatorColumn::Score,
    IndicatorColumn::Reason,
];
const DEPARTMENT_COLUMNS: [IndicatorColumn; 5] = [
    IndicatorColumn::Name,
    IndicatorColumn::Target,
    IndicatorColumn::Actual,
    IndicatorColumn::Weight,
    IndicatorColumn::Score,
];
const DECLARATION_COLUMNS: [IndicatorColumn; 2] = [IndicatorColumn::Content, IndicatorColumn::Target];
const EVALUATION_COLUMNS: [EvalColumn; 3] = [EvalColumn::Name, EvalColumn::Weight, EvalColumn::Score];
const ALL_FUND_KINDS: [FundKind; 4] = FundKind::ALL;
const TOTAL_ONLY: [FundKind; 1] = [FundKind::Total];
const ALL_FUND_COLUMNS: [FundColumn; 3] = FundColumn::ALL;
const ANNUAL_SPENT: [FundColumn; 2] = [FundColumn::Annual, FundColumn::Spent];

fn grid_of(form: &Form, field: Field) -> Option<(Grid, usize)> {
    let position = |columns: &[IndicatorColumn], col: IndicatorColumn| columns.iter().position(|c| *c == col);
    match (form, field) {
        (Form::Project(_), Field::Indicator(RowRef { goal: None, row }, col)) => Some((
            Grid::Indicators { table: Table::Main, goal: None, row, columns: &PROJECT_COLUMNS },
            position(&PROJECT_COLUMNS, col)?,
        )),
        (Form::Declaration(_), Field::Indicator(RowRef { goal: None, row }, col)) => Some((
            Grid::Indicators { table: Table::Main, goal: None, row, columns: &DECLARATION_COLUMNS },
            position(&DECLARATION_COLUMNS, col)?,
        )),
        (Form::Department(_), Field::Indicator(RowRef { goal: Some(g), row }, col)) => Some((
            Grid::Indicators { table: Table::Goal(g), goal: Some(g), row, columns: &DEPARTMENT_COLUMNS },
            position(&DEPARTMENT_COLUMNS, col)?,
        )),
        (Form::Project(p), Field::Fund(kind, col)) => {
            let (kinds, columns): (&'static [FundKind], &'static [FundColumn]) = match p.layout {
                ProjectLayout::Central => (&ALL_FUND_KINDS, &ALL_FUND_COLUMNS),
                ProjectLayout::Hubei => (&TOTAL_ONLY, &ANNUAL_SPENT),
            };
            let row = kinds.iter().position(|k| *k == kind)?;
            let at = columns.iter().position(|c| *c == col)?;
            Some((Grid::Funds { kinds, row, columns }, at))
        }
        (Form::Department(_), Field::Fund(FundKind::Total, col)) => {
            let at = ANNUAL_SPENT.iter().position(|c| *c == col)?;
            Some((Grid::Funds { kinds: &TOTAL_ONLY, row: 0, columns: &ANNUAL_SPENT }, at))
        }
        (Form::Evaluation(_), Field::EvalItem(row, col)) => {
            Some((Grid::Evaluation { row }, EVALUATION_COLUMNS.iter().position(|c| *c == col)?))
        }
        _ => None,
    }
}

/// Whether a block pasted at `field` fills a grid there (else the browser
/// pastes the text into the one cell).
pub fn has_grid(form: &Form, field: Field) -> bool {
    grid_of(form, field).is_some()
}

/// Writes `block` into the form from `start` across and down. In an
/// indicator table a block that begins at the first column (the indicator's
/// name) is new indicators of the start row's 二级: it fills that group's
/// rows and adds rows to the group as needed; copied with its 一级/二级
/// columns, each row goes to the group they name. A block that begins further
/// right is values for the rows shown: it goes down the table across groups
/// and adds rows to the last group when the table ends. Fixed tables (资金,
/// 评价得分表) take what fits; the rest is counted as left out.
pub fn paste_block(form: &mut Form, start: Field, block: &[Vec<String>]) -> Pasted {
    let mut out = Pasted::default();
    let Some((grid, first_col)) = grid_of(form, start) else {
        out.left_out = block.iter().map(Vec::len).sum();
        return out;
    };
    fn write(out: &mut Pasted, form: &mut Form, field: Field, value: &str) {
        if super::set(form, field, value.trim()) {
            out.cells += 1;
        } else {
            out.left_out += 1;
        }
    }
    match grid {
        Grid::Indicators { table, goal, row, columns } => {
            let start_group = rows::level2_at(form, table, row);
            // A block copied with its 一级/二级 columns: those columns are
            // read as each row's group, not written into the name.
            let (skip, labelled) = if first_col == 0 { level_columns(block) } else { (0, Vec::new()) };
            // Values for the rows shown go down the table; indicators
            // (from the name column on) stay in their group.
            let by_group = first_col == 0;
            let mut cursors: Vec<(Level2, usize)> = Vec::new();
            let mut at: Option<usize> = None;
            for (i, values) in block.iter().enumerate() {
                let values = values.get(skip..).unwrap_or_default();
                let target = if by_group {
                    let Some(g) = labelled.get(i).copied().flatten().or(start_group) else {
                        out.left_out += values.len();
                        continue;
                    };
                    let next = match cursors.iter().find(|(c, _)| *c == g) {
                        Some((_, r)) => next_row(form, table, *r, Some(g)),
                        None if Some(g) == start_group => Some(row),
                        None => (0..rows::len(form, table)).find(|r| rows::level2_at(form, table, *r) == Some(g)),
                    };
                    let r = match next {
                        Some(r) => Some(r),
                        None => rows::add_indicator_in(form, table, g).inspect(|added| {
                            out.rows_added += 1;
                            // Rows below the new one moved down by one.
                            for (_, r) in cursors.iter_mut().filter(|(_, r)| *r >= *added) {
                                *r += 1;
                            }
                        }),
                    };
                    if let Some(r) = r {
                        cursors.retain(|(c, _)| *c != g);
                        cursors.push((g, r));
                    }
                    r
                } else {
                    let next = match at {
                        None => Some(row),
                        Some(r) => next_row(form, table, r, None),
                    };
                    next.or_else(|| {
                        // The table ends: add a row to its last group.
                        let last = rows::len(form, table).checked_sub(1)?;
                        let level2 = rows::level2_at(form, table, last)?;
                        let added = rows::add_indicator_in(form, table, level2);
                        out.rows_added += usize::from(added.is_some());
                        added
                    })
                };
                let Some(r) = target else {
                    out.left_out += values.len();
                    continue;
                };
                at = Some(r);
                for (j, value) in values.iter().enumerate() {
                    match columns.get(first_col.saturating_add(j)) {
                        Some(col) => write(&mut out, form, Field::Indicator(RowRef { goal, row: r }, *col), value),
                        None => out.left_out += 1,
                    }
                }
            }
        }
        Grid::Funds { kinds, row, columns } => {
            for (i, values) in block.iter().enumerate() {
                for (j, value) in values.iter().enumerate() {
                    match (kinds.get(row.saturating_add(i)), columns.get(first_col.saturating_add(j))) {
                        (Some(kind), Some(col)) => write(&mut out, form, Field::Fund(*kind, *col), value),
                        _ => out.left_out += 1,
                    }
                }
            }
        }
        Grid::Evaluation { row } => {
            for (i, values) in block.iter().enumerate() {
                for (j, value) in values.iter().enumerate() {
                    match EVALUATION_COLUMNS.get(first_col.saturating_add(j)) {
                        Some(col) => write(&mut out, form, Field::EvalItem(row.saturating_add(i), *col), value),
                        None => out.left_out += 1,
                    }
                }
            }
        }
    }
    out
}

/// Leading columns of a block that hold 一级/二级 labels ("产出指标",
/// "数量指标", "时效指标（10分）"; empty where the copied cells were
/// merged): how many (at most two) and each row's 二级, carried down from
/// the last label above. A column counts only when every filled cell in it
/// is such a label, so 三级 names ("群众满意度") are never taken for one.
fn level_columns(block: &[Vec<String>]) -> (usize, Vec<Option<Level2>>) {
    fn is_label(cell: &str) -> bool {
        let c: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        let c = c.split(['（', '(']).next().unwrap_or_default();
        let c = c.trim_end_matches(|ch: char| ch.is_ascii_digit());
        c.ends_with("指标") && c.chars().count() <= 10 && Level2::from_label(c).is_some()
            || ["产出指标", "效益指标", "满意度指标"].contains(&c)
    }
    let mut skip = 0;
    while skip < 2 {
        let cells: Vec<&str> = block.iter().filter_map(|r| r.get(skip)).map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        if cells.is_empty() || !cells.iter().all(|c| is_label(c)) {
            break;
        }
        skip += 1;
    }
    if skip == 0 {
        return (0, Vec::new());
    }
    let mut current = None;
    let groups = block
        .iter()
        .map(|r| {
            // The 二级 column is the last label column; a 一级 alone
            // ("满意度指标") names its only 二级.
            let found = (0..skip).rev().filter_map(|c| r.get(c)).map(|c| c.trim()).find(|c| !c.is_empty());
            if let Some(l) = found.and_then(|c| {
                let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
                match c.as_str() {
                    "产出指标" | "效益指标" => None,
                    _ => Level2::from_label(&c),
                }
            }) {
                current = Some(l);
            }
            current
        })
        .collect();
    (skip, groups)
}

/// The row after `r`: within `group` when given, else the next in the table.
fn next_row(form: &Form, table: Table, r: usize, group: Option<Level2>) -> Option<usize> {
    let next = r.checked_add(1).filter(|n| *n < rows::len(form, table))?;
    match group {
        Some(g) if rows::level2_at(form, table, next) != Some(g) => None,
        _ => Some(next),
    }
}

/// Whether nothing has been typed into a form yet: it equals the blank form
/// of its type (template rows left blank do not count).
pub fn is_untouched(form: &Form) -> bool {
    let mut mine = form.clone();
    rows::remove_blank_rows(&mut mine);
    let mut blank = match form {
        Form::Project(p) => Form::Project(crate::core::model::ProjectForm::new(p.layout, &p.scheme, p.year)),
        Form::Department(d) => Form::Department(super::new_department(d.year)),
        Form::Declaration(d) => Form::Declaration(super::new_declaration(d.year)),
        Form::Evaluation(e) => Form::Evaluation(super::new_evaluation(
            Scheme::resolve(&e.scheme, SchemeForm::Evaluation),
            e.year,
        )),
    };
    rows::remove_blank_rows(&mut blank);
    mine == blank
}

/// A whole form pasted as text (copied from Word or Excel), read by the
/// import reader: the first form found and a summary of what was taken and
/// what was not; None when the text holds no form the reader knows.
pub fn paste_form(text: &str) -> Option<(Form, String)> {
    let result = import::import_text(text);
    let more = result.forms.len().saturating_sub(1);
    let first = result.forms.into_iter().next()?;
    let form = first.form;
    let name = form.name().trim().to_string();
    let mut summary = format!(
        "已从粘贴的内容读入{}“{}”：",
        form.kind_label(),
        if name.is_empty() { form.unnamed() } else { &name }
    );
    let rows = match &form {
        Form::Project(p) => p.indicators.len(),
        Form::Declaration(d) => d.indicators.len(),
        Form::Department(d) => d.goals.iter().map(|g| g.indicators.len()).sum(),
        Form::Evaluation(e) => e.items.len(),
    };
    let unit = if matches!(form, Form::Evaluation(_)) { "评价项目" } else { "指标" };
    summary.push_str(&format!("{rows} 行{unit}"));
    if let Some(year) = form.year() {
        summary.push_str(&format!("，{year} 年度"));
    }
    summary.push('。');
    if !first.notes.is_empty() {
        summary.push_str(&format!("有 {} 处未能读出：", first.notes.len()));
        let listed: Vec<String> = first
            .notes
            .iter()
            .take(3)
            .map(|n| format!("{}（{}）", n.message.trim_end_matches('。'), n.location()))
            .collect();
        summary.push_str(&listed.join("；"));
        if first.notes.len() > 3 {
            summary.push_str("……");
        }
        summary.push('。');
    }
    if let Some(note) = &first.incomplete {
        summary.push_str(&format!("表格不完整：{}", note.message));
    }
    if more > 0 {
        summary.push_str(&format!("粘贴的内容中还有 {more} 张表，请用“导入检查”逐张读入。"));
    }
    summary.push_str("表中填写的执行率、得分和总分按原样保留，以便检查。");
    Some((form, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{get, new_declaration, new_department, new_evaluation, new_project};

    fn block(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn excel_text_is_read_as_rows_and_cells() {
        assert_eq!(parse_block("a\tb\r\nc\td\r\n"), block(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(parse_block("a\tb"), block(&[&["a", "b"]]));
        assert_eq!(parse_block("\"两行\n文字\"\t\"说\"\"明\"\"\"\n"), block(&[&["两行\n文字", "说\"明\""]]));
        assert_eq!(parse_block("a\t\tc\n"), block(&[&["a", "", "c"]]));
        assert_eq!(parse_block("\n\n"), block(&[&[""], &[""]]));
        assert!(parse_block("").is_empty());
        // A quote inside a cell (not at its start) is text.
        assert_eq!(parse_block("≥\"90%\"\t1"), block(&[&["≥\"90%\"", "1"]]));
        // An unclosed quote takes the rest: nothing is lost.
        assert_eq!(parse_block("\"a\tb"), block(&[&["a\tb"]]));
    }

    #[test]
    fn new_indicators_fill_their_group_and_add_rows_to_it() {
        let mut form = Form::Project(new_project(ProjectLayout::Central, Some(2025)));
        // Row 0 is the template's 数量指标 row; row 1 質量 starts the next group.
        let pasted = paste_block(
            &mut form,
            Field::indicator(0, IndicatorColumn::Name),
            &block(&[&["培训次数", "≥4次", "5次", "10", "10"], &["培训人数", "≥200人", "210人", "10", "10"], &["覆盖街道", "10个", "10个", "5", "5"]]),
        );
        assert_eq!(pasted, Pasted { cells: 15, rows_added: 2, left_out: 0 });
        let Form::Project(p) = &form else { unreachable!() };
        assert!(p.indicators[..3].iter().all(|i| i.level2 == Level2::Quantity));
        assert_eq!(p.indicators[2].name.raw(), "覆盖街道");
        assert_eq!(p.indicators[3].level2, Level2::Quality);
        assert!(p.indicators[3].name.is_empty());
        assert_eq!(pasted.message(), "已粘贴 15 个单元格，新增 2 行");
    }

    #[test]
    fn a_table_copied_with_its_level_columns_puts_each_row_in_its_group() {
        let mut form = Form::Project(new_project(ProjectLayout::Central, Some(2025)));
        // As Excel copies merged 一级/二级 cells: the label once, then empty.
        let pasted = paste_block(
            &mut form,
            Field::indicator(0, IndicatorColumn::Name),
            &block(&[
                &["产出指标", "数量指标", "培训次数", "≥4次", "5次", "20", "20"],
                &["", "", "培训人数", "≥200人", "210人", "20", "20"],
                &["", "时效指标（10分）", "按时完成率", "100%", "100%", "10", "10"],
                &["满意度指标", "", "群众满意度", "≥90%", "95%", "10", "10"],
            ]),
        );
        assert_eq!((pasted.cells, pasted.rows_added, pasted.left_out), (20, 1, 0));
        let Form::Project(p) = &form else { unreachable!() };
        let named: Vec<(Level2, &str)> = p.indicators.iter().filter(|i| !i.name.is_empty()).map(|i| (i.level2, i.name.raw())).collect();
        assert_eq!(
            named,
            vec![
                (Level2::Quantity, "培训次数"),
                (Level2::Quantity, "培训人数"),
                (Level2::Timeliness, "按时完成率"),
                (Level2::Satisfaction, "群众满意度"),
            ]
        );
        // A 三级 name column is never taken for labels.
        assert_eq!(level_columns(&block(&[&["群众满意度", "≥90%"]])).0, 0);
    }

    #[test]
    fn values_go_down_the_rows_shown_and_extra_columns_are_counted() {
        let mut form = Form::Project(new_project(ProjectLayout::Central, Some(2025)));
        let n = match &form {
            Form::Project(p) => p.indicators.len(),
            _ => unreachable!(),
        };
        let values: Vec<Vec<String>> = (0..n + 1).map(|i| vec![format!("{i}次"), "x".into(), "y".into(), "z".into(), "r".into(), "extra".into()]).collect();
        let pasted = paste_block(&mut form, Field::indicator(0, IndicatorColumn::Actual), &values);
        // Actual, Weight, Score, Reason take 4 of 6; 2 per row are left out.
        assert_eq!(pasted.rows_added, 1);
        assert_eq!(pasted.cells, (n + 1) * 4);
        assert_eq!(pasted.left_out, (n + 1) * 2);
        assert_eq!(get(&form, Field::indicator(n - 1, IndicatorColumn::Actual)), format!("{}次", n - 1));
        assert_eq!(get(&form, Field::indicator(n, IndicatorColumn::Actual)), format!("{n}次"));
        assert!(pasted.message().contains("未粘贴"));
    }

    #[test]
    fn every_form_type_has_its_grids() {
        let mut central = Form::Project(new_project(ProjectLayout::Central, Some(2025)));
        let p = paste_block(&mut central, Field::Fund(FundKind::Total, FundColumn::Initial), &block(&[&["100", "120", "108.216"], &["80", "100", "90"]]));
        assert_eq!(p, Pasted { cells: 6, rows_added: 0, left_out: 0 });
        assert_eq!(get(&central, Field::Fund(FundKind::CurrentYear, FundColumn::Spent)), "90");
        let mut hubei = Form::Project(new_project(ProjectLayout::Hubei, Some(2025)));
        let p = paste_block(&mut hubei, Field::Fund(FundKind::Total, FundColumn::Annual), &block(&[&["100", "90", "90%"]]));
        assert_eq!(p, Pasted { cells: 2, rows_added: 0, left_out: 1 });
        let mut decl = Form::Declaration(new_declaration(Some(2026)));
        let p = paste_block(&mut decl, Field::indicator(0, IndicatorColumn::Content), &block(&[&["培训次数", "≥4次"], &["培训人数", "≥200人"]]));
        assert_eq!((p.cells, p.rows_added), (4, 1));
        let mut dept = Form::Department(new_department(Some(2025)));
        let at = Field::Indicator(RowRef { goal: Some(0), row: 0 }, IndicatorColumn::Target);
        let p = paste_block(&mut dept, at, &block(&[&["≥4次", "5次", "10", "10"]]));
        assert_eq!(p.cells, 4);
        let mut eval = Form::Evaluation(new_evaluation(Scheme::default_for(SchemeForm::Evaluation), Some(2025)));
        let p = paste_block(&mut eval, Field::EvalItem(0, EvalColumn::Score), &block(&[&["12"], &["25"], &["40"], &["1"], &["1"], &["1"]]));
        assert!(p.cells >= 3 && p.left_out >= 1, "{p:?}");
        // A header cell is no grid.
        assert!(!has_grid(&central, Field::Header(crate::core::field::Header::Name)));
    }

    #[test]
    fn a_new_form_is_untouched_until_something_is_typed() {
        for form in [
            Form::Project(new_project(ProjectLayout::Central, Some(2025))),
            Form::Project(new_project(ProjectLayout::Hubei, None)),
            Form::Department(new_department(Some(2025))),
            Form::Declaration(new_declaration(Some(2026))),
            Form::Evaluation(new_evaluation(Scheme::default_for(SchemeForm::Evaluation), Some(2025))),
        ] {
            assert!(is_untouched(&form), "{}", form.kind_label());
            let mut typed = form.clone();
            use crate::core::field::Header;
            let typed_in = crate::core::edit::set(&mut typed, Field::Header(Header::Name), "某项目")
                || crate::core::edit::set(&mut typed, Field::Header(Header::Unit), "某单位");
            assert!(typed_in);
            assert!(!is_untouched(&typed), "{}", form.kind_label());
        }
    }

    #[test]
    fn a_whole_form_is_read_by_the_import_reader() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bj-chaoyang-2020-project-selfeval.txt"))
            .expect("fixture");
        let (form, summary) = paste_form(&text).expect("a form");
        assert!(matches!(form, Form::Project(_)));
        assert!(summary.starts_with("已从粘贴的内容读入项目支出绩效自评表"), "{summary}");
        assert!(paste_form("随便一段文字\t没有表格").is_none());
    }
}
