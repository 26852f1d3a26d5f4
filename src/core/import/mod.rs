//! Import of existing forms from extracted document text (DOMAIN.md §4).
//!
//! A document may hold many forms with narrative text between them; each
//! form found records its source line range and what could not be read.
//! Nothing is dropped silently and no input makes it panic.

mod central;
mod declaration;
mod evaluation;
mod hubei;
pub mod office;
mod pdftext;
pub mod rows;

use serde::{Deserialize, Serialize};

use super::model::Form;
use rows::{detect_syntax, key, Row, Syntax};

/// Something in the source that was not understood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportNote {
    /// 1-based source line (for a Word or Excel file: the row's number in
    /// the document's row model; `place` says where that is).
    pub line: usize,
    pub message: String,
    /// Where `line` is in a Word or Excel file; None for text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

impl ImportNote {
    /// "第 12 行", or the place in a Word/Excel file.
    pub fn location(&self) -> String {
        match &self.place {
            Some(place) => place.to_string(),
            None => Place::Line { line: self.line }.to_string(),
        }
    }
}

/// A place in a source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// Line `line` (1-based) of a text file.
    Line { line: usize },
    /// The `paragraph`-th paragraph outside tables of a Word document.
    Paragraph { paragraph: usize },
    /// Row `row` of the `table`-th table of a Word document (both 1-based,
    /// tables counted in document order).
    TableRow { table: usize, row: usize },
    /// Row `row` (as Excel numbers it) of the worksheet named `sheet`.
    SheetRow { sheet: String, row: usize },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line { line } => write!(f, "第 {line} 行"),
            Place::Paragraph { paragraph } => write!(f, "表格外第 {paragraph} 段"),
            Place::TableRow { table, row } => write!(f, "第 {table} 个表格第 {row} 行"),
            Place::SheetRow { sheet, row } => write!(f, "工作表“{sheet}”第 {row} 行"),
        }
    }
}

/// The file a form was read from and its first and last place there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub first: Place,
    pub last: Place,
}

impl std::fmt::Display for Source {
    /// "附表.docx：第 2 个表格第 1–38 行", "自评.xlsx：工作表“表1”第 3–40 行".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = &self.file;
        match (&self.first, &self.last) {
            (a, b) if a == b => write!(f, "{file}：{a}"),
            (Place::Line { line: a }, Place::Line { line: b }) => write!(f, "{file}：第 {a}–{b} 行"),
            (Place::TableRow { table: t, row: a }, Place::TableRow { table: u, row: b }) if t == u => {
                write!(f, "{file}：第 {t} 个表格第 {a}–{b} 行")
            }
            (Place::SheetRow { sheet: s, row: a }, Place::SheetRow { sheet: t, row: b }) if s == t => {
                write!(f, "{file}：工作表“{s}”第 {a}–{b} 行")
            }
            (a, b) => write!(f, "{file}：{a}至{b}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedForm {
    pub form: Form,
    /// 1-based inclusive line range in the source document.
    pub source_lines: (usize, usize),
    pub notes: Vec<ImportNote>,
    /// Read from PDF text: only amounts, rates, 分值/得分 and totals are
    /// reliable, so only the checks built on them apply.
    #[serde(default)]
    pub numbers_only: bool,
    /// Some when the form was not read to its end (reading stopped before
    /// its 总分 or 综合得分 row) or no indicator row was found: the form
    /// must not be counted as if it were complete. `line` is where reading
    /// stopped; the message says what is missing.
    #[serde(default)]
    pub incomplete: Option<ImportNote>,
    /// The file and the place in it the form was read from (None for
    /// pasted text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    pub forms: Vec<ImportedForm>,
    /// Document-level notes (nothing found, unsupported layout…).
    pub notes: Vec<ImportNote>,
}

/// A kind of form: `starts` tells whether row `i` opens one (the document's
/// syntax is given for readers that only apply to one), `parse` reads it
/// from there.
struct Reader {
    name: &'static str,
    starts: fn(&[Row], usize, Syntax) -> bool,
    parse: Parse,
}

/// Reads the form that starts at row `i`, given the year found so far in the
/// document; returns it with the index of its last row.
type Parse = fn(&[Row], usize, Option<i32>) -> (ImportedForm, usize);

/// Tried in this order at each row not read yet; the first whose `starts`
/// holds reads the form. Put a more specific reader before a more general
/// one: in PDF text, a line that is just "项目名称" with "项目资金" below
/// also looks like a central form's first row, so the PDF-text reader
/// (plain text only) goes first.
const READERS: [Reader; 6] = [
    Reader {
        name: "PDF text",
        starts: |rows, i, syntax| syntax == Syntax::Plain && pdftext::starts_form(rows, i),
        parse: pdftext::parse,
    },
    Reader {
        name: "central project",
        starts: |rows, i, _| central::starts_form(rows, i),
        parse: central::parse,
    },
    Reader {
        name: "Hubei project",
        starts: |rows, i, _| hubei::starts_project(&rows[i]),
        parse: hubei::parse_project,
    },
    Reader {
        name: "Hubei department",
        starts: |rows, i, _| hubei::starts_department(&rows[i]),
        parse: hubei::parse_department,
    },
    Reader {
        name: "declaration",
        starts: |rows, i, _| declaration::starts_form(&rows[i]),
        parse: declaration::parse,
    },
    Reader {
        name: "evaluation",
        starts: |rows, i, _| evaluation::starts_table(&rows[i]),
        parse: evaluation::parse,
    },
];

/// Finds and reads every form in a document's text.
pub fn import_text(text: &str) -> ImportResult {
    let mut importer = Importer::new(text);
    while !importer.step(usize::MAX) {}
    importer.finish()
}

/// An import that can run in slices, so a page can show progress and stay
/// responsive on large documents: `step` until it returns true, then `finish`.
pub struct Importer {
    rows: Vec<Row>,
    syntax: Syntax,
    empty: bool,
    next: usize,
    year: Option<i32>,
    result: ImportResult,
}

impl Importer {
    pub fn new(text: &str) -> Importer {
        let syntax = detect_syntax(text);
        Importer::from_rows(rows::rows(text, syntax), syntax)
    }

    /// An import of rows read from a Word or Excel file ([`office`]), in
    /// the syntax whose readers apply (Word text or tab-separated).
    pub fn from_rows(rows: Vec<Row>, syntax: Syntax) -> Importer {
        Importer {
            empty: rows.iter().all(|r| r.cells.iter().all(|c| c.trim().is_empty())),
            rows,
            syntax,
            next: 0,
            year: None,
            result: ImportResult::default(),
        }
    }

    /// (rows read, all rows).
    pub fn progress(&self) -> (usize, usize) {
        (self.next.min(self.rows.len()), self.rows.len())
    }

    /// Reads forms until at least `budget` rows were consumed; true when done.
    pub fn step(&mut self, budget: usize) -> bool {
        let rows = &self.rows;
        let stop = self.next.saturating_add(budget);
        while self.next < rows.len() && self.next < stop {
            let i = self.next;
            if let Some(y) = year_in(&rows[i].text()) {
                self.year = Some(y);
            }
            let year = self.year;
            let parsed = READERS
                .iter()
                .find(|r| (r.starts)(rows, i, self.syntax))
                .map(|r| (r, (r.parse)(rows, i, year)));
            match parsed {
                Some((reader, (mut form, end))) => {
                    debug_assert!(end >= i, "the {} reader ended before its start", reader.name);
                    // A form cut short may have read the next one's title
                    // rows, which that one counts as its own too.
                    if let Some(before) = self.result.forms.last() {
                        let (first, last) = &mut form.source_lines;
                        *first = (*first).max(before.source_lines.1 + 1).min(*last);
                    }
                    self.result.forms.push(form);
                    self.next = end.max(i) + 1;
                }
                None => self.next += 1,
            }
        }
        self.next >= rows.len()
    }

    pub fn finish(mut self) -> ImportResult {
        if self.result.forms.is_empty() {
            let message = if self.empty {
                "文件内容为空。".to_string()
            } else if self.syntax == Syntax::Plain {
                "没有找到可识别的表格：文本中没有制表符分隔的单元格，也没有“项目名称”和“年度资金总额”行。请从 Word 或 Excel 中复制表格后粘贴。".to_string()
            } else {
                "没有找到绩效自评表：未发现“项目名称”“项目资金”“总分”等表格标志。".to_string()
            };
            self.result.notes.push(ImportNote {
                place: None,
                line: 1,
                message,
            });
        }
        self.result
    }
}

/// The `incomplete` note of a form: what is `missing`, joined, at the
/// line where reading stopped; None when nothing is.
pub(crate) fn incomplete_note(line: usize, missing: &[String]) -> Option<ImportNote> {
    (!missing.is_empty()).then(|| ImportNote {
        place: None,
        line,
        message: format!("{}。", missing.join("；")),
    })
}

/// "（2020年度）", "2020年度…" → 2020 (years 2000–2099 only).
pub(crate) fn year_in(text: &str) -> Option<i32> {
    let k = key(text);
    let pos = k.find("年度")?;
    let before: Vec<char> = k[..pos].chars().collect();
    if before.len() < 4 {
        return None;
    }
    let digits: String = before[before.len() - 4..].iter().collect();
    digits.parse::<i32>().ok().filter(|y| (2000..2100).contains(y))
}

/// Why a file's bytes are not text this tool can read, in Chinese, or None
/// when they look like text. Original Word/Excel/PDF files are named.
pub fn sniff_binary(bytes: &[u8]) -> Option<String> {
    let advice = "请在 Word/WPS 中“另存为”纯文本（.txt），或打开表格后全选复制、粘贴到下面的文本框。";
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(format!(
            "这是 Word/Excel 文件（.docx/.xlsx）的原件，不能直接读取。{advice}"
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Some(format!(
            "这是 PDF 文件的原件，不能直接读取。请用 PDF 阅读器“另存为文本”后导入，或复制文字后粘贴。{advice}"
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(format!(
            "这是旧版 Word/Excel 文件（.doc/.xls）的原件，不能直接读取。{advice}"
        ));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|b| **b == 0 || (**b < 0x09) || (**b > 0x0D && **b < 0x20 && **b != 0x1B))
        .count();
    if !utf16 && !head.is_empty() && controls * 50 > head.len() {
        return Some(format!(
            "文件内容不是文字（含大量控制字符），可能是图片、压缩包或其他程序的文件。{advice}"
        ));
    }
    None
}

/// UTF-8 text (a BOM is dropped), or None when the bytes are not UTF-8.
pub fn decode_utf8(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).ok().map(str::to_string)
}

#[cfg(test)]
mod sniff_tests {
    use super::*;

    #[test]
    fn originals_and_binary_are_named_text_passes() {
        assert!(sniff_binary(b"PK\x03\x04rest").unwrap().contains(".docx"));
        assert!(sniff_binary(b"%PDF-1.7").unwrap().contains("PDF"));
        assert!(sniff_binary(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2]).unwrap().contains(".doc"));
        assert!(sniff_binary(&[0u8; 100]).unwrap().contains("控制字符"));
        assert!(sniff_binary("项目名称\t公共服务经费\r\n".as_bytes()).is_none());
        assert!(sniff_binary(&[0xFF, 0xFE, b'a', 0]).is_none(), "UTF-16 text is text");
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFabc").as_deref(), Some("abc"));
        assert_eq!(decode_utf8(&[0xC4, 0xFA]), None, "GBK bytes are not UTF-8");
    }
}
