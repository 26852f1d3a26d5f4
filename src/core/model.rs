//! The forms of DOMAIN.md §1 as plain serde structs.
//!
//! Every cell a user types is a [`Cell`]: its raw text exactly as typed. The
//! parsed value is derived from it on demand ([`Cell::parsed`]), so the two
//! can never disagree and nothing typed is ever reformatted.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::value::{self, Parsed};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cell(pub String);

impl Cell {
    pub fn new(raw: impl Into<String>) -> Self {
        Cell(raw.into())
    }

    pub fn raw(&self) -> &str {
        &self.0
    }

    pub fn parsed(&self) -> Parsed {
        value::parse_value(&self.0)
    }

    /// The cell as a plain amount (money, score, weight), if it is one.
    pub fn amount(&self) -> Option<Decimal> {
        value::parse_amount(&self.0)
    }

    /// The cell as money in 万元: a bare number as written, one with a money
    /// unit converted ("100元" → 0.01, "1.2亿元" → 12000); None for any other
    /// unit ("90%", "3次"), which is no amount of money (UNIT_MISMATCH says so).
    pub fn money_wan(&self) -> Option<Decimal> {
        match self.parsed().value {
            value::Value::Number {
                comparator: None,
                embedded: false,
                amount,
                unit,
            } => match value::UnitKind::of(&unit) {
                value::UnitKind::None => Some(amount),
                value::UnitKind::Money(factor) => amount.checked_mul(factor),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.parsed().is_blank()
    }

    /// Empty, or only white space.
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::new(s)
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell(s)
    }
}

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level1 {
    Output,
    Benefit,
    Satisfaction,
}

impl Level1 {
    pub const ALL: [Level1; 3] = [Level1::Output, Level1::Benefit, Level1::Satisfaction];

    /// The key used in field ids and scheme data ("output").
    pub fn key(self) -> &'static str {
        match self {
            Level1::Output => "output",
            Level1::Benefit => "benefit",
            Level1::Satisfaction => "satisfaction",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
        }
    }
}

/// 二级指标 of the fixed hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level2 {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Satisfaction,
}

impl Level2 {
    pub const ALL: [Level2; 9] = [
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::Cost,
        Level2::Economic,
        Level2::Social,
        Level2::Ecological,
        Level2::Sustainable,
        Level2::Satisfaction,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::Economic => "经济效益指标",
            Level2::Social => "社会效益指标",
            Level2::Ecological => "生态效益指标",
            Level2::Sustainable => "可持续影响指标",
            Level2::Satisfaction => "服务对象满意度指标",
        }
    }

    /// The 一级 this 二级 belongs to in the central hierarchy.
    pub fn level1(self) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness | Level2::Cost => Level1::Output,
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => Level1::Benefit,
            Level2::Satisfaction => Level1::Satisfaction,
        }
    }

    /// Reads a 二级 label as written on real forms: "时效指标", "进度指标",
    /// "产出进度指标", "环境效益指标", "数量指标1（0.5分）", "服务对象满意度标".
    pub fn from_label(label: &str) -> Option<Level2> {
        let l: std::borrow::Cow<str> = if label.chars().any(char::is_whitespace) {
            label.chars().filter(|c| !c.is_whitespace()).collect::<String>().into()
        } else {
            label.into()
        };
        let table: [(&[&str], Level2); 9] = [
            (&["数量"], Level2::Quantity),
            (&["质量"], Level2::Quality),
            (&["时效", "进度", "时间"], Level2::Timeliness),
            (&["成本"], Level2::Cost),
            (&["经济效益", "经济"], Level2::Economic),
            (&["社会效益", "社会"], Level2::Social),
            (&["生态效益", "环境效益", "生态", "环境"], Level2::Ecological),
            (&["可持续"], Level2::Sustainable),
            (&["满意"], Level2::Satisfaction),
        ];
        table
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| l.contains(k)))
            .map(|(_, level2)| *level2)
    }
}

/// One 三级 indicator row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub level2: Level2,
    /// The 二级 label as written ("数量指标1（0.5分）"), kept for display.
    #[serde(default)]
    pub level2_label: String,
    /// 三级指标 (name).
    pub name: Cell,
    /// 年度指标值 / 年初目标值(A).
    pub target: Cell,
    /// 实际完成值(B).
    pub actual: Cell,
    /// 分值 (weight). In the Hubei layout it is written in the 二级 label.
    pub weight: Cell,
    /// 得分 as claimed by the unit.
    pub score: Cell,
    /// 偏差原因分析及改进措施.
    #[serde(default)]
    pub reason: Cell,
    /// 不涉及: not weighted, not counted.
    #[serde(default)]
    pub not_applicable: bool,
}

impl Indicator {
    /// The 二级 as the form shows it: the label as written, else the
    /// standard name.
    pub fn level2_text(&self) -> &str {
        level2_text(self.level2, &self.level2_label)
    }

    pub fn new(level2: Level2) -> Self {
        Indicator {
            level2,
            level2_label: level2.label().to_string(),
            name: Cell::default(),
            target: Cell::default(),
            actual: Cell::default(),
            weight: Cell::default(),
            score: Cell::default(),
            reason: Cell::default(),
            not_applicable: false,
        }
    }

    /// A template row left blank ("指标2：", "……"): not an indicator.
    pub fn is_template_blank(&self) -> bool {
        let name = self.name.raw().trim();
        let name_is_placeholder = name.is_empty()
            || name.chars().all(|c| "…….。 ".contains(c))
            || (name.starts_with("指标")
                && name
                    .trim_end_matches(['：', ':'])
                    .chars()
                    .skip(2)
                    .all(|c| c.is_ascii_digit()));
        name_is_placeholder
            && self.target.is_empty()
            && self.actual.is_empty()
            && self.weight.is_empty()
            && self.score.is_empty()
    }

    /// 不涉及 either by the switch or by what was typed.
    pub fn is_not_applicable(&self) -> bool {
        self.not_applicable
            || value::is_not_applicable_text(self.target.raw())
            || value::is_not_applicable_text(self.actual.raw())
    }
}

/// 项目资金 rows of the central layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// 年度资金总额
    Total,
    /// 其中：当年财政拨款
    CurrentYear,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
}

impl FundKind {
    pub const ALL: [FundKind; 4] = [
        FundKind::Total,
        FundKind::CurrentYear,
        FundKind::CarriedOver,
        FundKind::Other,
    ];

    /// The key used in field ids ("funds.total.annual").
    pub fn key(self) -> &'static str {
        match self {
            FundKind::Total => "total",
            FundKind::CurrentYear => "current_year",
            FundKind::CarriedOver => "carried_over",
            FundKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundKind::Total => "年度资金总额",
            FundKind::CurrentYear => "当年财政拨款",
            FundKind::CarriedOver => "上年结转资金",
            FundKind::Other => "其他资金",
        }
    }
}

/// One row of 项目资金（万元）.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRow {
    /// 年初预算数
    pub initial: Cell,
    /// 全年预算数 (预算数(A) in the Hubei layout)
    pub annual: Cell,
    /// 全年执行数 (执行数(B))
    pub spent: Cell,
}

/// The money block: four rows in the central layout (the Hubei layout uses
/// only `total`), plus what the form prints for rate and score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    pub total: FundRow,
    #[serde(default)]
    pub current_year: FundRow,
    #[serde(default)]
    pub carried_over: FundRow,
    #[serde(default)]
    pub other: FundRow,
    /// 执行率 as printed on the form.
    #[serde(default)]
    pub printed_rate: Cell,
    /// 得分 of the budget row as printed/claimed.
    #[serde(default)]
    pub printed_score: Cell,
}

impl Funds {
    pub fn row(&self, kind: FundKind) -> &FundRow {
        match kind {
            FundKind::Total => &self.total,
            FundKind::CurrentYear => &self.current_year,
            FundKind::CarriedOver => &self.carried_over,
            FundKind::Other => &self.other,
        }
    }

    pub fn row_mut(&mut self, kind: FundKind) -> &mut FundRow {
        match kind {
            FundKind::Total => &mut self.total,
            FundKind::CurrentYear => &mut self.current_year,
            FundKind::CarriedOver => &mut self.carried_over,
            FundKind::Other => &mut self.other,
        }
    }
}

/// Which layout a project form follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectLayout {
    /// 中央/北京 项目支出绩效自评表 (DOMAIN §1.1)
    Central,
    /// 湖北 项目支出绩效自评表 (DOMAIN §1.2)
    Hubei,
}

/// 项目支出绩效自评表 in either layout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectForm {
    pub layout: ProjectLayout,
    /// Scheme id (see [`crate::core::scheme`]).
    pub scheme: String,
    /// Evaluation year (评价年度).
    pub year: Option<i32>,
    pub name: Cell,
    /// 主管部门
    #[serde(default)]
    pub department: Cell,
    /// 实施单位 / 项目实施单位
    #[serde(default)]
    pub implementer: Cell,
    /// 项目负责人
    #[serde(default)]
    pub leader: Cell,
    /// 联系电话
    #[serde(default)]
    pub phone: Cell,
    /// 单位名称 (Hubei header)
    #[serde(default)]
    pub unit: Cell,
    /// 填报日期 (Hubei header)
    #[serde(default)]
    pub fill_date: Cell,
    pub funds: Funds,
    /// 年度总体目标 / 项目绩效总目标: 预期目标
    #[serde(default)]
    pub goal_expected: Cell,
    /// 实际完成情况
    #[serde(default)]
    pub goal_actual: Cell,
    /// Hubei: 总目标 得分 (judged by the unit, out of the scheme's goal points).
    #[serde(default)]
    pub goal_score: Cell,
    pub indicators: Vec<Indicator>,
    /// Hubei: 偏差大或目标未完成原因分析
    #[serde(default)]
    pub deviation_analysis: Cell,
    /// Hubei: 改进措施及结果应用方案
    #[serde(default)]
    pub improvement: Cell,
    /// 总分 得分 as printed (Hubei: 自评得分).
    #[serde(default)]
    pub printed_total: Cell,
    /// 等级 as printed (优/良/中/差 or a synonym).
    #[serde(default)]
    pub printed_grade: Cell,
    /// 满意度 basis (问卷/调查) stated by the unit, if any.
    #[serde(default)]
    pub satisfaction_basis: Cell,
    /// 项目未开展（不计分数）: evaluated but not scored.
    #[serde(default)]
    pub not_carried_out: bool,
}

impl ProjectForm {
    pub fn new(layout: ProjectLayout, scheme: &str, year: Option<i32>) -> Self {
        ProjectForm {
            layout,
            scheme: scheme.to_string(),
            year,
            name: Cell::default(),
            department: Cell::default(),
            implementer: Cell::default(),
            leader: Cell::default(),
            phone: Cell::default(),
            unit: Cell::default(),
            fill_date: Cell::default(),
            funds: Funds::default(),
            goal_expected: Cell::default(),
            goal_actual: Cell::default(),
            goal_score: Cell::default(),
            indicators: Vec::new(),
            deviation_analysis: Cell::default(),
            improvement: Cell::default(),
            printed_total: Cell::default(),
            printed_grade: Cell::default(),
            satisfaction_basis: Cell::default(),
            not_carried_out: false,
        }
    }

    /// Chinese name of the form type.
    pub fn kind_label(&self) -> &'static str {
        match self.layout {
            ProjectLayout::Central => "项目支出绩效自评表",
            ProjectLayout::Hubei => "项目支出绩效自评表（湖北）",
        }
    }

    /// A printed 总分 or 等级 of "—", "/" or "_": a mark for "not scored".
    pub fn marked_not_scored(cell: &Cell) -> bool {
        matches!(
            cell.parsed().value,
            value::Value::Marker {
                marker: value::Marker::Dash | value::Marker::Slash | value::Marker::Underscore
            }
        )
    }

    /// 总分 and 等级 are both such marks or empty, at least one a mark: the
    /// unit's own statement that the project was not carried out (DOMAIN §2).
    pub fn states_not_scored(&self) -> bool {
        let (total, grade) = (&self.printed_total, &self.printed_grade);
        let blank = |c: &Cell| c.is_empty() || Self::marked_not_scored(c);
        blank(total) && blank(grade) && (Self::marked_not_scored(total) || Self::marked_not_scored(grade))
    }

    /// Rows that are real indicators (template blanks dropped), with their
    /// index in `indicators` so findings can point at the right row.
    pub fn real_indicators(&self) -> impl Iterator<Item = (usize, &Indicator)> {
        self.indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.is_template_blank())
    }
}

/// One 年度目标 of the Hubei department form, with its own indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentGoal {
    pub text: Cell,
    /// The goal's weight ("年度目标1（37分）").
    pub weight: Cell,
    /// 产出指标 group weight ("产出指标 (17分)").
    pub output_weight: Cell,
    /// 效益指标 group weight.
    pub benefit_weight: Cell,
    pub indicators: Vec<Indicator>,
}

/// 部门整体绩效自评表, Hubei layout (DOMAIN §1.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentForm {
    pub scheme: String,
    pub year: Option<i32>,
    /// 单位名称
    pub unit: Cell,
    /// 基本支出总额
    #[serde(default)]
    pub basic_spending: Cell,
    /// 项目支出总额
    #[serde(default)]
    pub project_spending: Cell,
    /// 部门整体支出总额: 预算数 / 执行数 and printed rate / score.
    pub funds: Funds,
    pub goals: Vec<DepartmentGoal>,
    #[serde(default)]
    pub deviation_analysis: Cell,
    #[serde(default)]
    pub improvement: Cell,
    /// 总分 as printed.
    #[serde(default)]
    pub printed_total: Cell,
}

/// One indicator of a target declaration: content with its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredIndicator {
    /// 一级 as written ("产出指标一（基层党建）").
    pub level1_label: String,
    pub level2: Level2,
    pub level2_label: String,
    /// 具体指标（指标内容、指标值）: one entry of the cell; in an imported
    /// form it holds the 指标值 too.
    pub content: Cell,
    /// 指标值 in its own cell (forms made in this tool); blank when the
    /// value is written inside `content`.
    #[serde(default)]
    pub target: Cell,
}

impl DeclaredIndicator {
    /// An empty entry of a 二级, labelled as the official form labels it.
    pub fn new(level2: Level2) -> Self {
        DeclaredIndicator {
            level1_label: level2.level1().label().into(),
            level2,
            level2_label: level2.label().into(),
            content: Cell::default(),
            target: Cell::default(),
        }
    }

    /// Content and value as one text, the way the official cell prints them.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        let (content, target) = (self.content.raw().trim(), self.target.raw().trim());
        match (content.is_empty(), target.is_empty()) {
            (_, true) => content.into(),
            (true, false) => target.into(),
            (false, false) => format!("{content}：{target}").into(),
        }
    }

    /// Neither content nor value written.
    pub fn is_blank(&self) -> bool {
        self.content.is_empty() && self.target.is_empty()
    }

    /// The 二级 as the form shows it (see [`Indicator::level2_text`]).
    pub fn level2_text(&self) -> &str {
        level2_text(self.level2, &self.level2_label)
    }
}

fn level2_text(level2: Level2, written: &str) -> &str {
    match written.trim() {
        "" => level2.label(),
        label => label,
    }
}

/// 项目支出绩效目标申报表 (DOMAIN §1.4): no scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclarationForm {
    pub scheme: String,
    pub year: Option<i32>,
    /// 部门（单位）名称
    pub unit: Cell,
    pub name: Cell,
    /// 预算金额 as written ("3512730元").
    pub budget: Cell,
    #[serde(default)]
    pub leader: Cell,
    #[serde(default)]
    pub phone: Cell,
    #[serde(default)]
    pub address: Cell,
    #[serde(default)]
    pub postcode: Cell,
    #[serde(default)]
    pub project_type: Cell,
    /// 项目绩效目标
    pub goal: Cell,
    pub indicators: Vec<DeclaredIndicator>,
    #[serde(default)]
    pub other_notes: Cell,
}

/// One 一级 row of a department / third-party evaluation score table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationItem {
    pub name: Cell,
    pub weight: Cell,
    pub score: Cell,
}

/// 部门评价 / third-party evaluation score table (DOMAIN §1.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationForm {
    pub scheme: String,
    pub year: Option<i32>,
    pub name: Cell,
    /// Amount evaluated (万元), if stated.
    #[serde(default)]
    pub amount: Cell,
    pub items: Vec<EvaluationItem>,
    pub printed_total: Cell,
    pub printed_grade: Cell,
}

/// Any form the tool handles. Forms are few and plain data; boxing the
/// large variant would only complicate every match.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Form {
    Project(ProjectForm),
    Department(DepartmentForm),
    Declaration(DeclarationForm),
    Evaluation(EvaluationForm),
}

impl Form {
    pub fn scheme_id(&self) -> &str {
        match self {
            Form::Project(f) => &f.scheme,
            Form::Department(f) => &f.scheme,
            Form::Declaration(f) => &f.scheme,
            Form::Evaluation(f) => &f.scheme,
        }
    }

    pub fn year(&self) -> Option<i32> {
        match self {
            Form::Project(f) => f.year,
            Form::Department(f) => f.year,
            Form::Declaration(f) => f.year,
            Form::Evaluation(f) => f.year,
        }
    }

    /// Replaces the name (for copies: "…（副本）").
    pub fn rename(&mut self, name: String) {
        let cell = match self {
            Form::Project(f) => &mut f.name,
            Form::Department(f) => &mut f.unit,
            Form::Declaration(f) => &mut f.name,
            Form::Evaluation(f) => &mut f.name,
        };
        *cell = Cell::new(name);
    }

    /// What a list shows for a form without a name.
    pub fn unnamed(&self) -> &'static str {
        match self {
            Form::Department(_) => "（未填单位名称）",
            _ => "（未命名项目）",
        }
    }

    pub fn as_project(&self) -> Option<&ProjectForm> {
        match self {
            Form::Project(f) => Some(f),
            _ => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Form::Project(f) => f.name.raw(),
            Form::Department(f) => f.unit.raw(),
            Form::Declaration(f) => f.name.raw(),
            Form::Evaluation(f) => f.name.raw(),
        }
    }

    /// Chinese name of the form type.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Form::Project(f) => f.kind_label(),
            Form::Department(_) => "部门整体绩效自评表",
            Form::Declaration(_) => "项目支出绩效目标申报表",
            Form::Evaluation(_) => "绩效评价得分表",
        }
    }
}
