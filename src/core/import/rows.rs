//! Turns extracted document text into rows of cells, whatever the syntax:
//! - Word text, one cell per line: each cell starts with a tab, a line without
//!   a leading tab continues the previous cell, a blank line ends the row;
//! - tab-separated rows copied from Excel/WPS: one row per line.
//!
//! Lines outside any table are kept as narrative rows (one cell).
//!
//! Word also writes a cell's paragraphs that follow an empty paragraph as
//! lines without a tab after a blank line, which look exactly like narrative.
//! Only a form reader knows it is inside a table, so such lines are kept as
//! `loose` narrative rows here and [`with_paragraphs`] folds them back into
//! their cell on a form reader's request.

use std::borrow::Cow;
use std::cell::OnceCell;

/// One table row (or narrative line) with its 1-based source line range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    pub first_line: usize,
    pub last_line: usize,
    pub narrative: bool,
    /// A narrative line of Word cell-per-line text after a table began: text
    /// outside the table, or a further paragraph of the cell before it.
    pub loose: bool,
    /// [`Row::keys`], made once: every reader asks every row for them.
    /// Cells change only through [`Row::push_cell`] and [`Row::extend_cells`],
    /// which clear it.
    /// Only cells with white space have a key of their own (None: the cell
    /// is its key), so most rows cost one small vector.
    keys: OnceCell<Vec<Option<String>>>,
}

impl Row {
    pub fn new(cells: Vec<String>, first_line: usize, last_line: usize, narrative: bool, loose: bool) -> Row {
        Row {
            cells,
            first_line,
            last_line,
            narrative,
            loose,
            keys: OnceCell::new(),
        }
    }

    pub fn push_cell(&mut self, cell: String) {
        self.keys = OnceCell::new();
        self.cells.push(cell);
    }

    /// Appends another row's cells (a table row split in two by an empty
    /// paragraph) and takes its end line.
    pub fn extend_cells(&mut self, other: &Row) {
        self.keys = OnceCell::new();
        self.cells.extend(other.cells.iter().cloned());
        self.last_line = other.last_line;
    }

    /// The cells with white space removed, for matching labels that Word
    /// broke over lines ("年初预\n算数").
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        let own = self.keys.get_or_init(|| {
            self.cells
                .iter()
                .map(|c| c.contains(char::is_whitespace).then(|| key(c)))
                .collect()
        });
        self.cells.iter().zip(own).map(|(c, k)| k.as_deref().unwrap_or(c))
    }

    /// Whether a cell's key is exactly `label`, without making the keys:
    /// readers ask this of every row of a document to find where forms start.
    pub fn has_label(&self, label: &str) -> bool {
        self.cells.iter().any(|c| key_is(c, label))
    }

    /// `key(&self.text()).contains(needle)`, without building either string.
    pub fn text_key_contains(&self, needle: &str) -> bool {
        let mut chars = self.cells.iter().flat_map(|c| c.chars()).filter(|c| !c.is_whitespace());
        let n = needle.chars().count();
        loop {
            if chars.clone().take(n).eq(needle.chars()) {
                return true;
            }
            if chars.next().is_none() {
                return false;
            }
        }
    }

    /// The length in bytes of `key(&self.text())`.
    pub fn text_key_len(&self) -> usize {
        self.cells
            .iter()
            .flat_map(|c| c.chars())
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum()
    }

    pub fn has_key(&self, needle: &str) -> bool {
        self.keys().any(|k| k.contains(needle))
    }

    pub fn position(&self, needle: &str) -> Option<usize> {
        self.keys().position(|k| k.contains(needle))
    }

    /// The first non-empty cell after the cell whose key is `label`.
    pub fn value_after(&self, label: &str) -> Option<String> {
        self.value_after_key(|k| k == label)
    }

    /// As [`Row::value_after`], for labels Word broke or extended
    /// ("部门（单位\n名称").
    pub fn value_after_prefix(&self, prefix: &str) -> Option<String> {
        self.value_after_key(|k| k.starts_with(prefix))
    }

    fn value_after_key(&self, matches: impl Fn(&str) -> bool) -> Option<String> {
        let p = self.keys().position(matches)?;
        self.non_empty_after(p).first().map(|s| s.to_string())
    }

    /// Cells after `index`, trimmed, skipping empty ones.
    pub fn non_empty_after(&self, index: usize) -> Vec<&str> {
        self.cells
            .iter()
            .skip(index + 1)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect()
    }

    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", |c| c.trim())
    }

    pub fn non_empty_count(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }

    /// The whole row as one string (for narrative matching).
    pub fn text(&self) -> String {
        self.cells.join(" ")
    }
}

/// `key(cell) == label`, without building the key.
pub fn key_is(cell: &str, label: &str) -> bool {
    cell.chars().filter(|c| !c.is_whitespace()).eq(label.chars())
}

/// Removes all white space: a label's identity regardless of line breaks.
pub fn key(s: &str) -> String {
    // Most cells have no white space: one copy instead of char-by-char.
    if !s.chars().any(char::is_whitespace) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|c| !c.is_whitespace()));
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Word text: one cell per line, rows separated by blank lines.
    CellPerLine,
    /// Excel-like: one row per line, cells separated by tabs.
    TabSeparated,
    /// Plain text without tabs (e.g. PDF extraction).
    Plain,
}

/// Guesses the syntax from how tabs are used.
pub fn detect_syntax(text: &str) -> Syntax {
    let mut leading = 0usize;
    let mut inner = 0usize;
    for line in text.lines().take(20_000) {
        if line.starts_with('\t') && !line[1..].contains('\t') {
            leading += 1;
        } else if line.trim_start_matches('\t').contains('\t') {
            inner += 1;
        }
    }
    if leading == 0 && inner == 0 {
        Syntax::Plain
    } else if inner > leading {
        Syntax::TabSeparated
    } else {
        Syntax::CellPerLine
    }
}

pub fn rows(text: &str, syntax: Syntax) -> Vec<Row> {
    match syntax {
        Syntax::CellPerLine => cell_per_line_rows(text),
        Syntax::TabSeparated | Syntax::Plain => tab_rows(text),
    }
}

fn cell_per_line_rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut current: Option<Row> = None;
    let mut table_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() && !line.starts_with('\t') {
            out.extend(current.take());
            continue;
        }
        if let Some(rest) = line.strip_prefix('\t') {
            table_seen = true;
            let row = current.get_or_insert_with(|| Row::new(Vec::new(), n, n, false, false));
            row.push_cell(rest.to_string());
            row.last_line = n;
        } else if let Some(row) = current.as_mut() {
            // Continuation of the previous cell (a line break inside a cell).
            append_paragraph(row, line, n);
        } else {
            out.push(Row::new(vec![line.to_string()], n, n, true, table_seen));
        }
    }
    out.extend(current.take());
    out
}

/// Adds a paragraph to the last cell of a table row.
fn append_paragraph(row: &mut Row, paragraph: &str, last_line: usize) {
    let cell = match row.cells.pop() {
        Some(last) => format!("{last}\n{paragraph}"),
        None => paragraph.to_string(),
    };
    row.push_cell(cell);
    row.last_line = last_line;
}

/// Table row `i` with the loose lines after it that are further paragraphs
/// of its last cell folded in (joined with "\n"), and the index of the last
/// row used. Only form readers call it, for rows inside a form (before its
/// last row), where a loose line continues the cell unless it clearly starts
/// something else (see [`starts_something_else`]) or it precedes a table row
/// that begins a form (`starts_form`): then it is that form's title.
///
/// A table row that starts on the line right after such a paragraph, with no
/// blank line between, is the rest of the same table row (Word ends a row
/// with a blank line): its cells are appended too.
pub fn with_paragraphs(rows: &[Row], i: usize, starts_form: fn(&[Row], usize) -> bool) -> (Cow<'_, Row>, usize) {
    let mut row = Cow::Borrowed(&rows[i]);
    let mut last = i;
    if row.narrative {
        return (row, last);
    }
    loop {
        let run_end = (last + 1..rows.len()).find(|&k| !rows[k].loose).unwrap_or(rows.len());
        if run_end == last + 1 || (run_end < rows.len() && !rows[run_end].narrative && starts_form(rows, run_end)) {
            return (row, last);
        }
        for (k, line) in rows[..run_end].iter().enumerate().skip(last + 1) {
            let paragraph = line.text();
            if starts_something_else(&paragraph, row.cells.last().map_or("", String::as_str)) {
                return (row, last);
            }
            append_paragraph(row.to_mut(), &paragraph, line.last_line);
            last = k;
        }
        match rows.get(run_end) {
            Some(next) if !next.narrative && next.first_line == rows[last].last_line + 1 => {
                row.to_mut().extend_cells(next);
                last = run_end;
            }
            _ => return (row, last),
        }
    }
}

/// A loose line that is not a paragraph of the cell before it: a form title
/// ("…绩效自评表", "…申报表"), a year line ("（2020年度）"), a heading
/// ("（三）", "三、", "第三部分", "附件2"), a numbered paragraph ("1、", "(2)")
/// unless it is part of a numbered list in the cell, or a 项目名称 line.
pub fn starts_something_else(line: &str, cell: &str) -> bool {
    let k = key(line);
    is_title(&k)
        || is_year_line(&k)
        || is_part_heading(&k)
        || k.starts_with("项目名称")
        || numbering(&k).is_some_and(|n| !in_cell_list(n, cell))
}

fn is_title(k: &str) -> bool {
    const TITLES: [&str; 5] = ["自评表", "申报表", "评分表", "评价表", "一览表"];
    k.chars().count() <= 50 && TITLES.iter().any(|t| k.contains(t))
}

/// "（2020年度）", "2020年度", "(2020年)".
fn is_year_line(k: &str) -> bool {
    let inner = k.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    digits == 4 && matches!(&inner[4..], "年度" | "年")
}

/// "第三部分", "第二章", "附件2", "附表：".
fn is_part_heading(k: &str) -> bool {
    if let Some(rest) = k.strip_prefix('第') {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || han_digit(c).is_some());
        return rest.len() < k.len() - '第'.len_utf8() && (rest.starts_with("部分") || rest.starts_with('章'));
    }
    ["附件", "附表"].iter().any(|p| {
        k.strip_prefix(p).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| c.is_ascii_digit() || han_digit(c).is_some() || "：:-—.、".contains(c))
        })
    })
}

/// How a paragraph is numbered: whether the number is bracketed, written in
/// Chinese numerals, and the mark after it; then the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Numbering {
    bracketed: bool,
    han: bool,
    mark: char,
    number: u32,
}

/// "3、", "3.", "3）", "（3）", "(3)", "三、", "（三）" (not "1.5万元", "2020年").
fn numbering(k: &str) -> Option<Numbering> {
    let normal = |c: char| match c {
        '（' => '(',
        '）' | ')' => ')',
        '．' => '.',
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    };
    let chars: Vec<char> = k.chars().take(8).map(normal).collect();
    let bracketed = chars.first() == Some(&'(');
    let digits_start = usize::from(bracketed);
    let digits: Vec<char> = chars[digits_start..]
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_digit() || han_digit(*c).is_some())
        .collect();
    let han = digits.first().is_some_and(|c| !c.is_ascii_digit());
    let number = if han {
        han_number(&digits)?
    } else {
        digits.iter().collect::<String>().parse().ok()?
    };
    let mark = *chars.get(digits_start + digits.len())?;
    let after = chars.get(digits_start + digits.len() + 1);
    let ok = if bracketed {
        mark == ')'
    } else {
        mark == '、' || mark == ')' || (mark == '.' && !after.is_some_and(char::is_ascii_digit))
    };
    ok.then_some(Numbering {
        bracketed,
        han,
        mark,
        number,
    })
}

fn han_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九十".chars().position(|d| d == c).map(|p| p as u32)
}

/// "三" → 3, "十二" → 12, "二十" → 20, "二十一" → 21.
fn han_number(digits: &[char]) -> Option<u32> {
    let values: Vec<u32> = digits.iter().map(|c| han_digit(*c)).collect::<Option<_>>()?;
    match values.as_slice() {
        [d] if *d < 10 => Some(*d),
        [10] => Some(10),
        [10, d] if *d < 10 => Some(10 + d),
        [t, 10] if *t < 10 => Some(t * 10),
        [t, 10, d] if *t < 10 && *d < 10 => Some(t * 10 + d),
        _ => None,
    }
}

/// A numbered paragraph belongs to the cell when it continues the cell's own
/// list ("1、…" then "2、…"), or starts a list that the cell's last paragraph
/// announces ("改进措施：" then "1、…").
fn in_cell_list(n: Numbering, cell: &str) -> bool {
    if n.number == 1 {
        let last = cell.lines().rev().map(key).find(|k| !k.is_empty()).unwrap_or_default();
        return last.ends_with(['：', ':']);
    }
    cell.lines().rev().find_map(|l| numbering(&key(l))).is_some_and(|prev| {
        prev.number + 1 == n.number
            && Numbering {
                number: n.number,
                ..prev
            } == n
    })
}

fn tab_rows(text: &str) -> Vec<Row> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let line = line.trim_end_matches('\r');
            let cells: Vec<String> = line.split('\t').map(|c| c.to_string()).collect();
            let narrative = cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1 && !line.starts_with('\t');
            Row::new(cells, i + 1, i + 1, narrative, false)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_cells_rows_and_continuations() {
        let text = "附件1\n\t项目名称\n\t公共服务经费\n\n\t项目资金\n（万元）\n\t\n\t年初预算数\n\n";
        assert_eq!(detect_syntax(text), Syntax::CellPerLine);
        let rows = rows(text, Syntax::CellPerLine);
        assert_eq!(rows.len(), 3);
        assert!(rows[0].narrative);
        assert_eq!(rows[1].cells, vec!["项目名称", "公共服务经费"]);
        assert_eq!((rows[1].first_line, rows[1].last_line), (2, 3));
        assert_eq!(rows[2].cells, vec!["项目资金\n（万元）", "", "年初预算数"]);
        assert!(rows[2].has_key("项目资金（万元）"));
    }

    #[test]
    fn tab_separated_rows() {
        let text = "标题\n项目名称\t\t其他支出\t\n\t年度财政资金总额\t1069.34\t939.9\t87.9%\t17.6\n";
        assert_eq!(detect_syntax(text), Syntax::TabSeparated);
        let rows = rows(text, Syntax::TabSeparated);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].non_empty_after(0), vec!["其他支出"]);
        assert_eq!(rows[2].position("年度财政资金总额"), Some(1));
    }

    #[test]
    fn loose_lines_after_a_table() {
        let text = "标题\n\t项目名称\n\t甲\n\n乙\n\n\t主管部门\n";
        let rows = rows(text, Syntax::CellPerLine);
        assert_eq!(rows.len(), 4);
        assert!(rows[0].narrative && !rows[0].loose, "no table before the title");
        assert!(rows[2].narrative && rows[2].loose);
        let never = |_: &[Row], _: usize| false;
        let (row, last) = with_paragraphs(&rows, 1, never);
        assert_eq!(
            (row.cells.clone(), last, row.last_line),
            (vec!["项目名称".into(), "甲\n乙".into()], 2, 5)
        );
        // The title of the next form is not a paragraph.
        let (row, last) = with_paragraphs(&rows, 1, |rows, i| rows[i].has_key("主管部门"));
        assert_eq!((row.cells.len(), last, row.cells[1].as_str()), (2, 1, "甲"));
    }

    #[test]
    fn a_table_row_right_after_a_paragraph_is_the_same_row() {
        let text = "\t\n\t甲1\n\n甲2\n\t乙\n\n丙\n\n\t丁\n";
        let rows = rows(text, Syntax::CellPerLine);
        let (row, last) = with_paragraphs(&rows, 0, |_, _| false);
        assert_eq!(row.cells, vec!["", "甲1\n甲2", "乙\n丙"]);
        assert_eq!((last, row.last_line), (3, 7));
    }

    #[test]
    fn what_starts_something_else() {
        for line in [
            "朝阳区项目支出绩效自评表",
            "2019年项目支出绩效目标申报表",
            "（2020年度）",
            "2020年度",
            "（三）综合评价情况及评价结论（附相关评分表）；",
            "四、其他需要说明的情况",
            "第三部分2020年度其他重要事项的情况说明",
            "附件2",
            "附表：",
            "1、主要经验：",
            "2.收集项目资料进行审阅核查",
            "（1）领导高度重视",
            "项目名称 统计调查经费",
        ] {
            assert!(starts_something_else(line, "集中观察点基本达到要求。"), "{line}");
        }
        for line in [
            "(丰财社内指[2020]5443号)",
            "（问卷120份）",
            "2020年度全部完成",
            "1.5万元",
            "12月底前完成",
            "一是改善餐饮供应；",
            "第一季度支出25%",
            "附件材料齐全",
            "完成统计报表填报",
        ] {
            assert!(!starts_something_else(line, "集中观察点基本达到要求。"), "{line}");
        }
        // A numbered list in the cell goes on; one announced by a colon starts.
        assert!(!starts_something_else("2、完善物资保障。", "原因\n1、加强培训；"));
        assert!(!starts_something_else("（二）畅通渠道", "（一）改善供应"));
        assert!(!starts_something_else("1、加强培训；", "改进措施："));
        assert!(starts_something_else("3、完善物资保障。", "1、加强培训；"));
        assert!(
            starts_something_else("2.完善物资保障。", "1、加强培训；"),
            "another style"
        );
    }

    #[test]
    fn numbers_in_chinese() {
        let n = |s: &str| numbering(s).map(|n| n.number);
        assert_eq!(n("十二、"), Some(12));
        assert_eq!(n("（二十）"), Some(20));
        assert_eq!(n("二十一、"), Some(21));
        assert_eq!(n("１、"), Some(1));
        assert_eq!(n("十十、"), None);
        assert_eq!(n("(3"), None);
    }
}
