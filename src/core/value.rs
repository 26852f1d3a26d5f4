//! Parser for the messy values people type into 指标值 / 完成值 / money cells
//! (DOMAIN.md §4). It never guesses silently: whatever it cannot read is
//! returned as [`Value::Text`] with a note, and the raw text is always kept
//! by the caller ([`crate::core::model::Cell`]).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How a target compares with its actual value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// ≥, 不少于, 不低于, 以上
    AtLeast,
    /// >, 大于, 高于, 超过
    MoreThan,
    /// =, 等于
    Equal,
    /// ≤, 不超过, 以内, 控制在…以内
    AtMost,
    /// <, 小于, 低于
    LessThan,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::MoreThan => ">",
            Comparator::Equal => "=",
            Comparator::AtMost => "≤",
            Comparator::LessThan => "<",
        }
    }

    pub fn is_reverse(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::LessThan)
    }
}

/// Cells that mean "nothing here" in one of the conventional ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Marker {
    /// 不涉及: the row does not apply.
    NotApplicable,
    /// — or - (also "---"): nothing / not scored.
    Dash,
    /// /
    Slash,
    /// _
    Underscore,
    /// 无
    Nothing,
}

/// A qualitative verdict written instead of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Judgement {
    Achieved,
    Partial,
    NotAchieved,
}

impl Judgement {
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Achieved => "达成",
            Judgement::Partial => "部分达成",
            Judgement::NotAchieved => "未达成",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Empty,
    Marker {
        marker: Marker,
    },
    /// A number, maybe with a comparator and a unit ("≥95%", "不少于3次",
    /// "347.364966万元"). `embedded` is true when it was taken out of a
    /// sentence ("服务群众满意率大于90%。") rather than being the whole cell.
    Number {
        comparator: Option<Comparator>,
        amount: Decimal,
        unit: String,
        embedded: bool,
    },
    /// "1-2次/30天"
    Range {
        low: Decimal,
        high: Decimal,
        unit: String,
    },
    /// "2020年12月前完成", "12月底前", "2020年12月31日"
    Deadline {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    },
    /// "2023年1月-12月"
    Period {
        year: Option<i32>,
        from_month: u32,
        to_month: u32,
    },
    /// "3月份支出15%；6月份支出40%；…": (month, cumulative percent)
    Schedule {
        steps: Vec<(u32, Decimal)>,
    },
    Judgement {
        judgement: Judgement,
    },
    /// Words that describe a direction but no measurable level ("逐步提升",
    /// "按实际支出").
    Vague,
    /// Free text the parser does not read as a measurable value.
    Text,
    /// A number with more digits than any figure can have (a key held down):
    /// not a value to compute with, and the checks say so.
    Overflow,
}

/// The result of parsing one cell: what was understood, and notes about what
/// was not (in Chinese, for the user).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    pub value: Value,
    pub notes: Vec<String>,
}

impl Parsed {
    fn plain(value: Value) -> Self {
        Parsed {
            value,
            notes: Vec::new(),
        }
    }

    /// True when the cell is empty or one of the "nothing" markers.
    pub fn is_blank(&self) -> bool {
        matches!(self.value, Value::Empty | Value::Marker { .. })
    }

    pub fn is_not_applicable(&self) -> bool {
        matches!(
            self.value,
            Value::Marker {
                marker: Marker::NotApplicable
            }
        )
    }
}

/// Replaces full-width digits, letters and symbols by their ASCII forms,
/// "%%" by "%", and drops thousands separators ("4,591.73").
pub fn normalize(raw: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = raw.trim();
    // Most cells need none of the rewrites below: no copy at all.
    let needs_work = trimmed
        .chars()
        .any(|c| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | ' ' | ','))
        || trimmed.contains("%%");
    if !needs_work {
        return trimmed.into();
    }
    let mut out = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '﹪' => '%',
            _ => c,
        };
        out.push(c);
    }
    let mut out = squeeze_spaces_around_digits(&out);
    while out.contains("%%") {
        out = out.replace("%%", "%");
    }
    // Thousands separators: a comma between a digit and exactly three digits.
    let chars: Vec<char> = out.chars().collect();
    let mut cleaned = String::with_capacity(out.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ',' && i > 0 && chars[i - 1].is_ascii_digit() {
            let next3 = chars.get(i + 1..i + 4);
            let after = chars.get(i + 4);
            if next3.is_some_and(|d| d.iter().all(|c| c.is_ascii_digit())) && !after.is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
        }
        cleaned.push(c);
    }
    cleaned.into()
}

/// PDF text puts spaces between numbers and their units ("2023 年 1 月"):
/// drop white space that has a digit on exactly one side.
fn squeeze_spaces_around_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars[..i].iter().rev().find(|c| **c != ' ');
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit());
            if digit(prev) != digit(next) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Parses a plain decimal amount, tolerating units, commas and full-width
/// digits: "347.364966万元" → 347.364966, "1.000000万" → 1.000000,
/// "4,591.73" → 4591.73. Returns None for text with no single number.
pub fn parse_amount(raw: &str) -> Option<Decimal> {
    match parse_value(raw).value {
        Value::Number {
            comparator: None,
            amount,
            embedded: false,
            ..
        } => Some(amount),
        _ => None,
    }
}

/// What a number's unit means to the checks, instead of comparing strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// No unit written.
    None,
    /// "%".
    Percent,
    /// 元, 万元, 亿元: the factor to 万元.
    Money(Decimal),
    /// Anything else (次, 个, 人, 天…).
    Other,
}

impl UnitKind {
    pub fn of(unit: &str) -> UnitKind {
        match unit {
            "" => UnitKind::None,
            "%" => UnitKind::Percent,
            _ => money_factor_to_wan(unit).map_or(UnitKind::Other, UnitKind::Money),
        }
    }
}

/// Units of money, with their factor to 万元.
pub fn money_factor_to_wan(unit: &str) -> Option<Decimal> {
    match unit {
        "万元" | "万" => Some(Decimal::ONE),
        "元" => Some(Decimal::new(1, 4)),
        "亿元" | "亿" => Some(Decimal::from(10_000)),
        _ => None,
    }
}

const DASHES: &[&str] = &["—", "——", "-", "--", "---", "----", "–", "─", "－", "―"];
const JUDGEMENTS: &[(&str, Judgement)] = &[
    ("部分达成", Judgement::Partial),
    ("基本达成", Judgement::Partial),
    ("部分完成", Judgement::Partial),
    ("基本完成", Judgement::Partial),
    ("未达成", Judgement::NotAchieved),
    ("未完成", Judgement::NotAchieved),
    ("未达到", Judgement::NotAchieved),
    ("已达成", Judgement::Achieved),
    ("达成", Judgement::Achieved),
    ("已完成", Judgement::Achieved),
    ("全部完成", Judgement::Achieved),
    ("完成", Judgement::Achieved),
    ("达到", Judgement::Achieved),
    ("已达到", Judgement::Achieved),
    ("是", Judgement::Achieved),
    ("否", Judgement::NotAchieved),
];
/// Words that say "more/better" without a level: not measurable targets.
const VAGUE_PREFIXES: &[&str] = &[
    "逐步",
    "稳步",
    "进一步",
    "持续",
    "有所",
    "不断",
    "按实际",
    "根据实际",
    "据实",
    "按需",
    "较",
    "平稳",
    "有效",
    "明显",
    "显著",
    "大幅",
];
/// Comparator words, longest first so "不超过" wins over "超过".
const PREFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("大于或等于", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("大于等于", Comparator::AtLeast),
    ("小于等于", Comparator::AtMost),
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("控制在", Comparator::AtMost),
    ("至少", Comparator::AtLeast),
    ("最多", Comparator::AtMost),
    ("大于", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("超过", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("小于", Comparator::LessThan),
    ("低于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("等于", Comparator::Equal),
    ("达到", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    (">", Comparator::MoreThan),
    ("<", Comparator::LessThan),
    ("=", Comparator::Equal),
];
const SUFFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
];
/// Units recognised after a number, longest first.
const UNITS: &[&str] = &[
    "平方米",
    "平方公里",
    "立方米",
    "万人次",
    "人/次",
    "次/月",
    "次/年",
    "次/周",
    "万元",
    "亿元",
    "个月",
    "人次",
    "户次",
    "家次",
    "批次",
    "场次",
    "小时",
    "分钟",
    "工作日",
    "平方",
    "公里",
    "千米",
    "公顷",
    "万人",
    "万",
    "亿",
    "元",
    "%",
    "‰",
    "个",
    "次",
    "人",
    "户",
    "场",
    "台",
    "套",
    "名",
    "天",
    "日",
    "月",
    "年",
    "家",
    "条",
    "米",
    "吨",
    "件",
    "份",
    "项",
    "期",
    "批",
    "本",
    "册",
    "处",
    "所",
    "座",
    "辆",
    "棵",
    "株",
    "亩",
    "周",
    "篇",
    "张",
    "间",
    "栋",
    "幢",
    "块",
    "组",
    "支",
    "队",
    "盏",
    "辆",
    "位",
    "分",
    "元/人",
    "元/月",
    "kg",
    "km",
    "m",
    "t",
];

/// Parses one cell. Never panics, whatever the input.
pub fn parse_value(raw: &str) -> Parsed {
    let trimmed = raw.trim();
    if let Some(plain) = plain_number(trimmed) {
        return Parsed::plain(plain);
    }
    // Markers, verdicts and vague phrases are all short: a longer cell with
    // no digit (ASCII or full-width) can only be descriptive text.
    let has_digit = trimmed
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !has_digit && trimmed.chars().nth(12).is_some() {
        return Parsed::plain(Value::Text);
    }
    let text = normalize(raw);
    let bare = text.trim_matches(|c: char| c.is_whitespace() || "。.;；,，、".contains(c));
    if bare.is_empty() {
        return Parsed::plain(Value::Empty);
    }
    if let Some(marker) = marker_of(bare) {
        return Parsed::plain(Value::Marker { marker });
    }
    if let Some((_, judgement)) = JUDGEMENTS.iter().find(|(w, _)| *w == bare) {
        return Parsed::plain(Value::Judgement { judgement: *judgement });
    }
    let chars: Vec<char> = bare.chars().collect();
    let numbers = scan_numbers(&chars);
    if let Some(schedule) = schedule_of(&chars, &numbers) {
        return schedule;
    }
    if let Some(date) = date_of(&chars, &numbers) {
        return date;
    }
    if numbers.is_empty() {
        // Only short phrases: "逐步提升" is a non-target, a long sentence
        // starting with "有效…" is a description.
        if bare.chars().count() <= 12 && VAGUE_PREFIXES.iter().any(|p| bare.starts_with(p)) {
            return Parsed::plain(Value::Vague);
        }
        return Parsed::plain(Value::Text);
    }
    if let Some(range) = range_of(&chars, &numbers) {
        return range;
    }
    if numbers.len() > 1 {
        return Parsed {
            value: Value::Text,
            notes: vec![format!("含有 {} 个数值，无法确定哪一个是指标值", numbers.len())],
        };
    }
    let n = &numbers[0];
    let amount = match Decimal::from_str(&n.text) {
        Ok(d) => d,
        Err(_) => {
            return Parsed {
                value: Value::Overflow,
                notes: vec![format!("数值“{}”超出可计算范围", n.text)],
            }
        }
    };
    let before: String = chars[..n.start].iter().collect();
    let after_chars = &chars[n.end..];
    let unit = unit_at(after_chars);
    let rest: String = after_chars[unit.chars().count()..].iter().collect();
    let rest_trim = rest.trim_matches(|c: char| c.is_whitespace() || "。.;；,，、".contains(c));

    let mut comparator = prefix_comparator(before.trim_end());
    let mut suffix_len = 0;
    if let Some((word, cmp)) = SUFFIX_COMPARATORS.iter().find(|(w, _)| rest_trim.starts_with(w)) {
        comparator = comparator.or(Some(*cmp));
        suffix_len = word.len();
    }
    let rest_after_suffix = rest_trim[suffix_len..].trim();
    // Words before the comparator ("满意度", "服务群众满意率大于") or after the
    // unit make the number embedded in a sentence.
    let before_words = strip_comparator_words(before.trim());
    let embedded = !before_words.is_empty() || !rest_after_suffix.is_empty();
    let mut notes = Vec::new();
    if embedded {
        notes.push(format!("从文字中取出数值 {}{}", n.text, unit));
    }
    let mut amount = amount;
    amount.set_sign_negative(n.negative);
    Parsed {
        value: Value::Number {
            comparator,
            amount,
            unit,
            embedded,
        },
        notes,
    }
}

/// The same text once white space and punctuation are ignored
/// ("环境建设。" equals "环境 建设"). Compares without allocating.
pub fn same_text(a: &str, b: &str) -> bool {
    let significant = |c: &char| !c.is_whitespace() && !matches!(c, '。' | '.' | '，' | ',' | '；' | ';' | '、');
    a.chars().filter(significant).eq(b.chars().filter(significant))
}

/// Fast path for the commonest cells, "10", "8.8", "100%": ASCII digits
/// with at most one inner point and an optional "%". Everything else goes
/// through the general parser.
fn plain_number(s: &str) -> Option<Value> {
    let (digits, unit) = match s.strip_suffix('%') {
        Some(d) => (d, "%"),
        None => (s, ""),
    };
    let b = digits.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 20
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && b.iter().filter(|c| **c == b'.').count() <= 1;
    if !ok {
        return None;
    }
    let amount = Decimal::from_str(digits).ok()?;
    Some(Value::Number {
        comparator: None,
        amount,
        unit: unit.to_string(),
        embedded: false,
    })
}

/// "不涉及" / "不适用" (as typed, surrounding white space ignored).
pub fn is_not_applicable_text(raw: &str) -> bool {
    matches!(raw.trim(), "不涉及" | "不适用")
}

fn marker_of(bare: &str) -> Option<Marker> {
    if is_not_applicable_text(bare) {
        return Some(Marker::NotApplicable);
    }
    if DASHES.contains(&bare) || bare.chars().all(|c| "—-–─－―".contains(c)) {
        return Some(Marker::Dash);
    }
    if bare.chars().all(|c| c == '/' || c == '／' || c == '\\') {
        return Some(Marker::Slash);
    }
    if bare.chars().all(|c| c == '_') {
        return Some(Marker::Underscore);
    }
    if bare == "无" || bare == "暂无" {
        return Some(Marker::Nothing);
    }
    None
}

#[derive(Debug)]
struct NumberToken {
    start: usize,
    end: usize,
    text: String,
    negative: bool,
}

fn scan_numbers(chars: &[char]) -> Vec<NumberToken> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let negative = start > 0 && chars[start - 1] == '-' && (start == 1 || !chars[start - 2].is_ascii_digit());
            out.push(NumberToken {
                start,
                end: i,
                text: chars[start..i].iter().collect(),
                negative,
            });
        } else {
            i += 1;
        }
    }
    out
}

fn unit_at(after: &[char]) -> String {
    let s: String = after.iter().take(8).collect();
    let s = s.trim_start();
    UNITS
        .iter()
        .filter(|u| s.starts_with(**u))
        .max_by_key(|u| u.len())
        .map(|u| u.to_string())
        .unwrap_or_default()
}

/// The comparator right before the number, else one written earlier in the
/// same cell ("不超过预算 100万元").
fn prefix_comparator(before: &str) -> Option<Comparator> {
    let longest = |hit: &dyn Fn(&str) -> bool| {
        PREFIX_COMPARATORS
            .iter()
            .filter(|(w, _)| hit(w))
            .max_by_key(|(w, _)| w.len())
            .map(|(_, c)| *c)
    };
    // The fallback only for short prefixes: in a long sentence a comparator
    // word far from the number says nothing about it.
    longest(&|w| before.ends_with(w)).or_else(|| {
        (before.chars().count() <= 12)
            .then(|| longest(&|w| before.contains(w)))
            .flatten()
    })
}

fn strip_comparator_words(before: &str) -> String {
    let mut s = before.trim_end_matches('-').trim().to_string();
    if let Some((w, _)) = PREFIX_COMPARATORS
        .iter()
        .filter(|(w, _)| s.ends_with(w))
        .max_by_key(|(w, _)| w.len())
    {
        s.truncate(s.len() - w.len());
    }
    s.trim().to_string()
}

/// "3月份支出15%；6月份支出40%；…" → Schedule.
fn schedule_of(chars: &[char], numbers: &[NumberToken]) -> Option<Parsed> {
    let mut steps = Vec::new();
    let mut i = 0;
    while i + 1 < numbers.len() {
        let month_tok = &numbers[i];
        let after_month: String = chars[month_tok.end..].iter().take(2).collect();
        let pct_tok = &numbers[i + 1];
        let pct_after = chars.get(pct_tok.end).copied();
        if after_month.starts_with('月') && pct_after == Some('%') {
            let month = month_tok.text.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
            let pct = Decimal::from_str(&pct_tok.text).ok()?;
            steps.push((month, pct));
            i += 2;
        } else {
            i += 1;
        }
    }
    (steps.len() >= 2).then(|| Parsed::plain(Value::Schedule { steps }))
}

/// Deadlines and periods: "2020年12月前完成", "12月底前", "2023年1月-12月".
fn date_of(chars: &[char], numbers: &[NumberToken]) -> Option<Parsed> {
    let follows = |t: &NumberToken, c: char| chars.get(t.end) == Some(&c);
    let preceded_by_ge = |t: &NumberToken| t.start > 0 && chars[t.start - 1] == '个';
    let year_idx = numbers.iter().position(|t| t.text.len() == 4 && follows(t, '年'));
    let month_idx = numbers
        .iter()
        .position(|t| t.text.len() <= 2 && follows(t, '月') && !preceded_by_ge(t));
    let month_idx = month_idx?;
    let year = year_idx.and_then(|i| numbers[i].text.parse::<i32>().ok());
    let month: u32 = numbers[month_idx].text.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    // "1月-12月" / "1月至12月" / "1-12月"
    if let Some(next) = numbers.get(month_idx + 1) {
        let between: String = chars[numbers[month_idx].end + 1..next.start].iter().collect();
        let between = between.trim();
        if ["-", "—", "~", "至", "到", "–"].contains(&between) && follows(next, '月') {
            if let Ok(to) = next.text.parse::<u32>() {
                if (1..=12).contains(&to) {
                    return Some(Parsed::plain(Value::Period {
                        year,
                        from_month: month,
                        to_month: to,
                    }));
                }
            }
        }
    }
    let day = numbers
        .get(month_idx + 1)
        .filter(|t| t.start == numbers[month_idx].end + 1 && (follows(t, '日') || follows(t, '号')))
        .and_then(|t| t.text.parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d));
    // Only read as a date when no other number is left over.
    let used = 1 + usize::from(year.is_some()) + usize::from(day.is_some());
    if numbers.len() > used {
        return None;
    }
    Some(Parsed::plain(Value::Deadline { year, month, day }))
}

/// "1-2次/30天" → Range{1, 2, "次/30天"}.
fn range_of(chars: &[char], numbers: &[NumberToken]) -> Option<Parsed> {
    if numbers.len() < 2 {
        return None;
    }
    let (a, b) = (&numbers[0], &numbers[1]);
    let between: String = chars[a.end..b.start].iter().collect();
    if !["-", "~", "～", "至", "到", "—", "–"].contains(&between.trim()) {
        return None;
    }
    let low = Decimal::from_str(&a.text).ok()?;
    let high = Decimal::from_str(&b.text).ok()?;
    let unit: String = chars[b.end..].iter().collect::<String>().trim().to_string();
    Some(Parsed::plain(Value::Range { low, high, unit }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn num(raw: &str) -> (Option<Comparator>, Decimal, String, bool) {
        match parse_value(raw).value {
            Value::Number {
                comparator,
                amount,
                unit,
                embedded,
            } => (comparator, amount, unit, embedded),
            other => panic!("{raw:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn money_with_units_and_precision() {
        assert_eq!(num("347.364966万元"), (None, d("347.364966"), "万元".into(), false));
        assert_eq!(num("0万"), (None, d("0"), "万".into(), false));
        assert_eq!(num("1.000000万").1, d("1.000000"));
        assert_eq!(num("4,591.73").1, d("4591.73"));
        assert_eq!(num("3512730元"), (None, d("3512730"), "元".into(), false));
        assert_eq!(parse_amount("27.0000000"), Some(d("27.0000000")));
    }

    #[test]
    fn percents_full_width_and_doubled() {
        assert_eq!(num("99.53%%"), (None, d("99.53"), "%".into(), false));
        assert_eq!(num("９５％"), (None, d("95"), "%".into(), false));
        assert_eq!(num("≥80%"), (Some(Comparator::AtLeast), d("80"), "%".into(), false));
        assert_eq!(num("＞90%").0, Some(Comparator::MoreThan));
    }

    #[test]
    fn comparator_words() {
        assert_eq!(num("大于90%").0, Some(Comparator::MoreThan));
        assert_eq!(
            num("不少于3次"),
            (Some(Comparator::AtLeast), d("3"), "次".into(), false)
        );
        assert_eq!(num("不超过预算 100万元").0, Some(Comparator::AtMost));
        assert_eq!(num("控制在50万元以内").0, Some(Comparator::AtMost));
        assert_eq!(num("95%以上").0, Some(Comparator::AtLeast));
        assert_eq!(num("≤10天").0, Some(Comparator::AtMost));
        assert_eq!(num("不低于95%").0, Some(Comparator::AtLeast));
    }

    #[test]
    fn number_inside_a_sentence_is_marked_embedded() {
        let (cmp, amount, unit, embedded) = num("服务群众满意率大于90%。");
        assert_eq!(
            (cmp, amount, unit.as_str(), embedded),
            (Some(Comparator::MoreThan), d("90"), "%", true)
        );
        assert!(!parse_value("服务群众满意率大于90%。").notes.is_empty());
        assert!(num("满意度100%").3);
    }

    #[test]
    fn counts_with_units() {
        assert_eq!(num("12个月").2, "个月");
        assert_eq!(num("15人/次").2, "人/次");
        assert_eq!(num("1712平方").2, "平方");
        assert_eq!(num("3058户").2, "户");
    }

    #[test]
    fn ranges() {
        assert_eq!(
            parse_value("1-2次/30天").value,
            Value::Range {
                low: d("1"),
                high: d("2"),
                unit: "次/30天".into()
            }
        );
    }

    #[test]
    fn deadlines_and_periods() {
        assert_eq!(
            parse_value("2020年12月前完成").value,
            Value::Deadline {
                year: Some(2020),
                month: 12,
                day: None
            }
        );
        assert_eq!(
            parse_value("2020年12月31日").value,
            Value::Deadline {
                year: Some(2020),
                month: 12,
                day: Some(31)
            }
        );
        assert_eq!(
            parse_value("12月底前").value,
            Value::Deadline {
                year: None,
                month: 12,
                day: None
            }
        );
        assert_eq!(
            parse_value("2023 年 1 月-12 月").value,
            Value::Period {
                year: Some(2023),
                from_month: 1,
                to_month: 12
            }
        );
        // "12个月" is a duration, not December.
        assert!(matches!(parse_value("12个月").value, Value::Number { .. }));
    }

    #[test]
    fn spending_schedule() {
        let v = parse_value("3月份支出15%；6月份支出40%；9月份支出60%；11月支出90%；12月支出100%。").value;
        assert_eq!(
            v,
            Value::Schedule {
                steps: vec![(3, d("15")), (6, d("40")), (9, d("60")), (11, d("90")), (12, d("100"))]
            }
        );
    }

    #[test]
    fn markers_and_words() {
        for (raw, marker) in [
            ("不涉及", Marker::NotApplicable),
            ("—", Marker::Dash),
            ("----", Marker::Dash),
            ("/", Marker::Slash),
            ("_", Marker::Underscore),
            ("无", Marker::Nothing),
        ] {
            assert_eq!(parse_value(raw).value, Value::Marker { marker }, "{raw}");
        }
        assert_eq!(parse_value("  ").value, Value::Empty);
        assert_eq!(parse_value("逐步提升").value, Value::Vague);
        assert_eq!(parse_value("按实际支出").value, Value::Vague);
        assert_eq!(
            parse_value("部分达成").value,
            Value::Judgement {
                judgement: Judgement::Partial
            }
        );
        assert_eq!(
            parse_value("达成").value,
            Value::Judgement {
                judgement: Judgement::Achieved
            }
        );
        assert_eq!(parse_value("制度执行").value, Value::Text);
    }

    #[test]
    fn unreadable_values_say_why() {
        let p = parse_value("完成区级 收6.27倔，同比增长18.4%");
        assert_eq!(p.value, Value::Text);
        assert!(p.notes[0].contains("2 个数值"));
        let huge = parse_value("99999999999999999999999999999999999");
        assert_eq!(huge.value, Value::Overflow);
        assert!(huge.notes[0].contains("超出"));
    }

    #[test]
    fn money_units_convert_to_wan() {
        assert_eq!(money_factor_to_wan("元"), Some(d("0.0001")));
        assert_eq!(money_factor_to_wan("万元"), Some(Decimal::ONE));
        assert_eq!(money_factor_to_wan("次"), None);
    }
}
