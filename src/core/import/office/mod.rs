//! Word (.docx) and Excel (.xlsx) files read into the same row model as the
//! text import ([`super::rows`]), so the same form readers and checks apply.
//!
//! - .docx: every body paragraph outside tables is a narrative row; every
//!   table row is a row of cells the way Word's own text export gives them:
//!   a horizontally merged cell (`gridSpan`) is one cell, a cell continuing a
//!   vertical merge (`vMerge`) is an empty cell, a cell's paragraphs are
//!   joined with line breaks (empty paragraphs dropped). Nested tables give
//!   their text to the cell that holds them.
//! - .xlsx: every visible sheet, in workbook order; each non-empty sheet row
//!   is a row of cells the way Excel copies a range as text: merged cells
//!   keep their value in the top-left cell only, numbers are written from the
//!   stored decimal text (never through a float), percent formats as percent
//!   (0.9018 → "90.18%"), dates as dates.
//!
//! Each row is one "line" of the row model; [`Places`] maps it back to the
//! table/sheet row it came from. Old binary Office files, PDFs, encrypted
//! and damaged files are refused with a Chinese message saying what to do.

mod docx;
mod xlsx;
mod xml;

use std::io::{Cursor, Read};

use super::rows::{Row, Syntax};
use super::{sniff_binary, ImportResult, Importer, Place, Source};

/// What a picked file is, for the import screen.
#[derive(Debug)]
pub enum Opened {
    /// A Word or Excel file, read into rows.
    Office(Document),
    /// Text: decode it (UTF-8, GBK…) and import it as text.
    Text,
}

/// The rows of a Word or Excel file and where each came from.
#[derive(Debug)]
pub struct Document {
    pub rows: Vec<Row>,
    /// Word documents read like Word text, sheets like tab-separated text.
    pub syntax: Syntax,
    pub places: Places,
    /// "Word 文档" / "Excel 工作簿", for the source line.
    pub kind: &'static str,
}

impl Document {
    /// An importer over the rows; call [`Places::locate`] on its result.
    pub fn into_importer(self) -> (Importer, Places) {
        (Importer::from_rows(self.rows, self.syntax), self.places)
    }
}

/// Where each row of a file came from: row `line` is `places[line - 1]`
/// (for text, `line` is the line itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Places {
    pub file: String,
    /// Empty for a text file.
    places: Vec<Place>,
}

impl Places {
    pub fn text(file: &str) -> Places {
        Places {
            file: file.to_string(),
            places: Vec::new(),
        }
    }

    pub fn place(&self, line: usize) -> Place {
        match line.checked_sub(1).and_then(|i| self.places.get(i)) {
            Some(place) => place.clone(),
            None => Place::Line { line },
        }
    }

    /// Sets every form's source and every note's place.
    pub fn locate(&self, result: &mut ImportResult) {
        let office = !self.places.is_empty();
        for form in &mut result.forms {
            form.source = Some(Source {
                file: self.file.clone(),
                first: self.place(form.source_lines.0),
                last: self.place(form.source_lines.1),
            });
            if office {
                for note in form.notes.iter_mut().chain(form.incomplete.as_mut()) {
                    note.place = Some(self.place(note.line));
                }
            }
        }
        if office {
            for note in &mut result.notes {
                note.place = Some(self.place(note.line));
            }
        }
    }
}

/// Uncompressed size read at most from one part of a file: a form workbook
/// is a few MB; this keeps a "zip bomb" from filling the page's memory.
const MAX_PART: u64 = 256 * 1024 * 1024;

/// Tells a Word/Excel file from text and reads it; Err is a Chinese message
/// (without the file name) for a file that cannot be read.
pub fn open(name: &str, bytes: &[u8]) -> Result<Opened, String> {
    let ext = extension(name);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_zip(name, bytes).map(Opened::Office);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ole_message(&ext, bytes));
    }
    if bytes.starts_with(b"%PDF") {
        return Err("这是 PDF 文件，不能直接读取表格。请用 WPS 或 Word 打开 PDF 后“另存为” .docx 再导入；也可以用 PDF 阅读器“另存为文本”（.txt）后导入，或复制文字粘贴到下面的文本框。".into());
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err("这是 RTF 格式的文件。请用 Word/WPS 打开后“另存为” .docx 再导入。".into());
    }
    if matches!(ext.as_str(), "docx" | "xlsx" | "xlsm" | "docm") {
        return Err(format!(
            "文件扩展名是 .{ext}，但内容不是 Word/Excel 文件（文件可能已损坏或不完整）。请用 Word/WPS 打开后“另存为” .docx / .xlsx 再导入。"
        ));
    }
    if let Some(why) = sniff_binary(bytes) {
        return Err(why);
    }
    Ok(Opened::Text)
}

/// Reads a file natively (tests, examples): Word/Excel files, or UTF-8
/// text. Every form's source names the file.
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<ImportResult, String> {
    let (mut importer, places) = match open(name, bytes)? {
        Opened::Office(doc) => doc.into_importer(),
        Opened::Text => {
            let text = super::decode_utf8(bytes).ok_or("文件不是 UTF-8 编码的文字。")?;
            (Importer::new(&text), Places::text(name))
        }
    };
    while !importer.step(usize::MAX) {}
    let mut result = importer.finish();
    places.locate(&mut result);
    Ok(result)
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

const RESAVE: &str = "请用 Word/WPS 打开后“另存为” .docx（文字文档）或 .xlsx（表格）再导入。";

/// An OLE compound file: an old binary Office/WPS file, or a password-
/// protected .docx/.xlsx (which Office wraps in one).
fn ole_message(ext: &str, bytes: &[u8]) -> String {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return "文件设置了打开密码（已加密），无法读取。请在 Word/WPS 中打开，取消密码（文件 → 信息/文档加密 → 清除密码）后另存为 .docx / .xlsx 再导入。".into();
    }
    let word = has("WordDocument");
    let excel = has("Workbook") || has("Book");
    match (ext, word, excel) {
        ("wps", _, _) => {
            "这是 WPS 文字的旧格式文件（.wps），不能直接读取。请用 WPS 打开后“另存为” .docx 再导入。".into()
        }
        ("et", _, _) => "这是 WPS 表格的旧格式文件（.et），不能直接读取。请用 WPS 打开后“另存为” .xlsx 再导入。".into(),
        (_, true, _) | ("doc", _, _) => {
            "这是旧版 Word 文件（.doc），不能直接读取。请用 Word/WPS 打开后“另存为” .docx 再导入。".into()
        }
        (_, _, true) | ("xls", _, _) => {
            "这是旧版 Excel 文件（.xls），不能直接读取。请用 Excel/WPS 打开后“另存为” .xlsx 再导入。".into()
        }
        _ => format!("这是旧版 Office/WPS 格式的文件，不能直接读取。{RESAVE}"),
    }
}

fn damaged(what: impl std::fmt::Display) -> String {
    format!("文件已损坏，无法读取（{what}）。{RESAVE}")
}

/// The zip's parts by name, read on demand.
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    fn new(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(format!("压缩包结构错误：{e}")))?;
        Ok(Package { zip })
    }

    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's text; None when there is no such part.
    fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(_) => {
                format!("文件中的“{name}”使用了不支持的压缩方式或已加密。{RESAVE}")
            }
            e => damaged(format!("{name}：{e}")),
        })?;
        let mut bytes = Vec::new();
        entry
            .take(MAX_PART)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(format!("{name}：{e}")))?;
        if bytes.len() as u64 >= MAX_PART {
            return Err(format!("文件中的“{name}”解压后超过 256 MB，过大，无法读取。"));
        }
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|_| damaged(format!("{name} 不是 UTF-8 编码")))
    }

    /// The main part named by the package relationships (`_rels/.rels`),
    /// when the package has it.
    fn main_part(&mut self) -> Result<Option<String>, String> {
        let rels = self.text("_rels/.rels")?.unwrap_or_default();
        let target = xml::relationships(&rels)
            .map_err(|e| damaged(format!("_rels/.rels：{e}")))?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| resolve("", &r.target));
        Ok(target.filter(|t| self.has(t)))
    }
}

/// A relationship target relative to the folder `base` ("xl/"), or
/// absolute ("/xl/worksheets/sheet1.xml").
fn resolve(base: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn read_zip(name: &str, bytes: &[u8]) -> Result<Document, String> {
    let mut package = Package::new(bytes)?;
    let main = match package.main_part()? {
        Some(main) => Some(main),
        None => ["word/document.xml", "xl/workbook.xml"]
            .into_iter()
            .find(|p| package.has(p))
            .map(str::to_string),
    };
    match main {
        Some(main) if main.starts_with("word/") || main.ends_with("document.xml") => {
            docx::read(&mut package, &main, name)
        }
        Some(main) if main.starts_with("xl/") || main.ends_with("workbook.xml") => {
            xlsx::read(&mut package, &main, name)
        }
        Some(_) => Err(format!(
            "这是 Office 文件，但不是 Word 文档或 Excel 工作簿（可能是演示文稿等）。{RESAVE}"
        )),
        None if package.has("mimetype") || package.has("content.xml") => Err(
            "这是 OpenDocument 格式（.odt/.ods）的文件。请用 WPS 或 LibreOffice 打开后“另存为” .docx / .xlsx 再导入。"
                .into(),
        ),
        None => Err(format!(
            "这是一个压缩包（zip），但不是 Word（.docx）或 Excel（.xlsx）文件。{RESAVE}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_foreign_files_are_named() {
        let ole = |extra: &str| {
            let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            b.extend(extra.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        let err = |name: &str, bytes: &[u8]| open(name, bytes).unwrap_err();
        assert!(err("a.doc", &ole("WordDocument")).contains("另存为” .docx"));
        assert!(err("a.bin", &ole("Workbook")).contains(".xls"));
        assert!(err("a.wps", &ole("")).contains(".wps"));
        assert!(err("a.et", &ole("")).contains(".et"));
        assert!(err("a.docx", &ole("EncryptedPackage")).contains("密码"));
        assert!(err("a.pdf", b"%PDF-1.7\n").contains("PDF"));
        assert!(err("a.docx", b"PK\x03\x04 rest of a zip").contains("损坏"));
        assert!(err("a.docx", b"hello").contains(".docx"));
        assert!(matches!(open("a.txt", "项目名称\t甲\n".as_bytes()), Ok(Opened::Text)));
    }

    #[test]
    fn relationship_targets() {
        assert_eq!(resolve("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
    }
}
