//! NOT_MEASURABLE: is an indicator's target a level that can be checked at
//! the end of the year? A number, range, date, period or spending schedule
//! is; so is a recognised qualitative level (好/较好/一般/差, 优/良/中/差,
//! 合格/达标, 是/否, 完成…) and a zero target ("无安全事故"). Anything else —
//! a direction ("逐步提升"), "as required" ("按要求完成"), a judgement on an
//! effect ("效果良好"), a copy of the indicator's name, a description of the
//! work — cannot be judged met or missed.

use crate::core::model::Level2;
use crate::core::value::{same_text, Parsed, Value};

/// Qualitative levels a target may be written as (DOMAIN §2: qualitative
/// indicators are judged in tiers; the grade words and their synonyms).
const LEVELS: &[&str] = &[
    "好", "较好", "一般", "差", "较差", "优", "良", "中", "优秀", "良好", "合格", "不合格", "达标", "不达标", "是",
    "否", "有", "满意", "基本满意", "不满意", "达成", "完成", "全部完成", "已完成", "按期完成", "如期完成", "通过",
    "通过验收", "验收合格", "符合标准", "达到标准",
];

/// Words around a level that do not change it: "达到良好", "良好以上", "等级为优".
const LEVEL_PREFIXES: &[&str] = &["达到", "评价为", "等级为", "结果为", "评为", "为"];
const LEVEL_SUFFIXES: &[&str] = &["以上", "及以上", "等级", "水平"];

/// Words that only state a direction.
const DIRECTION: &[&str] = &[
    "逐步", "稳步", "进一步", "持续", "有所", "不断", "明显", "显著", "大幅", "切实", "全面", "更加", "较大", "日益",
    "提升", "提高", "改善", "增强", "加强", "降低", "减少", "优化", "完善", "稳定", "巩固", "促进", "推进", "丰富",
];

/// Words that refer to a standard without saying it.
const AS_REQUIRED: &[&str] = &["按要求", "按照要求", "按规定", "按照规定", "按计划", "按照计划", "按实际", "根据实际", "据实", "按需", "按时", "及时", "要求"];

/// Why a target is not measurable, in Chinese; None when it is measurable,
/// or empty / a marker (UNSCORED_ROW speaks about those).
pub(super) fn not_measurable(target: &str, parsed: &Parsed, name: &str, actual: &str) -> Option<String> {
    match parsed.value {
        Value::Empty | Value::Marker { .. } | Value::Judgement { .. } => return None,
        Value::Number { .. }
        | Value::Range { .. }
        | Value::Deadline { .. }
        | Value::Period { .. }
        | Value::Schedule { .. }
        | Value::Overflow => return None,
        Value::Vague | Value::Text => {}
    }
    let raw = target.trim();
    // A figure or date the parser could not single out ("12月前支出100%",
    // "85名奋斗目标，90名必达目标") is still a measurable level.
    if raw.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let bare: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.;；,，、:：“”\"".contains(*c))
        .collect();
    if bare.is_empty()
        || is_level(&bare)
        || is_zero_target(&bare)
        || is_condition(&bare)
        || names_a_standard(&bare)
        || FREQUENCY.iter().any(|w| bare.contains(w))
    {
        return None;
    }
    let short = bare.chars().count() <= 12;
    let reason = if !name.is_empty() && same_text(raw, name) {
        "指标值照抄了指标名称".to_string()
    } else if same_text(raw, actual) {
        "实际完成值与指标值文字完全相同，无法看出完成程度".to_string()
    } else if AS_REQUIRED.iter().any(|w| bare.contains(w)) {
        format!("“{raw}”只说按要求、按计划，没有写明要达到的数量、标准或时间")
    } else if short && DIRECTION.iter().any(|w| bare.contains(w)) {
        format!("“{raw}”只说明方向，没有可衡量的数值")
    } else {
        format!("“{}”是对工作的描述，不是可衡量的数值、时限或等级", abbreviated(raw))
    };
    Some(reason)
}

/// A recognised qualitative level, alone or with the words around it that
/// do not change it.
fn is_level(bare: &str) -> bool {
    let mut s = bare;
    for p in LEVEL_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    for x in LEVEL_SUFFIXES {
        if let Some(rest) = s.strip_suffix(x) {
            s = rest;
            break;
        }
    }
    LEVELS.contains(&s)
}

/// "无安全事故", "零投诉", "不发生重大责任事故": a target of zero, measurable.
/// "无经济效益" says the row does not apply: not a target to measure either.
fn is_zero_target(bare: &str) -> bool {
    bare.chars().count() <= 12 && ["无", "零", "不发生", "未发生", "杜绝"].iter().any(|p| bare.starts_with(p))
}

/// A frequency is a level: "每周二到街道提供法律咨询", "每月巡查".
const FREQUENCY: &[&str] = &["每周", "每月", "每日", "每天", "每季度", "每半月", "每半年", "每年"];

/// A condition that holds or not: "有正规资质资历", "具备资质", "持证上岗",
/// "建立社区服务长效机制" (one thing set up, named; not a list of aims).
fn is_condition(bare: &str) -> bool {
    let short = bare.chars().count() <= 10;
    let has = bare.starts_with('有') && !["有所", "有效", "有利", "有序", "有力", "有关"].iter().any(|w| bare.starts_with(w));
    let set_up = bare.chars().count() <= 16
        && ["建立", "建成", "形成", "健全"].iter().any(|w| bare.starts_with(w))
        && ["机制", "制度", "体系", "台账", "档案"].iter().any(|w| bare.ends_with(w))
        && !bare.contains(['、', '，', ',', '；', ';']);
    (short && (has || ["具备", "取得", "持证"].iter().any(|w| bare.starts_with(w)))) || set_up
}

/// Compliance with a standard the target names ("达到北京市一类微型消防站要求",
/// "符合《…》", "达到行业标准要求"): met or not. "达到上级部门…质量要求" names
/// none and stays unmeasurable.
fn names_a_standard(bare: &str) -> bool {
    const NAMED: &[&str] = &["《", "国家标准", "行业标准", "国标", "地方标准", "一类", "二类", "三类", "一级", "二级", "三级"];
    ["达到", "符合", "满足", "执行"].iter().any(|w| bare.contains(w)) && NAMED.iter().any(|w| bare.contains(w))
}

fn abbreviated(raw: &str) -> String {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 20 {
        format!("{}…", one_line.chars().take(20).collect::<String>())
    } else {
        one_line
    }
}

/// Examples of measurable targets for the row's kind of indicator.
pub(super) fn examples(level2: Level2) -> &'static str {
    match level2 {
        Level2::Quantity => "“不少于3次”“完成10个社区”“≥200人次”",
        Level2::Quality => "“验收合格率100%”“≥95%”“差错率≤1%”",
        Level2::Timeliness => "“12月底前完成”“≤3个工作日”“100%按期完成”",
        Level2::Cost => "“≤50万元”“每人≤500元”",
        Level2::Satisfaction => "“满意度≥90%”“投诉率≤1%”",
        Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => {
            "“覆盖率≥95%”“投诉量下降≥10%”“长效机制1项”"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::parse_value;

    fn fires(target: &str) -> bool {
        not_measurable(target, &parse_value(target), "某指标", "").is_some()
    }

    #[test]
    fn vague_targets_fire() {
        for t in [
            "按要求完成",
            "效果良好",
            "逐步提升",
            "有所提高",
            "按实际支出",
            "稳步推进",
            "及时高效地完成全年工作计划，保障各项工作稳步推进",
            "集中观察点各项指标达到行业部门要求。",
            "群众满意度",
            "保障社区正常运转",
            "有效促进青少年形成正确的价值观",
            "建立财务管理机制、保障资金有效使用",
            "达到上级部门和街道工委、办事处对各项业务的质量要求标准。",
        ] {
            assert!(fires(t), "{t}");
        }
    }

    #[test]
    fn levels_numbers_and_dates_are_quiet() {
        for t in [
            "好", "较好", "一般", "差", "优", "良", "中", "是", "否", "达标", "合格", "良好以上", "达到优秀", "完成", "≥95%",
            "不少于3次", "12月底前完成", "12月前支出100%。", "2020年1月1日至12月31日", "85名奋斗目标，90名必达目标",
            "无安全事故", "无经济效益", "零投诉", "不涉及", "—", "无", "", "有正规资质资历", "持证上岗",
            "达到消防法规及北京市一类微型消防站要求", "符合《城市道路养护技术规范》", "每周二到街道提供法律咨询",
            "建立社区服务长效机制",
        ] {
            assert!(!fires(t), "{t}");
        }
    }

    #[test]
    fn the_reason_names_what_is_wrong() {
        let r = |t: &str, name: &str, actual: &str| not_measurable(t, &parse_value(t), name, actual).unwrap_or_default();
        assert!(r("居民素质", "居民素质", "").contains("照抄了指标名称"));
        assert!(r("环境建设", "开展环境建设", "环境建设").contains("完全相同"));
        assert!(r("按要求完成", "", "").contains("按要求"));
        assert!(r("逐步提升", "", "").contains("只说明方向"));
        assert!(r("保障社区正常运转", "", "").contains("描述"));
    }
}
