//! Scoring schemes as data: weights, roll-ups, rounding, thresholds.
//!
//! A new province is a new entry in `schemes/builtin.json` (or a JSON file
//! read with [`Scheme::from_json`]), never new code.

use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::{Cell, Form, Level1, Level2, ProjectForm, ProjectLayout};

/// How the budget-execution score is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Two decimals, half up (20 × 99.37% = 19.874 → 19.87).
    Dp2,
    /// One decimal, half up.
    Dp1,
    /// Whole points rounded down (Beijing: 10 × 96.47% = 9.647 → 9).
    WholeDown,
}

impl Rounding {
    pub fn apply(self, value: Decimal) -> Decimal {
        match self {
            Rounding::Dp2 => round_half_up(value, 2),
            Rounding::Dp1 => round_half_up(value, 1),
            Rounding::WholeDown => value.floor(),
        }
    }

    /// Decimals of the scheme's value (0 for whole points).
    pub fn decimals(self) -> u32 {
        match self {
            Rounding::Dp2 => 2,
            Rounding::Dp1 => 1,
            Rounding::WholeDown => 0,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Rounding::Dp2 => "保留两位小数",
            Rounding::Dp1 => "保留一位小数",
            Rounding::WholeDown => "按方案取整数分（向下取整）",
        }
    }
}

pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Score of a missed reverse (≤) indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReverseFormula {
    /// 分值 × 指标值 ÷ 实际值
    #[default]
    Ratio,
    /// 分值 × max(0, 1 − (实际值 − 指标值) ÷ 指标值)
    Linear,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRule {
    pub points: Decimal,
    pub rounding: Rounding,
}

/// A 一级 group and the 二级 it rolls up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRule {
    pub key: Level1,
    pub label: String,
    pub level2: Vec<Level2>,
    /// Recommended ("原则上") weight: deviations are allowed.
    #[serde(default)]
    pub recommended: Option<Decimal>,
    /// Weight the group must have.
    #[serde(default)]
    pub fixed: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBand {
    /// Canonical label: 优 / 良 / 中 / 差.
    pub label: String,
    /// Lowest total in the band (the boundary belongs to this, higher band).
    pub min: Decimal,
    /// Labels units write that mean the same.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// Optional: total capped by execution rate band (some provinces).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionCap {
    /// Applies when the rate (%) is below this.
    pub rate_below: Decimal,
    pub max_total: Decimal,
}

/// Optional: deduct points when an indicator deviates by ≥ threshold %.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviationDeduction {
    pub threshold_percent: Decimal,
    pub points: Decimal,
}

/// Qualitative tiers as % of 分值: 达成 [achieved, 100], 部分达成 [partial, achieved).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualitativeTiers {
    pub achieved_min: Decimal,
    pub partial_min: Decimal,
}

impl Default for QualitativeTiers {
    fn default() -> Self {
        QualitativeTiers {
            achieved_min: Decimal::from(80),
            partial_min: Decimal::from(60),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationItemRule {
    pub name: String,
    #[serde(default)]
    pub weight: Option<Decimal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemeForm {
    ProjectCentral,
    ProjectHubei,
    Department,
    Declaration,
    Evaluation,
}

/// What kind of figure a number cell holds, for [`Limits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// 万元 amounts.
    Money,
    /// 分值, 得分, 总分.
    Score,
    /// An indicator's target or actual value.
    Quantity,
}

/// The figures a form can plausibly hold. A number outside them is a typing
/// mistake (a key held down, a unit mixed up), gets a VALUE_RANGE finding and
/// is left out of every computation, so arithmetic on what remains cannot
/// overflow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest amount of money on one form, in 万元.
    pub money_wan: Decimal,
    /// Largest 分值 / 得分 / 总分.
    pub score: Decimal,
    /// Largest target or actual value of an indicator.
    pub quantity: Decimal,
    /// Smallest non-zero magnitude of any figure.
    pub smallest: Decimal,
    /// An execution rate above this (%) is taken as a digit or unit mistake.
    pub rate_percent: Decimal,
}

impl Limits {
    pub fn max(&self, figure: Figure) -> Decimal {
        match figure {
            Figure::Money => self.money_wan,
            Figure::Score => self.score,
            Figure::Quantity => self.quantity,
        }
    }

    /// Whether a figure of this kind can be computed with.
    pub fn admits(&self, figure: Figure, value: Decimal) -> bool {
        let magnitude = value.abs();
        magnitude <= self.max(figure) && (magnitude.is_zero() || magnitude >= self.smallest)
    }

    /// A cell's amount when it is one this form can hold (money in 万元,
    /// whatever money unit it was written in).
    pub fn read(&self, figure: Figure, cell: &Cell) -> Option<Decimal> {
        let value = match figure {
            Figure::Money => cell.money_wan(),
            _ => cell.amount(),
        };
        value.filter(|v| self.admits(figure, *v))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    pub id: String,
    pub name: String,
    pub form: SchemeForm,
    /// The scheme a form of this type gets when it names none (or an
    /// unknown one): exactly one per form type in the built-in data.
    #[serde(default)]
    pub default: bool,
    pub total_points: Decimal,
    #[serde(default)]
    pub budget: Option<BudgetRule>,
    /// Hubei 项目绩效总目标 points.
    #[serde(default)]
    pub goal_points: Option<Decimal>,
    /// Points for all indicators together (90 central, 60 Hubei, 80 department).
    #[serde(default)]
    pub indicator_points: Option<Decimal>,
    #[serde(default)]
    pub groups: Vec<GroupRule>,
    #[serde(default = "default_grades")]
    pub grades: Vec<GradeBand>,
    #[serde(default)]
    pub reverse_formula: ReverseFormula,
    /// Forward actual ≥ factor × target asks for an explanation.
    #[serde(default = "default_over_achievement")]
    pub over_achievement_factor: Decimal,
    #[serde(default)]
    pub qualitative: QualitativeTiers,
    #[serde(default)]
    pub execution_caps: Vec<ExecutionCap>,
    #[serde(default)]
    pub deviation_deduction: Option<DeviationDeduction>,
    /// Third-party / department evaluation 一级 items.
    #[serde(default)]
    pub evaluation_items: Vec<EvaluationItemRule>,
    /// Plausible figures; a scheme that names none takes its form type's
    /// default scheme's.
    #[serde(default)]
    limits: Option<Limits>,
}

fn default_grades() -> Vec<GradeBand> {
    let band = |label: &str, min: i64, synonyms: &[&str]| GradeBand {
        label: label.to_string(),
        min: Decimal::from(min),
        synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
    };
    vec![
        band("优", 90, &["优秀"]),
        band("良", 80, &["良好"]),
        band("中", 60, &["中等", "一般", "合格"]),
        band("差", 0, &["较差", "不合格"]),
    ]
}

fn default_over_achievement() -> Decimal {
    Decimal::new(12, 1)
}

const BUILTIN_JSON: &str = include_str!("schemes/builtin.json");

impl Scheme {
    pub fn from_json(json: &str) -> Result<Vec<Scheme>, String> {
        serde_json::from_str(json).map_err(|e| format!("评分方案格式错误：{e}"))
    }

    /// The built-in schemes, parsed once.
    pub fn builtin() -> &'static [Scheme] {
        static SCHEMES: OnceLock<Vec<Scheme>> = OnceLock::new();
        SCHEMES.get_or_init(|| Scheme::from_json(BUILTIN_JSON).expect("built-in schemes are valid JSON"))
    }

    pub fn by_id(id: &str) -> Option<&'static Scheme> {
        Scheme::builtin().iter().find(|s| s.id == id)
    }

    /// The figures this scheme's forms can plausibly hold.
    pub fn limits(&self) -> &Limits {
        match &self.limits {
            Some(l) => l,
            None => Scheme::default_for(self.form)
                .limits
                .as_ref()
                .expect("default schemes state their limits (tested)"),
        }
    }

    /// The built-in default scheme of a form type (marked in the data).
    pub fn default_for(form: SchemeForm) -> &'static Scheme {
        Scheme::builtin()
            .iter()
            .find(|s| s.form == form && s.default)
            .expect("every form type has a default scheme in builtin.json (tested)")
    }

    /// The scheme with this id if it is built in and fits the form type,
    /// else the type's default: a draft naming a removed scheme still opens.
    pub fn resolve(id: &str, form: SchemeForm) -> &'static Scheme {
        Scheme::by_id(id)
            .filter(|s| s.form == form)
            .unwrap_or_else(|| Scheme::default_for(form))
    }

    /// A form's scheme: the one it names, else its type's default.
    pub fn of(form: &Form) -> &'static Scheme {
        let kind = match form {
            Form::Project(f) => return Scheme::of_project(f),
            Form::Department(_) => SchemeForm::Department,
            Form::Declaration(_) => SchemeForm::Declaration,
            Form::Evaluation(_) => SchemeForm::Evaluation,
        };
        Scheme::resolve(form.scheme_id(), kind)
    }

    pub fn of_project(form: &ProjectForm) -> &'static Scheme {
        let kind = match form.layout {
            ProjectLayout::Central => SchemeForm::ProjectCentral,
            ProjectLayout::Hubei => SchemeForm::ProjectHubei,
        };
        Scheme::resolve(&form.scheme, kind)
    }

    /// The id of a form type's default scheme, for readers that make forms.
    pub fn default_id(form: SchemeForm) -> String {
        Scheme::default_for(form).id.clone()
    }

    /// The evaluation scheme whose items are all named in a table (项目决策,
    /// 项目管理, 项目绩效 → the Beijing one), else the default.
    pub fn for_evaluation_items(names: &[String]) -> &'static Scheme {
        Scheme::for_form(SchemeForm::Evaluation)
            .into_iter()
            .find(|s| {
                !s.evaluation_items.is_empty()
                    && s.evaluation_items
                        .iter()
                        .all(|item| names.iter().any(|n| n.contains(&item.name)))
            })
            .unwrap_or_else(|| Scheme::default_for(SchemeForm::Evaluation))
    }

    /// The built-in schemes for a form type, default first: what "新建" offers.
    pub fn for_form(form: SchemeForm) -> Vec<&'static Scheme> {
        let mut all: Vec<&'static Scheme> = Scheme::builtin().iter().filter(|s| s.form == form).collect();
        all.sort_by_key(|s| !s.default);
        all
    }

    /// The grade for a total (bands sorted high to low; boundary goes up).
    pub fn grade_for(&self, total: Decimal) -> &GradeBand {
        let mut bands: Vec<&GradeBand> = self.grades.iter().collect();
        bands.sort_by_key(|b| std::cmp::Reverse(b.min));
        bands
            .iter()
            .find(|b| total >= b.min)
            .copied()
            .unwrap_or_else(|| bands.last().expect("a scheme has grade bands"))
    }

    /// Reads a written grade label: canonical or synonym. None = not standard.
    pub fn grade_by_label(&self, written: &str) -> Option<&GradeBand> {
        let w = written.trim();
        self.grades
            .iter()
            .find(|b| b.label == w || b.synonyms.iter().any(|s| s == w))
    }

    pub fn group_of(&self, level2: Level2) -> Option<&GroupRule> {
        self.groups.iter().find(|g| g.level2.contains(&level2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn builtin_schemes_parse_and_add_up() {
        let all = Scheme::builtin();
        assert!(all.len() >= 6);
        for s in all {
            let budget = s.budget.as_ref().map_or(Decimal::ZERO, |b| b.points);
            let parts = budget + s.goal_points.unwrap_or_default() + s.indicator_points.unwrap_or_default();
            if s.form != SchemeForm::Declaration && s.form != SchemeForm::Evaluation {
                assert_eq!(parts, s.total_points, "{} parts add up to the total", s.id);
            }
        }
        let hb = Scheme::by_id("hubei-project").unwrap();
        let fixed: Decimal = hb.groups.iter().filter_map(|g| g.fixed).sum();
        assert_eq!(fixed, hb.indicator_points.unwrap());
        let ev: Decimal = Scheme::by_id("evaluation-beijing")
            .unwrap()
            .evaluation_items
            .iter()
            .filter_map(|i| i.weight)
            .sum();
        assert_eq!(ev, d("100"));
    }

    #[test]
    fn each_form_type_has_exactly_one_default_scheme() {
        for form in [
            SchemeForm::ProjectCentral,
            SchemeForm::ProjectHubei,
            SchemeForm::Department,
            SchemeForm::Declaration,
            SchemeForm::Evaluation,
        ] {
            let defaults = Scheme::builtin().iter().filter(|s| s.form == form && s.default).count();
            assert_eq!(defaults, 1, "{form:?}");
            assert!(Scheme::default_for(form).limits.is_some(), "{form:?} states its limits");
            assert_eq!(Scheme::for_form(form)[0].id, Scheme::default_for(form).id);
        }
        assert_eq!(
            Scheme::resolve("no-such", SchemeForm::ProjectHubei).form,
            SchemeForm::ProjectHubei
        );
        assert_eq!(
            Scheme::resolve("central-project", SchemeForm::ProjectCentral).id,
            "central-project"
        );
        // A scheme of another form type is not taken.
        assert_eq!(
            Scheme::resolve("hubei-project", SchemeForm::ProjectCentral).form,
            SchemeForm::ProjectCentral
        );
    }

    #[test]
    fn grade_boundaries_belong_to_the_higher_grade() {
        let s = Scheme::by_id("beijing-project").unwrap();
        assert_eq!(s.grade_for(d("90")).label, "优");
        assert_eq!(s.grade_for(d("89.99")).label, "良");
        assert_eq!(s.grade_for(d("80")).label, "良");
        assert_eq!(s.grade_for(d("60")).label, "中");
        assert_eq!(s.grade_for(d("59.5")).label, "差");
        assert_eq!(s.grade_for(d("-3")).label, "差");
    }

    #[test]
    fn grade_synonyms_are_accepted_and_others_are_not() {
        let s = Scheme::by_id("beijing-project").unwrap();
        assert_eq!(s.grade_by_label("良好").unwrap().label, "良");
        assert_eq!(s.grade_by_label("优秀").unwrap().label, "优");
        assert!(s.grade_by_label("优良").is_none());
    }

    #[test]
    fn rounding_modes() {
        assert_eq!(Rounding::WholeDown.apply(d("9.647")), d("9"));
        assert_eq!(Rounding::Dp2.apply(d("19.874")), d("19.87"));
        assert_eq!(Rounding::Dp2.apply(d("17.579")), d("17.58"));
        assert_eq!(Rounding::Dp1.apply(d("17.55")), d("17.6"));
    }

    #[test]
    fn a_province_is_data() {
        let json = r#"[{"id":"x","name":"某省","form":"project_central","total_points":"100",
            "budget":{"points":"10","rounding":"dp1"},"indicator_points":"90",
            "over_achievement_factor":"1.3",
            "execution_caps":[{"rate_below":"80","max_total":"89"}]}]"#;
        let s = &Scheme::from_json(json).unwrap()[0];
        assert_eq!(s.over_achievement_factor, d("1.3"));
        assert_eq!(s.grades.len(), 4);
        assert!(Scheme::from_json("[{").unwrap_err().contains("评分方案格式错误"));
    }
}
