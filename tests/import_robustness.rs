//! Word text exports of real documents: cells holding several paragraphs
//! (continuation lines without a tab, often after blank lines) must not cut
//! a form short, narrative between forms must stay out of the forms, and a
//! form that is cut short anyway must say so (`incomplete`), never silently.
//!
//! The fixtures in tests/fixtures/import are real fengtai/xicheng forms with
//! one cell altered each; see the comments of each test.

use jixiao::core::import::rows::{self, key, Syntax};
use jixiao::core::import::{import_text, ImportResult, ImportedForm};
use jixiao::core::model::{Form, Indicator, ProjectForm};

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).expect("fixture present")
}

fn fixture(name: &str) -> String {
    read(&format!("import/{name}"))
}

fn project(f: &ImportedForm) -> &ProjectForm {
    match &f.form {
        Form::Project(p) => p,
        other => panic!("project form expected, got {}", other.kind_label()),
    }
}

fn only_form(r: &ImportResult) -> &ImportedForm {
    assert_eq!(
        r.forms.len(),
        1,
        "{:?}",
        r.forms.iter().map(|f| f.form.name()).collect::<Vec<_>>()
    );
    &r.forms[0]
}

/// Read to the end: every indicator, the printed total and grade, no notes.
fn assert_complete(f: &ImportedForm, indicators: usize, total: &str, grade: &str) {
    let p = project(f);
    assert_eq!(f.incomplete, None, "{}", p.name.raw());
    assert!(f.notes.is_empty(), "{}: {:?}", p.name.raw(), f.notes);
    assert_eq!(p.indicators.len(), indicators, "{}", p.name.raw());
    assert_eq!(p.printed_total.raw(), total, "{}", p.name.raw());
    assert_eq!(p.printed_grade.raw(), grade, "{}", p.name.raw());
}

/// A fixture made from the first fengtai form (7 indicators, 89, 良): its
/// one form, read completely.
fn fengtai_variant(name: &str) -> ProjectForm {
    let r = import_text(&fixture(name));
    let f = only_form(&r);
    assert_complete(f, 7, "89", "良");
    project(f).clone()
}

fn indicator<'a>(p: &'a ProjectForm, name: &str) -> &'a Indicator {
    p.indicators
        .iter()
        .find(|i| i.name.raw() == name)
        .unwrap_or_else(|| panic!("no indicator {name}"))
}

/// (target, actual, weight, score, reason) of an indicator.
fn row_of(i: &Indicator) -> [&str; 5] {
    [
        i.target.raw(),
        i.actual.raw(),
        i.weight.raw(),
        i.score.raw(),
        i.reason.raw(),
    ]
}

/// Every cell a project form holds, for "was narrative swallowed" checks.
fn all_cells(p: &ProjectForm) -> Vec<&str> {
    let mut cells = vec![
        p.name.raw(),
        p.department.raw(),
        p.implementer.raw(),
        p.leader.raw(),
        p.phone.raw(),
        p.goal_expected.raw(),
        p.goal_actual.raw(),
        p.printed_total.raw(),
        p.printed_grade.raw(),
    ];
    for i in &p.indicators {
        cells.extend([i.name.raw()]);
        cells.extend(row_of(i));
    }
    cells
}

/// 项目名称 holding two names, or the same name twice, on two paragraphs
/// with no, one or two empty paragraphs between.
#[test]
fn name_on_two_paragraphs() {
    let two = "丰台区疫情防控集中观察点运行经费\n丰台区新冠肺炎疫情防控物资储备经费";
    let twice = "丰台区疫情防控集中观察点运行经费\n丰台区疫情防控集中观察点运行经费";
    for (name, expected) in [
        ("name-two-paragraphs.txt", two),
        ("name-two-paragraphs-blank.txt", two),
        ("name-twice.txt", twice),
    ] {
        let p = fengtai_variant(name);
        assert_eq!(p.name.raw(), expected, "{name}");
        assert_eq!(p.department.raw(), "卢沟桥街道办事处", "{name}");
    }
}

#[test]
fn target_paragraphs_keep_the_row_structure() {
    let p = &fengtai_variant("target-paragraphs.txt");
    // An empty paragraph after the second one looks like a row end: the
    // cells after it are still this indicator's.
    assert_eq!(
        row_of(indicator(p, "资金服务范围")),
        [
            "按照区防控组要求，开设集中观察点。\n全年开设集中观察点不少于5家次，每家次观察期不少于14天。",
            "实际前后共开设7家次集中观察点。",
            "25",
            "25",
            ""
        ]
    );
    // The second paragraph directly followed by the next cell.
    assert_eq!(
        row_of(indicator(p, "业务工作质量"))[..4],
        [
            "集中观察点各项指标达到行业部门要求。\n每个观察点配备医护人员不少于2名、安保人员不少于4名。",
            "各项指标基本达到要求。",
            "10",
            "8"
        ]
    );
}

/// A money cell ending with an empty paragraph splits the 年度资金总额 row:
/// it is joined back up to the width of the money table's header.
#[test]
fn a_fund_row_split_by_an_empty_paragraph() {
    let text = fixture("name-two-paragraphs.txt");
    let split = text.replacen(
        "\t347.364966\n\t347.364966\n\t10",
        "\t347.364966\n\n\t347.364966\n\t10",
        1,
    );
    assert_ne!(split, text);
    let r = import_text(&split);
    let f = only_form(&r);
    assert_complete(f, 7, "89", "良");
    let funds = &project(f).funds;
    assert_eq!(
        [
            funds.total.annual.raw(),
            funds.total.spent.raw(),
            funds.printed_rate.raw(),
            funds.printed_score.raw()
        ],
        ["347.364966", "347.364966", "100%", "10"]
    );
}

#[test]
fn actual_paragraphs_long_and_short() {
    let p = &fengtai_variant("actual-paragraphs.txt");
    // Longer than the 40 bytes at which such a line used to end the form.
    assert_eq!(
        row_of(indicator(p, "业务工作质量"))[1..4],
        [
            "各项指标基本达到要求。\n其中消毒、通风2项未达到要求，已于2020年12月底前整改完毕。",
            "10",
            "8"
        ]
    );
    // Short enough that it used to be dropped silently.
    assert_eq!(
        row_of(indicator(p, "群众满意度"))[1..4],
        ["85%\n（问卷120份）", "10", "7"]
    );
}

#[test]
fn reason_paragraphs_with_a_numbered_list() {
    let p = &fengtai_variant("reason-paragraphs.txt");
    assert_eq!(
        indicator(p, "业务工作质量").reason.raw(),
        "集中观察点内安全、卫生、防控条件基本达到区各相关行业部门要求。仍可以进一步完善。\n改进措施：\n1、加强工作人员消毒、通风操作培训；\n2、完善观察点物资保障和应急预案。"
    );
    assert_eq!(
        indicator(p, "群众满意度").reason.raw(),
        "对集中观察人员的生活保障可以进一步加强；对合理诉求可以进一步满足。\n一是改善餐饮供应；\n二是畅通诉求反映渠道。"
    );
    assert_eq!(row_of(indicator(p, "群众满意度"))[2..4], ["10", "7"]);
}

#[test]
fn goal_paragraphs_in_both_cells() {
    let p = &fengtai_variant("goal-paragraphs.txt");
    assert!(p.goal_expected.raw().starts_with("2020年新冠肺炎疫情暴发"));
    assert!(
        p.goal_expected
            .raw()
            .ends_with("进行集中观察。\n全年计划开设集中观察点不少于5家次。"),
        "{}",
        p.goal_expected.raw()
    );
    assert_eq!(
        p.goal_actual.raw(),
        "完成7家次疫情集中观察点的开设和集中观察任务。\n累计集中观察1234人次，未发生交叉感染。"
    );
}

#[test]
fn several_forms_with_narrative_between() {
    let text = fixture("several-forms.txt");
    let r = import_text(&text);
    assert_eq!(r.forms.len(), 3);
    assert_complete(&r.forms[0], 7, "89", "良");
    assert_complete(&r.forms[1], 7, "87", "良");
    assert_complete(&r.forms[2], 7, "87", "良");
    let names: Vec<&str> = r.forms.iter().map(|f| f.form.name()).collect();
    assert_eq!(
        names,
        [
            "丰台区疫情防控集中观察点运行经费 \n(丰财社内指[2020]5443号)",
            "专职安全员经费",
            "专职安全员经费（二期）\n专职安全员经费（二期）"
        ]
    );
    let b = project(&r.forms[1]);
    assert_eq!(
        row_of(indicator(b, "资金服务范围"))[..4],
        [
            "用于支付街道20名专职安全员工资等相关经费。\n全年保障专职安全员不少于20名。",
            "支付街道20名专职安全员工作等相关费用。",
            "25",
            "25"
        ]
    );
    assert_eq!(
        indicator(b, "总进度").reason.raw(),
        "因疫情影响，需要向其打款的第三方劳务派遣公司在第一季度未正常办公，影响第一季度支出。\n同时因保险、补助等费用无法在年初确认，此项资金未足额使用支付，有所剩余。"
    );
    assert_eq!(
        b.goal_actual.raw(),
        "按时支付了专职安全员工资及其他相关补贴、保险费用。\n全年发放工资12个月。"
    );
    let c = project(&r.forms[2]);
    assert_eq!(
        row_of(indicator(c, "群众满意度"))[1..4],
        ["94%\n其中非常满意占61%。", "10", "10"]
    );

    // Narrative before, between and after the forms stays out of them:
    // after a 总分 row, text is narrative again, heading or not.
    let lines: Vec<&str> = text.lines().collect();
    let narrative = [
        "（二）安全生产项目",
        "以下为安全生产相关项目的自评情况，项目均已按计划实施完毕。",
        "本年度安全生产项目的自评结果均为良，资金使用规范。",
        "1、自评工作组织有序。",
        "2、自评结果如实反映了项目情况。",
        "四、其他需要说明的情况",
        "本单位无其他需要说明的情况。",
    ];
    for line in narrative {
        let n = lines
            .iter()
            .position(|l| *l == line)
            .expect("narrative line in the fixture")
            + 1;
        for f in &r.forms {
            let (a, b) = f.source_lines;
            assert!(n < a || n > b, "line {n} “{line}” inside form lines {a}-{b}");
            assert!(
                all_cells(project(f)).iter().all(|c| !c.contains(line)),
                "“{line}” swallowed into {}",
                f.form.name()
            );
        }
    }
}

#[test]
fn declaration_cells_with_paragraphs() {
    let r = import_text(&fixture("declaration-paragraphs.txt"));
    assert_eq!(r.forms.len(), 2);
    let Form::Declaration(d) = &r.forms[0].form else {
        panic!("declaration expected")
    };
    assert_eq!(d.unit.raw(), "展览路街道组织部\n展览路街道社工委");
    let contents: Vec<&str> = d.indicators.iter().map(|i| i.content.raw()).collect();
    // As many entries as the unaltered form: each numbered paragraph is one.
    assert_eq!(contents.len(), 37);
    for entry in [
        "举办科级以上干部培训班1次。",
        "9月开展科级以上干部培训班，并为科级以上干部购学习用书；",
        "12月进行干部选拔任用“一报告两评议”工作总结。",
    ] {
        assert!(contents.contains(&entry), "{entry} in {contents:?}");
    }
    assert_eq!(r.forms[1].form.name(), "非公企业党建与商务楼宇党建");
    assert!(r.forms.iter().all(|f| f.incomplete.is_none()));
}

/// The first fengtai form's lines, and the index of its "\t总分" line.
fn form_lines(name: &str) -> (Vec<String>, usize) {
    let lines: Vec<String> = fixture(name).lines().map(str::to_string).collect();
    let total = lines.iter().position(|l| l == "\t总分").expect("总分 row");
    (lines, total)
}

#[test]
fn a_form_cut_short_by_a_heading_says_where() {
    let (lines, total) = form_lines("reason-paragraphs.txt");
    let mut cut: Vec<String> = lines[..total].to_vec();
    cut.extend([
        "四、其他需要说明的情况".to_string(),
        "本单位无其他需要说明的情况。".to_string(),
    ]);
    let r = import_text(&cut.join("\n"));
    let f = only_form(&r);
    let note = f.incomplete.as_ref().expect("flagged incomplete");
    assert_eq!(note.line, total + 1);
    assert!(
        note.message.contains(&format!("第 {} 行", total + 1)) && note.message.contains("总分"),
        "{}",
        note.message
    );
    // What was read is kept, and the heading is not in any cell.
    assert_eq!(project(f).indicators.len(), 7);
    assert!(all_cells(project(f)).iter().all(|c| !c.contains("四、")));
    assert!(f.source_lines.1 <= total);
}

#[test]
fn a_form_cut_short_by_the_end_of_the_text_or_the_next_form() {
    let (lines, total) = form_lines("name-twice.txt");
    let r = import_text(&lines[..total - 5].join("\n"));
    let note = only_form(&r).incomplete.as_ref().expect("flagged incomplete");
    assert!(note.message.contains("文本末尾"), "{}", note.message);

    let mut two = lines[..total].to_vec();
    two.extend(["".to_string(), "".to_string()]);
    two.extend(lines.iter().skip_while(|l| !l.starts_with("\t项目名称")).cloned());
    let r = import_text(&two.join("\n"));
    assert_eq!(r.forms.len(), 2);
    let note = r.forms[0].incomplete.as_ref().expect("first form flagged");
    assert!(note.message.contains("下一张表"), "{}", note.message);
    assert_eq!(r.forms[1].incomplete, None);
}

/// The first chaoyang form without its 总分 row: it is flagged, and the next
/// form, with or without the "附件2" line between, is read in full.
#[test]
fn a_form_without_its_total_does_not_swallow_the_next_one() {
    let text = read("bj-chaoyang-2020-project-selfeval.txt");
    let lines: Vec<&str> = text.lines().collect();
    let total = lines.iter().position(|l| *l == "\t总分").expect("总分 row");
    let row_end = total + lines[total..].iter().position(|l| l.is_empty()).expect("row end");
    for drop_heading in [false, true] {
        let damaged: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| !((total..row_end).contains(i) || (drop_heading && **l == "附件2")))
            .map(|(_, l)| *l)
            .collect();
        let r = import_text(&damaged.join("\n"));
        assert_eq!(r.forms.len(), 2, "heading dropped: {drop_heading}");
        assert!(r.forms[0].incomplete.is_some());
        assert!(
            r.forms[0].source_lines.1 < r.forms[1].source_lines.0,
            "{:?}",
            r.forms[1].source_lines
        );
        let second = project(&r.forms[1]);
        assert_eq!(r.forms[1].incomplete, None);
        assert_eq!(second.name.raw(), "民生家园建设经费");
        assert_eq!(second.year, Some(2020));
        assert_eq!(second.real_indicators().count(), 15);
    }
}

/// Every prefix of a form's text: a project form that did not reach its 总分
/// row is flagged; one that did is not.
#[test]
fn no_truncation_of_a_form_is_silent() {
    for name in [
        "name-two-paragraphs-blank.txt",
        "goal-paragraphs.txt",
        "several-forms.txt",
    ] {
        let lines: Vec<String> = fixture(name).lines().map(str::to_string).collect();
        for k in 1..=lines.len() {
            let r = import_text(&lines[..k].join("\n"));
            for f in &r.forms {
                let (a, b) = f.source_lines;
                let reached_total = lines[a - 1..b].iter().any(|l| key(l) == "总分");
                assert_eq!(
                    f.incomplete.is_some(),
                    !reached_total,
                    "{name} cut after line {k}: form {a}-{b} {:?}",
                    f.incomplete
                );
            }
        }
    }
}

/// Any single line dropped from a form: never a panic, and a form that lost
/// its 总分 row says so.
#[test]
fn no_dropped_line_is_silent() {
    let lines: Vec<String> = fixture("several-forms.txt").lines().map(str::to_string).collect();
    for k in 0..lines.len() {
        let mut damaged = lines.clone();
        damaged.remove(k);
        let r = import_text(&damaged.join("\n"));
        for f in &r.forms {
            let (a, b) = f.source_lines;
            if !damaged[a - 1..b].iter().any(|l| key(l) == "总分") {
                assert!(f.incomplete.is_some(), "line {} dropped: form {a}-{b}", k + 1);
            }
        }
    }
}

#[test]
fn a_form_without_indicator_rows_is_flagged() {
    let (lines, total) = form_lines("name-two-paragraphs-blank.txt");
    let header = lines.iter().position(|l| l == "\t一级指标").expect("indicator header");
    // Keep the 绩效指标 header row, drop every indicator row.
    let end_of_header = header + lines[header..].iter().position(|l| l.is_empty()).expect("row end");
    let mut text = lines[..=end_of_header].to_vec();
    text.extend(lines[total..].iter().cloned());
    let r = import_text(&text.join("\n"));
    let f = only_form(&r);
    let note = f.incomplete.as_ref().expect("flagged incomplete");
    assert!(note.message.contains("没有读到任何绩效指标行"), "{}", note.message);
    assert!(
        !note.message.contains("总分"),
        "the 总分 row was read: {}",
        note.message
    );
}

/// A 总分 and 等级 of "—" / "/" / "_" or empty (one at least a mark) is the
/// unit's "not carried out": read to its 总分 row, such a form is complete
/// even without indicator rows, and its cells stay as printed.
#[test]
fn a_not_carried_out_form_is_not_incomplete() {
    let (lines, total) = form_lines("name-twice.txt");
    let header = lines.iter().position(|l| l == "\t一级指标").expect("indicator header");
    let end_of_header = header + lines[header..].iter().position(|l| l.is_empty()).expect("row end");
    for (score, grade, incomplete) in [
        ("—", "—", false),
        ("——", "", false),
        ("/", "_", false),
        ("", "—", false),
        ("", "", true),
        ("—", "良", true),
    ] {
        let mut text = lines[..=end_of_header].to_vec();
        text.extend(["\t总分", "\t100", &format!("\t{score}"), &format!("\t{grade}"), ""].map(String::from));
        let r = import_text(&text.join("\n"));
        let f = only_form(&r);
        assert_eq!(f.incomplete.is_some(), incomplete, "总分 “{score}” 等级 “{grade}”");
        assert_eq!(
            (project(f).printed_total.raw(), project(f).printed_grade.raw()),
            (score, grade)
        );
    }
    // With its indicator rows dashed out, they are read as printed.
    let dashed: Vec<String> = lines[..total]
        .iter()
        .map(|l| {
            if l == "\t25" || l == "\t8" || l == "\t16" {
                "\t—".to_string()
            } else {
                l.clone()
            }
        })
        .chain(["\t总分", "\t100", "\t—", "\t—"].map(String::from))
        .collect();
    let r = import_text(&dashed.join("\n"));
    let f = only_form(&r);
    assert_eq!(f.incomplete, None);
    assert_eq!(row_of(indicator(project(f), "资金服务范围"))[2..4], ["—", "—"]);
}

#[test]
fn an_evaluation_table_without_its_total_is_flagged() {
    let table = "项目绩效评价结论一览表\n\t评价内容\n\t分值\n\t评价得分\n\n\t项目决策\n\t15.00\n\t11.70\n\n\t项目管理\n\t30.00\n\t23.04\n\n";
    let r = import_text(&format!(
        "{table}\t综合得分\n\t100.00\n\t82.54\n\n\t绩效评定级别\n\t良好\n"
    ));
    assert_eq!(only_form(&r).incomplete, None);
    let r = import_text(&format!("{table}（四）绩效评价指标分析；\n"));
    let note = only_form(&r).incomplete.as_ref().expect("flagged incomplete");
    assert!(note.message.contains("综合得分"), "{}", note.message);
    assert_eq!(note.line, 12);
}

#[test]
fn hubei_forms_without_indicators_are_flagged() {
    let text = read("hb-wuhan-2020-dept-and-project-selfeval.txt");
    let r = import_text(&text);
    assert!(r.forms.iter().all(|f| f.incomplete.is_none()));
    // The same document with every indicator row removed.
    let stripped: Vec<&str> = text
        .lines()
        .filter(|l| !(l.contains("指标") && (l.contains("分）") || l.contains("分)"))))
        .collect();
    let r = import_text(&stripped.join("\n"));
    assert_eq!(r.forms.len(), 10);
    for f in &r.forms {
        let note = f
            .incomplete
            .as_ref()
            .unwrap_or_else(|| panic!("{} flagged", f.form.name()));
        assert!(note.message.contains("没有读到任何绩效指标行"), "{}", note.message);
    }
}

#[test]
fn pdf_text_forms_cut_short_are_flagged() {
    let text = read("bj-tongzhou-2024-project-selfeval-pdftext.txt");
    let lines: Vec<&str> = text.lines().collect();
    let first_total = lines
        .iter()
        .position(|l| key(l).starts_with("总分"))
        .expect("总分 line");
    let r = import_text(&lines[..first_total].join("\n"));
    let note = only_form(&r).incomplete.as_ref().expect("flagged incomplete");
    assert!(note.message.contains("总分"), "{}", note.message);
    // Without its 总分 line the first form runs into the second one.
    let without: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != first_total)
        .map(|(_, l)| *l)
        .collect();
    let r = import_text(&without.join("\n"));
    assert_eq!(r.forms.len(), 5);
    assert!(r.forms[0].incomplete.is_some());
    assert!(r.forms[1..].iter().all(|f| f.incomplete.is_none()));
}

/// The real documents read as before: no form is flagged.
#[test]
fn real_documents_have_no_incomplete_forms() {
    for name in [
        "bj-chaoyang-2020-project-selfeval.txt",
        "bj-fengtai-2020-final-accounts-sample.txt",
        "bj-tongzhou-2024-project-selfeval-pdftext.txt",
        "bj-xicheng-2019-target-declarations.txt",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
    ] {
        let r = import_text(&read(name));
        for f in &r.forms {
            assert_eq!(f.incomplete, None, "{name}: {}", f.form.name());
        }
    }
}

/// Only Word cell-per-line text has loose lines: a line of tab-separated
/// (Excel) or plain (PDF) text is a row of its own.
#[test]
fn loose_lines_only_in_word_text() {
    for (name, syntax) in [
        ("hb-wuhan-2020-dept-and-project-selfeval.txt", Syntax::TabSeparated),
        ("bj-tongzhou-2024-project-selfeval-pdftext.txt", Syntax::Plain),
    ] {
        let text = read(name);
        assert_eq!(rows::detect_syntax(&text), syntax);
        assert!(rows::rows(&text, syntax).iter().all(|r| !r.loose), "{name}");
    }
    let text = fixture("several-forms.txt");
    let rows = rows::rows(&text, Syntax::CellPerLine);
    let first_table = rows.iter().position(|r| !r.narrative).expect("a table");
    assert!(
        rows[..first_table].iter().all(|r| !r.loose),
        "narrative before any table"
    );
    assert!(rows[first_table..].iter().filter(|r| r.narrative).all(|r| r.loose));
}

#[test]
fn saved_results_without_the_field_still_load() {
    let r = import_text(&fixture("name-twice.txt"));
    let mut json: serde_json::Value = serde_json::to_value(&r.forms[0]).unwrap();
    json.as_object_mut().unwrap().remove("incomplete");
    let back: ImportedForm = serde_json::from_value(json).unwrap();
    assert_eq!(back, r.forms[0]);
}
