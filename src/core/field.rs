//! A typed place on a form: where an input writes, where a finding points
//! and what the editor focuses. One name for all three, so they cannot
//! drift apart.
//!
//! A field is written as a dotted id ("funds.total.annual",
//! "indicators.3.score", "goals.1.indicators.0.weight"): the id appears in
//! the page (`data-field`), in findings exported as JSON/CSV and in stored
//! drafts, so [`Field`]'s `Display` and `FromStr` round-trip exactly.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::model::{FundKind, Level1};

/// One-cell header and text fields, by their id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Header {
    Name,
    Department,
    Implementer,
    Leader,
    Phone,
    Unit,
    FillDate,
    Year,
    /// Declaration: 预算金额.
    Budget,
    /// Declaration: 项目绩效目标.
    TargetGoal,
    /// Department: 基本支出总额 / 项目支出总额.
    BasicSpending,
    ProjectSpending,
    /// Hubei: 偏差大或目标未完成原因分析.
    DeviationAnalysis,
    /// Hubei: 改进措施及结果应用方案.
    Improvement,
    /// 满意度调查依据.
    SatisfactionBasis,
    /// Declaration: 其他说明的问题.
    OtherNotes,
    /// Declaration: 单位地址 / 邮政编码 / 项目类型.
    Address,
    Postcode,
    ProjectType,
}

impl Header {
    const ALL: [(Header, &'static str, &'static str); 19] = [
        (Header::Name, "name", "项目名称"),
        (Header::Department, "department", "主管部门"),
        (Header::Implementer, "implementer", "实施单位"),
        (Header::Leader, "leader", "项目负责人"),
        (Header::Phone, "phone", "联系电话"),
        (Header::Unit, "unit", "单位名称"),
        (Header::FillDate, "fill_date", "填报日期"),
        (Header::Year, "year", "评价年度"),
        (Header::Budget, "budget", "预算金额"),
        (Header::TargetGoal, "goal", "项目绩效目标"),
        (Header::BasicSpending, "basic_spending", "基本支出总额"),
        (Header::ProjectSpending, "project_spending", "项目支出总额"),
        (
            Header::DeviationAnalysis,
            "deviation_analysis",
            "偏差大或目标未完成原因分析",
        ),
        (Header::Improvement, "improvement", "改进措施及结果应用方案"),
        (Header::SatisfactionBasis, "satisfaction_basis", "满意度调查依据"),
        (Header::OtherNotes, "other_notes", "其他说明的问题"),
        (Header::Address, "address", "单位地址"),
        (Header::Postcode, "postcode", "邮政编码"),
        (Header::ProjectType, "project_type", "项目类型"),
    ];

    fn entry(self) -> (Header, &'static str, &'static str) {
        *Header::ALL
            .iter()
            .find(|(h, _, _)| *h == self)
            .expect("every header is listed")
    }

    pub fn key(self) -> &'static str {
        self.entry().1
    }

    pub fn label(self) -> &'static str {
        self.entry().2
    }
}

/// A money column of the 项目资金 table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundColumn {
    /// 年初预算数
    Initial,
    /// 全年预算数 (预算数(A))
    Annual,
    /// 全年执行数 (执行数(B))
    Spent,
}

impl FundColumn {
    pub const ALL: [FundColumn; 3] = [FundColumn::Initial, FundColumn::Annual, FundColumn::Spent];

    pub fn key(self) -> &'static str {
        match self {
            FundColumn::Initial => "initial",
            FundColumn::Annual => "annual",
            FundColumn::Spent => "spent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundColumn::Initial => "年初预算数",
            FundColumn::Annual => "全年预算数",
            FundColumn::Spent => "全年执行数",
        }
    }
}

/// 年度总体目标 / 项目绩效总目标 cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GoalColumn {
    Expected,
    Actual,
    Score,
}

/// A column of an indicator row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorColumn {
    Name,
    Target,
    Actual,
    Weight,
    Score,
    Reason,
    /// Declaration: 具体指标（指标内容、指标值）.
    Content,
}

impl IndicatorColumn {
    pub const ALL: [IndicatorColumn; 7] = [
        IndicatorColumn::Name,
        IndicatorColumn::Target,
        IndicatorColumn::Actual,
        IndicatorColumn::Weight,
        IndicatorColumn::Score,
        IndicatorColumn::Reason,
        IndicatorColumn::Content,
    ];

    pub fn key(self) -> &'static str {
        match self {
            IndicatorColumn::Name => "name",
            IndicatorColumn::Target => "target",
            IndicatorColumn::Actual => "actual",
            IndicatorColumn::Weight => "weight",
            IndicatorColumn::Score => "score",
            IndicatorColumn::Reason => "reason",
            IndicatorColumn::Content => "content",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IndicatorColumn::Name => "三级指标",
            IndicatorColumn::Target => "年度指标值",
            IndicatorColumn::Actual => "实际完成值",
            IndicatorColumn::Weight => "分值",
            IndicatorColumn::Score => "得分",
            IndicatorColumn::Reason => "偏差原因分析及改进措施",
            IndicatorColumn::Content => "具体指标",
        }
    }
}

/// Which indicator row: of the form itself, or of a department form's
/// 年度目标 (`goal`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowRef {
    pub goal: Option<usize>,
    pub row: usize,
}

/// A weight cell of a department form's 年度目标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeptGoalColumn {
    Text,
    Weight,
    OutputWeight,
    BenefitWeight,
}

impl DeptGoalColumn {
    const ALL: [(DeptGoalColumn, &'static str, &'static str); 4] = [
        (DeptGoalColumn::Text, "text", "目标"),
        (DeptGoalColumn::Weight, "weight", "分值"),
        (DeptGoalColumn::OutputWeight, "output_weight", "产出指标分值"),
        (DeptGoalColumn::BenefitWeight, "benefit_weight", "效益指标分值"),
    ];
}

/// A column of an evaluation score table row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EvalColumn {
    Name,
    Weight,
    Score,
}

impl EvalColumn {
    const ALL: [(EvalColumn, &'static str, &'static str); 3] = [
        (EvalColumn::Name, "name", "评价内容"),
        (EvalColumn::Weight, "weight", "分值"),
        (EvalColumn::Score, "score", "得分"),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Header(Header),
    /// A money cell: row × column.
    Fund(FundKind, FundColumn),
    /// 执行率 as printed.
    FundRate,
    /// 预算执行 得分 as printed.
    FundScore,
    Goal(GoalColumn),
    /// The indicator table as a whole (a category is missing).
    Indicators,
    Indicator(RowRef, IndicatorColumn),
    /// The 分值 of a 一级 group.
    Group(Level1),
    DeptGoal(usize, DeptGoalColumn),
    EvalItem(usize, EvalColumn),
    /// 总分 as printed.
    Total,
    /// 总分·分值: the weights added up.
    TotalWeight,
    Grade,
    /// The whole form (it could not be read completely).
    Form,
}

impl Field {
    pub fn indicator(row: usize, column: IndicatorColumn) -> Field {
        Field::Indicator(RowRef { goal: None, row }, column)
    }

    /// A generic Chinese description of the place ("项目资金·年度资金总额·全年预算数",
    /// "绩效指标第 4 行·得分"); findings add the indicator's name where they know it.
    pub fn label(&self) -> String {
        match self {
            Field::Header(h) => h.label().to_string(),
            Field::Fund(kind, col) => format!("项目资金·{}·{}", kind.label(), col.label()),
            Field::FundRate => "项目资金·年度资金总额·执行率".into(),
            Field::FundScore => "项目资金·年度资金总额·得分".into(),
            Field::Goal(GoalColumn::Expected) => "年度总体目标·预期目标".into(),
            Field::Goal(GoalColumn::Actual) => "年度总体目标·实际完成情况".into(),
            Field::Goal(GoalColumn::Score) => "项目绩效总目标·得分".into(),
            Field::Indicators => "绩效指标".into(),
            Field::Indicator(at, col) => {
                let goal = at.goal.map(|g| format!("年度目标{}·", g + 1)).unwrap_or_default();
                format!("{goal}绩效指标第 {} 行·{}", at.row + 1, col.label())
            }
            Field::Group(level1) => format!("绩效指标·{}", level1.label()),
            Field::DeptGoal(g, col) => {
                let label = DeptGoalColumn::ALL
                    .iter()
                    .find(|(c, _, _)| c == col)
                    .map_or("", |e| e.2);
                format!("年度目标{}·{label}", g + 1)
            }
            Field::EvalItem(i, col) => {
                let label = EvalColumn::ALL.iter().find(|(c, _, _)| c == col).map_or("", |e| e.2);
                format!("评价得分表第 {} 行·{label}", i + 1)
            }
            Field::Total => "总分·得分".into(),
            Field::TotalWeight => "总分·分值".into(),
            Field::Grade => "总分·等级".into(),
            Field::Form => "整张表".into(),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Header(h) => f.write_str(h.key()),
            Field::Fund(kind, col) => write!(f, "funds.{}.{}", kind.key(), col.key()),
            Field::FundRate => f.write_str("funds.rate"),
            Field::FundScore => f.write_str("funds.score"),
            Field::Goal(GoalColumn::Expected) => f.write_str("goal.expected"),
            Field::Goal(GoalColumn::Actual) => f.write_str("goal.actual"),
            Field::Goal(GoalColumn::Score) => f.write_str("goal.score"),
            Field::Indicators => f.write_str("indicators"),
            Field::Indicator(RowRef { goal: None, row }, col) => write!(f, "indicators.{row}.{}", col.key()),
            Field::Indicator(RowRef { goal: Some(g), row }, col) => {
                write!(f, "goals.{g}.indicators.{row}.{}", col.key())
            }
            Field::Group(level1) => write!(f, "group.{}", level1.key()),
            Field::DeptGoal(g, col) => {
                let key = DeptGoalColumn::ALL
                    .iter()
                    .find(|(c, _, _)| c == col)
                    .map_or("", |e| e.1);
                write!(f, "goals.{g}.{key}")
            }
            Field::EvalItem(i, col) => {
                let key = EvalColumn::ALL.iter().find(|(c, _, _)| c == col).map_or("", |e| e.1);
                write!(f, "items.{i}.{key}")
            }
            Field::Total => f.write_str("total"),
            Field::TotalWeight => f.write_str("total.weight"),
            Field::Grade => f.write_str("grade"),
            Field::Form => f.write_str("form"),
        }
    }
}

/// An id that names no field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "未知的单元格编号“{}”", self.0)
    }
}

impl FromStr for Field {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Field, UnknownField> {
        let unknown = || UnknownField(s.to_string());
        let index = |t: &str| t.parse::<usize>().map_err(|_| unknown());
        let indicator_col = |t: &str| {
            IndicatorColumn::ALL
                .into_iter()
                .find(|c| c.key() == t)
                .ok_or_else(unknown)
        };
        let parts: Vec<&str> = s.split('.').collect();
        Ok(match parts.as_slice() {
            ["funds", "rate"] => Field::FundRate,
            ["funds", "score"] => Field::FundScore,
            ["funds", row, col] => Field::Fund(
                FundKind::ALL
                    .into_iter()
                    .find(|k| k.key() == *row)
                    .ok_or_else(unknown)?,
                FundColumn::ALL
                    .into_iter()
                    .find(|c| c.key() == *col)
                    .ok_or_else(unknown)?,
            ),
            ["goal", "expected"] => Field::Goal(GoalColumn::Expected),
            ["goal", "actual"] => Field::Goal(GoalColumn::Actual),
            ["goal", "score"] => Field::Goal(GoalColumn::Score),
            ["indicators"] => Field::Indicators,
            ["indicators", row, col] => Field::indicator(index(row)?, indicator_col(col)?),
            ["goals", g, "indicators", row, col] => Field::Indicator(
                RowRef {
                    goal: Some(index(g)?),
                    row: index(row)?,
                },
                indicator_col(col)?,
            ),
            ["goals", g, col] => Field::DeptGoal(
                index(g)?,
                DeptGoalColumn::ALL.iter().find(|e| e.1 == *col).ok_or_else(unknown)?.0,
            ),
            ["items", i, col] => Field::EvalItem(
                index(i)?,
                EvalColumn::ALL.iter().find(|e| e.1 == *col).ok_or_else(unknown)?.0,
            ),
            ["group", key] => Field::Group(Level1::ALL.into_iter().find(|l| l.key() == *key).ok_or_else(unknown)?),
            ["total"] => Field::Total,
            ["total", "weight"] => Field::TotalWeight,
            ["grade"] => Field::Grade,
            ["form"] => Field::Form,
            [key] => Field::Header(Header::ALL.iter().find(|e| e.1 == *key).ok_or_else(unknown)?.0),
            _ => return Err(unknown()),
        })
    }
}

/// Fields travel as their id string (JSON exports and stored drafts).
impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape of field, to round-trip.
    pub(crate) fn samples() -> Vec<Field> {
        let mut all: Vec<Field> = Header::ALL.iter().map(|e| Field::Header(e.0)).collect();
        for kind in FundKind::ALL {
            for col in FundColumn::ALL {
                all.push(Field::Fund(kind, col));
            }
        }
        all.extend([
            Field::FundRate,
            Field::FundScore,
            Field::Indicators,
            Field::Total,
            Field::TotalWeight,
        ]);
        all.extend([Field::Grade, Field::Form]);
        all.extend([GoalColumn::Expected, GoalColumn::Actual, GoalColumn::Score].map(Field::Goal));
        for col in IndicatorColumn::ALL {
            all.push(Field::indicator(12, col));
            all.push(Field::Indicator(RowRef { goal: Some(2), row: 0 }, col));
        }
        all.extend(Level1::ALL.map(Field::Group));
        all.extend(DeptGoalColumn::ALL.map(|e| Field::DeptGoal(1, e.0)));
        all.extend(EvalColumn::ALL.map(|e| Field::EvalItem(3, e.0)));
        all
    }

    #[test]
    fn every_field_round_trips_through_its_id_and_json() {
        let all = samples();
        let mut ids = std::collections::HashSet::new();
        for field in &all {
            let id = field.to_string();
            assert!(ids.insert(id.clone()), "id {id} is unique");
            assert_eq!(id.parse::<Field>().as_ref(), Ok(field), "{id}");
            let json = serde_json::to_string(field).unwrap();
            assert_eq!(json, format!("\"{id}\""));
            assert_eq!(serde_json::from_str::<Field>(&json).unwrap(), *field);
            assert!(!field.label().is_empty());
        }
    }

    #[test]
    fn known_ids_and_labels() {
        let f: Field = "funds.total.annual".parse().unwrap();
        assert_eq!(f, Field::Fund(FundKind::Total, FundColumn::Annual));
        assert_eq!(f.label(), "项目资金·年度资金总额·全年预算数");
        let f: Field = "goals.1.indicators.3.score".parse().unwrap();
        assert_eq!(f.label(), "年度目标2·绩效指标第 4 行·得分");
        assert_eq!(
            "indicators.3.score".parse::<Field>().unwrap().label(),
            "绩效指标第 4 行·得分"
        );
        for bad in [
            "",
            "nothing",
            "funds.total.nope",
            "indicators.x.score",
            "indicators.1",
            "group.x",
            "a.b.c.d.e.f",
        ] {
            let err = bad.parse::<Field>().unwrap_err();
            assert!(err.to_string().contains("未知的单元格编号"), "{bad}");
        }
    }
}
