//! Word's automatic numbering (`word/numbering.xml`), rendered the way Word prints it: the
//! level's `lvlText` ("%1、", "（%1）", "%1.%2") with each counter in its level's format
//! (chineseCounting → 一, decimal → 1, decimalEnclosedCircle → ① …), counters continued across
//! the list and restarted below a higher level, start values and overrides honoured.
//!
//! A marker is bounded whatever numbering.xml says: counters stop at [`MAX_COUNTER`], letters
//! past [`MAX_LETTER_NUMBER`] are written in digits, and the rendered marker is cut at
//! [`MAX_MARKER_CHARS`], so a hostile start value or a `%1` repeated in `lvlText` cannot turn
//! one paragraph into megabytes of text.

use super::docx::{Depth, MAX_DEFINITIONS, attr, attr_u32, local, too_many_definitions};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;

/// The largest value a counter takes: start values and overrides above it are lowered to it,
/// and a list that counts past it stays there. LibreOffice keeps a list's start value in 16 bits;
/// no real list comes near.
pub const MAX_COUNTER: u32 = 32_767;

/// The longest marker, in characters. Word requires a level's text to be at most 31 characters
/// once its `%1`…`%9` are replaced ([MS-OI29500] 2.1.283); a longer one is cut here.
pub const MAX_MARKER_CHARS: usize = 31;

/// The last number the letter formats write as letters: 780 is thirty z's, as many as fit in a
/// marker with its punctuation. Larger numbers are written in digits rather than cut.
pub const MAX_LETTER_NUMBER: u32 = 26 * 30;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `lvlRestart`: restart after this (1-based) level; 0 = never.
    restart: Option<u32>,
    /// Suffix after the number: "tab" (default), "space" or "nothing".
    suffix: String,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: u32,
    start_overrides: HashMap<u8, u32>,
}

/// The numbering definitions of a document and the counters as paragraphs are read.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, HashMap<u8, Level>>,
    instances: HashMap<u32, Instance>,
    counters: HashMap<(bool, u32), [Option<u32>; 9]>,
}

impl Numbering {
    /// The definitions of `numbering.xml`; an error for a part built to exhaust memory (more
    /// than [`MAX_DEFINITIONS`] abstract definitions or lists, or nested too deep).
    pub fn parse(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(u32, Instance)> = None;
        let mut override_level: Option<u8> = None;
        let mut depth = Depth::default();
        let (mut abstracts, mut instances) = (0usize, 0usize);
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            depth.follow(&event, "numbering.xml")?;
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e) {
                    "abstractNum" => {
                        abstracts += 1;
                        if abstracts > MAX_DEFINITIONS {
                            return Err(too_many_definitions("编号"));
                        }
                        abstract_id = attr_u32(&e, "abstractNumId");
                    }
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attr_u32(&e, "ilvl").unwrap_or(0).min(8) as u8;
                        level = Some((
                            ilvl,
                            Level {
                                start: 1,
                                format: "decimal".to_string(),
                                suffix: "tab".to_string(),
                                ..Level::default()
                            },
                        ));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr_u32(&e, "val")) {
                            l.start = v.min(MAX_COUNTER);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.text = v;
                        }
                    }
                    "lvlRestart" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.restart = attr_u32(&e, "val");
                        }
                    }
                    "suff" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                            l.suffix = v;
                        }
                    }
                    "num" => {
                        instances += 1;
                        if instances > MAX_DEFINITIONS {
                            return Err(too_many_definitions("列表"));
                        }
                        num = attr_u32(&e, "numId").map(|id| (id, Instance::default()));
                    }
                    "abstractNumId" => {
                        if let (Some((_, instance)), Some(v)) = (num.as_mut(), attr_u32(&e, "val"))
                        {
                            instance.abstract_id = v;
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr_u32(&e, "ilvl").map(|v| v.min(8) as u8);
                    }
                    "startOverride" => {
                        if let (Some((_, instance)), Some(ilvl), Some(v)) =
                            (num.as_mut(), override_level, attr_u32(&e, "val"))
                        {
                            instance.start_overrides.insert(ilvl, v.min(MAX_COUNTER));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (abstract_id, level.take()) {
                            numbering.abstracts.entry(id).or_default().insert(ilvl, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, instance)) = num.take() {
                            numbering.instances.insert(id, instance);
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(numbering)
    }

    /// Count one more paragraph of list `num_id` at level `ilvl` and return its marker as
    /// printed, or `None` for bullets, unknown lists and levels without a number.
    pub fn next(&mut self, num_id: u32, ilvl: u8) -> Option<String> {
        let instance = self.instances.get(&num_id)?;
        let levels = self.abstracts.get(&instance.abstract_id)?;
        let level = levels.get(&ilvl)?;
        // Lists that share an abstract definition continue each other unless one restarts.
        let key = if instance.start_overrides.is_empty() {
            (false, instance.abstract_id)
        } else {
            (true, num_id)
        };
        let start_of = |l: u8| -> u32 {
            instance
                .start_overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|lv| lv.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            Some(n) => n.saturating_add(1).min(MAX_COUNTER),
            None => start_of(ilvl),
        });
        for (deeper, counter) in counters.iter_mut().enumerate().skip(i + 1) {
            let restart = levels.get(&(deeper as u8)).and_then(|l| l.restart);
            // lvlRestart = n restarts after level n (1-based); the default restarts after any
            // higher level.
            if restart.is_none_or(|r| r != 0 && (r as usize) > i) {
                *counter = None;
            }
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        // At most MAX_MARKER_CHARS characters come out, so at most twice as many of `lvlText`
        // are read (`%1` gives at least one): the cost of a marker does not grow with lvlText.
        let mut marker = String::new();
        let mut length = 0;
        let mut chars = level.text.chars().peekable();
        while length < MAX_MARKER_CHARS
            && let Some(c) = chars.next()
        {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let l = (d.max(1) - 1).min(8) as u8;
                let value = counters[l as usize].unwrap_or_else(|| start_of(l));
                let format = levels.get(&l).map_or("decimal", |lv| lv.format.as_str());
                for c in format_number(value.min(MAX_COUNTER), format).chars() {
                    if length == MAX_MARKER_CHARS {
                        break;
                    }
                    marker.push(c);
                    length += 1;
                }
            } else {
                marker.push(c);
                length += 1;
            }
        }
        if marker.is_empty() {
            return None;
        }
        if level.suffix != "nothing" && marker.chars().last().is_some_and(char::is_alphanumeric) {
            marker.push(' ');
        }
        Some(marker)
    }
}

/// A counter in one of Word's number formats (`w:numFmt`). Letters repeat past z (27 is "aa",
/// 53 "aaa"), up to [`MAX_LETTER_NUMBER`]; beyond it, and for formats not known, digits.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => crate::numerals::to_chinese(n),
        "ideographDigital" | "japaneseDigitalTenThousand" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| {
                ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']
                    [d as usize - '0' as usize]
            })
            .collect(),
        "chineseLegalSimplified" => {
            let counting = crate::numerals::to_chinese(n);
            counting
                .chars()
                .map(|c| match c {
                    '一' => '壹',
                    '二' => '贰',
                    '三' => '叁',
                    '四' => '肆',
                    '五' => '伍',
                    '六' => '陆',
                    '七' => '柒',
                    '八' => '捌',
                    '九' => '玖',
                    '十' => '拾',
                    '百' => '佰',
                    other => other,
                })
                .collect()
        }
        "ideographTraditional" => ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]
            .get((n as usize).wrapping_sub(1) % 10)
            .map_or_else(|| n.to_string(), |s| s.to_string()),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" if n <= MAX_LETTER_NUMBER => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let n = n.max(1) - 1;
            let letter = (base + (n % 26) as u8) as char;
            letter.to_string().repeat(n as usize / 26 + 1)
        }
        "lowerRoman" | "upperRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, text) in table {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn gbt9704() -> Numbering {
        let level = |ilvl: u32, format: &str, text: &str| {
            format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>"
            )
        };
        Numbering::parse(&format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">{}{}{}{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/></w:lvlOverride></w:num></w:numbering>",
            level(0, "chineseCounting", "%1、"),
            level(1, "chineseCounting", "（%2）"),
            level(2, "decimal", "%3."),
            level(3, "decimal", "（%4）"),
        ))
        .unwrap()
    }

    #[test]
    fn renders_the_gbt_9704_levels_with_restarts() {
        let mut n = gbt9704();
        let seq: Vec<Option<String>> = [
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 3),
            (1, 3),
            (1, 1),
            (1, 0),
            (1, 1),
        ]
        .iter()
        .map(|&(id, l)| n.next(id, l))
        .collect();
        let expected = [
            "一、",
            "（一）",
            "1.",
            "（1）",
            "（2）",
            "（二）",
            "二、",
            "（一）",
        ];
        assert_eq!(
            seq,
            expected
                .iter()
                .map(|s| Some(s.to_string()))
                .collect::<Vec<_>>()
        );
        // A list with a start override counts on its own.
        assert_eq!(n.next(2, 0).as_deref(), Some("三、"));
        assert_eq!(n.next(9, 0), None);
    }

    #[test]
    fn formats() {
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
    }

    /// A one-level list, numbered from `start` in `format` with the level text `text`, and
    /// nothing after the number.
    fn one_level(format: &str, start: &str, text: &str) -> Numbering {
        Numbering::parse(&format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/><w:suff w:val=\"nothing\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
        ))
        .unwrap()
    }

    #[test]
    fn letters_stop_at_thirty_then_digits_are_written() {
        assert_eq!(format_number(26, "lowerLetter"), "z");
        assert_eq!(format_number(27, "upperLetter"), "AA");
        assert_eq!(
            format_number(MAX_LETTER_NUMBER, "lowerLetter"),
            "z".repeat(30)
        );
        assert_eq!(format_number(MAX_LETTER_NUMBER + 1, "lowerLetter"), "781");
        assert_eq!(format_number(u32::MAX, "upperLetter"), u32::MAX.to_string());
    }

    #[test]
    fn huge_start_values_are_lowered_to_the_largest_counter() {
        let mut n = one_level("lowerLetter", "4294967000", "%1.");
        assert_eq!(n.next(1, 0).as_deref(), Some("32767."));
        assert_eq!(n.next(1, 0).as_deref(), Some("32767."));
        let mut n = one_level("decimal", "32766", "%1.");
        assert_eq!(n.next(1, 0).as_deref(), Some("32766."));
        assert_eq!(n.next(1, 0).as_deref(), Some("32767."));
        assert_eq!(n.next(1, 0).as_deref(), Some("32767."));
    }

    #[test]
    fn a_marker_is_cut_at_its_cap() {
        // Below the cap and at it: kept whole.
        let below = format!("第%1{}", "项".repeat(MAX_MARKER_CHARS - 3));
        let mut n = one_level("decimal", "7", &below);
        let marker = n.next(1, 0).unwrap();
        assert_eq!(marker, format!("第7{}", "项".repeat(MAX_MARKER_CHARS - 3)));
        assert_eq!(marker.chars().count(), MAX_MARKER_CHARS - 1);
        let at = format!("第%1{}", "项".repeat(MAX_MARKER_CHARS - 2));
        let mut n = one_level("decimal", "7", &at);
        let marker = n.next(1, 0).unwrap();
        assert_eq!(marker.chars().count(), MAX_MARKER_CHARS);
        assert!(marker.ends_with('项'));
        // Above it: cut, in the middle of a number if need be.
        let above = format!("第%1{}", "项".repeat(MAX_MARKER_CHARS));
        let mut n = one_level("decimal", "7", &above);
        assert_eq!(n.next(1, 0).unwrap(), marker);
        let mut n = one_level("decimal", "12345", &format!("{}%1", "项".repeat(28)));
        assert_eq!(n.next(1, 0).unwrap(), format!("{}123", "项".repeat(28)));
    }

    #[test]
    fn a_repeated_placeholder_does_not_multiply() {
        let mut n = one_level("lowerLetter", "4294967000", &"%1".repeat(100_000));
        let marker = n.next(1, 0).unwrap();
        assert_eq!(marker.chars().count(), MAX_MARKER_CHARS);
        assert!(marker.starts_with("3276732767"), "{marker}");
        // The default suffix adds its space after a cut marker too.
        let mut n = Numbering::parse(&format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"{}\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
            "%1".repeat(1000)
        ))
        .unwrap();
        assert_eq!(
            n.next(1, 0).unwrap(),
            format!("{} ", "A".repeat(MAX_MARKER_CHARS))
        );
    }
}
