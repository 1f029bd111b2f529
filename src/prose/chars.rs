//! Character classes of Chinese typography (GB/T 15834, GB/T 15835), and which half-width
//! punctuation stands in Chinese text.

use std::ops::Range;

/// A Han character (CJK unified ideographs and extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '〇')
}

/// Full-width punctuation and the marks Chinese text uses (“”‘’——……·).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}'
        | '\u{3008}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '·' | '•' | '・')
}

/// Han or Chinese punctuation: the text around is Chinese.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Spaces found in real drafts.
pub fn is_space(c: char) -> bool {
    crate::parse::text::is_space(c)
}

/// The full-width form of half-width punctuation that GB/T 15834 wants full-width in Chinese.
pub fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The half-width form of a full-width digit or Latin letter (GB/T 15835: Arabic numerals are
/// half-width).
pub fn half_width_alnum(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Which bytes start a character of interest: a table for [`chars_led_by`].
pub const fn lead_bytes(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        // A continuation byte never starts a character.
        assert!(bytes[i] < 0x80 || bytes[i] >= 0xC0);
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// The characters of `text` whose UTF-8 encoding starts with a byte of `leads`, with their byte
/// offsets, in order. A scan for a few marks decodes only the characters that can be one: the
/// Han text around them (lead bytes E4–E9) is stepped over a byte at a time.
pub fn chars_led_by<'t>(
    text: &'t str,
    leads: &'t [bool; 256],
) -> impl Iterator<Item = (usize, char)> + 't {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| leads[usize::from(b)])
        .map(|(i, _)| {
            (
                i,
                text[i..]
                    .chars()
                    .next()
                    .expect("a lead byte starts a character"),
            )
        })
}

/// Punctuation that ends a sentence or clause at the end of a line.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '…' | '.'
    )
}

/// Closing quotes and brackets, which may follow the terminal punctuation of a sentence.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '》' | '】' | '」' | '〕' | '』' | '〉' | ']'
    )
}

/// A half-width mark in a line that stands in Chinese text and is to be widened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Widening {
    /// Byte offset in the line.
    pub offset: usize,
    /// The full-width form.
    pub full: char,
    /// A parenthesis whose partner is half-width too: the partner's offset. The two are
    /// widened together or not at all.
    pub partner: Option<usize>,
}

/// Half-width punctuation in a line that stands in Chinese text, with its full-width form, in
/// order. `verbatim`: the ranges of the line that are not prose (addresses, file names, code:
/// see [`super::verbatim`]); nothing in them is widened, and their brackets pair with nothing.
///
/// Not Chinese: a comma or colon between digits (1,000; 10:58), punctuation with no Chinese on
/// either side (an English phrase). A pair of half-width parentheses is Chinese when it holds
/// Chinese or stands next to it, and then both marks change; a half-width parenthesis whose
/// partner is full-width (「（一)」) changes to match it.
pub fn chinese_half_width(line: &str, verbatim: &[Range<usize>]) -> Vec<Widening> {
    let bytes = line.as_bytes();
    let is_candidate = |b: &u8| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')');
    if !bytes.iter().any(is_candidate) {
        return Vec::new();
    }
    let in_verbatim = |offset: usize| verbatim.iter().any(|r| r.contains(&offset));
    // The marks are ASCII or full-width parentheses, so their byte offsets are character
    // boundaries and the characters around them are read in place.
    let prev = |offset: usize| line[..offset].chars().rev().find(|c| !is_space(*c));
    let next = |offset: usize| {
        let len = line[offset..].chars().next().map_or(1, char::len_utf8);
        line[offset + len..].chars().find(|c| !is_space(*c))
    };
    let chinese_near = |offset: usize| {
        prev(offset).is_some_and(is_chinese) || next(offset).is_some_and(is_chinese)
    };
    let widen = |offset: usize, partner: Option<usize>| Widening {
        offset,
        full: full_width(bytes[offset] as char).expect("half-width punctuation"),
        partner,
    };

    // The marks, and the first byte of the full-width parentheses (U+FF08, U+FF09).
    const LEADS: [bool; 256] = lead_bytes(b",;:?!()\xEF");
    let mut out = Vec::new();
    // Opening parentheses: offset, half-width.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut pairs: Vec<((usize, bool), (usize, bool))> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for (offset, c) in chars_led_by(line, &LEADS) {
        if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')' | '（' | '）')
            || in_verbatim(offset)
        {
            continue;
        }
        match c {
            '(' | '（' => open.push((offset, c == '(')),
            ')' | '）' => match open.pop() {
                Some(o) => pairs.push((o, (offset, c == ')'))),
                None if c == ')' => lone.push(offset),
                None => {}
            },
            _ => {
                let b = bytes[offset];
                let digits_around = matches!(b, b',' | b':')
                    && offset > 0
                    && bytes[offset - 1].is_ascii_digit()
                    && bytes.get(offset + 1).is_some_and(u8::is_ascii_digit);
                if !digits_around && chinese_near(offset) {
                    out.push(widen(offset, None));
                }
            }
        }
    }
    lone.extend(open.iter().filter(|(_, half)| *half).map(|&(o, _)| o));
    for ((o, o_half), (c, c_half)) in pairs {
        match (o_half, c_half) {
            (true, true) => {
                let inside = line[o + 1..c].chars().any(is_chinese);
                let beside = prev(o).is_some_and(is_chinese) || next(c).is_some_and(is_chinese);
                if inside || beside {
                    out.push(widen(o, Some(c)));
                    out.push(widen(c, Some(o)));
                }
            }
            (true, false) => out.push(widen(o, None)),
            (false, true) => out.push(widen(c, None)),
            (false, false) => {}
        }
    }
    for offset in lone {
        if chinese_near(offset) {
            out.push(widen(offset, None));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The non-prose ranges of a line, as the rules get them.
    fn verbatim_of(line: &str) -> Vec<Range<usize>> {
        let span = crate::source::Span::new(0, line.len());
        super::super::verbatim::Verbatim::of(line, &[]).within(span)
    }

    /// The scan written character by character, to check the byte-wise one against.
    fn reference_half_width(line: &str, verbatim: &[Range<usize>]) -> Vec<Widening> {
        if !line
            .bytes()
            .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
        {
            return Vec::new();
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let in_verbatim = |offset: usize| verbatim.iter().any(|r| r.contains(&offset));
        let prev = |k: usize| {
            chars[..k]
                .iter()
                .rev()
                .map(|&(_, c)| c)
                .find(|c| !is_space(*c))
        };
        let next = |k: usize| {
            chars[k + 1..]
                .iter()
                .map(|&(_, c)| c)
                .find(|c| !is_space(*c))
        };
        let chinese_near =
            |k: usize| prev(k).is_some_and(is_chinese) || next(k).is_some_and(is_chinese);
        let widen = |k: usize, partner: Option<usize>| Widening {
            offset: chars[k].0,
            full: full_width(chars[k].1).expect("half-width punctuation"),
            partner: partner.map(|p| chars[p].0),
        };

        let mut out = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut lone: Vec<usize> = Vec::new();
        for (k, &(offset, c)) in chars.iter().enumerate() {
            if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')' | '（' | '）')
                || in_verbatim(offset)
            {
                continue;
            }
            match c {
                '(' | '（' => open.push(k),
                ')' | '）' => match open.pop() {
                    Some(o) => pairs.push((o, k)),
                    None => lone.push(k),
                },
                _ => {
                    let digits_around = matches!(c, ',' | ':')
                        && k > 0
                        && chars[k - 1].1.is_ascii_digit()
                        && chars.get(k + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
                    if !digits_around && chinese_near(k) {
                        out.push(widen(k, None));
                    }
                }
            }
        }
        lone.extend(open);
        for (o, c) in pairs {
            match (chars[o].1 == '(', chars[c].1 == ')') {
                (true, true) => {
                    let inside = chars[o + 1..c].iter().any(|&(_, ch)| is_chinese(ch));
                    let beside = prev(o).is_some_and(is_chinese) || next(c).is_some_and(is_chinese);
                    if inside || beside {
                        out.push(widen(o, Some(c)));
                        out.push(widen(c, Some(o)));
                    }
                }
                (true, false) => out.push(widen(o, None)),
                (false, true) => out.push(widen(c, None)),
                (false, false) => {}
            }
        }
        for k in lone {
            if matches!(chars[k].1, '(' | ')') && chinese_near(k) {
                out.push(widen(k, None));
            }
        }
        out.sort_unstable();
        out
    }

    proptest::proptest! {
        #[test]
        fn a_scan_by_lead_bytes_yields_the_characters_they_start(text in "\\PC{0,60}") {
            const LEADS: [bool; 256] = lead_bytes(&[b'(', 0xE2, 0xE3, 0xEF, 0xF0]);
            let expected: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| LEADS[usize::from(c.to_string().as_bytes()[0])])
                .collect();
            proptest::prop_assert_eq!(chars_led_by(&text, &LEADS).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn the_byte_scan_finds_what_a_character_scan_finds(
            line in "([,;:?!()（）1-9a-z ．。的法治政府一]|\u{3000}|https://a\\.cn/x,y|www\\.b\\.cn|a@b\\.cn|`x,y`|报告\\.docx){0,40}",
        ) {
            let verbatim = verbatim_of(&line);
            proptest::prop_assert_eq!(
                chinese_half_width(&line, &verbatim),
                reference_half_width(&line, &verbatim)
            );
        }
    }

    fn converted(line: &str) -> String {
        let mut out = line.to_string();
        for w in chinese_half_width(line, &verbatim_of(line))
            .into_iter()
            .rev()
        {
            out.replace_range(w.offset..w.offset + 1, &w.full.to_string());
        }
        out
    }

    #[test]
    fn converts_punctuation_in_chinese_text() {
        assert_eq!(
            converted("2020年,我镇(一)强组织;是否?好!办公室:"),
            "2020年，我镇（一）强组织；是否？好！办公室："
        );
        assert_eq!(
            converted("实施方案(2017—2020)》"),
            "实施方案（2017—2020）》"
        );
        assert_eq!(converted("率达 99.6% ,网格"), "率达 99.6% ，网格");
        assert_eq!(converted("1)加强学习"), "1）加强学习");
    }

    #[test]
    fn parentheses_change_with_their_partner_never_apart() {
        let line = "详见网站(http://www.example.gov.cn/a,b)获取";
        assert_eq!(
            converted(line),
            "详见网站（http://www.example.gov.cn/a,b）获取"
        );
        let found = chinese_half_width(line, &verbatim_of(line));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].partner, Some(found[1].offset));
        assert_eq!(found[1].partner, Some(found[0].offset));
        // An address with brackets of its own: they pair with nothing outside it.
        assert_eq!(
            converted("见(https://a.cn/x(1))说明"),
            "见（https://a.cn/x(1)）说明"
        );
        // A half-width mark whose partner is full-width takes its width.
        assert_eq!(converted("（一)强化领导"), "（一）强化领导");
        assert_eq!(converted("(abc）"), "（abc）");
        // Parentheses in a file name belong to it.
        assert_eq!(
            converted("附件报告(终稿).docx,请查阅"),
            "附件报告(终稿).docx，请查阅"
        );
    }

    #[test]
    fn leaves_numbers_urls_and_english_alone() {
        for line in [
            "共计1,000元，时间10:58",
            "网址：https://www.example.gov.cn/a?b=1,c:2，请查阅",
            "邮箱：fzb@example.cn，电话",
            "Windows (x64), Linux",
            "详见https://a.cn/p?a=1,b;c:d和www.b.cn/x(y)",
        ] {
            let expected = line.to_string();
            assert_eq!(converted(line), expected, "{line}");
        }
    }

    #[test]
    fn classes() {
        assert!(is_han('法') && is_han('〇') && !is_han('，'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && is_cjk_punct('《'));
        assert!(!is_cjk_punct('０') && !is_cjk_punct('Ａ'));
        assert_eq!(half_width_alnum('２'), Some('2'));
        assert_eq!(half_width_alnum('Ｚ'), Some('Z'));
        assert_eq!(half_width_alnum('，'), None);
    }
}
