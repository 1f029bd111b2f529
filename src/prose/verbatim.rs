//! The parts of a document that are not prose: web addresses, e-mail addresses and file names
//! in any text, and in Markdown code, link and image destinations, autolinks, HTML and front
//! matter. Their punctuation and spacing are not Chinese typography: the typography rules
//! neither report nor fix inside them, and the fix engine refuses any edit that would change
//! them.

use super::chars::{half_width_alnum, is_han};
use crate::source::Span;
use std::ops::Range;

/// The non-prose spans of a text: sorted, overlapping ones merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verbatim {
    spans: Vec<Span>,
}

impl Verbatim {
    /// The addresses and file names of `text`, with the spans of markup a reader found in it
    /// (Markdown code, link destinations, HTML).
    pub fn of(text: &str, markup: &[Span]) -> Verbatim {
        let mut spans = addresses(text);
        spans.extend(file_names(text));
        spans.extend(markup.iter().copied().filter(|s| !s.is_empty()));
        Verbatim::from_spans(spans)
    }

    /// Spans in any order, merged where they overlap.
    pub fn from_spans(spans: impl IntoIterator<Item = Span>) -> Verbatim {
        let mut all: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        all.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(all.len());
        for span in all {
            match merged.last_mut() {
                Some(last) if span.start < last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Verbatim { spans: merged }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The spans that end after `offset`, from the first such one.
    fn ending_after(&self, offset: usize) -> &[Span] {
        let first = self.spans.partition_point(|s| s.end <= offset);
        &self.spans[first..]
    }

    /// Whether the byte at `offset` lies in a non-prose span.
    pub fn contains(&self, offset: usize) -> bool {
        self.ending_after(offset)
            .first()
            .is_some_and(|s| s.start <= offset)
    }

    /// Whether replacing `span` would change a non-prose span: it shares a byte with one, or,
    /// empty, lies strictly inside one (an insertion at either end leaves it as it is).
    pub fn overlaps(&self, span: Span) -> bool {
        self.ending_after(span.start).first().is_some_and(|s| {
            if span.is_empty() {
                s.start < span.start
            } else {
                s.start < span.end
            }
        })
    }

    /// Whether `span` lies wholly inside one non-prose span.
    pub fn covers(&self, span: Span) -> bool {
        self.ending_after(span.start)
            .first()
            .is_some_and(|s| s.start <= span.start && span.end <= s.end && !span.is_empty())
    }

    /// The non-prose spans that share a byte with `span`, whole.
    pub fn meeting(&self, span: Span) -> impl Iterator<Item = Span> + '_ {
        self.ending_after(span.start)
            .iter()
            .take_while(move |s| s.start < span.end)
            .copied()
    }

    /// The parts of the non-prose spans inside `line`, as ranges relative to its start.
    pub fn within(&self, line: Span) -> Vec<Range<usize>> {
        self.meeting(line)
            .map(|s| s.start.max(line.start) - line.start..s.end.min(line.end) - line.start)
            .collect()
    }
}

/// Web addresses (`https://…`, `www.…`, bare domains with a path) and e-mail addresses.
///
/// Chinese text runs into an address with no space between (「详见https://www.gov.cn/a。」), and
/// addresses in Chinese drafts are ASCII, so the finder reads the text with every other
/// character blanked: an address ends where the Chinese starts. Which trailing punctuation and
/// brackets belong to the address is the finder's business (`(http://a.cn/x)` leaves the
/// brackets out, `http://a.cn/a(b)` keeps them).
pub fn addresses(text: &str) -> Vec<Span> {
    if !text.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) {
        return Vec::new();
    }
    // Every byte of a multi-byte character is 0x80 or more: a space each keeps every offset.
    let ascii: Vec<u8> = text
        .bytes()
        .map(|b| if b.is_ascii() { b } else { b' ' })
        .collect();
    let ascii = String::from_utf8(ascii).expect("ASCII only");
    let mut finder = linkify::LinkFinder::new();
    finder.url_must_have_scheme(false);
    finder
        .links(&ascii)
        .map(|link| Span::new(link.start(), link.end()))
        .collect()
}

/// A character a file name or path is made of, brackets aside.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | '-' | '.' | '/' | '\\' | '~' | '+' | '#' | '%' | '=' | '&'
        )
        || is_han(c)
        || half_width_alnum(c).is_some()
}

/// The extension after the dot at `dot`, and so its end: 1 to 5 ASCII letters and digits
/// starting with a letter (「docx」「mp4」), or, where Chinese text goes on with a number at once
/// (「报告.docx2023年」), the letters before the number.
fn extension_end(text: &str, dot: usize) -> Option<usize> {
    let rest = &text.as_bytes()[dot + 1..];
    let len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let letters = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let len = if len > 5 && letters < len {
        letters
    } else {
        len
    };
    ((1..=5).contains(&len) && letters > 0).then_some(dot + 1 + len)
}

/// Where the name before the dot at `dot` starts, not before `floor`: back over name
/// characters and balanced brackets (「报告(终稿).docx」), stopping at a bracket that opens outside
/// the name (「(见报告.docx)」). A half-width comma is part of a path's last part
/// (「C:\\报告,终稿.doc」「data/a,b.txt」) but ends a name that has no folder before it
/// (「见附件,报告.doc」).
fn stem_start(text: &str, floor: usize, dot: usize) -> Option<usize> {
    let mut start = dot;
    let mut closes: Vec<usize> = Vec::new();
    let mut after_comma = false;
    for (i, c) in text[floor..dot].char_indices().rev() {
        let i = floor + i;
        match c {
            ')' | '）' => closes.push(i + c.len_utf8()),
            '(' | '（' if closes.pop().is_some() => {}
            ',' => after_comma = true,
            '/' | '\\' => after_comma = false,
            c if is_name_char(c) => {}
            _ => break,
        }
        if !after_comma {
            start = i;
        }
    }
    // A closing bracket whose opening one is not in the name ends what comes before it.
    if let Some(&after) = closes.first() {
        start = start.max(after);
    }
    let stem = &text[start..dot];
    let named = stem.chars().any(|c| c.is_alphanumeric()) && !stem.ends_with('.');
    named.then_some(start)
}

/// File names and paths with an extension: 「报告.docx」「附件2(终稿).xlsx」「data/2023/a.txt」.
pub fn file_names(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for dot in memchr::memchr_iter(b'.', text.as_bytes()) {
        let Some(end) = extension_end(text, dot) else {
            continue;
        };
        match out.last_mut() {
            // 「a.tar.gz」: a second extension lengthens the name.
            Some(last) if last.end == dot => last.end = end,
            last => {
                let floor = last.map_or(0, |l| l.end);
                if let Some(start) = stem_start(text, floor, dot) {
                    out.push(Span::new(start, end));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.range()].to_string()).collect()
    }

    #[test]
    fn addresses_end_where_chinese_starts() {
        let text = "详见https://www.example.gov.cn/a?b=1。网站(http://x.cn/a,b)获取,邮箱fzb@example.cn,另见www.gov.cn，和https://a.cn/a(b),c)说明";
        assert_eq!(
            found(text, &addresses(text)),
            vec![
                "https://www.example.gov.cn/a?b=1",
                "http://x.cn/a,b",
                "fzb@example.cn",
                "www.gov.cn",
                "https://a.cn/a(b),c",
            ]
        );
    }

    #[test]
    fn numbers_and_prose_are_not_addresses() {
        for text in [
            "增长3.5%，共1.2亿元",
            "时间10:58，第1.2节",
            "2020年,我镇(一)强化领导",
        ] {
            assert!(addresses(text).is_empty(), "{text}");
            assert!(file_names(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn file_names_take_in_their_brackets_but_not_the_ones_around_them() {
        let text = "附件:报告(终稿).docx,路径data/2023/a.txt和(见说明.pdf)及a.tar.gz。3.5km，a.mp4和b.docx2023年";
        assert_eq!(
            found(text, &file_names(text)),
            vec![
                "报告(终稿).docx",
                "路径data/2023/a.txt",
                "见说明.pdf",
                "及a.tar.gz",
                "a.mp4",
                "和b.docx",
            ]
        );
    }

    #[test]
    fn a_comma_is_part_of_a_path_but_not_of_the_prose_before_a_name() {
        let text = "见C:\\Users\\clerk\\报告,终稿.doc和data/a,b.txt,附件,说明.pdf";
        assert_eq!(
            found(text, &file_names(text)),
            vec![
                "\\Users\\clerk\\报告,终稿.doc",
                "和data/a,b.txt",
                "说明.pdf"
            ]
        );
    }

    #[test]
    fn queries() {
        let v = Verbatim::from_spans([Span::new(10, 20), Span::new(2, 4), Span::new(15, 25)]);
        assert_eq!(v.spans(), &[Span::new(2, 4), Span::new(10, 25)]);
        assert!(v.contains(2) && v.contains(24) && !v.contains(4) && !v.contains(9));
        assert!(v.overlaps(Span::new(0, 3)) && !v.overlaps(Span::new(4, 10)));
        assert!(v.overlaps(Span::new(11, 11)) && !v.overlaps(Span::new(10, 10)));
        assert!(!v.overlaps(Span::new(25, 25)) && !v.overlaps(Span::new(30, 31)));
        assert!(v.covers(Span::new(12, 20)) && !v.covers(Span::new(3, 5)));
        assert_eq!(v.within(Span::new(3, 12)), vec![0..1, 7..9]);
    }
}
