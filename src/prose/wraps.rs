//! Hard wraps: a sentence broken across lines, as text copied from a PDF is.

use super::chars::{is_closing, is_space, is_terminal};
use crate::parse::{Document, LineKind};
use crate::source::Span;

/// How many blank lines a wrap may leave between the two halves (PDF copies put one or two).
const MAX_BLANKS: usize = 3;
/// A line at least this long (characters) that stops mid-sentence is broken even in a document
/// with no other sign of a PDF copy. Shorter ones may be headings without a number.
const LONG_LINE: usize = 25;
/// Certain wraps (a line ending in a comma, a line starting with one) that show a document was
/// copied from a PDF, so that shorter lines stopping mid-sentence count as broken too.
const PDF_EVIDENCE: usize = 2;

/// One break inside a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    /// The line that stops mid-sentence, and the line that continues it.
    pub first: usize,
    pub second: usize,
    /// From the end of the first line's text to the start of the second's: only line breaks
    /// and spaces.
    pub gap: Span,
    /// What joins them: nothing, or a space between two Latin words.
    pub joiner: &'static str,
}

/// Lines that are not running text: title, 主送机关, 落款, heading text broken off its marker.
pub fn non_prose_lines(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.lines.len()];
    let mut mark = |offset: usize| {
        let i = line_of(doc, offset);
        if let Some(slot) = out.get_mut(i) {
            *slot = true;
        }
    };
    if let Some(title) = &doc.title {
        for span in title.lines.iter().chain(&title.repeats) {
            mark(span.start);
            mark(span.end);
        }
    }
    for span in doc.addressee.iter().chain(&doc.issuance) {
        mark(span.start);
    }
    if let Some(signature) = &doc.signature {
        mark(signature.date.start);
        if let Some(body) = signature.body {
            mark(body.start);
        }
    }
    for section in doc.all_sections() {
        if section.heading.broken {
            mark(section.heading.text_span.start);
        }
    }
    out
}

/// The 0-based line holding a byte offset.
pub fn line_of(doc: &Document, offset: usize) -> usize {
    doc.lines
        .partition_point(|l| l.span.start <= offset)
        .saturating_sub(1)
}

fn trimmed(text: &str, span: Span) -> Span {
    let (s, e) = crate::parse::text::trimmed_range(&text[span.range()]);
    Span::new(span.start + s, span.start + e)
}

/// Whether a line's text ends a sentence (or a clause introducing a list).
fn ends_sentence(content: &str) -> bool {
    let body = content.trim_end_matches(is_closing);
    match body.chars().next_back() {
        None => true,
        Some(c) => is_terminal(c),
    }
}

/// A line that starts a new item: 一是, ①.
fn starts_item(content: &str) -> bool {
    let Some(first) = content.chars().next() else {
        return false;
    };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    let digits = content
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    digits > 0 && content.chars().nth(digits) == Some('是')
}

/// Every hard wrap of the document, in order. `skip[i]` marks lines to leave alone (debris).
pub fn wraps(text: &str, doc: &Document, skip: &[bool]) -> Vec<Wrap> {
    let non_prose = non_prose_lines(doc);
    let usable = |i: usize| {
        doc.lines[i].kind == LineKind::Text
            && !non_prose[i]
            && !skip.get(i).copied().unwrap_or(false)
    };
    let mut certain = Vec::new();
    let mut ambiguous = Vec::new();
    for i in 0..doc.lines.len() {
        if !usable(i) {
            continue;
        }
        let a = trimmed(text, doc.lines[i].span);
        let a_text = &text[a.range()];
        // A subtitle led by a dash (——在某会议上) stands on its own line, as does the speaker's
        // name under it.
        let subtitle = a_text.starts_with("——") && a_text.chars().count() > 2;
        if a_text.is_empty() || ends_sentence(a_text) || subtitle {
            continue;
        }
        let Some(j) = (i + 1..doc.lines.len().min(i + 2 + MAX_BLANKS))
            .find(|&j| doc.lines[j].kind != LineKind::Blank)
        else {
            continue;
        };
        if !usable(j) {
            continue;
        }
        let b = trimmed(text, doc.lines[j].span);
        let b_text = &text[b.range()];
        if b_text.is_empty() || starts_item(b_text) {
            continue;
        }
        let last = a_text.chars().next_back().expect("non-empty");
        let first = b_text.chars().next().expect("non-empty");
        let joiner = if last.is_ascii_alphabetic() && first.is_ascii_alphabetic() {
            " "
        } else {
            ""
        };
        let wrap = Wrap {
            first: i,
            second: j,
            gap: Span::new(a.end, b.start),
            joiner,
        };
        let open_end = matches!(
            last,
            '，' | '、'
                | '（'
                | '《'
                | '“'
                | '‘'
                | '〔'
                | '【'
                | '「'
                | '—'
                | '―'
                | ','
                | '('
        );
        let continuation = matches!(
            first,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '）'
                | '》'
                | '”'
                | '’'
                | '〕'
                | '】'
                | '」'
                | '！'
                | '？'
                | '%'
                | '％'
        );
        let long = a_text.chars().filter(|c| !is_space(*c)).count() >= LONG_LINE;
        if open_end || continuation || long {
            certain.push(wrap);
        } else {
            ambiguous.push(wrap);
        }
    }
    if certain.len() >= PDF_EVIDENCE {
        certain.extend(ambiguous);
        certain.sort_by_key(|w| w.first);
    }
    certain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> Vec<String> {
        let doc = crate::parse::parse(text);
        wraps(text, &doc, &[])
            .iter()
            .map(|w| {
                let a = doc.lines[w.first].span;
                let b = doc.lines[w.second].span;
                format!("{}|{}", &text[a.range()].trim(), &text[b.range()].trim())
            })
            .collect()
    }

    #[test]
    fn finds_sentences_broken_by_a_pdf_copy() {
        let text = "一、主要举措\n紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。\n认真组织做好《法治政\n\n府建设实施纲要（\n\n2021\n\n―\n\n2025\n\n年）》的学习。\n";
        assert_eq!(
            joined(text),
            vec![
                "紧跟上级决策部署，落实学法制度，不断增强新时期依法行|政水平。",
                "认真组织做好《法治政|府建设实施纲要（",
                "府建设实施纲要（|2021",
                "2021|―",
                "―|2025",
                "2025|年）》的学习。",
            ]
        );
    }

    #[test]
    fn leaves_a_dash_led_subtitle_and_the_speaker_alone() {
        let text = "某区人民政府关于2020年法治政府建设工作情况的报告\n——2021年4月29日在某区人民代表大会常务委员会第三十七次会议上\n某区人民政府副区长  王某\n主任、各位副主任、各位委员：\n";
        assert!(joined(text).is_empty(), "{:?}", joined(text));
    }

    #[test]
    fn leaves_headings_titles_signatures_and_items_alone() {
        let text = "某县人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措\n工作亮点\n全年办结案件12件。\n一是加强学习\n二是完善制度。\n中共某县委员会\n某县人民政府\n2024年1月26日\n";
        assert_eq!(joined(text), Vec::<String>::new());
    }
}
