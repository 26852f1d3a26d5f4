//! Generated reports read back by readers we did not write: calamine for the
//! workbooks, the zip crate and the raw XML for the Word documents.

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use jixiao::core::import::import_text;
use jixiao::core::model::{Form, ProjectForm};
use jixiao::core::report::{self, docx, xlsx, UnitReport};
use jixiao::core::scheme::Scheme;
use jixiao::core::scoring::{fmt_num, score_project};
use jixiao::core::summary::{paragraph, review, summarize, Reviewed};
use rust_decimal::Decimal;

const CHAOYANG: &str = include_str!("fixtures/bj-chaoyang-2020-project-selfeval.txt");
const FENGTAI: &str = include_str!("fixtures/bj-fengtai-2020-final-accounts-sample.txt");
const WUHAN: &str = include_str!("fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt");

fn forms(text: &str) -> Vec<Form> {
    import_text(text).forms.into_iter().map(|f| f.form).collect()
}

fn projects() -> Vec<ProjectForm> {
    [CHAOYANG, FENGTAI, WUHAN]
        .iter()
        .flat_map(|t| forms(t))
        .filter_map(|f| match f {
            Form::Project(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

/// The decimal a number cell holds, through its shortest digits.
fn decimal(d: &Data) -> Option<Decimal> {
    match d {
        Data::Float(f) => f.to_string().parse().ok(),
        Data::Int(i) => Some(Decimal::from(*i)),
        _ => None,
    }
}

fn find(range: &calamine::Range<Data>, text: &str) -> Option<(usize, usize)> {
    range
        .cells()
        .find(|(_, _, v)| matches!(v, Data::String(s) if s == text))
        .map(|(r, c, _)| (r, c))
}

#[test]
fn every_project_form_reads_back_with_numbers_formulas_and_merges() {
    let all = projects();
    assert!(all.len() >= 20, "{} project forms", all.len());
    for p in all {
        let bytes = xlsx::form_workbook(&Form::Project(p.clone())).unwrap();
        let mut wb = open(bytes);
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        let name = p.name.raw().trim();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("项目支出绩效自评表".into())),
            "{name}"
        );
        if !name.is_empty() {
            assert!(find(&range, name).is_some(), "{name}: name cell");
        }

        // Money cells are NUMBER cells with the form's exact figures.
        let scheme = Scheme::of_project(&p);
        let annual = scheme
            .limits()
            .read(jixiao::core::scheme::Figure::Money, &p.funds.total.annual);
        if let Some(annual) = annual {
            let found = range.cells().any(|(_, _, v)| decimal(v) == Some(annual));
            assert!(found, "{name}: 全年预算数 {annual} as a number");
        }

        // 执行率 and 总分 are live formulas with the cached value.
        let result = score_project(scheme, &p);
        let all_formulas: Vec<String> = formulas.cells().map(|(_, _, f)| f.clone()).collect();
        assert!(
            all_formulas.iter().any(|f| f.contains('/')),
            "{name}: rate formula {all_formulas:?}"
        );
        if let Some(rate) = &result.exec_rate {
            let cached = range
                .cells()
                .any(|(_, _, v)| decimal(v).is_some_and(|d| (d - rate.value).abs() < Decimal::new(1, 12)));
            assert!(cached, "{name}: cached rate {}", rate.value);
        }
        if !result.not_scored {
            assert!(
                all_formulas.iter().any(|f| f.starts_with("SUM(")),
                "{name}: total formula"
            );
            if let Some(total) = &result.computed_total {
                let total_row = find(
                    &range,
                    if p.layout == jixiao::core::model::ProjectLayout::Central {
                        "总分"
                    } else {
                        "自评得分"
                    },
                );
                let (r, _) = total_row.expect("the total row");
                let row_values: Vec<Decimal> = (0..range.width())
                    .filter_map(|c| range.get((r, c)).and_then(decimal))
                    .collect();
                assert!(
                    row_values.contains(&total.value),
                    "{name}: cached total {} in {row_values:?}",
                    fmt_num(total.value)
                );
            }
        }

        // The printed layout: merged cells, A4, the footer lines.
        let merges = wb.merge_cells_by_sheet_name(&sheet).unwrap();
        assert!(merges.len() >= 10, "{name}: {} merges", merges.len());
        assert!(
            find(&range, "填报单位（盖章）：").is_some()
                || range
                    .cells()
                    .any(|(_, _, v)| matches!(v, Data::String(s) if s.starts_with("填报单位（盖章）")))
        );
    }
}

#[test]
fn money_keeps_six_decimals_exactly() {
    let mut p = projects().remove(0);
    p.funds.total.annual = "1234.567891".into();
    p.funds.total.spent = "1000.000001".into();
    let mut wb = open(xlsx::form_workbook(&Form::Project(p)).unwrap());
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let values: Vec<Decimal> = range.cells().filter_map(|(_, _, v)| decimal(v)).collect();
    assert!(values.contains(&"1234.567891".parse().unwrap()), "{values:?}");
    assert!(values.contains(&"1000.000001".parse().unwrap()));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut p = projects().remove(0);
    p.name = "=HYPERLINK(\"http://x\",\"点我\")".into();
    p.indicators[0].target = "+1 次".into();
    p.indicators[0].reason = "@SUM(A1:A9)".into();
    let mut wb = open(xlsx::form_workbook(&Form::Project(p.clone())).unwrap());
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let formulas = wb.worksheet_formula(&sheet).unwrap();
    for text in [p.name.raw(), "+1 次", "@SUM(A1:A9)"] {
        let (r, c) = find(&range, text).unwrap_or_else(|| panic!("{text} as a string cell"));
        let start = formulas.start().unwrap_or((0, 0));
        let f = formulas.get_value((r as u32 + range.start().unwrap().0, c as u32 + range.start().unwrap().1));
        assert!(
            f.is_none_or(|f| f.is_empty()),
            "{text} became a formula {f:?} (formulas start {start:?})"
        );
    }
}

fn reviewed(text: &str) -> Vec<Reviewed> {
    import_text(text).forms.into_iter().map(review).collect()
}

/// The 丰台 document reviewed as the import screen shows it: its forms,
/// the paragraph, and the unit report made of them.
fn with_fengtai<T>(f: impl FnOnce(&[Reviewed], &str, &UnitReport) -> T) -> T {
    let r = reviewed(FENGTAI);
    let s = summarize(&r);
    let p = paragraph(&s, Some(2020));
    let unit = UnitReport {
        summary: &s,
        paragraph: &p,
        reviewed: &r,
        year: Some(2020),
    };
    f(&r, &p, &unit)
}

#[test]
fn the_unit_workbook_has_the_summary_every_form_and_every_finding() {
    with_fengtai(|r, p, unit| {
        let mut wb = open(xlsx::unit_workbook(unit, true).unwrap());
        let names = wb.sheet_names();
        assert_eq!(&names[..3], ["汇总", "逐表结果", "问题清单"]);
        assert_eq!(names.len(), 3 + r.len(), "one sheet per form, of every type");

        let summary = wb.worksheet_range("汇总").unwrap();
        assert!(find(&summary, p).is_some(), "the paragraph exactly as shown");
        let results = wb.worksheet_range("逐表结果").unwrap();
        assert_eq!(results.height(), r.len() + 1);
        assert_eq!(results.get((0, 1)), Some(&Data::String("表名 / 项目名称".into())));
        let printed: Vec<Option<Decimal>> = (1..results.height())
            .map(|i| results.get((i, 6)).and_then(decimal))
            .collect();
        assert_eq!(printed, r.iter().map(|x| x.printed_total).collect::<Vec<_>>());
        let findings = wb.worksheet_range("问题清单").unwrap();
        let total: usize = r.iter().map(|x| x.findings.len()).sum();
        assert_eq!(findings.height(), total + 1);
        // The Chinese title first, the code beside it.
        let first = r.iter().flat_map(|x| &x.findings).next().unwrap();
        assert_eq!(findings.get((1, 3)), Some(&Data::String(first.code.title().into())));
        assert_eq!(findings.get((1, 4)), Some(&Data::String(first.code.as_str().into())));
        // The value advised, where a finding advises one.
        assert_eq!(findings.get((0, 7)), Some(&Data::String("建议改为".into())));
        let advised: Vec<String> = r
            .iter()
            .flat_map(|x| &x.findings)
            .map(|f| f.suggested.as_ref().map(|s| s.value.text()).unwrap_or_default())
            .collect();
        assert!(advised.iter().any(|a| !a.is_empty()));
        for (i, a) in advised.iter().enumerate() {
            let cell = findings.get((i + 1, 7));
            assert!(
                cell == Some(&Data::String(a.clone())) || (a.is_empty() && matches!(cell, None | Some(Data::Empty))),
                "row {i}: {cell:?} for {a}"
            );
        }

        // Without the form sheets.
        let wb = open(xlsx::unit_workbook(unit, false).unwrap());
        assert_eq!(wb.sheet_names().len(), 3);
    });
}

fn docx_xml(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name(part).expect(part).read_to_string(&mut xml).unwrap();
    xml
}

/// The text of a document.xml, runs joined.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let Some(open_end) = rest.find('>') else { break };
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end..];
            continue;
        }
        let body = &rest[open_end + 1..];
        let Some(close) = body.find("</w:t>") else { break };
        out.push_str(
            &body[..close]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\""),
        );
        rest = &body[close..];
    }
    out
}

#[test]
fn the_word_report_holds_the_form_and_its_sections() {
    for p in projects().into_iter().take(8) {
        let bytes = docx::form_report(&Form::Project(p.clone()), true).unwrap();
        let xml = docx_xml(&bytes, "word/document.xml");
        let text = text_of(&xml);
        let name = p.name.raw().trim();
        assert!(xml.contains("<w:tbl>"), "{name}: a table");
        assert!(xml.contains("w:gridSpan") && xml.contains("w:vMerge"), "{name}: merges");
        for line in name.lines() {
            assert!(text.contains(line.trim()), "{name}");
        }
        for heading in [
            "项目基本情况",
            "绩效目标及完成情况",
            "偏差原因分析",
            "存在的问题及改进措施",
            "待核实事项",
        ] {
            assert!(text.contains(heading), "{name}: {heading}");
        }
        assert!(xml.contains("仿宋"));
        assert_eq!(
            xml.matches("<w:tblHeader />").count(),
            1,
            "{name}: the indicator headings repeat"
        );
        let footer = docx_xml(&bytes, "word/footer1.xml");
        assert!(footer.contains("PAGE"), "page numbers");
        // Each finding listed under its Chinese title, the code beside it.
        for f in jixiao::core::validate::check(&Form::Project(p.clone())).findings {
            let title = text.find(f.code.title()).unwrap_or_else(|| panic!("{name}: {}", f.code.title()));
            let code = text[title..].find(f.code.as_str()).expect("the code after the title");
            assert!(code < f.code.title().len() + 8, "{name}: {} right after its title", f.code);
        }
    }
}

#[test]
fn what_the_form_does_not_say_is_a_placeholder_never_invented() {
    let mut p = projects().remove(0);
    p.goal_actual = "".into();
    let bytes = docx::form_report(&Form::Project(p), false).unwrap();
    let text = text_of(&docx_xml(&bytes, "word/document.xml"));
    assert!(text.contains("【请填写：年度总体目标的实际完成情况】"), "{text}");
    assert!(!text.contains("待核实事项"), "only when ticked");
}

#[test]
fn the_unit_word_report_has_the_paragraph_bands_and_errors() {
    with_fengtai(|r, p, unit| {
        let bytes = docx::unit_report(unit).unwrap();
        let text = text_of(&docx_xml(&bytes, "word/document.xml"));
        assert!(text.contains(p), "the paragraph exactly");
        assert!(text.contains("90分（含）以上"));
        let with_errors: Vec<&Reviewed> = r
            .iter()
            .filter(|x| x.count(jixiao::core::validate::Severity::Error) > 0)
            .collect();
        assert!(!with_errors.is_empty());
        for x in with_errors {
            let one_line: String = x.imported.form.name().lines().map(str::trim).collect();
            assert!(text.contains(&one_line), "{one_line}");
        }
    });
}

#[test]
fn file_names() {
    assert_eq!(
        report::file_name("城管执法/巡查经费", "自评表", Some(2025), "xlsx"),
        "城管执法_巡查经费_自评表_2025年度.xlsx"
    );
}

/// Every form of every fixture, of every type, lays out and reads back:
/// blocks tile the grid, and the workbook opens in calamine.
#[test]
fn every_form_type_has_a_printed_layout() {
    let xicheng = include_str!("fixtures/bj-xicheng-2019-target-declarations.txt");
    let mut kinds = std::collections::BTreeSet::new();
    for text in [CHAOYANG, FENGTAI, WUHAN, xicheng] {
        for form in forms(text) {
            kinds.insert(form.kind_label());
            let grid = report::form_grid(&form).expect("a layout");
            let mut seen = std::collections::HashSet::new();
            for b in &grid.blocks {
                for r in b.at.row..b.at.row + b.rows {
                    for c in b.at.col..b.at.col + b.cols {
                        assert!(r < grid.rows && c < grid.columns(), "{}: {b:?} outside", grid.title);
                        assert!(seen.insert((r, c)), "{}: {b:?} overlaps", grid.title);
                    }
                }
            }
            let mut wb = open(xlsx::form_workbook(&form).unwrap());
            let sheet = wb.sheet_names()[0].clone();
            let range = wb.worksheet_range(&sheet).unwrap();
            assert_eq!(range.get_value((0, 0)), Some(&Data::String(grid.title.clone())));
        }
    }
    assert_eq!(kinds.len(), 5, "{kinds:?}");
}
