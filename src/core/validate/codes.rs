//! The ONE registry of checks: every finding code with its Chinese title,
//! default severity, whether it applies to forms read from PDF text (where
//! only numbers are reliable), and What / Why / Fix text for the rule page.
//!
//! Adding a check = one entry here + one function in the file of what it
//! checks (funds, weights, indicators, totals, department, evaluation,
//! declaration, import) + a firing and a quiet case in `tests/rules.rs`'s
//! table (a test fails while any code lacks them).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A check's entry in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: Code,
    /// Stable code string, e.g. "EXEC_SCORE": exports and tests use it.
    pub id: &'static str,
    /// Chinese title shown wherever the finding is.
    pub title: &'static str,
    /// The usual severity; a check may report a milder case at a lower one
    /// (its What text says when).
    pub severity: Severity,
    /// Applies to forms read from PDF text (amounts, 分值/得分 and totals only).
    pub numbers_only: bool,
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

macro_rules! registry {
    ($( $(#[$doc:meta])* $code:ident = $id:literal, $severity:ident, numbers_only: $numbers:literal,
        $title:literal, what: $what:literal, why: $why:literal, fix: $fix:literal; )*) => {
        /// Stable finding codes; see [`Rule`] for each one's text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $(#[$doc])* $code, )* }

        impl Code {
            /// Every code, in the order of the rule page.
            pub const ALL: &'static [Code] = &[ $( Code::$code, )* ];

            pub fn rule(self) -> &'static Rule {
                const RULES: &[Rule] = &[ $( Rule {
                    code: Code::$code,
                    id: $id,
                    title: $title,
                    severity: Severity::$severity,
                    numbers_only: $numbers,
                    what: $what,
                    why: $why,
                    fix: $fix,
                }, )* ];
                // The enum's discriminants are the table's positions.
                &RULES[self as usize]
            }
        }
    };
}

registry! {
    TotalWeight = "TOTAL_WEIGHT", Error, numbers_only: true, "分值合计不等于满分",
        what: "预算执行、总目标和全部指标的分值加起来不等于方案的满分（一般为 100）。",
        why: "分值合计不对，总分和等级就失去可比性。最常见的是指标分值已合计 100，又另加了预算执行的 10 分。",
        fix: "调整指标分值，使预算执行分值 + 指标分值合计等于满分。";
    GroupWeight = "GROUP_WEIGHT", Error, numbers_only: true, "分组分值不符",
        what: "一级指标（产出、效益等）或年度目标下的分值合计与方案规定或标注的分值不符；偏离“原则上”的建议分值时给出提示。",
        why: "湖北等地的表样规定了每组的分值（如产出 30、效益 30），分组不符说明分值分配有误。",
        fix: "按方案调整本组各指标的分值，使合计等于规定分值。";
    ScoreRange = "SCORE_RANGE", Error, numbers_only: true, "得分超出分值范围",
        what: "某项得分小于 0 或大于它的分值，或填了得分却没有分值。",
        why: "得分不能超过分值（常见：满意度 10 分的指标填了 100）。",
        fix: "把得分改为 0 到分值之间的数；没有分值的先补分值。";
    TotalSum = "TOTAL_SUM", Error, numbers_only: true, "总分与各项得分合计不符",
        what: "表中的总分不等于预算执行得分、总目标得分与各指标得分之和；建议的总分是按本表其他问题建议的得分改正后的合计。总分未填写时为警告；总分等于现有得分之和、只因其他错误的改正而要随之改动时为提示。",
        why: "总分是手工相加最易出错的数字（如把 100 写成 1000，或漏加预算执行得分）。",
        fix: "按各项得分之和填写总分。";
    FundSum = "FUND_SUM", Error, numbers_only: false, "资金总额不等于分项之和",
        what: "年度资金总额某一栏不等于当年财政拨款、上年结转资金、其他资金三项之和。",
        why: "总额与分项不一致，执行率和审计核对都会出错。",
        fix: "核对各资金来源，使总额等于三项之和。";
    FundPartial = "FUND_PARTIAL", Warning, numbers_only: false, "资金分项填写不全",
        what: "年度资金总额某一栏空着，而分项填了金额；或某一资金来源填了全年预算数却没填全年执行数（或反过来）。",
        why: "空格可能是漏填，也可能是 0，核对总额时无法分辨。",
        fix: "没有该来源的资金请填 0 或“—”，有的请补上金额。";
    ExecRate = "EXEC_RATE", Error, numbers_only: true, "执行率与资金数不符",
        what: "表中的执行率不等于全年执行数 ÷ 全年预算数，或执行数大于预算数；预算数缺失或为 0 时给出警告。",
        why: "执行率决定预算执行得分，是审核的第一个数字。",
        fix: "按全年执行数 ÷ 全年预算数（调整后预算）重新计算执行率。";
    ExecScore = "EXEC_SCORE", Error, numbers_only: true, "预算执行得分与执行率不符",
        what: "预算执行得分高于任何取整方式能得到的分数（分值 × 执行率四舍五入）时为错误；等于四舍五入值但方案要求向下取整时为警告；低于方案分数时为警告。",
        why: "预算执行得分只由执行率决定，不能主观给分。",
        fix: "按方案：分值 × 执行率，按方案的取整方式计分。";
    Grade = "GRADE", Error, numbers_only: true, "等级与总分不符",
        what: "等级与总分对应的档次（优 ≥ 90、良 ≥ 80、中 ≥ 60、差 < 60）不符，或不是规范写法；未填写时给出警告。总分有改正建议时按建议的总分定档；等级与表中总分相符、只需随总分改动时为提示。",
        why: "等级由总分决定，写错会使汇总的等级分布出错。",
        fix: "按总分对应的档次填写 优/良/中/差。";
    GradeMissing = "GRADE_MISSING", Warning, numbers_only: false, "等级未填写",
        what: "表中有总分，却没有填写等级。",
        why: "等级是汇总统计的依据；从 PDF 提取的文本读不出等级时不做这项检查。",
        fix: "按总分对应的档次填写 优/良/中/差。";
    ReasonMissing = "REASON_MISSING", Warning, numbers_only: false, "扣分未说明原因",
        what: "指标得分低于分值，但偏差原因分析为空或只写了“无”。",
        why: "每一处扣分都要有原因和改进措施，否则自评结果无法复核。",
        fix: "在偏差原因分析中写明扣分原因和改进措施。";
    ScoreVsTarget = "SCORE_VS_TARGET", Error, numbers_only: false, "得分与完成情况不符",
        what: "实际完成值未达到指标值却给了满分或偏高的分数（错误）；已达标的反向（成本）指标被按比例扣分，或定性得分不在分档内（警告）。",
        why: "得分应按完成比例或分档计算，满分要有达标的完成值支持。",
        fix: "按完成比例或定性分档给分，或在原因中说明理由。";
    UnscoredRow = "UNSCORED_ROW", Warning, numbers_only: false, "指标未评分或缺少依据",
        what: "有分值却没有得分，或指标值/完成值为空、为“—”却给了分。",
        why: "没有指标值或完成值，就无法判断得分是否合理。",
        fix: "补填得分、指标值或完成值；不适用的指标标为“不涉及”。";
    NotMeasurable = "NOT_MEASURABLE", Warning, numbers_only: false, "指标值未量化",
        what: "指标值既不是数值（含时限、日期），也不是公认的定性等级（好/较好/一般/差、优/良/中/差、达标/合格、是/否、完成）：只说明方向（“逐步提升”“有所提高”），只说“按要求完成”，是“效果良好”之类的评价或对工作的描述，照抄指标名称，或完成值与指标值文字完全相同。",
        why: "不可衡量的目标到年底无法判断是否完成，得分也就无从核对。",
        fix: "写成可衡量的指标值，如“≥95%”“≤3个工作日”“不少于3次”“12月底前完成”；定性指标写明等级，如“达标”“合格”。";
    DateWindow = "DATE_WINDOW", Warning, numbers_only: false, "时间不在评价年度内",
        what: "时效指标写到的年份不是评价年度（如 2024 年的表写“2023年1月-12月”）。",
        why: "常见于照抄往年的表格。",
        fix: "核对并改为评价年度内的时间。";
    Inflated = "INFLATED", Warning, numbers_only: false, "自评得分可能虚高",
        what: "所有指标都是满分，但执行率低于 100% 或有指标未达到指标值。",
        why: "全部满分而事实上有未完成的部分，说明自评不够客观。",
        fix: "按实际完成情况扣分并说明原因。";
    SatisfactionBasis = "SATISFACTION_BASIS", Info, numbers_only: false, "满意度缺少调查依据",
        what: "满意度指标没有注明问卷调查、回访等依据。",
        why: "满意度要有调查支撑，以备核查。",
        fix: "注明调查方式和样本数量。";
    OverAchieved = "OVER_ACHIEVED", Warning, numbers_only: false, "超额完成未说明",
        what: "完成值达到指标值的 1.2 倍以上（倍数按方案），且偏差原因为空。",
        why: "大幅超额通常说明指标值设置偏低，需要说明；不自动扣分。",
        fix: "在偏差原因中说明超额原因，下年度合理设置指标值。";
    ValueFormat = "VALUE_FORMAT", Error, numbers_only: true, "数字单元格无法识别",
        what: "金额、执行率、分值或得分单元格里不是数字。",
        why: "无法识别的数字不能参与计算，总分和执行率都会出错。",
        fix: "只填写数字（如 10 或 9.5），单位写在表头。";
    ValueRange = "VALUE_RANGE", Error, numbers_only: true, "数值超出可计算范围",
        what: "金额、分值、得分或指标值大得（或小得）不可能出现在一张表上（界限按评分方案），或金额为负数。",
        why: "多输了位数、单位写错（元/万元）或按住了键，这样的数字无法参与计算；它被排除在计算之外，其余部分照常计分。",
        fix: "检查是否多输了位数、小数点或单位，改为正确的数。";
    UnitMismatch = "UNIT_MISMATCH", Error, numbers_only: true, "金额单位不是万元",
        what: "项目资金栏（单位万元）里写了别的单位：元、亿元会换算成万元并提示；“%”“次”等不是金额的单位无法计算，为错误。",
        why: "资金表以万元为单位，把 100 元当成 100 万元会让执行率和汇总金额差出一万倍。",
        fix: "统一写成万元的数字（如 100 元写 0.01），不带单位。";
    ExecCap = "EXEC_CAP", Error, numbers_only: true, "总分超过执行率区间上限",
        what: "方案按执行率区间限制总分（如执行率 70%–80% 时总分不超过 89），而总分超过了上限。",
        why: "部分省份规定预算执行差的项目不能评为高分。",
        fix: "按方案把总分控制在上限以内。";
    Deviation = "DEVIATION", Warning, numbers_only: false, "偏差达到扣分标准未扣分",
        what: "方案规定完成值偏离指标值达到一定比例（如 30%）要扣分，而得分没有相应扣减。",
        why: "部分省份的评分规则要求大偏差扣分。",
        fix: "按方案扣分，或说明偏差的合理原因。";
    NotScoredRows = "NOT_SCORED_ROWS", Warning, numbers_only: true, "不计分数的表仍有得分",
        what: "总分和等级为“—”“/”或空（项目未开展、不计分数），但有的行仍填了得分。",
        why: "不计分数的项目不参加得分统计，残留的分数会引起误解。",
        fix: "删去各行得分（或改为“—”）；如项目实际开展了，请填写总分和等级。";
    ImportIncomplete = "IMPORT_INCOMPLETE", Error, numbers_only: true, "表格未能完整读取",
        what: "导入时这张表在“总分”行之前中断，或有表头却没有读到任何指标行。",
        why: "读不全的表无法检查和计分，不能当作“未填写总分”计入汇总。",
        fix: "打开原文件核对该处（多为单元格内换行或分页造成），修正后重新导入，或在编辑器中补全。";
    DeclFieldMissing = "DECL_FIELD_MISSING", Error, numbers_only: false, "申报表必填项未填写",
        what: "部门名称、项目名称、预算金额或项目绩效目标为空。",
        why: "缺少基本信息的申报表无法审核。",
        fix: "补全必填项。";
    DeclCategoryMissing = "DECL_CATEGORY_MISSING", Error, numbers_only: false, "缺少必备的指标类别",
        what: "没有产出数量指标或效益指标（错误），或没有满意度指标（警告）。",
        why: "每个项目至少应有数量和效益指标，面向服务对象的项目应有满意度指标。",
        fix: "补充缺少类别的指标。";
    DeclNotQuantified = "DECL_NOT_QUANTIFIED", Warning, numbers_only: false, "申报指标未量化",
        what: "指标没有运算符、数值、单位或完成时限。",
        why: "没有指标值的目标到年底无法自评。",
        fix: "写明指标值，如“培训不少于3次”“满意度≥90%”。";
    DeclSlogan = "DECL_SLOGAN", Warning, numbers_only: false, "口号式指标",
        what: "指标是“进一步提升”“切实加强”之类的口号，没有数值。",
        why: "口号不能考核。",
        fix: "改为可考核的指标值。";
    DeclCostMismatch = "DECL_COST_MISMATCH", Error, numbers_only: false, "成本指标与预算金额不符",
        what: "成本指标中的金额合计超过预算金额（错误），或与之不一致（提示）。",
        why: "成本指标应与申报的预算一致。",
        fix: "核对成本指标或预算金额。";
    DeclDateWindow = "DECL_DATE_WINDOW", Warning, numbers_only: false, "申报时限不在预算年度内",
        what: "指标写到的年份不是预算年度。",
        why: "常见于照抄往年的申报表。",
        fix: "核对时限。";
    LinkDeclaredMissing = "LINK_DECLARED_MISSING", Warning, numbers_only: false, "申报的指标未自评",
        what: "关联的绩效目标申报表中有这项指标，自评表中却找不到它。",
        why: "自评要对照批复的绩效目标逐项评价；漏掉的指标等于没有评价。",
        fix: "在自评表中补上这项指标并填写实际完成值和得分；确实取消的，在偏差原因中说明。";
    LinkUndeclared = "LINK_UNDECLARED", Warning, numbers_only: false, "自评指标未在申报表中",
        what: "自评表中的指标在关联的申报表中没有对应项。",
        why: "自评指标应来自申报（批复）的绩效目标；临时增加的指标会让自评脱离目标。",
        fix: "核对指标名称是否与申报表一致；新增的指标请在偏差原因中说明来由。";
    LinkTargetChanged = "LINK_TARGET_CHANGED", Warning, numbers_only: false, "指标值与申报不一致",
        what: "自评表的年度指标值与关联申报表中同一指标的指标值不同。",
        why: "年底按降低后的指标值自评，会让未完成的目标显得已完成。",
        fix: "把年度指标值改回申报（批复）的值；年中确经批准调整的，在偏差原因中写明依据。";
    LinkCategories = "LINK_CATEGORIES", Warning, numbers_only: false, "分值设置与申报类别不符",
        what: "自评表把分值给了申报表中没有的二级指标，或申报表中的二级指标在自评表中没有分值。",
        why: "分值应按申报的指标类别分配，否则得分不能反映申报目标的完成情况。",
        fix: "按申报表的二级指标分配分值。";
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.rule().id
    }

    pub fn title(self) -> &'static str {
        self.rule().title
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Code {
    type Err = String;

    fn from_str(s: &str) -> Result<Code, String> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("未知的检查规则代码“{s}”"))
    }
}

/// Codes travel as their stable string ("EXEC_SCORE").
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_consistent() {
        let mut ids = std::collections::HashSet::new();
        for (i, code) in Code::ALL.iter().enumerate() {
            let rule = code.rule();
            assert_eq!(rule.code, *code, "table position {i}");
            assert_eq!(*code as usize, i);
            assert!(ids.insert(rule.id), "{} is unique", rule.id);
            assert!(rule.id.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
            for text in [rule.title, rule.what, rule.why, rule.fix] {
                assert!(!text.is_empty() && !text.is_ascii(), "{}: Chinese text", rule.id);
            }
            assert_eq!(rule.id.parse::<Code>(), Ok(*code));
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", rule.id));
        }
        assert!("NOPE".parse::<Code>().is_err());
    }
}
