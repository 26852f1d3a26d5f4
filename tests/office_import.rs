//! Word and Excel files made by other writers (python-docx, openpyxl; see
//! tools/make-office-fixtures.py) import into the same forms, totals and
//! findings as the text they were made from; bad files get a message.

use jixiao::core::import::office::import_bytes;
use jixiao::core::import::{import_text, ImportResult, Place};
use jixiao::core::summary::{review, summarize};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// One line per form (kind, name, totals, grade) and per finding (code,
/// severity, field, message): everything but where in the file it is.
fn render(result: ImportResult) -> Vec<String> {
    let mut out = Vec::new();
    for imported in result.forms {
        let r = review(imported);
        let form = &r.imported.form;
        out.push(format!(
            "{} 「{}」 printed {} computed {} grade {} {:?}{}{}",
            form.kind_label(),
            form.name().split_whitespace().collect::<Vec<_>>().join(" "),
            r.printed_total.map_or("—".into(), |t| t.to_string()),
            r.computed_total.map_or("—".into(), |t| t.normalize().to_string()),
            r.grade_printed,
            r.rate,
            if r.not_scored { " 不计分数" } else { "" },
            if r.incomplete() { " 未完整读取" } else { "" },
        ));
        for f in &r.findings {
            let location = if f.code.as_str() == "IMPORT_INCOMPLETE" {
                ""
            } else {
                &f.location
            };
            out.push(format!(
                "  {} {} {} [{}] {}",
                f.severity.label(),
                f.code,
                f.field,
                location,
                f.message
            ));
        }
    }
    out
}

fn text_result(name: &str) -> ImportResult {
    import_text(&String::from_utf8(fixture(name)).unwrap())
}

fn office_result(name: &str) -> ImportResult {
    import_bytes(name, &fixture(&format!("office/{name}"))).expect("imports")
}

fn same_as_text(office: &str, text: &str) {
    let (got, want) = (render(office_result(office)), render(text_result(text)));
    if got != want {
        let first = got
            .iter()
            .zip(&want)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(want.len()));
        panic!(
            "{office}: {} lines vs {} from the text; first difference at {first}:\n  office: {:?}\n  text:   {:?}",
            got.len(),
            want.len(),
            got.get(first),
            want.get(first)
        );
    }
    let (a, b) = (office_result(office), text_result(text));
    let (sa, sb) = (
        summarize(&a.forms.into_iter().map(review).collect::<Vec<_>>()),
        summarize(&b.forms.into_iter().map(review).collect::<Vec<_>>()),
    );
    assert_eq!(
        (sa.forms, sa.evaluated, sa.amount_wan, sa.with_errors, sa.incomplete),
        (sb.forms, sb.evaluated, sb.amount_wan, sb.with_errors, sb.incomplete),
        "{office}: unit summary"
    );
}

#[test]
fn chaoyang_docx_and_xlsx_read_as_their_text() {
    same_as_text(
        "bj-chaoyang-2020-project-selfeval.docx",
        "bj-chaoyang-2020-project-selfeval.txt",
    );
    same_as_text(
        "bj-chaoyang-2020-project-selfeval.xlsx",
        "bj-chaoyang-2020-project-selfeval.txt",
    );
}

#[test]
fn fengtai_docx_and_xlsx_read_as_their_text() {
    same_as_text(
        "bj-fengtai-2020-final-accounts-sample.docx",
        "bj-fengtai-2020-final-accounts-sample.txt",
    );
    // 26 sheets; amounts such as 133.556808 and 10.000000 stored as numbers.
    same_as_text(
        "bj-fengtai-2020-final-accounts-sample.xlsx",
        "bj-fengtai-2020-final-accounts-sample.txt",
    );
}

#[test]
fn xicheng_declarations_docx_and_xlsx_read_as_their_text() {
    same_as_text(
        "bj-xicheng-2019-target-declarations.docx",
        "bj-xicheng-2019-target-declarations.txt",
    );
    same_as_text(
        "bj-xicheng-2019-target-declarations.xlsx",
        "bj-xicheng-2019-target-declarations.txt",
    );
}

#[test]
fn wuhan_docx_and_xlsx_read_as_their_text() {
    same_as_text(
        "hb-wuhan-2020-dept-and-project-selfeval.docx",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
    );
    same_as_text(
        "hb-wuhan-2020-dept-and-project-selfeval.xlsx",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
    );
}

#[test]
fn forms_remember_their_file_table_sheet_and_row() {
    let docx = office_result("bj-chaoyang-2020-project-selfeval.docx");
    let source = docx.forms[0].source.as_ref().expect("source");
    assert_eq!(source.file, "bj-chaoyang-2020-project-selfeval.docx");
    assert!(matches!(source.first, Place::TableRow { table: 1, row: 1 }), "{source}");
    assert!(
        source
            .to_string()
            .starts_with("bj-chaoyang-2020-project-selfeval.docx：第 1 个表格第 1–"),
        "{source}"
    );

    let xlsx = office_result("bj-chaoyang-2020-project-selfeval.xlsx");
    let sheets: Vec<String> = xlsx
        .forms
        .iter()
        .map(|f| match &f.source.as_ref().unwrap().first {
            Place::SheetRow { sheet, .. } => sheet.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(sheets, ["表1", "表2"], "one form per sheet");

    let text = import_bytes("a.txt", &fixture("bj-chaoyang-2020-project-selfeval.txt")).unwrap();
    assert_eq!(text.forms[0].source.as_ref().unwrap().first, Place::Line { line: 2 });
}

#[test]
fn a_hidden_sheet_is_not_read() {
    let bytes = fixture("office/bj-xicheng-2019-target-declarations.xlsx");
    let result = import_bytes("x.xlsx", &bytes).unwrap();
    assert!(result
        .forms
        .iter()
        .all(|f| !matches!(&f.source.as_ref().unwrap().first, Place::SheetRow { sheet, .. } if sheet == "隐藏")));
}

#[test]
fn old_encrypted_damaged_and_foreign_files_get_a_message() {
    let docx = fixture("office/bj-chaoyang-2020-project-selfeval.docx");
    let ole = |stream: &str| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.resize(512, 0);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("表.doc", ole("WordDocument"), "另存为” .docx"),
        ("表.xls", ole("Workbook"), "另存为” .xlsx"),
        ("表.wps", ole("WordDocument"), ".wps"),
        ("表.et", ole("Workbook"), ".et"),
        ("加密.docx", ole("EncryptedPackage"), "密码"),
        ("表.pdf", b"%PDF-1.4\n%\xe2\xe3".to_vec(), "PDF"),
        ("截断.docx", docx[..docx.len() / 2].to_vec(), "损坏"),
        ("空.docx", Vec::new(), ".docx"),
        (
            "图.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0\0\0\0\0".to_vec(),
            "不是文字",
        ),
    ];
    for (name, bytes, expected) in cases {
        match import_bytes(name, &bytes) {
            Err(message) => assert!(message.contains(expected), "{name}: {message}"),
            Ok(r) => panic!("{name}: read {} forms", r.forms.len()),
        }
    }
    // A zip that is neither: named as such.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(import_bytes("a.zip", &bytes).unwrap_err().contains("不是 Word"));
}

/// Rebuilds a zip with one part replaced (stored, uncompressed).
fn with_part(bytes: &[u8], part: &str, content: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        std::io::Write::write_all(&mut out, if name == part { content } else { &data }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn part(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut data = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut data).unwrap();
    data
}

#[test]
fn the_208_form_docx_imports_and_checks_quickly() {
    let bytes = fixture("office/bj-fengtai-x8-208-forms.docx");
    let started = std::time::Instant::now();
    let result = import_bytes("many.docx", &bytes).unwrap();
    let reviewed: Vec<_> = result.forms.into_iter().map(review).collect();
    let elapsed = started.elapsed();
    assert_eq!(reviewed.len(), 208);
    let text = render(text_result("bj-fengtai-2020-final-accounts-sample.txt"));
    let one = render(office_result("bj-fengtai-2020-final-accounts-sample.docx"));
    assert_eq!(one, text);
    eprintln!("208-form docx ({} KB): import + check {elapsed:?}", bytes.len() / 1024);
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
}

mod damage {
    use super::*;
    use proptest::prelude::*;

    fn samples() -> [(&'static str, Vec<u8>); 2] {
        [
            ("a.docx", fixture("office/bj-chaoyang-2020-project-selfeval.docx")),
            ("b.xlsx", fixture("office/bj-chaoyang-2020-project-selfeval.xlsx")),
        ]
    }

    fn outcome_is_clear(name: &str, bytes: &[u8]) {
        match import_bytes(name, bytes) {
            Ok(result) => assert!(!result.forms.is_empty() || !result.notes.is_empty()),
            Err(message) => assert!(message.chars().count() > 10, "{message}"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// Bytes of the file overwritten or the file cut short.
        #[test]
        fn damaged_zip_bytes(which in 0usize..2, at in 0.0f64..1.0, len in 1usize..64, byte in any::<u8>(), cut in any::<bool>()) {
            let [a, b] = samples();
            let (name, mut bytes) = if which == 0 { a } else { b };
            let start = ((bytes.len() as f64) * at) as usize;
            if cut {
                bytes.truncate(start);
            } else {
                let end = (start + len).min(bytes.len());
                bytes[start..end].iter_mut().for_each(|b| *b ^= byte | 1);
            }
            outcome_is_clear(name, &bytes);
        }

        /// The main XML part damaged: a piece removed, or markup inserted.
        #[test]
        fn damaged_xml(which in 0usize..3, at in 0.0f64..1.0, len in 0usize..400, insert in prop::sample::select(vec![
            "", "<", "</w:tc>", "<w:tc>", "<w:vMerge/>", "<w:gridSpan w:val=\"99999999999\"/>", "&bogus;", "&#0;",
            "</row>", "<c r=\"ZZZZZZ99999999999\"><v>1e999</v></c>", "<mergeCell ref=\"A1:XFD1048576\"/>", "<c t=\"s\"><v>99999</v></c>", "\u{0}",
        ])) {
            let [a, b] = samples();
            let (name, bytes, part_name) = match which {
                0 => (a.0, a.1, "word/document.xml"),
                1 => (b.0, b.1, "xl/worksheets/sheet1.xml"),
                _ => (b.0, b.1, "xl/styles.xml"),
            };
            let mut xml = part(&bytes, part_name);
            let start = ((xml.len() as f64) * at) as usize;
            let end = (start + len).min(xml.len());
            xml.splice(start..end, insert.bytes());
            outcome_is_clear(name, &with_part(&bytes, part_name, &xml));
        }
    }
}

#[test]
fn a_form_cut_short_in_a_docx_says_where_in_the_file() {
    let bytes = fixture("office/bj-chaoyang-2020-project-selfeval.docx");
    let xml = String::from_utf8(part(&bytes, "word/document.xml")).unwrap();
    // Drop the last form's 总分 row.
    let at = xml.rfind("总分").unwrap();
    let start = xml[..at].rfind("<w:tr>").or_else(|| xml[..at].rfind("<w:tr ")).unwrap();
    let end = at + xml[at..].find("</w:tr>").unwrap() + "</w:tr>".len();
    let cut = format!("{}{}", &xml[..start], &xml[end..]);
    let result = import_bytes("cut.docx", &with_part(&bytes, "word/document.xml", cut.as_bytes())).unwrap();
    let last = result.forms.last().unwrap();
    let stop = last.incomplete.as_ref().expect("incomplete");
    assert!(matches!(stop.place, Some(Place::TableRow { .. })), "{stop:?}");
    let finding = &review(last.clone()).findings[0];
    assert_eq!(finding.code.as_str(), "IMPORT_INCOMPLETE");
    assert!(
        finding.location.starts_with("原文第 ") && finding.location.contains("个表格第"),
        "{}",
        finding.location
    );
}

/// LibreOffice made these from HTML tables with rowspan/colspan; its Calc
/// import turned numbers into number cells, rates into percent cells.
#[test]
fn libreoffice_files_read_as_their_text() {
    same_as_text(
        "lo-bj-chaoyang-2020-project-selfeval.docx",
        "bj-chaoyang-2020-project-selfeval.txt",
    );
    same_as_text(
        "lo-bj-chaoyang-2020-project-selfeval.xlsx",
        "bj-chaoyang-2020-project-selfeval.txt",
    );
    same_as_text(
        "lo-hb-wuhan-2020-dept-and-project-selfeval.docx",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
    );
    // Calc's HTML import laid the table out on a finer grid (most cells
    // merged across two columns), so this workbook is compared with
    // LibreOffice's own tab-separated export of it: the sheet as a user
    // copying it as text would get it.
    same_as_text(
        "lo-hb-wuhan-2020-dept-and-project-selfeval.xlsx",
        "office/lo-hb-wuhan-2020-dept-and-project-selfeval.xlsx.tsv",
    );
}
