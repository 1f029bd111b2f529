//! Numbers in report text, understood rather than matched: Arabic and Chinese numerals
//! (一百二十, 两千), 万/亿 multipliers, decimals, percentages (%, ％, 百分之), approximations
//! (余/多/近/约/左右), ranges (2021—2025年, 15%～30%), and the unit or measure word they count
//! (件, 次, 人次, 万元, 个).
//!
//! Fixed terms that contain numerals (八五普法, 十四五, 二十大, 三项制度, 一网通办) are not
//! quantities; the pack lists them with the units (`[numbers]`). A Chinese numeral counts only
//! with a measure word after it, so 一是, 统一, 十九届 and 三中全会 are never numbers.

pub mod chinese;

use crate::prose::chars::{chars_led_by, lead_bytes};
use crate::source::Span;

/// Units, measure words and fixed terms, from the pack's `[numbers]` table.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Measure words and units that make a number a count or an amount.
    units: crate::config::literals::Phrases,
    /// Units that measure time (年, 个月, 天, 小时): the number is a duration.
    durations: Vec<String>,
    /// Terms with numerals inside that are names, not quantities.
    fixed_terms: Vec<String>,
    /// The fixed terms as one automaton: a text is searched once, not once per term.
    fixed_finder: FixedTermFinder,
}

/// Checks of numbers against fixed terms before the quick-to-build automaton gives way to a
/// DFA: the DFA searches faster but takes milliseconds to build, more than one report's
/// numbers would save.
const FIXED_TERM_NFA_USES: usize = 2_000;

/// The fixed terms as an automaton, built on first use: an NFA first, a DFA once many numbers
/// have been checked (a corpus).
#[derive(Debug, Default)]
struct FixedTermFinder {
    nfa: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    dfa: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    uses: std::sync::atomic::AtomicUsize,
}

impl Clone for FixedTermFinder {
    fn clone(&self) -> Self {
        FixedTermFinder::default()
    }
}

impl FixedTermFinder {
    fn get(&self, terms: &[String]) -> Option<&aho_corasick::AhoCorasick> {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        let build = |kind| AhoCorasick::builder().kind(Some(kind)).build(terms).ok();
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref();
        }
        let uses = self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if uses >= FIXED_TERM_NFA_USES {
            return self
                .dfa
                .get_or_init(|| build(AhoCorasickKind::DFA))
                .as_ref();
        }
        self.nfa
            .get_or_init(|| build(AhoCorasickKind::ContiguousNFA))
            .as_ref()
    }
}

impl Vocabulary {
    pub fn new(units: Vec<String>, durations: Vec<String>, fixed_terms: Vec<String>) -> Self {
        let mut units: Vec<String> = units.into_iter().chain(durations.clone()).collect();
        units.sort();
        units.dedup();
        Vocabulary {
            units: crate::config::literals::Phrases::new(units),
            durations,
            fixed_terms,
            fixed_finder: FixedTermFinder::default(),
        }
    }

    /// The vocabulary of the default pack, for callers that have no pack at hand.
    pub fn builtin() -> &'static Vocabulary {
        use std::sync::OnceLock;
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            crate::config::packs::builtin_named(crate::config::packs::DEFAULT_PACK)
                .and_then(|p| p.numbers.clone())
                .unwrap_or_default()
        })
    }

    /// The longest unit `text` starts with.
    fn unit_at<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.units.longest_prefix(text).map(|len| &text[..len])
    }

    fn is_duration(&self, unit: &str) -> bool {
        self.durations.iter().any(|d| d == unit)
    }
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number with a measure word or unit: 12次, 3000余人, 3.6亿元.
    Count,
    /// A length of time: 3个工作日, 24小时, 近三年.
    Duration,
    /// A percentage: 99.6%, 百分之百.
    Percent,
    /// Percentage points: 2.3个百分点.
    Points,
    /// A year: 2023年, 2019年度.
    Year,
    /// A date with a month: 2023年1月31日, 12月.
    Date,
    /// A bare number: 12345, the 1 of 1+8.
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeral {
    Arabic,
    Chinese,
}

/// An approximation word next to a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approx {
    pub word: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression: approximation words, number(s), unit.
    pub span: Span,
    /// The digits of the (first) number, multiplier included (3.6万).
    pub number: Span,
    pub value: f64,
    /// The end of a range (2021—2025年, 15%～30%).
    pub upper: Option<f64>,
    /// The unit or measure word, as written after the multiplier (次, 元, 人次, %).
    pub unit: Option<String>,
    pub kind: Kind,
    pub numeral: Numeral,
    pub approx: Vec<Approx>,
    /// The Arabic mantissa as written (108, 3.6), for judging its precision.
    mantissa: String,
    /// A 万/亿/千 multiplier followed the digits.
    multiplied: bool,
}

impl Quantity {
    /// A quantitative fact: a count, amount, duration, rate or dated event (not a bare year or
    /// number).
    pub fn is_statistic(&self) -> bool {
        // 三个方面、四项措施、两种模式: Chinese numerals with these measure words are rhetoric,
        // not counts (GB/T 15835-2011 has statistics written in Arabic numerals).
        let rhetorical = self.numeral == Numeral::Chinese
            && self
                .unit
                .as_deref()
                .is_some_and(|u| matches!(u, "个" | "项" | "种" | "类" | "条" | "方面"));
        !rhetorical
            && matches!(
                self.kind,
                Kind::Count | Kind::Duration | Kind::Percent | Kind::Points | Kind::Date
            )
    }

    /// Exact: no approximation word and not a range.
    pub fn is_exact(&self) -> bool {
        self.approx.is_empty() && self.upper.is_none()
    }

    /// Significant digits of the Arabic mantissa (108 → 3, 2820 → 3, 5500 → 2, 99.6 → 3).
    pub fn significant_digits(&self) -> usize {
        let digits: String = self
            .mantissa
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let digits = digits.trim_start_matches('0');
        let digits = if self.mantissa.contains('.') {
            digits
        } else {
            digits.trim_end_matches('0')
        };
        digits.len()
    }

    /// Decimal places written (99.6 → 1).
    pub fn decimals(&self) -> usize {
        self.mantissa
            .split_once('.')
            .map_or(0, |(_, frac)| frac.len())
    }

    /// A figure written too precisely to be an estimate: 108, 15, 99.6, 78.93万 (but not 30, 480,
    /// 2820, 35600 — a figure that ends in zero is rounded already —, nor 15万, 392万, 3.6万 or
    /// 78.9万: a whole number or one decimal of 万 or 亿 is the usual way to state a rounded
    /// figure).
    pub fn looks_precise(&self) -> bool {
        if self.numeral != Numeral::Arabic {
            return false;
        }
        let significant = self.significant_digits();
        let integer = self.decimals() == 0;
        if self.kind == Kind::Percent {
            // 约95% is an ordinary estimate; 约99.6% is not.
            return significant >= 3 || self.decimals() > 0;
        }
        let ends_in_zero = self.mantissa.ends_with('0');
        match (self.multiplied, integer) {
            // 392万 is rounded to ten thousand.
            (true, true) => false,
            // 78.9万 is rounded to a thousand; 78.93万 is not an estimate.
            (true, false) => self.decimals() >= 2 && significant >= 4,
            (false, true) => self.value > 10.0 && !ends_in_zero,
            (false, false) => significant >= 3,
        }
    }

    /// The words of approximation, joined (余, 约……左右).
    pub fn approx_words(&self) -> Vec<&str> {
        self.approx.iter().map(|a| a.word.as_str()).collect()
    }
}

/// Words before a number that make it approximate.
const APPROX_BEFORE: &[&str] = &["大约", "将近", "超过", "约", "近", "超", "逾"];
/// Words between the number and its unit.
const APPROX_MIDDLE: &[&str] = &["余", "多"];
/// Words after the unit.
const APPROX_AFTER: &[&str] = &["左右", "以上", "上下", "许"];
/// Range separators: 2021—2025, 15%～30%, 5至8人.
const RANGE_SEPARATORS: &[&str] = &["——", "—", "―", "–", "－", "-", "～", "~", "〜", "至", "到"];

fn is_ascii_or_wide_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn wide_to_ascii(c: char) -> char {
    if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
    } else {
        c
    }
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if c == ' ' || c == '\u{3000}' || c == '\u{a0}' || c == '\t' {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

fn starts_with_any<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| text.starts_with(w))
}

/// A number at `at`: (end, value, numeral, mantissa). Arabic digits with an optional decimal
/// part, or a Chinese numeral.
fn read_number(text: &str, at: usize) -> Option<(usize, f64, Numeral, String)> {
    let first = text[at..].chars().next()?;
    if is_ascii_or_wide_digit(first) {
        let mut end = at;
        let mut mantissa = String::new();
        let mut seen_dot = false;
        let mut chars = text[at..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_ascii_or_wide_digit(c) {
                mantissa.push(wide_to_ascii(c));
                end = at + i + c.len_utf8();
            } else if (c == '.' || c == '．') && !seen_dot {
                let next_is_digit = chars
                    .peek()
                    .is_some_and(|(_, n)| is_ascii_or_wide_digit(*n));
                if !next_is_digit {
                    break;
                }
                seen_dot = true;
                mantissa.push('.');
            } else if c == ',' {
                // A thousands separator only when exactly three digits follow.
                let rest: String = text[at + i + 1..].chars().take(4).collect();
                let digits = rest.chars().take_while(|d| d.is_ascii_digit()).count();
                if digits != 3 || seen_dot {
                    break;
                }
            } else {
                break;
            }
        }
        let value: f64 = mantissa.parse().ok()?;
        return Some((end, value, Numeral::Arabic, mantissa));
    }
    if chinese::is_numeral_char(first) {
        let len: usize = text[at..]
            .chars()
            .take_while(|c| chinese::is_numeral_char(*c))
            .map(char::len_utf8)
            .sum();
        let value = chinese::value(&text[at..at + len])?;
        return Some((at + len, value as f64, Numeral::Chinese, String::new()));
    }
    None
}

/// One number with what surrounds it, not yet a range.
fn read_quantity(text: &str, start: usize, vocab: &Vocabulary) -> Option<Quantity> {
    let (mut end, mut value, numeral, mantissa) = read_number(text, start)?;
    let number_start = start;
    let mut approx = Vec::new();
    let mut multiplied = false;
    let mut number_end = end;
    // 18万余册, 300余万元, 3.6亿元
    let mut at = skip_spaces(text, end);
    for _ in 0..2 {
        if numeral == Numeral::Arabic && !multiplied {
            let multiplier = match text[at..].chars().next() {
                Some('万') => Some(10_000.0),
                Some('亿') => Some(100_000_000.0),
                Some('千') => Some(1000.0),
                _ => None,
            };
            if let Some(m) = multiplier {
                value *= m;
                multiplied = true;
                at += '万'.len_utf8();
                number_end = at;
                end = at;
                continue;
            }
        }
        if let Some(word) = starts_with_any(&text[at..], APPROX_MIDDLE)
            && approx.is_empty()
        {
            approx.push(Approx {
                word: word.to_string(),
                span: Span::new(at, at + word.len()),
            });
            at += word.len();
            end = at;
            at = skip_spaces(text, at);
            continue;
        }
        break;
    }
    // A 多 or 余 with nothing countable after it is not an approximation (三是多措并举).
    let mut unit = None;
    let mut kind = Kind::Plain;
    let rest = &text[at..];
    if numeral == Numeral::Arabic
        && approx.is_empty()
        && !multiplied
        && mantissa.len() == 4
        && !mantissa.contains('.')
        && (1900.0..=2100.0).contains(&value)
        && rest.starts_with('年')
    {
        // A year, possibly the start of a date.
        kind = Kind::Year;
        unit = Some("年".to_string());
        end = at + '年'.len_utf8();
        if text[end..].starts_with('度') {
            end += '度'.len_utf8();
        }
        if let Some(date_end) = month_day(text, end) {
            kind = Kind::Date;
            end = date_end;
        }
    } else if numeral == Numeral::Arabic
        && approx.is_empty()
        && !multiplied
        && !mantissa.contains('.')
        && (1.0..=12.0).contains(&value)
        && rest.starts_with('月')
    {
        kind = Kind::Date;
        unit = Some("月".to_string());
        end = month_day(text, start).unwrap_or(at + '月'.len_utf8());
    } else if rest.starts_with('%') || rest.starts_with('％') {
        kind = Kind::Percent;
        unit = Some("%".to_string());
        end = at + rest.chars().next().map_or(1, char::len_utf8);
    } else if let Some(u) = vocab.unit_at(rest) {
        kind = if u == "个百分点" {
            Kind::Points
        } else if vocab.is_duration(u) {
            Kind::Duration
        } else {
            Kind::Count
        };
        unit = Some(u.to_string());
        end = at + u.len();
    } else if !approx.is_empty() {
        // 余/多 not followed by a unit: keep the number, drop the word unless a unit is
        // implied by a multiplier (18万余).
        if !multiplied {
            approx.clear();
            end = number_end;
        }
    }
    if kind != Kind::Plain && kind != Kind::Year && kind != Kind::Date {
        let after = skip_spaces(text, end);
        if let Some(word) = starts_with_any(&text[after..], APPROX_AFTER) {
            approx.push(Approx {
                word: word.to_string(),
                span: Span::new(after, after + word.len()),
            });
            end = after + word.len();
        }
    }
    if text[..number_start].ends_with('第') {
        // An ordinal (第3次) numbers an event; it does not count anything.
        kind = Kind::Plain;
    }
    Some(Quantity {
        span: Span::new(number_start, end),
        number: Span::new(number_start, number_end),
        value,
        upper: None,
        unit,
        kind,
        numeral,
        approx,
        mantissa,
        multiplied,
    })
}

/// The end of 「1月31日」 starting at `at` (after a year), if there is a month.
fn month_day(text: &str, at: usize) -> Option<usize> {
    let at = skip_spaces(text, at);
    let (end, month, numeral, _) = read_number(text, at)?;
    if numeral != Numeral::Arabic || !(1.0..=12.0).contains(&month) {
        return None;
    }
    let after = skip_spaces(text, end);
    if !text[after..].starts_with('月') {
        return None;
    }
    let mut end = after + '月'.len_utf8();
    let day_at = skip_spaces(text, end);
    if let Some((day_end, day, Numeral::Arabic, _)) = read_number(text, day_at)
        && (1.0..=31.0).contains(&day)
    {
        let after_day = skip_spaces(text, day_end);
        if text[after_day..].starts_with('日') || text[after_day..].starts_with('号') {
            end = after_day + '日'.len_utf8();
        }
    }
    Some(end)
}

/// Where a number may start: not in the middle of another number, a Latin word or an ordinal.
fn may_start(text: &str, at: usize, numeral: Numeral) -> bool {
    let before = text[..at].chars().next_back();
    match numeral {
        Numeral::Arabic => !before.is_some_and(|c| {
            is_ascii_or_wide_digit(c) || c.is_ascii_alphabetic() || c == '.' || c == '．'
        }),
        Numeral::Chinese => !before.is_some_and(|c| chinese::is_numeral_char(c) || c == '第'),
    }
}

/// Spans of short quoted phrases (“四个零”, “六个一”): slogans, whose numerals are names.
fn short_quotes(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // “” start with byte E2, 「」 with E3.
    const LEADS: [bool; 256] = lead_bytes(&[b'\n', 0xE2, 0xE3]);
    for (i, c) in chars_led_by(text, &LEADS) {
        match c {
            '“' | '「' => open = Some(i),
            '”' | '」' => {
                if let Some(start) = open.take()
                    && text[start..i].chars().count() <= 12
                {
                    spans.push(Span::new(start, i + c.len_utf8()));
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    spans
}

/// Whether a fixed term (十四五, 三项制度) overlaps `number`. Only the text around the number
/// is searched: the terms are short, and most of a paragraph is far from any number.
fn in_fixed_term(text: &str, number: Span, vocab: &Vocabulary) -> bool {
    let Some(finder) = vocab.fixed_finder.get(&vocab.fixed_terms) else {
        return false;
    };
    let reach = finder.max_pattern_len();
    let mut start = number.start.saturating_sub(reach);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (number.end + reach).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    finder
        .find_overlapping_iter(&text[start..end])
        .any(|m| overlaps(Span::new(start + m.start(), start + m.end()), number))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether a number can start with `c`: an Arabic digit (half- or full-width) or a
/// [`chinese::is_numeral_char`], in one test.
fn may_start_number(c: char) -> bool {
    matches!(c,
        '0'..='9' | '０'..='９' | 'O' | '零' | '〇' | '○' | '一' | '二' | '两' | '三' | '四' | '五'
        | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '万' | '亿')
}

/// Where the next character a number can start with stands, at or after byte `from`. Most of a
/// paragraph has none: one tight scan finds the next faster than reading every character.
fn next_numeral_char(text: &str, from: usize) -> Option<usize> {
    text[from..]
        .char_indices()
        .find(|&(_, c)| may_start_number(c))
        .map(|(i, _)| from + i)
}

/// Every quantity in `text`, with spans relative to `text`, in order.
pub fn extract(text: &str, vocab: &Vocabulary) -> Vec<Quantity> {
    // Most text between numbers needs no quotes: find them once a number asks.
    let quotes = std::cell::OnceCell::new();
    let mut found: Vec<Quantity> = Vec::new();
    let mut at = 0;
    while let Some(next) = next_numeral_char(text, at) {
        at = next;
        let c = text[at..].chars().next().expect("inside the text");
        // 百分之九十五, 百分之百
        if c == '百' && text[at..].starts_with("百分之") {
            let number_at = at + "百分之".len();
            if let Some((end, value, numeral, mantissa)) = read_number(text, number_at) {
                found.push(Quantity {
                    span: Span::new(at, end),
                    number: Span::new(number_at, end),
                    value,
                    upper: None,
                    unit: Some("%".to_string()),
                    kind: Kind::Percent,
                    numeral,
                    approx: Vec::new(),
                    mantissa,
                    multiplied: false,
                });
                at = end;
                continue;
            }
        }
        let numeral = if is_ascii_or_wide_digit(c) {
            Some(Numeral::Arabic)
        } else if chinese::is_numeral_char(c) {
            Some(Numeral::Chinese)
        } else {
            None
        };
        let Some(numeral) = numeral.filter(|n| may_start(text, at, *n)) else {
            at += c.len_utf8();
            continue;
        };
        let Some(mut quantity) = read_quantity(text, at, vocab) else {
            // Skip the whole run so that its tail is not read as a number of its own.
            let skip: usize = text[at..]
                .chars()
                .take_while(|c| match numeral {
                    Numeral::Arabic => is_ascii_or_wide_digit(*c),
                    Numeral::Chinese => chinese::is_numeral_char(*c),
                })
                .map(char::len_utf8)
                .sum();
            at += skip.max(c.len_utf8());
            continue;
        };
        // A range: 2021—2025年, 15%～30%, 15～30%.
        let after = skip_spaces(text, quantity.span.end);
        if let Some(separator) = starts_with_any(&text[after..], RANGE_SEPARATORS) {
            let second_at = skip_spaces(text, after + separator.len());
            let second = read_number(text, second_at)
                .filter(|(_, _, n, _)| *n == quantity.numeral)
                .and_then(|_| read_quantity(text, second_at, vocab));
            if let Some(second) = second
                && (quantity.unit.is_none() || quantity.unit == second.unit)
            {
                quantity.upper = Some(second.value);
                if quantity.unit.is_none() {
                    quantity.unit = second.unit.clone();
                    quantity.kind = second.kind;
                }
                quantity.approx.extend(second.approx);
                quantity.span = Span::new(quantity.span.start, second.span.end);
            }
        }
        at = quantity.span.end.max(at + c.len_utf8());
        // Approximation words before the number: 约3.6亿元, 近三年.
        let before = &text[..quantity.span.start];
        if let Some(word) = APPROX_BEFORE.iter().find(|w| before.ends_with(*w)) {
            let start = quantity.span.start - word.len();
            quantity.approx.insert(
                0,
                Approx {
                    word: word.to_string(),
                    span: Span::new(start, quantity.span.start),
                },
            );
            quantity.span.start = start;
        }
        if in_fixed_term(text, quantity.number, vocab) {
            continue;
        }
        if quantity.numeral == Numeral::Chinese {
            // A Chinese numeral is a number only with a unit; 一 with a measure word is mostly
            // an article (一名、一批); slogans in short quotes are names.
            let counted = quantity.kind != Kind::Plain;
            let quotes = quotes.get_or_init(|| short_quotes(text));
            let quoted = quotes.iter().any(|q| overlaps(*q, quantity.number));
            let enumerator = text[quantity.number.end..].starts_with('是');
            if !counted || quoted || enumerator || quantity.value < 2.0 {
                continue;
            }
        }
        found.push(quantity);
    }
    found
}

/// [`extract`] over `span` of `text`, with spans into `text`.
pub fn extract_in(text: &str, span: Span, vocab: &Vocabulary) -> Vec<Quantity> {
    let mut quantities = extract(&text[span.range()], vocab);
    for q in &mut quantities {
        let shift = |s: &mut Span| {
            s.start += span.start;
            s.end += span.start;
        };
        shift(&mut q.span);
        shift(&mut q.number);
        for a in &mut q.approx {
            shift(&mut a.span);
        }
    }
    quantities
}

/// Sentences of `text[span]` (split after 。！？； and at line ends), as absolute spans without
/// the closing mark.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    // 。 starts with byte E3, ！？； with EF.
    const LEADS: [bool; 256] = lead_bytes(&[b';', b'!', b'?', b'\n', 0xE3, 0xEF]);
    split(text, span, &LEADS, |c| {
        matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n')
    })
}

/// Clauses of `text[span]`: sentences further split at ，、：.
pub fn clauses(text: &str, span: Span) -> Vec<Span> {
    // 。、 start with byte E3, ！？；，： with EF.
    const LEADS: [bool; 256] = lead_bytes(&[b';', b'!', b'?', b'\n', b',', b':', 0xE3, 0xEF]);
    split(text, span, &LEADS, |c| {
        matches!(
            c,
            '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n' | '，' | ',' | '：' | ':'
        )
    })
}

/// `span` split at the characters `is_end` accepts, which all start with a byte of `leads`.
fn split(text: &str, span: Span, leads: &[bool; 256], is_end: impl Fn(char) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in chars_led_by(&text[span.range()], leads) {
        if is_end(c) {
            let at = span.start + i;
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

/// How many quantitative facts the text states.
pub fn count_statistics(text: &str, vocab: &Vocabulary) -> usize {
    extract(text, vocab)
        .iter()
        .filter(|q| q.is_statistic())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_looked_for_at_exactly_the_characters_they_start_with() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let starts = is_ascii_or_wide_digit(c) || chinese::is_numeral_char(c);
            assert_eq!(may_start_number(c), starts, "{c:?}");
        }
    }

    fn vocab() -> &'static Vocabulary {
        Vocabulary::builtin()
    }

    fn read(text: &str) -> Vec<(String, f64, Option<String>, Kind)> {
        extract(text, vocab())
            .into_iter()
            .map(|q| (text[q.span.range()].to_string(), q.value, q.unit, q.kind))
            .collect()
    }

    fn one(text: &str) -> Quantity {
        let found = extract(text, vocab());
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn arabic_counts_with_units() {
        let q = one("累计开展执法检查2820余次");
        assert_eq!(
            (q.value, q.unit.as_deref(), q.kind),
            (2820.0, Some("次"), Kind::Count)
        );
        assert_eq!(q.approx_words(), vec!["余"]);
        let q = one("出动执法人员8460人次");
        assert_eq!(q.unit.as_deref(), Some("人次"));
        let q = one("挽回集体经济损失3700余万元");
        assert_eq!((q.value, q.unit.as_deref()), (37_000_000.0, Some("元")));
        let q = one("总投资约3.6亿元");
        assert_eq!(q.value, 360_000_000.0);
        assert_eq!(q.approx_words(), vec!["约"]);
        let q = one("发放普法宣传资料18万余册页");
        assert_eq!((q.value, q.unit.as_deref()), (180_000.0, Some("册页")));
        let q = one("城管中队一般程序案件办结数 568 起");
        assert_eq!((q.value, q.unit.as_deref()), (568.0, Some("起")));
    }

    #[test]
    fn chinese_numerals_count_only_with_a_measure_word() {
        let q = one("带头学法两次");
        assert_eq!((q.value, q.numeral), (2.0, Numeral::Chinese));
        assert_eq!(one("培训一百二十人次").value, 120.0);
        assert_eq!(one("覆盖两千余户").value, 2000.0);
        assert_eq!(one("受众万余人次").value, 10_000.0);
        assert!(read("一是抓组织，统一部署，三中全会，十九届五中全会").is_empty());
        assert!(read("一名兼职法律工作者").is_empty());
    }

    #[test]
    fn fixed_terms_stay_fixed_once_the_automaton_is_rebuilt_for_speed() {
        let vocab = Vocabulary::new(
            vec!["件".into(), "项".into()],
            Vec::new(),
            vec!["三项制度".into()],
        );
        let plain = Vocabulary::new(vec!["件".into(), "项".into()], Vec::new(), Vec::new());
        assert_eq!(extract("落实三项制度，办理12件。", &plain).len(), 2);
        let text = "落实三项制度，办理12件。";
        for _ in 0..FIXED_TERM_NFA_USES + 10 {
            let found: Vec<&str> = extract(text, &vocab)
                .iter()
                .map(|q| &text[q.span.range()])
                .collect();
            assert_eq!(found, ["12件"]);
        }
        assert!(vocab.fixed_finder.dfa.get().is_some());
    }

    #[test]
    fn fixed_terms_and_slogans_are_not_quantities() {
        for text in [
            "从三个方面推进",
            "落实四项措施",
            "八五普法",
            "十四五规划",
            "党的二十大",
            "全面推行三项制度",
            "一网通办",
            "坚持“四个亲自”",
            "创新推行“四个零”政务服务模式",
            "深入实施“六个一”行动",
            "四个亲自",
        ] {
            assert!(
                extract(text, vocab()).iter().all(|q| !q.is_statistic()),
                "{text}: {:?}",
                read(text)
            );
        }
    }

    #[test]
    fn percentages_in_every_form() {
        let q = one("办结率99.6%");
        assert_eq!((q.value, q.kind, q.decimals()), (99.6, Kind::Percent, 1));
        assert_eq!(one("调解成功率 98.3 %").value, 98.3);
        assert_eq!(one("满意率达９５％").value, 95.0);
        assert_eq!(one("达到百分之百").value, 100.0);
        assert_eq!(one("百分之九十五").value, 95.0);
        assert_eq!(one("提高2.3个百分点").kind, Kind::Points);
    }

    #[test]
    fn ranges_years_and_dates() {
        let q = one("法治政府建设实施纲要（2021—2025年）");
        assert_eq!(
            (q.value, q.upper, q.kind),
            (2021.0, Some(2025.0), Kind::Year)
        );
        let q = one("占比15%～30%");
        assert_eq!(
            (q.value, q.upper, q.kind),
            (15.0, Some(30.0), Kind::Percent)
        );
        let q = one("占比15～30%");
        assert_eq!((q.upper, q.kind), (Some(30.0), Kind::Percent));
        assert_eq!(one("2023年").kind, Kind::Year);
        assert_eq!(one("2019年度").kind, Kind::Year);
        let q = one("2023年12月在县委全会上述法");
        assert_eq!(q.kind, Kind::Date);
        let q = one("统计期限自 2019 年 1 月 1 日起");
        assert_eq!((q.kind, q.value), (Kind::Date, 2019.0));
        assert_eq!(one("于3月1日前").kind, Kind::Date);
        assert!(!one("2023年").is_statistic());
    }

    #[test]
    fn approximations_and_precision() {
        let q = one("开展活动108余次");
        assert!(q.looks_precise());
        assert!(!one("开展活动30余场次").looks_precise());
        assert!(!one("检查经营单位480余家").looks_precise());
        assert!(!one("罚款5500余元").looks_precise());
        assert!(!one("发放18万余册").looks_precise());
        assert!(one("发放15余册").looks_precise());
        assert!(!one("开展宣传2820余次").looks_precise());
        assert!(!one("受理35600余件").looks_precise());
        assert!(!one("覆盖约78.9万个").looks_precise());
        assert!(one("覆盖约78.93万个").looks_precise());
        assert!(!one("受众392万余人次").looks_precise());
        assert!(one("开展宣传2821余次").looks_precise());
        let q = one("约100人左右");
        assert_eq!(q.approx_words(), vec!["约", "左右"]);
        let q = one("近三年累计");
        assert_eq!((q.kind, q.approx_words()), (Kind::Duration, vec!["近"]));
        assert_eq!(one("培养各级调解员1600多名").approx_words(), vec!["多"]);
        assert!(one("审结45件").is_exact());
    }

    #[test]
    fn bare_and_ordinal_numbers_are_plain() {
        assert!(
            read("12345市民热线")
                .iter()
                .all(|(_, _, _, k)| *k == Kind::Plain)
        );
        assert!(
            extract("第3次全会", vocab())
                .iter()
                .all(|q| !q.is_statistic())
        );
        assert!(extract("5G网络", vocab()).iter().all(|q| !q.is_statistic()));
        assert_eq!(count_statistics("高度重视，认真履行职责", vocab()), 0);
    }

    #[test]
    fn spans_are_absolute_in_extract_in() {
        let text = "前言。办结率99%。";
        let start = text.find('办').unwrap();
        let found = extract_in(text, Span::new(start, text.len()), vocab());
        assert_eq!(&text[found[0].span.range()], "99%");
    }
}
