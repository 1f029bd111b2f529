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

/// Byte ranges of URLs and e-mail addresses in a line: their punctuation is not Chinese.
pub fn url_ranges(line: &str) -> Vec<Range<usize>> {
    if !(line.contains("://") || line.contains("www.") || line.contains('@')) {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let bytes = line.as_bytes();
    let token_char = |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>');
    let mut i = 0;
    while i < bytes.len() {
        if !token_char(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && token_char(bytes[i]) {
            i += 1;
        }
        let token = &line[start..i];
        let is_url = token.contains("://") || token.starts_with("www.");
        let is_mail = token
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        if is_url || is_mail {
            // Trailing sentence punctuation typed half-width is not part of the address.
            let end = start
                + token
                    .trim_end_matches([',', ';', ':', '.', '?', '!', ')'])
                    .len();
            ranges.push(start..end);
        }
    }
    ranges
}

/// Half-width punctuation in a line that stands in Chinese text, with its full-width form:
/// `(byte offset in the line, full-width char)`, in order.
///
/// Not Chinese: a comma or colon between digits (1,000; 10:58), punctuation inside a URL or an
/// e-mail address, punctuation with no Chinese on either side (an English phrase). A pair of
/// parentheses is Chinese when it holds Chinese or stands next to it, and both marks change.
pub fn chinese_half_width(line: &str) -> Vec<(usize, char)> {
    let bytes = line.as_bytes();
    let is_candidate = |b: &u8| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')');
    if !bytes.iter().any(is_candidate) {
        return Vec::new();
    }
    let urls = url_ranges(line);
    let in_url = |offset: usize| urls.iter().any(|r| r.contains(&offset));
    // The marks are ASCII, so their byte offsets are character boundaries and the characters
    // around them are read in place.
    let prev = |offset: usize| line[..offset].chars().rev().find(|c| !is_space(*c));
    let next = |offset: usize| line[offset + 1..].chars().find(|c| !is_space(*c));
    let chinese_near = |offset: usize| {
        prev(offset).is_some_and(is_chinese) || next(offset).is_some_and(is_chinese)
    };

    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for (offset, &b) in bytes.iter().enumerate() {
        if !is_candidate(&b) || in_url(offset) {
            continue;
        }
        match b {
            b'(' => open.push(offset),
            b')' => match open.pop() {
                Some(o) => pairs.push((o, offset)),
                None => lone.push(offset),
            },
            _ => {
                let digits_around = matches!(b, b',' | b':')
                    && offset > 0
                    && bytes[offset - 1].is_ascii_digit()
                    && bytes.get(offset + 1).is_some_and(u8::is_ascii_digit);
                if !digits_around && chinese_near(offset) {
                    out.push((
                        offset,
                        full_width(b as char).expect("half-width punctuation"),
                    ));
                }
            }
        }
    }
    lone.extend(open);
    for (o, c) in pairs {
        let inside = line[o + 1..c].chars().any(is_chinese);
        let beside = prev(o).is_some_and(is_chinese) || next(c).is_some_and(is_chinese);
        if inside || beside {
            out.push((o, '（'));
            out.push((c, '）'));
        }
    }
    for offset in lone {
        if chinese_near(offset) {
            out.push((
                offset,
                full_width(bytes[offset] as char).expect("parenthesis"),
            ));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as it was first written, character by character, to check the byte-wise one
    /// against.
    fn reference_half_width(line: &str) -> Vec<(usize, char)> {
        if !line
            .bytes()
            .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
        {
            return Vec::new();
        }
        let urls = url_ranges(line);
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let in_url = |offset: usize| urls.iter().any(|r| r.contains(&offset));
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

        let mut out = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut lone: Vec<usize> = Vec::new();
        for (k, &(offset, c)) in chars.iter().enumerate() {
            if !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')') || in_url(offset) {
                continue;
            }
            match c {
                '(' => open.push(k),
                ')' => match open.pop() {
                    Some(o) => pairs.push((o, k)),
                    None => lone.push(k),
                },
                _ => {
                    let digits_around = matches!(c, ',' | ':')
                        && k > 0
                        && chars[k - 1].1.is_ascii_digit()
                        && chars.get(k + 1).is_some_and(|&(_, d)| d.is_ascii_digit());
                    if !digits_around && chinese_near(k) {
                        out.push((offset, full_width(c).expect("half-width punctuation")));
                    }
                }
            }
        }
        lone.extend(open);
        for (o, c) in pairs {
            let inside = chars[o + 1..c].iter().any(|&(_, ch)| is_chinese(ch));
            let beside = prev(o).is_some_and(is_chinese) || next(c).is_some_and(is_chinese);
            if inside || beside {
                out.push((chars[o].0, '（'));
                out.push((chars[c].0, '）'));
            }
        }
        for k in lone {
            if chinese_near(k) {
                out.push((chars[k].0, full_width(chars[k].1).expect("parenthesis")));
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
            line in "([,;:?!()（）1-9a-z ．。的法治政府一]|\u{3000}|https://a\\.cn/x,y|www\\.b\\.cn|a@b\\.cn){0,40}",
        ) {
            proptest::prop_assert_eq!(chinese_half_width(&line), reference_half_width(&line));
        }
    }

    fn converted(line: &str) -> String {
        let mut out = line.to_string();
        for (offset, c) in chinese_half_width(line).into_iter().rev() {
            out.replace_range(offset..offset + 1, &c.to_string());
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
    fn leaves_numbers_urls_and_english_alone() {
        for line in [
            "共计1,000元，时间10:58",
            "网址：https://www.example.gov.cn/a?b=1,c:2，请查阅",
            "邮箱：fzb@example.cn，电话",
            "Windows (x64), Linux",
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
