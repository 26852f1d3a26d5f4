//! A .docx body as rows: paragraphs outside tables are narrative rows, table
//! rows are rows of cells as Word's text export gives them (see the module
//! above).

use quick_xml::events::Event;

use super::xml::{attr, error_at, reader, reference};
use super::{damaged, Document, Package, Places};
use crate::core::import::rows::{Row, Syntax};
use crate::core::import::Place;

pub(super) fn read(package: &mut Package<'_>, part: &str, file: &str) -> Result<Document, String> {
    let text = package.text(part)?.ok_or_else(|| damaged(format!("缺少 {part}")))?;
    let (rows, places) = body_rows(&text).map_err(|e| damaged(format!("{part} {e}")))?;
    Ok(Document {
        rows,
        syntax: Syntax::CellPerLine,
        places: Places {
            file: file.to_string(),
            places,
        },
        kind: "Word 文档",
    })
}

/// The cell being read: its paragraphs and merge marks.
#[derive(Default)]
struct CellState {
    paragraphs: Vec<String>,
    continues_merge: bool,
}

#[derive(Default)]
struct Body {
    rows: Vec<Row>,
    places: Vec<Place>,
    paragraphs: usize,
    tables: usize,
    table_row: usize,
}

impl Body {
    fn push(&mut self, cells: Vec<String>, narrative: bool, place: Place) {
        let line = self.rows.len() + 1;
        self.rows.push(Row::new(cells, line, line, narrative, false));
        self.places.push(place);
    }
}

/// Reads `word/document.xml` into rows and the place of each.
pub(super) fn body_rows(text: &str) -> Result<(Vec<Row>, Vec<Place>), String> {
    let mut reader = reader(text);
    let mut body = Body::default();
    // Nesting of tables: 1 inside a top-level table; cells of nested tables
    // give their paragraphs to the top-level cell.
    let mut tables = 0usize;
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<CellState> = None;
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut runs = 0usize;
    // Inside content that repeats other content (a drawing's fallback) or is
    // not body text (text boxes, deleted text, field codes): skipped.
    let mut skipping = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| error_at(&reader, e))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || matches!(name, "Fallback" | "txbxContent" | "instrText" | "delText") {
                    skipping += 1;
                    continue;
                }
                match name {
                    "tbl" => {
                        tables += 1;
                        if tables == 1 {
                            body.tables += 1;
                            body.table_row = 0;
                        }
                    }
                    "tr" if tables == 1 => {
                        body.table_row += 1;
                        row = Some(Vec::new());
                    }
                    "tc" if tables == 1 => cell = Some(CellState::default()),
                    "vMerge" if tables == 1 => merge_mark(&e, cell.as_mut()),
                    "p" => paragraph.clear(),
                    "r" => runs += 1,
                    "t" => in_text = true,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skipping > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    "vMerge" if tables == 1 => merge_mark(&e, cell.as_mut()),
                    "tab" if runs > 0 => paragraph.push(' '),
                    "br" | "cr" if runs > 0 => paragraph.push('\n'),
                    "noBreakHyphen" if runs > 0 => paragraph.push('-'),
                    // An empty paragraph or table row: nothing to add, but a
                    // row must still close.
                    "tc" if tables == 1 => {
                        if let Some(row) = row.as_mut() {
                            row.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skipping == 0 => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && skipping == 0 => paragraph.push_str(&reference(&r)),
            Event::End(e) => {
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "r" => runs = runs.saturating_sub(1),
                    "p" => {
                        let text = std::mem::take(&mut paragraph);
                        if text.trim().is_empty() {
                            continue;
                        }
                        match cell.as_mut() {
                            Some(cell) if tables >= 1 => cell.paragraphs.push(text),
                            _ if tables == 0 => {
                                body.paragraphs += 1;
                                let place = Place::Paragraph {
                                    paragraph: body.paragraphs,
                                };
                                for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
                                    body.push(vec![line.to_string()], true, place.clone());
                                }
                            }
                            // Text in a table but outside any cell: not
                            // valid Word XML; dropped.
                            _ => {}
                        }
                    }
                    "tc" if tables == 1 => {
                        let done = cell.take().unwrap_or_default();
                        let text = if done.continues_merge {
                            String::new()
                        } else {
                            done.paragraphs.join("\n")
                        };
                        if let Some(row) = row.as_mut() {
                            row.push(text);
                        }
                    }
                    "tr" if tables == 1 => {
                        if let Some(cells) = row.take() {
                            let place = Place::TableRow {
                                table: body.tables,
                                row: body.table_row,
                            };
                            body.push(cells, false, place);
                        }
                    }
                    "tbl" => tables = tables.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((body.rows, body.places))
}

/// `<w:vMerge/>` or `w:val="continue"` continues the merge above;
/// `w:val="restart"` starts one.
fn merge_mark(e: &quick_xml::events::BytesStart<'_>, cell: Option<&mut CellState>) {
    if let Some(cell) = cell {
        cell.continues_merge = attr(e, "val").is_none_or(|v| v == "continue");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn tables_merges_and_paragraphs() {
        let xml = doc(&format!(
            "{}<w:p/><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}{}<w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{}</w:tc><w:tc><w:p><w:r><w:t>a&amp;b</w:t><w:tab/><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{}",
            p("附表1"),
            p("项目资金"),
            p("（万元）"),
            p("年初预算数"),
            p("2175.9657"),
            p("说明")
        ));
        let (rows, places) = body_rows(&xml).unwrap();
        let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(
            cells,
            vec![
                vec!["附表1".to_string()],
                vec!["项目资金\n（万元）".into(), "年初预算数".into()],
                vec!["".into(), "2175.9657".into(), "a&b c".into()],
                vec!["说明".into()],
            ]
        );
        assert!(rows[0].narrative && !rows[1].narrative && rows[3].narrative);
        assert_eq!(places[2], Place::TableRow { table: 1, row: 2 });
        assert_eq!(places[3], Place::Paragraph { paragraph: 2 });
        assert_eq!((rows[2].first_line, rows[2].last_line), (3, 3));
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(body_rows("<w:document><w:body><w:p></w:body>").is_err());
    }
}
