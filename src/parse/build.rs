//! Builds the [`Document`] from the grammar's line pairs: headings into a tree, the title,
//! 发文字号 and 主送机关 at the front, the 落款 and 印发 lines at the back.

use super::document::*;
use super::grammar::{ReportParser, Rule};
use super::text::{
    content_chars_up_to, has_clause_punctuation, is_sentence_end, is_space, trimmed_range,
};
use crate::numerals::{parse_arabic, parse_chinese};
use crate::source::{HeadingHint, Span};
use pest::Parser;
use pest::iterators::Pair;

/// Longest line, in characters, still taken for a title line, 主送机关 or 落款 body.
const SHORT_LINE: usize = 40;
/// How many trailing non-blank lines are searched for the 成文日期.
const SIGNATURE_WINDOW: usize = 12;
/// How many lines after a lone marker its heading text may follow.
const BROKEN_HEADING_REACH: usize = 6;
/// Words a title ends with: the document's kind (文种).
const DOCUMENT_KIND_WORDS: &[&str] = &["报告", "总结", "汇报", "情况", "报告书"];

struct RawHeading {
    marker: Marker,
    rest: Span,
}

/// Parse a report. Total: every text yields a document.
pub fn parse(text: &str) -> Document {
    parse_with(text, &[])
}

/// Parse a report whose markup marks some lines as headings, with the default pack's page
/// stage (see [`parse_page`]).
pub fn parse_with(text: &str, hints: &[HeadingHint]) -> Document {
    let pack = crate::config::packs::builtin_named_ref(crate::config::packs::DEFAULT_PACK)
        .expect("the default pack is built in");
    parse_page(text, hints, pack)
}

/// Parse a report whose markup marks some lines as headings (Markdown `#`, Word heading
/// styles), after the page stage has set apart what a web page or PDF printed around it: those
/// lines are [`LineKind::Debris`] and take no part in the title, the headings or the body. A
/// marked line without a numbering marker becomes a heading of the hinted level with an
/// implicit marker numbered after its preceding siblings; a line that already has a marker
/// keeps it.
pub fn parse_page(text: &str, hints: &[HeadingHint], pack: &crate::config::pack::Pack) -> Document {
    let (mut lines, mut raw_headings) = read_lines(text);
    let page = crate::page::segment(text, &lines, pack);
    for (line, &debris) in lines.iter_mut().zip(&page.debris) {
        if debris {
            line.kind = LineKind::Debris;
        }
    }
    // A document site's chunk numbers are not headings: the line is text after its number.
    let chunk_starts: Vec<(usize, usize)> = page
        .inline
        .iter()
        .filter(|d| d.kind == crate::page::InlineKind::ChunkNumber)
        .map(|d| (d.line, d.span.end))
        .collect();
    for &(line, _) in &chunk_starts {
        lines[line].kind = LineKind::Text;
    }
    raw_headings.retain(|(line, _)| {
        !page.debris[*line] && !chunk_starts.iter().any(|&(chunked, _)| chunked == *line)
    });
    add_hinted_headings(text, &mut lines, &mut raw_headings, hints);
    let mut headings = Vec::new();
    let mut consumed = vec![false; lines.len()];
    for (line_no, raw) in raw_headings {
        if consumed[line_no] {
            continue;
        }
        headings.push(finish_heading(text, &lines, line_no, raw, &mut consumed));
    }
    if !page.inline.is_empty() {
        for heading in &mut headings {
            if let Some(clean) = without_inline_debris(text, heading.text_span, &page.inline) {
                heading.text = clean;
            }
        }
    }

    let first_heading_line = headings.first().map_or(lines.len(), |h| h.line);
    let mut front = read_front_matter(text, &lines[..first_heading_line], &chunk_starts);
    if let Some(title) = front.title.as_mut().filter(|_| !page.inline.is_empty()) {
        title.text = title
            .lines
            .iter()
            .map(|&line| {
                let own = without_inline_debris(text, line, &page.inline)
                    .unwrap_or_else(|| text[line.range()].to_string());
                super::text::without_spaces(&own)
            })
            .collect();
    }
    let last_heading_line = headings.last().map(|h| h.line);
    let (signature, signature_start, issuance) = read_back_matter(text, &lines, last_heading_line);

    let body_end = signature_start.unwrap_or(text.len());
    let sections = build_tree(text, headings, body_end);

    let mut paragraphs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Text || consumed[i] || line.span.start >= body_end {
            continue;
        }
        if front.claimed.contains(&i) {
            continue;
        }
        if let Some((_, start)) = front.run_in_title.filter(|&(line, _)| line == i) {
            paragraphs.push(Span::new(
                start,
                line.span.start + trimmed_range(&text[line.span.range()]).1,
            ));
            continue;
        }
        let (s, e) = trimmed_range(&text[line.span.range()]);
        if e > s {
            paragraphs.push(Span::new(line.span.start + s, line.span.start + e));
        }
    }
    for section in sections.iter().flat_map(Section::walk) {
        if let Some(run_in) = section.heading.run_in {
            paragraphs.push(run_in);
        }
    }
    paragraphs.sort();

    Document {
        lines,
        title: front.title,
        doc_number: front.doc_number,
        addressee: front.addressee,
        opening: front.opening,
        sections,
        signature,
        issuance,
        paragraphs,
        debris: page.blocks,
        inline_debris: page.inline,
    }
}

fn read_lines(text: &str) -> (Vec<Line>, Vec<(usize, RawHeading)>) {
    let mut lines = Vec::new();
    let mut headings = Vec::new();
    let document = ReportParser::parse(Rule::document, text)
        .expect("the report grammar accepts every text")
        .next()
        .expect("document pair");
    for pair in document.into_inner() {
        let span = Span::new(pair.as_span().start(), pair.as_span().end());
        let kind = match pair.as_rule() {
            Rule::blank_line => LineKind::Blank,
            Rule::heading_line => {
                match read_marker(&pair) {
                    Some(raw) => headings.push((lines.len(), raw)),
                    None => {
                        lines.push(Line {
                            kind: LineKind::Text,
                            span,
                        });
                        continue;
                    }
                }
                LineKind::Heading
            }
            Rule::date_line => LineKind::Date,
            Rule::doc_number_line => LineKind::DocNumber,
            Rule::issuance_line => LineKind::Issuance,
            Rule::table_row => LineKind::TableRow,
            Rule::text_line => LineKind::Text,
            _ => continue,
        };
        lines.push(Line { kind, span });
    }
    (lines, headings)
}

fn add_hinted_headings(
    text: &str,
    lines: &mut [Line],
    headings: &mut Vec<(usize, RawHeading)>,
    hints: &[HeadingHint],
) {
    if hints.is_empty() {
        return;
    }
    for hint in hints {
        let Some(line) = lines.get_mut(hint.line) else {
            continue;
        };
        if line.kind != LineKind::Text {
            continue;
        }
        let (s, e) = trimmed_range(&text[line.span.range()]);
        if e <= s {
            continue;
        }
        let start = line.span.start + s;
        line.kind = LineKind::Heading;
        headings.push((
            hint.line,
            RawHeading {
                marker: Marker {
                    style: MarkerStyle::standard_for_depth(hint.level.clamp(1, 4) as usize),
                    number: 0,
                    span: Span::new(start, start),
                    trailing_comma: false,
                    implicit: true,
                },
                rest: Span::new(start, line.span.end),
            },
        ));
    }
    headings.sort_by_key(|(line, _)| *line);
    // Number implicit markers after their preceding siblings.
    let mut counters = [0u32; 5];
    for (_, raw) in headings.iter_mut() {
        let level = raw.marker.style.nominal_level() as usize;
        if raw.marker.implicit {
            raw.marker.number = counters[level] + 1;
        }
        counters[level] = raw.marker.number;
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
    }
}

fn read_marker(pair: &Pair<Rule>) -> Option<RawHeading> {
    let mut marker_pair = None;
    let mut rest = None;
    for inner in pair.clone().into_inner() {
        match inner.as_rule() {
            Rule::heading_rest => rest = Some(inner),
            _ => marker_pair = Some(inner),
        }
    }
    let marker_pair = marker_pair?;
    let rest = rest?;
    let number_pair = marker_pair
        .clone()
        .into_inner()
        .find(|p| matches!(p.as_rule(), Rule::cn_number | Rule::ar_number))?;
    let half = marker_pair
        .clone()
        .into_inner()
        .any(|p| p.as_rule() == Rule::open_paren && p.as_str() == "(");
    let number_text = number_pair.as_str();
    let (style, number) = match marker_pair.as_rule() {
        Rule::part_marker => (MarkerStyle::Part, parse_chinese(number_text)?),
        Rule::cn_comma_marker => (MarkerStyle::CnComma, parse_chinese(number_text)?),
        Rule::cn_paren_marker if half => (MarkerStyle::CnParenHalf, parse_chinese(number_text)?),
        Rule::cn_paren_marker => (MarkerStyle::CnParenFull, parse_chinese(number_text)?),
        Rule::ar_marker => {
            let comma = marker_pair
                .clone()
                .into_inner()
                .any(|p| p.as_rule() == Rule::comma_separator);
            let style = if comma {
                MarkerStyle::ArComma
            } else {
                MarkerStyle::ArDot
            };
            (style, parse_arabic(number_text)?)
        }
        Rule::ar_paren_marker if half => (MarkerStyle::ArParenHalf, parse_arabic(number_text)?),
        Rule::ar_paren_marker => (MarkerStyle::ArParenFull, parse_arabic(number_text)?),
        _ => return None,
    };
    let marker_text = marker_pair.as_str();
    let trailing_comma = matches!(style.nominal_level(), 2 | 4) && marker_text.ends_with('、');
    Some(RawHeading {
        marker: Marker {
            style,
            number,
            span: Span::new(marker_pair.as_span().start(), marker_pair.as_span().end()),
            trailing_comma,
            implicit: false,
        },
        rest: Span::new(rest.as_span().start(), rest.as_span().end()),
    })
}

/// Split the heading text from run-in body text, and join a marker standing alone on its line
/// with the text on the next non-blank line (PDF copies break headings that way).
fn finish_heading(
    text: &str,
    lines: &[Line],
    line_no: usize,
    raw: RawHeading,
    consumed: &mut [bool],
) -> Heading {
    let mut rest = raw.rest;
    let mut broken = false;
    if content_chars_up_to(&text[rest.range()], 1) == 0 {
        let reach = lines
            .iter()
            .enumerate()
            .skip(line_no + 1)
            .take(BROKEN_HEADING_REACH)
            .find(|(_, l)| l.kind != LineKind::Blank);
        if let Some((next_no, next)) = reach
            && next.kind == LineKind::Text
        {
            rest = next.span;
            broken = true;
            consumed[next_no] = true;
        }
    }
    let rest_text = &text[rest.range()];
    let (s, e) = trimmed_range(rest_text);
    let content = Span::new(rest.start + s, rest.start + e);
    let content_text = &text[content.range()];

    let mut text_span = content;
    // The heading's closing 。 belongs to the heading, not to the body.
    let mut heading_end = content.end;
    let mut run_in = None;
    if let Some((i, c)) = content_text
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
    {
        let after = i + c.len_utf8();
        heading_end = content.start + after;
        let remainder = &text[content.start + after..content.end];
        let (rs, re) = trimmed_range(remainder);
        text_span = Span::new(content.start, content.start + i);
        if re > rs {
            run_in = Some(Span::new(
                content.start + after + rs,
                content.start + after + re,
            ));
        }
    }
    let heading_text = text[text_span.range()]
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '：' | ':'))
        .to_string();
    Heading {
        span: Span::new(raw.marker.span.start, heading_end.max(raw.marker.span.end)),
        marker: raw.marker,
        text: heading_text,
        text_span,
        run_in,
        line: line_no,
        broken,
    }
}

/// The text of `span` without the debris inside it (a converter's pinyin, a site's watermark), so
/// that a heading is classified and quoted by its own words; `None` when there is none.
fn without_inline_debris(text: &str, span: Span, debris: &[crate::page::Inline]) -> Option<String> {
    let inside: Vec<Span> = debris
        .iter()
        .map(|d| d.span)
        .filter(|d| d.start < span.end && span.start < d.end)
        .collect();
    if inside.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(span.len());
    let mut at = span.start;
    for d in inside {
        if d.start > at {
            out.push_str(&text[at..d.start]);
        }
        at = at.max(d.end);
    }
    if at < span.end {
        out.push_str(&text[at..span.end]);
    }
    Some(
        out.trim_end_matches(|c: char| is_space(c) || matches!(c, '：' | ':'))
            .to_string(),
    )
}

/// Nest headings by their nominal level: a heading's parent is the nearest earlier heading
/// of a smaller level. A document whose top level is written 1、 still gets a tree.
fn build_tree(text: &str, headings: Vec<Heading>, body_end: usize) -> Vec<Section> {
    let levels: Vec<u8> = headings
        .iter()
        .map(|h| h.marker.style.nominal_level())
        .collect();
    let mut ends = vec![body_end; headings.len()];
    for i in 0..headings.len() {
        for j in i + 1..headings.len() {
            if levels[j] <= levels[i] {
                ends[i] = headings[j].span.start;
                break;
            }
        }
    }
    let mut items: Vec<Option<Heading>> = headings.into_iter().map(Some).collect();
    let mut index = 0;
    let mut roots = Vec::new();
    while index < items.len() {
        roots.push(take_section(
            text, &mut items, &levels, &ends, &mut index, 1,
        ));
    }
    roots
}

fn take_section(
    text: &str,
    items: &mut [Option<Heading>],
    levels: &[u8],
    ends: &[usize],
    index: &mut usize,
    depth: usize,
) -> Section {
    let me = *index;
    let heading = items[me].take().expect("each heading is taken once");
    *index += 1;
    let mut children = Vec::new();
    while *index < items.len() && levels[*index] > levels[me] {
        children.push(take_section(text, items, levels, ends, index, depth + 1));
    }
    let end = trim_end(text, heading.span.end, ends[me]);
    let body_start = heading.span.end.min(end);
    Section {
        span: Span::new(heading.span.start, end.max(heading.span.end)),
        body: Span::new(body_start, end.max(body_start)),
        heading,
        depth,
        children,
    }
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    // A heading whose text was joined from a later line can reach past the next heading.
    if start >= end {
        return start;
    }
    let trimmed =
        text[start..end].trim_end_matches(|c: char| is_space(c) || c == '\n' || c == '\r');
    start + trimmed.len()
}

struct FrontMatter {
    title: Option<Title>,
    doc_number: Option<Span>,
    addressee: Option<Span>,
    opening: Option<Span>,
    /// Lines taken by the title, its repeats, 发文字号 and 主送机关: not paragraphs.
    claimed: Vec<usize>,
    /// A title run together with the first paragraph on one line (a page without line
    /// breaks): the line, and where its paragraph starts.
    run_in_title: Option<(usize, usize)>,
}

/// Openings of a report's first paragraph, after the year it starts with, if any.
const OPENING_WORDS: &[&str] = &[
    "为",
    "根据",
    "按照",
    "今年",
    "一年来",
    "近年来",
    "本年度",
    "现将",
];

/// The end of a title that runs on into the first paragraph on the same line (「某县2023年法治政府
/// 建设情况报告2023年，我县……」): a title-like phrase with a year, ending in 报告 or 总结,
/// then the paragraph's opening — a year, an opening word, or a space.
fn run_in_title_end(content: &str) -> Option<usize> {
    for kind in ["报告书", "报告", "总结"] {
        for (at, _) in content.match_indices(kind) {
            let end = at + kind.len();
            let title = content[..end].trim();
            let rest = &content[end..];
            let opens = rest.starts_with(is_space)
                || OPENING_WORDS.iter().any(|w| rest.starts_with(w))
                || starts_with_year(rest);
            if opens
                && rest.trim().chars().count() > SHORT_LINE / 2
                && title.chars().count() >= 8
                && is_title_like(title)
                && title.chars().any(|c| c.is_ascii_digit())
            {
                return Some(end);
            }
        }
    }
    None
}

fn starts_with_year(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits == 4 && text[4..].starts_with('年')
}

fn trimmed_line(text: &str, line: &Line) -> Span {
    let (s, e) = trimmed_range(&text[line.span.range()]);
    Span::new(line.span.start + s, line.span.start + e)
}

/// A line that can be (part of) a title: short, without clause punctuation or a closing colon.
pub fn is_title_like(text: &str) -> bool {
    let chars = text.chars().count();
    chars > 0
        && chars <= SHORT_LINE
        && !has_clause_punctuation(text)
        && !text.contains(['：', ':'])
        && !text.contains(['>', '|', '》'])
        && !text.starts_with("附件")
}

/// How the name of a reporting body ends: a title's first line that ends so may stand a blank
/// line above the rest of the title.
const BODY_ENDINGS: &[&str] = &[
    "政府",
    "委员会",
    "委",
    "局",
    "厅",
    "办",
    "办公室",
    "办事处",
    "街道",
    "镇",
    "乡",
    "县",
    "区",
    "市",
    "省",
    "部",
    "署",
    "院",
    "中心",
];

/// Whether a title line ends with the name of a reporting body (某县人民政府).
pub fn names_a_body(text: &str) -> bool {
    BODY_ENDINGS.iter().any(|e| text.ends_with(e))
}

/// Lines a title may span (GB/T 9704: a title of several lines).
const MAX_TITLE_LINES: usize = 3;

/// Where in a run of title-like lines that ends in a 文种 word the title starts: at most
/// [`MAX_TITLE_LINES`] lines back, and only with lines that can open a title (they name the
/// body, say 关于 or name a year; a site's column name or a caption above the title cannot).
pub fn title_start<'t>(run: &[usize], content: impl Fn(usize) -> &'t str) -> usize {
    let last = run.len() - 1;
    let mut first = run.len().saturating_sub(MAX_TITLE_LINES);
    while first < last && !opens_title(content(run[first])) {
        first += 1;
    }
    first
}

fn opens_title(line: &str) -> bool {
    names_a_body(line)
        || line.contains("关于")
        || line
            .char_indices()
            .any(|(i, c)| c == '年' && line[..i].trim_end().ends_with(|d: char| d.is_ascii_digit()))
}

/// Whether a line ends with the document's kind (报告, 总结 …), as a title does.
pub fn ends_with_kind_word(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '.'));
    DOCUMENT_KIND_WORDS.iter().any(|w| text.ends_with(w))
}

/// `text_starts`: lines whose text starts further in, after a document site's chunk number
/// (line, offset).
fn read_front_matter(text: &str, lines: &[Line], text_starts: &[(usize, usize)]) -> FrontMatter {
    let mut front = FrontMatter {
        title: None,
        doc_number: None,
        addressee: None,
        opening: None,
        claimed: Vec::new(),
        run_in_title: None,
    };
    // Runs of title-like lines (one blank line may follow a line that names the reporting
    // body); a run ending in a 文种 word is a title.
    let mut run: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut span = trimmed_line(text, line);
        if let Some(&(_, start)) = text_starts.iter().find(|&&(l, _)| l == i) {
            span = Span::new(start.min(span.end), span.end);
        }
        let content = &text[span.range()];
        match line.kind {
            LineKind::Blank
                if i > 0
                    && run.last() == Some(&(i - 1))
                    && names_a_body(&text[trimmed_line(text, &lines[i - 1]).range()]) =>
            {
                continue;
            }
            LineKind::DocNumber if front.doc_number.is_none() => {
                front.doc_number = Some(span);
                front.claimed.push(i);
                run.clear();
                continue;
            }
            LineKind::Text => {}
            _ => {
                run.clear();
                continue;
            }
        }
        if !is_title_like(content) {
            run.clear();
            if front.title.is_some()
                && front.addressee.is_none()
                && front.opening.is_none()
                && content.chars().count() <= SHORT_LINE
                && content.ends_with(['：', ':'])
                && !content.contains('。')
            {
                front.addressee = Some(span);
                front.claimed.push(i);
            } else if front.opening.is_none() && content.chars().count() > SHORT_LINE {
                match run_in_title_end(content).filter(|_| front.title.is_none()) {
                    Some(end) => {
                        let title = Span::new(span.start, span.start + end);
                        let title = Span::new(
                            title.start,
                            title.start + text[title.range()].trim_end_matches(is_space).len(),
                        );
                        front.title = Some(Title {
                            lines: vec![title],
                            text: super::text::without_spaces(&text[title.range()]),
                            span: title,
                            repeats: Vec::new(),
                        });
                        let (s, _) = trimmed_range(&text[span.start + end..span.end]);
                        let opening = Span::new(span.start + end + s, span.end);
                        front.opening = Some(opening);
                        front.run_in_title = Some((i, opening.start));
                    }
                    None => front.opening = Some(span),
                }
            }
            continue;
        }
        run.push(i);
        if !ends_with_kind_word(content) || front.opening.is_some() {
            continue;
        }
        let first = title_start(&run, |l| &text[trimmed_line(text, &lines[l]).range()]);
        let title_lines: Vec<usize> = run[first..].to_vec();
        let spans: Vec<Span> = title_lines
            .iter()
            .map(|&l| trimmed_line(text, &lines[l]))
            .collect();
        let joined: String = spans
            .iter()
            .map(|s| super::text::without_spaces(&text[s.range()]))
            .collect();
        let cover = spans[0].cover(*spans.last().expect("non-empty"));
        match &mut front.title {
            None => {
                front.title = Some(Title {
                    lines: spans,
                    text: joined,
                    span: cover,
                    repeats: Vec::new(),
                });
                front.claimed.extend(&title_lines);
            }
            Some(title) if title.text == joined => {
                title.repeats.push(cover);
                front.claimed.extend(&title_lines);
            }
            Some(_) => {}
        }
        run.clear();
    }
    front
}

/// Finds the 落款: the last date line after the last heading, among the trailing lines, with
/// the issuing body's name on the line above it. Returns it with the offset where the body of
/// the report ends, and the 印发 lines.
fn read_back_matter(
    text: &str,
    lines: &[Line],
    last_heading_line: Option<usize>,
) -> (Option<Signature>, Option<usize>, Vec<Span>) {
    let issuance: Vec<Span> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Issuance)
        .map(|l| trimmed_line(text, l))
        .collect();
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind != LineKind::Blank)
        .collect();
    let window = &non_blank[non_blank.len().saturating_sub(SIGNATURE_WINDOW)..];
    let date_pos = window
        .iter()
        .rposition(|&i| lines[i].kind == LineKind::Date && last_heading_line.is_none_or(|h| i > h));
    let first_issuance = issuance.first().map(|s| s.start);
    let Some(pos) = date_pos else {
        return (None, first_issuance, issuance);
    };
    let date_line = window[pos];
    let date = trimmed_line(text, &lines[date_line]);
    let body = pos
        .checked_sub(1)
        .map(|p| window[p])
        .filter(|&i| last_heading_line.is_none_or(|h| i > h))
        .filter(|&i| lines[i].kind == LineKind::Text)
        .map(|i| trimmed_line(text, &lines[i]))
        .filter(|s| {
            let body = &text[s.range()];
            body.chars().count() <= SHORT_LINE && !has_clause_punctuation(body)
        });
    let (date_form, ymd) = read_date(&text[date.range()]);
    let start = body.map_or(date.start, |b| b.start);
    (
        Some(Signature {
            body,
            date,
            date_form,
            ymd,
        }),
        Some(start),
        issuance,
    )
}

/// The form and value of a date line's date.
pub fn read_date(date: &str) -> (DateForm, Option<(u32, u32, u32)>) {
    let Ok(mut pairs) = ReportParser::parse(Rule::date_line, date) else {
        return (DateForm::Arabic, None);
    };
    let Some(form_pair) = pairs.next().and_then(|line| line.into_inner().next()) else {
        return (DateForm::Arabic, None);
    };
    let form = match form_pair.as_rule() {
        Rule::chinese_date => DateForm::Chinese,
        Rule::dotted_date => DateForm::Dotted,
        _ => DateForm::Arabic,
    };
    let parts: Vec<Option<u32>> = form_pair
        .into_inner()
        .map(|p| match p.as_rule() {
            Rule::cn_year | Rule::cn_number => parse_chinese(p.as_str()),
            _ => parse_arabic(p.as_str()),
        })
        .collect();
    let ymd = match parts.as_slice() {
        [Some(y), Some(m), Some(d)] if (1..=12).contains(m) && (1..=31).contains(d) => {
            Some((*y, *m, *d))
        }
        _ => None,
    };
    (form, ymd)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_run_together_with_the_first_paragraph_is_the_title() {
        let text = "某县2023年法治政府建设情况报告 2023年，我县坚持依法行政，法治政府建设取得新成效。\n一、主要举措和成效\n正文。\n";
        let doc = parse(text);
        assert_eq!(
            doc.title.as_ref().map(|t| t.text.as_str()),
            Some("某县2023年法治政府建设情况报告")
        );
        assert!(text[doc.paragraphs[0].range()].starts_with("2023年，我县"));
        // A sentence that names a report is not a title.
        for line in [
            "现将我县2023年法治政府建设情况报告如下，请审阅。全年共办理案件120件，同比增长10%。\n",
            "县政府审议了2023年法治政府建设情况报告并提出了修改意见，会议要求各部门认真落实。\n",
        ] {
            assert!(parse(line).title.is_none(), "{line}");
        }
    }

    use super::*;

    fn outline(doc: &Document) -> Vec<(usize, String)> {
        doc.all_sections()
            .iter()
            .map(|s| (s.depth, s.heading.text.clone()))
            .collect()
    }

    #[test]
    fn builds_title_sections_and_signature() {
        let text = "某县人民政府\n关于2022年法治政府建设情况的报告\n\n市委依法治市办：\n现将有关情况报告如下。这是开头的一段较长的文字，用来说明背景和总体情况，字数足够长。\n一、主要举措和成效\n（一）强化组织领导。一是成立领导小组；二是定期研究。\n1.建立制度\n内容。\n二、存在的不足和原因\n由于认识不足。\n某县人民政府\n2023年1月31日\n";
        let doc = parse(text);
        let title = doc.title.as_ref().expect("title");
        assert_eq!(title.text, "某县人民政府关于2022年法治政府建设情况的报告");
        assert_eq!(title.lines.len(), 2);
        assert_eq!(&text[doc.addressee.unwrap().range()], "市委依法治市办：");
        assert_eq!(
            outline(&doc),
            vec![
                (1, "主要举措和成效".to_string()),
                (2, "强化组织领导".to_string()),
                (3, "建立制度".to_string()),
                (1, "存在的不足和原因".to_string()),
            ]
        );
        let run_in = doc.sections[0].children[0].heading.run_in.unwrap();
        assert!(text[run_in.range()].starts_with("一是成立"));
        let signature = doc.signature.as_ref().expect("signature");
        assert_eq!(&text[signature.body.unwrap().range()], "某县人民政府");
        assert_eq!(signature.ymd, Some((2023, 1, 31)));
        assert!(!text[doc.sections[1].span.range()].contains("2023年1月31日"));
    }

    #[test]
    fn joins_a_marker_alone_on_its_line_with_its_text() {
        let text =
            " 一、\n\n推进法治政府建设的主要举措和成效\n\n（一）\n\n加强学习宣传\n\n正文。\n";
        let doc = parse(text);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "推进法治政府建设的主要举措和成效".to_string()),
                (2, "加强学习宣传".to_string())
            ]
        );
        assert!(doc.sections[0].heading.broken);
    }

    #[test]
    fn arabic_top_level_still_nests() {
        let text = "1、 主要举措\n（1） 学习\n正文\n2、 存在的不足\n正文\n";
        let doc = parse(text);
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].children.len(), 1);
        assert_eq!(doc.sections[0].depth, 1);
    }

    #[test]
    fn a_report_that_starts_with_a_paragraph_has_no_title() {
        let doc = parse(
            "今年以来,我县坚持以习近平新时代中国特色社会主义思想为指导,全力推进依法治县工作,取得了明显成效。\n一、全面加强领导\n正文。\n",
        );
        assert!(doc.title.is_none());
        assert!(doc.opening.is_some());
    }

    #[test]
    fn repeated_title_is_recorded() {
        let text = "金杨新村街道关于2019年度法治政府建设情况的报告\n浦金街〔2020〕2号\n金杨新村街道关于 2019 年度\n法治政府建设情况的报告\n区办:\n";
        let doc = parse(text);
        let title = doc.title.unwrap();
        assert_eq!(title.lines.len(), 1);
        assert_eq!(title.repeats.len(), 1);
        assert!(doc.doc_number.is_some());
        assert!(doc.addressee.is_some());
    }

    #[test]
    fn hinted_lines_become_headings_with_implicit_markers() {
        let text = "一、主要举措\n正文。\n存在的问题\n正文。\n强化领导\n";
        let hints = [
            HeadingHint { line: 0, level: 1 },
            HeadingHint { line: 2, level: 1 },
            HeadingHint { line: 4, level: 2 },
        ];
        let doc = parse_with(text, &hints);
        assert_eq!(
            outline(&doc),
            vec![
                (1, "主要举措".to_string()),
                (1, "存在的问题".to_string()),
                (2, "强化领导".to_string()),
            ]
        );
        let second = &doc.sections[1].heading.marker;
        assert!(second.implicit);
        assert_eq!((second.style, second.number), (MarkerStyle::CnComma, 2));
        assert!(second.span.is_empty());
        assert!(!doc.sections[0].heading.marker.implicit);
    }

    #[test]
    fn reads_dates() {
        assert_eq!(
            read_date("2020 年 1 月 8 日"),
            (DateForm::Arabic, Some((2020, 1, 8)))
        );
        assert_eq!(
            read_date("二〇二三年一月三十一日"),
            (DateForm::Chinese, Some((2023, 1, 31)))
        );
        assert_eq!(
            read_date("2023.1.31"),
            (DateForm::Dotted, Some((2023, 1, 31)))
        );
    }
}
