//! An .xlsx workbook as rows: every visible sheet in workbook order, each
//! non-empty row as the cells Excel's "copy" gives (see the module above).

use std::collections::BTreeMap;
use std::str::FromStr;

use quick_xml::events::Event;
use rust_decimal::Decimal;

use super::xml::{attr, error_at, reader, reference, relationships};
use super::{damaged, resolve, Document, Package, Places};
use crate::core::import::rows::{Row, Syntax};
use crate::core::import::Place;

/// How a number cell is shown; `Some(n)`: the format writes at least `n`
/// decimals ("0.000000" → 6), which the text gets too (never fewer digits
/// than stored: nothing is rounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Number(Option<u32>),
    Percent(Option<u32>),
    Date,
}

impl Format {
    pub(super) const GENERAL: Format = Format::Number(None);
}

pub(super) fn read(package: &mut Package<'_>, part: &str, file: &str) -> Result<Document, String> {
    let base = part
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let rels_part = format!("{base}_rels/{}.rels", part.rsplit('/').next().unwrap_or(part));
    let rels = relationships(&package.text(&rels_part)?.unwrap_or_default())
        .map_err(|e| damaged(format!("{rels_part} {e}")))?;
    let target = |kind: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(kind))
            .map(|r| resolve(&base, &r.target))
    };
    let strings = match target("/sharedStrings") {
        Some(p) => match package.text(&p)? {
            Some(text) => shared_strings(&text).map_err(|e| damaged(format!("{p} {e}")))?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let formats = match target("/styles") {
        Some(p) => match package.text(&p)? {
            Some(text) => cell_formats(&text).map_err(|e| damaged(format!("{p} {e}")))?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let workbook = package.text(part)?.ok_or_else(|| damaged(format!("缺少 {part}")))?;
    let sheets = sheets(&workbook).map_err(|e| damaged(format!("{part} {e}")))?;
    let mut rows = Vec::new();
    let mut places = Vec::new();
    for sheet in sheets.iter().filter(|s| s.visible) {
        let Some(path) = rels
            .iter()
            .find(|r| r.id == sheet.rel)
            .map(|r| resolve(&base, &r.target))
        else {
            continue;
        };
        let Some(text) = package.text(&path)? else {
            continue;
        };
        let cells =
            sheet_cells(&text, &strings, &formats).map_err(|e| damaged(format!("工作表“{}” {e}", sheet.name)))?;
        let used: usize = cells.len();
        for (number, cells) in sheet_rows(cells) {
            if used.saturating_mul(cells.len()) > MAX_CELLS {
                return Err(format!(
                    "工作表“{}”的使用范围过大（{used} 行 × {} 列），无法读取。请删除表格以外的内容后另存为 .xlsx 再导入。",
                    sheet.name,
                    cells.len()
                ));
            }
            let line = rows.len() + 1;
            let narrative = cells.iter().filter(|c| !c.trim().is_empty()).count() <= 1 && !cells[0].is_empty();
            rows.push(Row::new(cells, line, line, narrative, false));
            places.push(Place::SheetRow {
                sheet: sheet.name.clone(),
                row: number as usize,
            });
        }
    }
    Ok(Document {
        rows,
        syntax: Syntax::TabSeparated,
        places: Places {
            file: file.to_string(),
            places,
        },
        kind: "Excel 工作簿",
    })
}

/// Cells of one sheet's used range read at most (a form sheet has a few
/// thousand; a stray value far to the right must not fill the memory).
const MAX_CELLS: usize = 4_000_000;

struct Sheet {
    name: String,
    rel: String,
    visible: bool,
}

fn sheets(text: &str) -> Result<Vec<Sheet>, String> {
    let mut reader = reader(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| error_at(&reader, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => out.push(Sheet {
                name: attr(&e, "name").unwrap_or_default(),
                rel: attr(&e, "id").unwrap_or_default(),
                visible: attr(&e, "state").is_none_or(|s| s == "visible"),
            }),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The text of each `<si>`, rich runs joined, phonetic runs left out.
fn shared_strings(text: &str) -> Result<Vec<String>, String> {
    let mut reader = reader(text);
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut phonetic) = (false, 0usize);
    loop {
        match reader.read_event().map_err(|e| error_at(&reader, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_t = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Text(t) if in_t && phonetic == 0 => current.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t && phonetic == 0 => current.push_str(&reference(&r)),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(unescape_ooxml(&std::mem::take(&mut current))),
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The format of each cell style (`cellXfs`), by index.
fn cell_formats(text: &str) -> Result<Vec<Format>, String> {
    let mut reader = reader(text);
    let mut custom: BTreeMap<u32, Format> = BTreeMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match reader.read_event().map_err(|e| error_at(&reader, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let Some(id) = attr(&e, "numFmtId").and_then(|i| i.parse().ok()) {
                        custom.insert(id, format_of_code(&attr(&e, "formatCode").unwrap_or_default()));
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => {
                    let id: u32 = attr(&e, "numFmtId").and_then(|i| i.parse().ok()).unwrap_or(0);
                    out.push(custom.get(&id).copied().unwrap_or_else(|| builtin_format(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn builtin_format(id: u32) -> Format {
    match id {
        1 | 3 => Format::Number(Some(0)),
        2 | 4 => Format::Number(Some(2)),
        9 => Format::Percent(Some(0)),
        10 => Format::Percent(Some(2)),
        14..=22 | 27..=36 | 45..=47 | 50..=58 => Format::Date,
        _ => Format::GENERAL,
    }
}

/// A custom format code's kind, from its first section with quoted text,
/// escapes and bracketed parts ([Red], [$-804]) left out.
pub(super) fn format_of_code(code: &str) -> Format {
    let mut plain = String::new();
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => break,
            c if !quoted && !bracket => plain.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    // Digits after the decimal point; none for scientific or text formats.
    let decimals = if plain.contains("e+") || plain.contains("e-") || !plain.contains(['0', '#', '?']) {
        None
    } else {
        let after = plain.split_once('.').map_or("", |(_, a)| a);
        Some(
            after
                .chars()
                .take_while(|c| matches!(c, '0' | '#' | '?'))
                .filter(|c| *c == '0')
                .count() as u32,
        )
    };
    if plain.contains('%') {
        Format::Percent(decimals)
    } else if plain.contains(['y', 'd', 'h']) || plain.contains("mm") && plain.contains(['/', '-']) {
        Format::Date
    } else {
        Format::Number(decimals)
    }
}

/// The cells of a sheet by (row, column), both 1-based, merged areas
/// reduced to their top-left cell.
type Cells = BTreeMap<u32, BTreeMap<u32, String>>;

fn sheet_cells(text: &str, strings: &[String], formats: &[Format]) -> Result<Cells, String> {
    let mut reader = reader(text);
    let mut cells: Cells = BTreeMap::new();
    let mut merges: Vec<((u32, u32), (u32, u32))> = Vec::new();
    let (mut row, mut column) = (0u32, 0u32);
    let mut kind = String::new();
    let mut style = 0usize;
    let mut value = String::new();
    let mut in_value = false;
    let mut phonetic = 0usize;
    loop {
        match reader.read_event().map_err(|e| error_at(&reader, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(range) = attr(&e, "ref").as_deref().and_then(range_ref) {
                    merges.push(range);
                }
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(row.saturating_add(1));
                    column = 0;
                }
                "c" => {
                    column = attr(&e, "r")
                        .as_deref()
                        .and_then(cell_ref)
                        .map_or(column.saturating_add(1), |(_, c)| c);
                    kind = attr(&e, "t").unwrap_or_default();
                    style = attr(&e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                    value.clear();
                }
                "v" | "t" => in_value = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(row.saturating_add(1));
                }
                "c" => {
                    column = attr(&e, "r")
                        .as_deref()
                        .and_then(cell_ref)
                        .map_or(column.saturating_add(1), |(_, c)| c);
                }
                _ => {}
            },
            Event::Text(t) if in_value && phonetic == 0 => value.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_value && phonetic == 0 => value.push_str(&reference(&r)),
            Event::End(e) => match e.local_name().as_ref() {
                "v" | "t" => in_value = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "c" => {
                    let format = formats.get(style).copied().unwrap_or(Format::GENERAL);
                    let text = cell_text(&kind, &value, format, strings);
                    let text = text.replace("\r\n", "\n").replace(['\t', '\r'], " ");
                    if !text.trim().is_empty() && row > 0 && column > 0 {
                        cells.entry(row).or_default().insert(column, text);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    for ((r1, c1), (r2, c2)) in merges {
        for (&r, columns) in cells.range_mut(r1..=r2) {
            let covered: Vec<u32> = columns
                .range(c1..=c2)
                .map(|(&c, _)| c)
                .filter(|&c| (r, c) != (r1, c1))
                .collect();
            for c in covered {
                columns.remove(&c);
            }
        }
    }
    Ok(cells)
}

/// The sheet's non-empty rows, each from the sheet's first used column to
/// its last (as a copied range: empty cells kept).
fn sheet_rows(cells: Cells) -> Vec<(u32, Vec<String>)> {
    let first = cells
        .values()
        .filter_map(|c| c.keys().next())
        .min()
        .copied()
        .unwrap_or(1);
    let last = cells
        .values()
        .filter_map(|c| c.keys().next_back())
        .max()
        .copied()
        .unwrap_or(1);
    let width = (last.saturating_sub(first) as usize).saturating_add(1).min(16_384);
    cells
        .into_iter()
        .filter(|(_, c)| !c.is_empty())
        .map(|(number, columns)| {
            let mut row = vec![String::new(); width];
            for (c, text) in columns {
                if let Some(slot) = row.get_mut(c.saturating_sub(first) as usize) {
                    *slot = text;
                }
            }
            (number, row)
        })
        .collect()
}

/// A cell's text as Excel would copy it, numbers exact.
pub(super) fn cell_text(kind: &str, value: &str, format: Format, strings: &[String]) -> String {
    match kind {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" | "str" => unescape_ooxml(value),
        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        "e" => value.to_string(),
        _ => number_text(value.trim(), format),
    }
}

/// A stored number ("0.9018", "347.36496600000001", "1E-3") as the form's
/// text: at most 15 significant digits (what Excel keeps), no float round
/// trip; a percent format gives "90.18%"; a date format a date.
pub(super) fn number_text(value: &str, format: Format) -> String {
    let parsed = if value.contains(['e', 'E']) {
        Decimal::from_scientific(value).ok()
    } else {
        Decimal::from_str(value).ok()
    };
    let Some(number) = parsed else {
        return value.to_string();
    };
    let exact = |d: Decimal, decimals: Option<u32>| {
        let mut d = d.round_sf(15).unwrap_or(d).normalize();
        if let Some(n) = decimals.filter(|&n| n > d.scale() && n <= 20) {
            d.rescale(n);
        }
        d.to_string()
    };
    match format {
        Format::Percent(decimals) => number
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or_else(|| value.to_string(), |p| format!("{}%", exact(p, decimals))),
        Format::Date => date_text(number).unwrap_or_else(|| exact(number, None)),
        Format::Number(decimals) => exact(number, decimals),
    }
}

/// An Excel date serial (days since 1899-12-30) as "2020年12月31日".
fn date_text(serial: Decimal) -> Option<String> {
    let days = i64::try_from(serial.trunc())
        .ok()
        .filter(|d| (1..2_958_466).contains(d))?;
    // Days from 1970-01-01, then the civil date (H. Hinnant's algorithm).
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!("{year}年{month}月{day}日"))
}

/// "_x000D_" escapes of OOXML strings.
fn unescape_ooxml(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail
            .get(2..6)
            .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()) && tail.get(6..7) == Some("_"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// "B3" → (3, 2).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = r.split_at(split);
    let digits = digits.trim_start_matches('$');
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let column = letters.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(26)?
            .checked_add(u32::from(c.to_ascii_uppercase() as u8 - b'A' + 1))
    })?;
    Some((digits.parse().ok().filter(|&r| r > 0)?, column))
}

/// "A1:C2" → ((1, 1), (2, 3)).
fn range_ref(r: &str) -> Option<((u32, u32), (u32, u32))> {
    let (a, b) = r.split_once(':')?;
    let (a, b) = (cell_ref(a)?, cell_ref(b)?);
    Some(((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exact_and_formatted() {
        let general = Format::GENERAL;
        assert_eq!(number_text("0.9018", Format::Percent(Some(2))), "90.18%");
        assert_eq!(
            number_text("0.9018", Format::Percent(Some(0))),
            "90.18%",
            "never rounded"
        );
        assert_eq!(number_text("1", Format::Percent(Some(2))), "100.00%");
        assert_eq!(number_text("0.99372", Format::Percent(None)), "99.372%");
        assert_eq!(number_text("347.36496600000001", general), "347.364966");
        assert_eq!(number_text("10", Format::Number(Some(6))), "10.000000");
        assert_eq!(number_text("10.9997", Format::Number(Some(6))), "10.999700");
        assert_eq!(number_text("0.30000000000000004", general), "0.3");
        assert_eq!(number_text("2175.9657", general), "2175.9657");
        assert_eq!(number_text("10", general), "10");
        assert_eq!(number_text("1E-3", general), "0.001");
        assert_eq!(number_text("44196", Format::Date), "2020年12月31日");
        assert_eq!(number_text("abc", general), "abc");
    }

    #[test]
    fn format_codes() {
        assert_eq!(format_of_code("0.00%"), Format::Percent(Some(2)));
        assert_eq!(format_of_code("0.00_ ;[Red]\\-0.00\\ "), Format::Number(Some(2)));
        assert_eq!(format_of_code("yyyy\"年\"m\"月\"d\"日\""), Format::Date);
        assert_eq!(format_of_code("#,##0.000000"), Format::Number(Some(6)));
        assert_eq!(format_of_code("\"%\"0"), Format::Number(Some(0)));
        assert_eq!(format_of_code("0.00E+00"), Format::Number(None));
        assert_eq!(format_of_code("@"), Format::GENERAL);
        assert_eq!(builtin_format(10), Format::Percent(Some(2)));
    }

    #[test]
    fn references_and_escapes() {
        assert_eq!(cell_ref("B3"), Some((3, 2)));
        assert_eq!(cell_ref("AA10"), Some((10, 27)));
        assert_eq!(cell_ref("ZZZZ1"), None);
        assert_eq!(range_ref("C2:A1"), Some(((1, 1), (2, 3))));
        assert_eq!(unescape_ooxml("a_x000D_b_x"), "a\rb_x");
    }

    #[test]
    fn merged_cells_keep_the_top_left_value() {
        let sheet = r#"<worksheet><sheetData>
            <row r="2"><c r="B2" t="inlineStr"><is><t>项目名称</t></is></c><c r="C2" t="inlineStr"><is><t>甲</t></is></c><c r="D2" t="inlineStr"><is><t>甲</t></is></c></row>
            <row r="3"><c r="C3" s="1"><v>0.9018</v></c></row>
            </sheetData><mergeCells><mergeCell ref="C2:D2"/></mergeCells></worksheet>"#;
        let cells = sheet_cells(sheet, &[], &[Format::GENERAL, Format::Percent(Some(2))]).unwrap();
        let rows = sheet_rows(cells);
        assert_eq!(rows[0], (2, vec!["项目名称".to_string(), "甲".into()]));
        assert_eq!(rows[1], (3, vec!["".to_string(), "90.18%".into()]));
    }
}
