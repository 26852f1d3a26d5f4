//! Review results as downloadable JSON and CSV.
//!
//! Decimals are written as JSON numbers with their exact digits (serde_json
//! RawValue), never through f64.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;

use super::field::Field;
use super::import::Place;
use super::report::csv_text;
use super::scoring::fmt_num;
use super::summary::{Bands, Reviewed, UnitSummary};
use super::validate::{Code, Severity};

fn exact(d: Decimal) -> Box<RawValue> {
    RawValue::from_string(fmt_num(d)).expect("a decimal's digits are a JSON number")
}

#[derive(Serialize)]
struct Results<'a> {
    summary: SummaryJson,
    forms: Vec<FormJson<'a>>,
}

#[derive(Serialize)]
struct SummaryJson {
    evaluated: usize,
    scored: usize,
    not_scored: usize,
    /// Forms that could not be read completely (IMPORT_INCOMPLETE).
    incomplete: usize,
    amount_wan: Box<RawValue>,
    bands: Bands,
    forms: usize,
    with_errors: usize,
    paragraph: String,
}

#[derive(Serialize)]
struct FormJson<'a> {
    name: &'a str,
    kind: &'static str,
    source_lines: [usize; 2],
    /// The file and place (table/sheet and row) the form was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<SourceJson<'a>>,
    printed_total: Option<Box<RawValue>>,
    computed_total: Option<Box<RawValue>>,
    grade_printed: Option<&'a str>,
    grade_computed: Option<&'a str>,
    not_scored: bool,
    incomplete: bool,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    file: &'a str,
    first: &'a Place,
    last: &'a Place,
    /// As shown: "自评.xlsx：工作表“表1”第 2–40 行".
    text: String,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    /// The rule's Chinese title from the catalogue: the finding's name.
    title: &'static str,
    /// The stable code, secondary ("EXEC_RATE").
    code: &'static str,
    severity: Severity,
    /// 错误 / 警告 / 提示.
    severity_label: &'static str,
    field: &'a Field,
    location: &'a str,
    message: &'a str,
    /// The value the message advises writing, as it would be written.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested: Option<SuggestedJson<'a>>,
}

#[derive(Serialize)]
struct SuggestedJson<'a> {
    field: &'a Field,
    value: String,
}

pub fn to_json(summary: &UnitSummary, paragraph: &str, reviewed: &[Reviewed]) -> String {
    let results = Results {
        summary: SummaryJson {
            evaluated: summary.evaluated,
            scored: summary.scored,
            not_scored: summary.not_scored,
            incomplete: summary.incomplete,
            amount_wan: exact(summary.amount_wan),
            bands: summary.bands,
            forms: summary.forms,
            with_errors: summary.with_errors,
            paragraph: paragraph.to_string(),
        },
        forms: reviewed
            .iter()
            .map(|r| FormJson {
                name: r.imported.form.name().trim(),
                kind: r.imported.form.kind_label(),
                source_lines: [r.imported.source_lines.0, r.imported.source_lines.1],
                source: r.imported.source.as_ref().map(|s| SourceJson {
                    file: &s.file,
                    first: &s.first,
                    last: &s.last,
                    text: s.to_string(),
                }),
                printed_total: r.printed_total.map(exact),
                computed_total: r.computed_total.map(exact),
                grade_printed: (!r.grade_printed.is_empty()).then_some(r.grade_printed.as_str()),
                grade_computed: r.grade_computed.as_deref(),
                not_scored: r.not_scored,
                incomplete: r.incomplete(),
                findings: r
                    .findings
                    .iter()
                    .map(|f| FindingJson {
                        title: f.code.title(),
                        code: f.code.as_str(),
                        severity: f.severity,
                        severity_label: f.severity.label(),
                        field: &f.field,
                        location: &f.location,
                        message: &f.message,
                        suggested: f.suggested.as_ref().map(|s| SuggestedJson {
                            field: &s.field,
                            value: s.value.text(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&results).expect("results serialize")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The 来源行 column: the line range of text, the file and place of a
/// form read from a Word or Excel file.
fn source_cell(r: &Reviewed) -> String {
    match &r.imported.source {
        Some(source) if !matches!(source.first, Place::Line { .. }) => source.to_string(),
        _ => format!("{}-{}", r.imported.source_lines.0, r.imported.source_lines.1),
    }
}

/// One row per form; UTF-8 with a BOM so Excel and WPS read the Chinese.
/// Text from documents goes through [`csv_text`]: it never runs as a formula.
pub fn to_csv(reviewed: &[Reviewed]) -> String {
    let mut out = String::from(
        "\u{feff}序号,名称,表样,来源行,执行率,表中总分,计算总分,表中等级,计算等级,不计分数,未完整读取,错误,警告,提示,问题类型,问题代码\r\n",
    );
    for (i, r) in reviewed.iter().enumerate() {
        let mut codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
        codes.sort();
        codes.dedup();
        let titles: Vec<&str> = codes.iter().map(|c| c.title()).collect();
        let ids: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        let cells = [
            (i + 1).to_string(),
            csv_text(&r.imported.form.name().trim().replace('\n', " ")).into_owned(),
            r.imported.form.kind_label().to_string(),
            csv_text(&source_cell(r)).into_owned(),
            r.rate.clone().unwrap_or_default(),
            r.printed_total.map(fmt_num).unwrap_or_default(),
            r.computed_total.map(fmt_num).unwrap_or_default(),
            csv_text(&r.grade_printed).into_owned(),
            r.grade_computed.clone().unwrap_or_default(),
            if r.not_scored { "是".into() } else { String::new() },
            if r.incomplete() { "是".into() } else { String::new() },
            r.count(Severity::Error).to_string(),
            r.count(Severity::Warning).to_string(),
            r.count(Severity::Info).to_string(),
            titles.join("；"),
            ids.join(" "),
        ];
        out.push_str(&cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::import_text;
    use crate::core::summary::{paragraph, review, summarize};

    fn chaoyang() -> Vec<Reviewed> {
        import_text(include_str!(
            "../../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt"
        ))
        .forms
        .into_iter()
        .map(review)
        .collect()
    }

    #[test]
    fn json_has_the_documented_shape_and_exact_numbers() {
        let r = chaoyang();
        let s = summarize(&r);
        let json: serde_json::Value = serde_json::from_str(&to_json(&s, &paragraph(&s, Some(2020)), &r)).unwrap();
        assert_eq!(json["summary"]["evaluated"], 2);
        assert_eq!(json["summary"]["bands"]["ge90"], 2);
        assert_eq!(json["summary"]["amount_wan"].to_string(), "3175.9657");
        let f = &json["forms"][0];
        assert_eq!(f["name"], "公共服务经费");
        assert_eq!(f["printed_total"], 1000);
        assert_eq!(f["computed_total"], 100);
        assert_eq!(f["source_lines"][0], 2);
        assert!(f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "EXEC_RATE" && x["severity"] == "error"));
        for key in [
            "name",
            "kind",
            "source_lines",
            "printed_total",
            "computed_total",
            "grade_printed",
            "grade_computed",
            "not_scored",
            "findings",
        ] {
            assert!(f.get(key).is_some(), "{key}");
        }
    }

    /// Every finding names its rule in Chinese first; the code is secondary.
    #[test]
    fn findings_carry_the_chinese_title_beside_the_code() {
        let r = chaoyang();
        let s = summarize(&r);
        let json: serde_json::Value = serde_json::from_str(&to_json(&s, &paragraph(&s, Some(2020)), &r)).unwrap();
        let mut n = 0;
        for (form, reviewed) in json["forms"].as_array().unwrap().iter().zip(&r) {
            for (f, finding) in form["findings"].as_array().unwrap().iter().zip(&reviewed.findings) {
                let code: Code = f["code"].as_str().unwrap().parse().unwrap();
                assert_eq!(f["title"], code.title());
                assert!(!code.title().is_ascii());
                assert_eq!(f["severity_label"], finding.severity.label());
                assert_eq!(f.get("suggested").is_some(), finding.suggested.is_some());
                n += 1;
            }
        }
        assert!(n > 5);
        let exec = json["forms"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "EXEC_SCORE")
            .unwrap();
        assert_eq!(exec["title"], "预算执行得分与执行率不符");
        assert_eq!(exec["suggested"]["value"], "9");
        assert_eq!(exec["suggested"]["field"], "funds.score");
        let csv = to_csv(&r);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let (types, codes) = (
            header.iter().position(|h| *h == "问题类型").unwrap(),
            header.iter().position(|h| *h == "问题代码").unwrap(),
        );
        assert!(types < codes, "the title column first");
        let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
        assert!(row[types].contains("执行率与资金数不符"), "{}", row[types]);
        assert!(row[codes].contains("EXEC_RATE"));
    }

    #[test]
    fn csv_quotes_and_bom() {
        let csv = to_csv(&chaoyang());
        assert!(csv.starts_with('\u{feff}'));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].contains("公共服务经费") && lines[1].contains("EXEC_RATE"));
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
