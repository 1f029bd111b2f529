//! Markdown drafts (.md). The text the rules read is the file's text with its markup blanked
//! (replaced by spaces of the same byte length, line breaks kept), so every byte offset, line
//! and column refers to the Markdown file as written:
//!
//! - front matter (`---` … `---` at the top) and HTML comments are blanked; comments that are
//!   suppression directives are collected;
//! - `#` headings lose their `#`s and become headings of the outline (`## 一、…` is the heading
//!   `一、…`; a bare `## 存在的问题` is a heading at the level its depth gives); setext
//!   underlines, thematic breaks, code fences, blockquote `>`, bullet markers and table
//!   delimiter rows are blanked. Ordered list numbers (`1.`) are kept: they print.
//!
//! Inline emphasis (`**…**`) is left as written. What is code or markup rather than prose —
//! code spans and blocks, link and image destinations, autolinks, HTML, front matter — is kept
//! in the text but listed ([`MarkdownText::markup`], found by a CommonMark parser), so that
//! typography rules and fixes leave it alone.

use super::docx::StyledHeading;
use crate::source::Span;
use crate::suppress::{self, Directive};

/// A Markdown file as the checker reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownText {
    /// The text with markup blanked, byte for byte as long as the original.
    pub text: String,
    pub headings: Vec<StyledHeading>,
    pub directives: Vec<Directive>,
    /// Spans of markup and code, in the offsets of the text as written.
    pub markup: Vec<Span>,
}

/// Same-length blank for a character: ASCII space, no-break space (2 bytes) or ideographic
/// space (3 bytes); line breaks are kept.
fn blank_char(c: char, out: &mut String) {
    match c {
        '\n' | '\r' => out.push(c),
        _ => match c.len_utf8() {
            1 => out.push(' '),
            2 => out.push('\u{A0}'),
            3 => out.push('\u{3000}'),
            _ => out.push_str("\u{A0}\u{A0}"),
        },
    }
}

fn blank(text: &mut String, range: std::ops::Range<usize>) {
    if range.is_empty() {
        return;
    }
    let mut replacement = String::with_capacity(range.len());
    for c in text[range.clone()].chars() {
        blank_char(c, &mut replacement);
    }
    debug_assert_eq!(replacement.len(), range.len());
    text.replace_range(range, &replacement);
}

/// (start, end without line ending) of each line.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, text.len()));
    out
}

pub fn read(original: &str) -> MarkdownText {
    let mut text = original.to_string();
    let mut directives = Vec::new();
    let line_spans = lines(original);

    // Front matter.
    let mut first_body_line = 0;
    if line_spans
        .first()
        .is_some_and(|&(s, e)| original[s..e].trim_start_matches('\u{FEFF}').trim_end() == "---")
        && let Some(close) = line_spans
            .iter()
            .skip(1)
            .position(|&(s, e)| matches!(original[s..e].trim_end(), "---" | "..."))
    {
        let close = close + 1;
        blank(&mut text, 0..line_spans[close].1);
        first_body_line = close + 1;
    }

    // Comments, possibly over several lines.
    let body_start = line_spans
        .get(first_body_line)
        .map_or(original.len(), |l| l.0);
    let mut search = body_start;
    while let Some(open) = original[search..].find("<!--").map(|i| search + i) {
        let body = open + 4;
        let Some(close) = original[body..].find("-->").map(|i| body + i) else {
            break;
        };
        let end = close + 3;
        if let Some(d) = suppress::parse_comment(&original[body..close], body, Span::new(open, end))
        {
            directives.push(d);
        }
        blank(&mut text, open..end);
        search = end;
    }

    let mut headings = Vec::new();
    let mut in_fence: Option<&str> = None;
    let mut previous_text_line: Option<usize> = None;
    for (index, &(start, end)) in line_spans.iter().enumerate().skip(first_body_line) {
        let line = text[start..end].to_string();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        let trimmed = content.trim_end();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
                blank(&mut text, start..end);
            }
            previous_text_line = None;
            continue;
        }
        if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_fence = Some(&original[start + indent..start + indent + 3]);
            blank(&mut text, start..end);
            previous_text_line = None;
            continue;
        }
        if trimmed.is_empty() {
            previous_text_line = None;
            continue;
        }
        if indent > 3 {
            previous_text_line = Some(index);
            continue;
        }
        let marker_start = start + indent;
        // ATX heading.
        let hashes = content.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && content[hashes..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
        {
            let after = &content[hashes..];
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            let mut title_end = end;
            let body = text[marker_start + hashes + gap..end]
                .trim_end()
                .to_string();
            // Closing sequence: "## 标题 ##".
            let without_closing = body.trim_end_matches('#');
            if without_closing.len() < body.len()
                && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
            {
                title_end = marker_start + hashes + gap + without_closing.trim_end().len();
                blank(&mut text, title_end..end);
            }
            blank(&mut text, marker_start..marker_start + hashes + gap);
            let heading_text = text[marker_start + hashes + gap..title_end]
                .trim()
                .to_string();
            if !heading_text.is_empty() {
                headings.push(StyledHeading {
                    line: index,
                    depth: hashes as u8,
                    text: heading_text,
                });
            }
            previous_text_line = None;
            continue;
        }
        // Setext underline, thematic break, table delimiter row.
        let only = |set: &[char]| !trimmed.is_empty() && trimmed.chars().all(|c| set.contains(&c));
        if (only(&['=']) || only(&['-']))
            && let Some(above) = previous_text_line
        {
            let (s, e) = line_spans[above];
            let heading_text = text[s..e].trim().to_string();
            if !heading_text.is_empty() {
                headings.push(StyledHeading {
                    line: above,
                    depth: if trimmed.starts_with('=') { 1 } else { 2 },
                    text: heading_text,
                });
            }
            blank(&mut text, start..end);
            previous_text_line = None;
            continue;
        }
        let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() >= 3
            && ["*", "-", "_"]
                .iter()
                .any(|m| compact.chars().all(|c| c.to_string() == *m))
        {
            blank(&mut text, start..end);
            previous_text_line = None;
            continue;
        }
        if trimmed.starts_with('|')
            && trimmed.contains('-')
            && trimmed
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        {
            blank(&mut text, start..end);
            previous_text_line = None;
            continue;
        }
        // Blockquote markers and bullets.
        let mut offset = marker_start;
        loop {
            let rest = &text[offset..end];
            if let Some(after) = rest.strip_prefix('>') {
                let gap = usize::from(after.starts_with(' '));
                blank(&mut text, offset..offset + 1 + gap);
                offset += 1 + gap;
                continue;
            }
            if rest.len() >= 2
                && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
                && matches!(rest.as_bytes()[1], b' ' | b'\t')
            {
                blank(&mut text, offset..offset + 2);
            }
            break;
        }
        previous_text_line = Some(index);
    }
    MarkdownText {
        text,
        headings,
        directives,
        markup: markup(original),
    }
}

/// `text` with every CR that does not start a CRLF replaced by LF (same length).
fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let replaced: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    std::borrow::Cow::Owned(String::from_utf8(replaced).expect("an ASCII byte for an ASCII byte"))
}

/// The spans of `original` that are code or markup, not prose: code spans and blocks (fences
/// included), HTML and comments, front matter, link reference definitions, autolinks, and the
/// brackets and destination of links and images (`[`, `](url "title")`; the link text between
/// is prose).
pub fn markup(original: &str) -> Vec<Span> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // CommonMark ends a line at a lone CR as at LF, but the parser loses the rest of the
    // document after some of them (an indented code block followed by a CR line): parse with
    // each lone CR read as LF, which keeps every offset.
    let parsed = lone_cr_as_lf(original);
    let events = Parser::new_ext(&parsed, options).into_offset_iter();
    let mut out: Vec<Span> = events
        .reference_definitions()
        .iter()
        .map(|(_, def)| Span::new(def.span.start, def.span.end))
        .collect();
    // Links and images open around the current event: their span, whether the whole of it is
    // an address, and the extent of the text inside.
    let mut open: Vec<(Span, bool, Option<Span>)> = Vec::new();
    // The table row being read and where its last cell ended: cells beyond the header's count
    // are dropped by the parser, and what they hold (code included) is not prose either.
    let mut row: Option<(Span, usize)> = None;
    for (event, range) in events {
        let span = Span::new(range.start, range.end);
        match &event {
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Some((span, span.start)),
            Event::End(TagEnd::TableCell) => {
                if let Some((_, last)) = &mut row {
                    *last = span.end;
                }
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((whole, last)) = row.take() {
                    out.push(Span::new(last, whole.end));
                }
            }
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                for (_, _, inner) in &mut open {
                    *inner = Some(inner.map_or(span, |i| i.cover(span)));
                }
                let address = matches!(link_type, LinkType::Autolink | LinkType::Email);
                open.push((span, address, None));
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((whole, address, inner)) = open.pop() {
                    match inner {
                        Some(inner) if !address => {
                            out.push(Span::new(whole.start, inner.start));
                            out.push(Span::new(inner.end, whole.end));
                        }
                        _ => out.push(whole),
                    }
                }
                continue;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                // The indentation that makes a block code is part of it: joining the block to
                // the line above must not take it away.
                let line = &original[..span.start];
                let indent = line.len() - line.trim_end_matches([' ', '\t']).len();
                out.push(Span::new(span.start - indent, span.end));
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Start(Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                out.push(span);
            }
            _ => {}
        }
        for (_, _, inner) in &mut open {
            *inner = Some(inner.map_or(span, |i| i.cover(span)));
        }
    }
    out.retain(|s| !s.is_empty());
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_beyond_the_header_are_not_prose() {
        let md = "12、主要举措和成效\n| a | b |\n|---|---|\n| 1 | 2 | `第一,第二` |\n";
        let spans = markup(md);
        let code = md.find("`第一").unwrap();
        assert!(
            spans
                .iter()
                .any(|s| s.start <= code && s.end >= code + "`第一,第二`".len()),
            "{spans:?}"
        );
    }

    #[test]
    fn blanks_markup_keeping_every_offset() {
        let md = "---\ntitle: 报告\n---\n# 某县关于2023年法治政府建设情况的报告\n\n## 一、主要举措 ##\n- 一是加强领导。\n> 引文\n\n存在的问题\n---\n<!-- draftlint-disable placeholder -->\n| 项目 | 数量 |\n|---|---|\n";
        let read = read(md);
        assert_eq!(read.text.len(), md.len());
        assert_eq!(
            read.text.lines().map(str::trim_end).collect::<Vec<_>>(),
            vec![
                "",
                "",
                "",
                "  某县关于2023年法治政府建设情况的报告",
                "",
                "   一、主要举措",
                "  一是加强领导。",
                "  引文",
                "",
                "存在的问题",
                "",
                "",
                "| 项目 | 数量 |",
                "",
            ]
        );
        let depths: Vec<(usize, u8)> = read.headings.iter().map(|h| (h.line, h.depth)).collect();
        assert_eq!(depths, vec![(3, 1), (5, 2), (9, 2)]);
        assert_eq!(read.headings[1].text, "一、主要举措");
        assert_eq!(read.directives.len(), 1);
        let rule = read.directives[0].rules[0].1;
        assert_eq!(&md[rule.range()], "placeholder");
    }

    #[test]
    fn markup_lists_code_link_destinations_and_html() {
        let md = "# 标题\n\n详见[通知(一)](https://a.cn/x(1),y \"t\")和![图](img/a,b.png)，运行`f(x),y`，见<https://b.cn/a,b>和<a@b.cn>。\n<span title=\"a,b\">标签</span>[参考][r]\n\n[r]: https://c.cn/r,s\n\n    缩进代码(一)\n\n```\n围栏代码(一)\n```\n";
        let found: Vec<&str> = markup(md).iter().map(|s| &md[s.range()]).collect();
        assert_eq!(
            found,
            vec![
                "[",
                "](https://a.cn/x(1),y \"t\")",
                "![",
                "](img/a,b.png)",
                "`f(x),y`",
                "<https://b.cn/a,b>",
                "<a@b.cn>",
                "<span title=\"a,b\">",
                "</span>",
                "[",
                "][r]",
                "[r]: https://c.cn/r,s",
                "    缩进代码(一)\n",
                "```\n围栏代码(一)\n```",
            ]
        );
        assert_eq!(read(md).markup, markup(md));
    }

    #[test]
    fn code_after_a_lone_carriage_return_is_still_code() {
        // An indented code block, then a line ended by a lone CR: the parser used to stop there.
        let md = "标题\n\n\t代码块\n\r正文 `第一,第二` 正文\n";
        let code = md.find('`').unwrap();
        let markup = markup(md);
        assert!(
            markup
                .iter()
                .any(|s| s.start == code && s.end == code + "`第一,第二`".len()),
            "{markup:?}"
        );
    }

    #[test]
    fn fenced_code_and_multibyte_comments() {
        let md = "正文<!-- 备注：改 -->接着\n```\n# 不是标题\n```\n";
        let read = read(md);
        assert_eq!(read.text.len(), md.len());
        assert!(read.headings.is_empty());
        assert!(read.text.starts_with("正文"));
        assert!(read.text.contains("接着"));
        assert!(!read.text.contains("备注"));
    }
}
