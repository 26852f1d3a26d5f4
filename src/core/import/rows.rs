//! Turns extracted document text into rows of cells, whatever the syntax:
//! - Word text, one cell per line: each cell starts with a tab, a line without
//!   a leading tab continues the previous cell, a blank line ends the row;
//! - tab-separated rows copied from Excel/WPS: one row per line.
//!
//! Lines outside any table are kept as narrative rows (one cell).

/// One table row (or narrative line) with its 1-based source line range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    pub first_line: usize,
    pub last_line: usize,
    pub narrative: bool,
}

impl Row {
    /// The cells with white space removed, for matching labels that Word
    /// broke over lines ("年初预\n算数").
    pub fn keys(&self) -> Vec<String> {
        self.cells.iter().map(|c| key(c)).collect()
    }

    pub fn has_key(&self, needle: &str) -> bool {
        self.cells.iter().any(|c| key(c).contains(needle))
    }

    pub fn position(&self, needle: &str) -> Option<usize> {
        self.cells.iter().position(|c| key(c).contains(needle))
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
        let p = self.keys().iter().position(|k| matches(k))?;
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

/// Removes all white space: a label's identity regardless of line breaks.
pub fn key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() && !line.starts_with('\t') {
            if let Some(row) = current.take() {
                out.push(row);
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix('\t') {
            let row = current.get_or_insert_with(|| Row {
                cells: Vec::new(),
                first_line: n,
                last_line: n,
                narrative: false,
            });
            if row.narrative {
                // A narrative line directly followed by a table row.
                out.push(current.take().expect("row present"));
                current = Some(Row {
                    cells: vec![rest.to_string()],
                    first_line: n,
                    last_line: n,
                    narrative: false,
                });
            } else {
                row.cells.push(rest.to_string());
                row.last_line = n;
            }
        } else if let Some(row) = current.as_mut().filter(|r| !r.narrative && !r.cells.is_empty()) {
            // Continuation of the previous cell (a line break inside a cell).
            let last = row.cells.last_mut().expect("non-empty row");
            last.push('\n');
            last.push_str(line);
            row.last_line = n;
        } else {
            if let Some(row) = current.take() {
                out.push(row);
            }
            out.push(Row {
                cells: vec![line.to_string()],
                first_line: n,
                last_line: n,
                narrative: true,
            });
        }
    }
    if let Some(row) = current.take() {
        out.push(row);
    }
    out
}

fn tab_rows(text: &str) -> Vec<Row> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let line = line.trim_end_matches('\r');
            let cells: Vec<String> = line.split('\t').map(|c| c.to_string()).collect();
            let narrative = cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1 && !line.starts_with('\t');
            Row {
                cells,
                first_line: i + 1,
                last_line: i + 1,
                narrative,
            }
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
}
