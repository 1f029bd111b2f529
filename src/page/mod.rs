//! The page stage: before the document is built, tell the report from what a web page or a
//! PDF printed around it (site chrome above the title, metadata tables, menus, buttons, date
//! banners, news lead-ins, footers, page numbers).
//!
//! A line is chrome on its own when its shape says so ([`shape`]) or a pattern of the pack's
//! `[[paste-artifacts]]` matches it. Its position says the rest: everything above the report's
//! title that is not an official front element (发文字号, 密级, 附件 …) is the page's header;
//! a short caption line next to chrome before the report starts, or after it ends, belongs to
//! the chrome. The title is the first title-like run of lines ending in a 文种 word that is not
//! the site's own copy of it (a copy stands above the page's metadata, with the title again
//! below).

pub mod inline;
pub mod shape;
mod vocabulary;

pub use inline::{Inline, InlineKind};
pub use shape::Shape;
pub use vocabulary::Vocabulary;

use crate::config::pack::Pack;
use crate::parse::{Line, LineKind};
use crate::source::Span;
use std::ops::Range;

/// Consecutive debris lines (blank lines between them allowed): reported once, deleted whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is, in Chinese: the kind of its first line that is debris on its own.
    pub name: String,
    /// Line indices, first to last (blank lines inside included).
    pub lines: Range<usize>,
    /// From the first debris character to the last.
    pub span: Span,
    /// What a fix deletes: the whole lines with their line endings, and the blank lines that
    /// would be left dangling at the start or end of the file.
    pub delete: Span,
}

/// The debris of a page: its blocks, and for each line whether it is a debris line (blank
/// lines inside a block are not).
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub debris: Vec<bool>,
    /// Debris inside the lines of the report, in order.
    pub inline: Vec<Inline>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    None,
    /// Debris on its own: a pack kind (by index) or a shape.
    Strong(Kind),
    /// Debris only next to other debris.
    Near,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Pack(usize),
    Shape(Shape),
}

/// Longest line, in characters, that a pack pattern can mark as debris.
const MAX_DEBRIS_CHARS: usize = shape::MAX_CHROME_CHARS;
/// Longest site column name (省部要闻, 通知公告): shorter than any title of a report.
const MAX_COLUMN_NAME_CHARS: usize = 8;
/// Longest line, in characters, taken into the chrome around it.
const MAX_SANDWICHED_CHARS: usize = 20;
/// Shortest line, in characters, that starts the report's running text when it has sentence
/// punctuation.
const MIN_PARAGRAPH_CHARS: usize = 20;

fn trimmed(text: &str, span: Span) -> Span {
    let (s, e) = crate::parse::text::trimmed_range(&text[span.range()]);
    Span::new(span.start + s, span.start + e)
}

/// Find the debris of a text whose lines the grammar has read.
pub fn segment(text: &str, lines: &[Line], pack: &Pack) -> Page {
    let contents: Vec<&str> = lines
        .iter()
        .map(|l| &text[trimmed(text, l.span).range()])
        .collect();
    let vocabulary = pack.page_vocabulary();
    let mut marks: Vec<Mark> = lines
        .iter()
        .zip(&contents)
        .map(|(line, content)| match line.kind {
            LineKind::Blank | LineKind::Heading => Mark::None,
            _ => mark(content, pack, vocabulary),
        })
        .collect();

    join_sandwiched_lines(lines, &contents, &mut marks);
    mark_repeated_headings(lines, &contents, &mut marks);
    mark_summaries(lines, &contents, &mut marks);
    let report = find_report_start(lines, &contents, &marks);
    for &i in &report.repeated {
        marks[i] = Mark::Strong(Kind::Shape(Shape::Repeated));
    }
    let protected = |i: usize| is_front_element(lines[i].kind, contents[i], pack);
    let mut header = vec![false; lines.len()];
    for i in 0..report.header_end {
        if lines[i].kind != LineKind::Blank && !protected(i) {
            header[i] = true;
        }
    }
    // Without a title, a site's column name still heads the page.
    if report.title.is_none() {
        for i in 0..report.first_body {
            if lines[i].kind == LineKind::Text
                && marks[i] == Mark::None
                && shape::is_short_caption(contents[i])
                && contents[i].chars().count() <= MAX_COLUMN_NAME_CHARS
                && !protected(i)
            {
                header[i] = true;
            }
        }
    }
    // Between the title and the report's text: a bare link, and a date as a web page writes it.
    let below_title = report.title.as_ref().map_or(0, |t| t.end);
    for i in below_title..report.first_body {
        if marks[i] == Mark::None && lines[i].kind != LineKind::Blank {
            if shape::is_link_line(contents[i]) {
                marks[i] = Mark::Strong(Kind::Shape(Shape::Link));
            } else if shape::is_numeric_date(contents[i]) {
                marks[i] = Mark::Strong(Kind::Shape(Shape::Metadata));
            }
        }
    }
    let outside = |i: usize| (below_title..report.first_body).contains(&i) || i > report.last_body;
    // A caption next to chrome before the report's text starts, or after it ends, is chrome too.
    for i in 0..lines.len() {
        if outside(i)
            && marks[i] == Mark::None
            && lines[i].kind == LineKind::Text
            && shape::is_short_caption(contents[i])
            && !protected(i)
        {
            marks[i] = Mark::Near;
        }
    }
    let mut page = blocks(text, lines, pack, &marks, &header);
    page.inline = inline::find(text, lines, &page.debris);
    page
}

/// A short line between two lines of chrome is part of it (a widget's caption, a menu entry
/// the shapes do not know).
fn join_sandwiched_lines(lines: &[Line], contents: &[&str], marks: &mut [Mark]) {
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind != LineKind::Blank)
        .collect();
    let strong = |m: Mark| matches!(m, Mark::Strong(_));
    for w in non_blank.windows(3) {
        let (before, line, after) = (w[0], w[1], w[2]);
        if marks[line] == Mark::None
            && lines[line].kind == LineKind::Text
            && contents[line].chars().count() <= MAX_SANDWICHED_CHARS
            && !crate::parse::ends_with_kind_word(contents[line])
            && strong(marks[before])
            && strong(marks[after])
        {
            marks[line] = Mark::Near;
        }
    }
}

/// A heading pasted twice in a row: the second copy is debris.
fn mark_repeated_headings(lines: &[Line], contents: &[&str], marks: &mut [Mark]) {
    let mut previous: Option<usize> = None;
    for i in 0..lines.len() {
        match lines[i].kind {
            LineKind::Blank => continue,
            LineKind::Heading
                if previous.is_some_and(|p| {
                    lines[p].kind == LineKind::Heading && contents[p] == contents[i]
                }) =>
            {
                marks[i] = Mark::Strong(Kind::Shape(Shape::Repeated));
            }
            _ => {}
        }
        previous = Some(i);
    }
}

/// Shortest cut-off copy of a paragraph taken for a site's summary of it, in Han characters:
/// shorter ones could be a heading that the paragraph repeats as its lead, and a summary is of
/// prose (a line that is an address the next line starts with is no summary).
const MIN_SUMMARY_CHARS: usize = 20;

/// A paragraph's beginning, cut off, right above the whole paragraph: a site's summary.
fn mark_summaries(lines: &[Line], contents: &[&str], marks: &mut [Mark]) {
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind != LineKind::Blank)
        .collect();
    for pair in non_blank.windows(2) {
        let (cut, whole) = (pair[0], pair[1]);
        let beginning = contents[cut].trim_end_matches(['…', '.', '。']);
        if marks[cut] == Mark::None
            && lines[cut].kind == LineKind::Text
            && beginning.chars().filter(|&c| shape::is_han(c)).count() >= MIN_SUMMARY_CHARS
            && contents[whole].len() > beginning.len()
            && contents[whole].starts_with(beginning)
        {
            marks[cut] = Mark::Strong(Kind::Shape(Shape::Summary));
        }
    }
}

/// Where the report begins, as far as the page stage needs to know.
struct ReportStart {
    /// Lines before this one are the page's header (0: there is none).
    header_end: usize,
    /// The title's lines.
    title: Option<Range<usize>>,
    /// Lines that paste part of the title again right after it.
    repeated: Vec<usize>,
    /// The first heading or paragraph of running text (or the number of lines).
    first_body: usize,
    /// The last heading, paragraph or date (落款) line.
    last_body: usize,
}

fn is_paragraph(content: &str) -> bool {
    content.ends_with('。')
        || content.chars().count() > MIN_PARAGRAPH_CHARS && shape::has_sentence_punctuation(content)
}

fn find_report_start(lines: &[Line], contents: &[&str], marks: &[Mark]) -> ReportStart {
    let is_body = |i: usize| {
        !matches!(marks[i], Mark::Strong(_))
            && !shape::is_link_line(contents[i])
            && (lines[i].kind == LineKind::Heading
                || lines[i].kind == LineKind::Text && is_paragraph(contents[i]))
    };
    let mut first_body = (0..lines.len())
        .find(|&i| is_body(i))
        .unwrap_or(lines.len());
    // A repost's summary ends 「详情如下：」 right above the report's title.
    let first_heading = (0..lines.len())
        .find(|&i| lines[i].kind == LineKind::Heading)
        .unwrap_or(lines.len());
    let lead_in = (0..first_heading).find(|&i| {
        let next = (i + 1..lines.len()).find(|&j| lines[j].kind != LineKind::Blank);
        contents[i].trim_end_matches([':', '：']).ends_with("如下")
            && contents[i].ends_with([':', '：'])
            && next.is_some_and(|j| {
                lines[j].kind == LineKind::Text
                    && crate::parse::is_title_like(contents[j])
                    && crate::parse::ends_with_kind_word(contents[j])
            })
    });
    if let Some(l) = lead_in {
        first_body = (l + 1..lines.len())
            .find(|&i| is_body(i))
            .unwrap_or(lines.len());
    }
    let last_body = (0..lines.len())
        .rev()
        .find(|&i| is_body(i) || lines[i].kind == LineKind::Date)
        .unwrap_or(0);
    // A news repost: the headline and the page's metadata stand above the dateline.
    let after_lead = (0..first_body)
        .rev()
        .find(|&i| marks[i] == Mark::Strong(Kind::Shape(Shape::NewsLead)))
        .map_or(0, |i| i + 1)
        .max(lead_in.map_or(0, |l| l + 1));
    let candidates = title_candidates(lines, contents, marks, after_lead..first_body);
    let (title, repeated) = choose_title(lines, &candidates, contents, marks);
    let header_end = title.as_ref().map_or(after_lead, |t| t.start);
    ReportStart {
        header_end,
        title,
        repeated,
        first_body,
        last_body,
    }
}

/// The report's title among the title-like runs above its body, and the lines of a partial
/// copy pasted right after it. A site prints its own copy of the title above its metadata, or
/// straight above the report's title (worded the same or a little differently); the report's
/// title is the last of such copies, unless a 发文字号 stands between them. The last line of a title over several lines pasted again
/// right after it is a double paste.
fn choose_title(
    lines: &[Line],
    candidates: &[Range<usize>],
    contents: &[&str],
    marks: &[Mark],
) -> (Option<Range<usize>>, Vec<usize>) {
    let joined = |r: &Range<usize>| -> String { r.clone().map(|i| contents[i]).collect() };
    for (k, c) in candidates.iter().enumerate() {
        let Some(next) = candidates.get(k + 1) else {
            return (Some(c.clone()), Vec::new());
        };
        // Its last line pasted again: a double paste.
        let last_line_again = c.len() > 1
            && next.len() == 1
            && contents[c.end - 1] == contents[next.start]
            && (c.end..next.start).all(|i| contents[i].is_empty());
        if last_line_again {
            return (Some(c.clone()), vec![next.start]);
        }
        // A 发文字号 between them belongs to the document: the copy above it is its title.
        if same_title(&joined(c), &joined(next))
            && !(c.end..next.start).any(|i| lines[i].kind == LineKind::DocNumber)
        {
            continue;
        }
        if !(c.end..next.start).any(|i| matches!(marks[i], Mark::Strong(_))) {
            return (Some(c.clone()), Vec::new());
        }
    }
    (None, Vec::new())
}

/// Fewest characters a shortened copy of a title has.
const MIN_SHORT_TITLE_CHARS: usize = 8;
/// Least similarity of two wordings of one title.
const SAME_TITLE_RATIO: f32 = 0.9;

/// Whether two title-like texts are the same title, worded the same or a little differently
/// (年 / 年度), digits masked or not, with or without the reporting body's name.
fn same_title(earlier: &str, later: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !crate::parse::text::is_space(*c))
            .filter(|c| !c.is_ascii_punctuation() || *c == '*')
            .map(|c| {
                if c.is_ascii_digit() || c == '*' {
                    '#'
                } else {
                    c
                }
            })
            .collect()
    };
    let (a, b) = (key(earlier), key(later));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.ends_with(short.as_str()) && short.chars().count() >= MIN_SHORT_TITLE_CHARS {
        return true;
    }
    let ratio = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(a.as_str(), b.as_str())
        .ratio();
    ratio >= SAME_TITLE_RATIO
}

/// Runs of title-like lines ending in a 文种 word, in order (one blank line may follow a line
/// that names the reporting body, as the document builder reads titles).
fn title_candidates(
    lines: &[Line],
    contents: &[&str],
    marks: &[Mark],
    range: Range<usize>,
) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for i in range {
        if lines[i].kind == LineKind::Blank {
            let continues = i > 0
                && run.last() == Some(&(i - 1))
                && crate::parse::names_a_body(contents[i - 1]);
            if !continues {
                run.clear();
            }
            continue;
        }
        let content = contents[i];
        if lines[i].kind != LineKind::Text
            || marks[i] != Mark::None
            || !crate::parse::is_title_like(content)
        {
            run.clear();
            continue;
        }
        run.push(i);
        if crate::parse::ends_with_kind_word(content) {
            let first = run[crate::parse::title_start(&run, |l| contents[l])];
            found.push(first..i + 1);
            run.clear();
        }
    }
    found
}

/// The official elements a report may carry above its title (GB/T 9704 版头): 份号, 密级,
/// 紧急程度, 发文机关标志 (…文件), 发文字号, 签发人, and an 附件 label; and the 主送机关,
/// which a report without a title starts with.
fn is_front_element(kind: LineKind, content: &str, pack: &Pack) -> bool {
    // An addressee names a body (各区县人民政府：); a line ending in 如下 introduces text, and a
    // metadata key with its value left empty (发布单位：) is the page's.
    let label = content.trim_end_matches([':', '：']);
    let addressee = content.ends_with([':', '：'])
        && !label.ends_with("如下")
        && !pack.page_vocabulary().is_metadata_key(label);
    addressee
        || kind == LineKind::DocNumber
        || kind == LineKind::Date && content.contains('年')
        || content.starts_with("附件")
        || content.contains("签发人")
        || content.ends_with("文件")
        || ["特急", "加急", "平急"].iter().any(|w| content.contains(w))
        || content.chars().all(|c| c.is_ascii_digit())
        || pack.secret_markings().iter().any(|p| p.is_match(content))
}

fn mark(content: &str, pack: &Pack, vocabulary: &Vocabulary) -> Mark {
    if content.is_empty() || content.len() > 4 * MAX_DEBRIS_CHARS {
        return Mark::None;
    }
    let kinds = pack.paste_artifacts();
    let candidate = content.chars().count() <= MAX_DEBRIS_CHARS
        && pack.artifact_filter().is_none_or(|f| f.is_match(content));
    if let Some(k) = candidate
        .then(|| {
            kinds
                .iter()
                .position(|k| k.lines.iter().any(|p| p.is_match(content)))
        })
        .flatten()
    {
        return Mark::Strong(Kind::Pack(k));
    }
    if let Some(s) = shape::shape(content, vocabulary) {
        return Mark::Strong(Kind::Shape(s));
    }
    let near = content.chars().count() <= MAX_DEBRIS_CHARS
        && kinds
            .iter()
            .any(|k| k.near.iter().any(|p| p.is_match(content)));
    if near { Mark::Near } else { Mark::None }
}

fn kind_name(kind: Kind, pack: &Pack) -> String {
    match kind {
        Kind::Pack(k) => pack.paste_artifacts()[k].name.clone(),
        Kind::Shape(s) => s.name().to_string(),
    }
}

/// Where the line after `line` starts (or the end of the text).
fn next_start(text: &str, lines: &[Line], line: usize) -> usize {
    lines.get(line + 1).map_or(text.len(), |l| l.span.start)
}

fn blocks(text: &str, lines: &[Line], pack: &Pack, marks: &[Mark], header: &[bool]) -> Page {
    let in_debris = |i: usize| header[i] || marks[i] != Mark::None;
    let mut found = Vec::new();
    let mut debris = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == LineKind::Blank || !in_debris(i) {
            i += 1;
            continue;
        }
        // A run of debris lines, blank lines between them allowed.
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() {
            if lines[j].kind == LineKind::Blank {
                j += 1;
            } else if in_debris(j) {
                last = j;
                j += 1;
            } else {
                break;
            }
        }
        i = last + 1;
        let strong = (first..=last).find_map(|k| match marks[k] {
            Mark::Strong(kind) => Some(kind),
            _ => None,
        });
        let name = match strong {
            Some(kind) => kind_name(kind, pack),
            None if (first..=last).any(|k| header[k]) => Shape::PageHeader.name().to_string(),
            None => continue,
        };
        for k in first..=last {
            debris[k] = lines[k].kind != LineKind::Blank;
        }
        found.push(block(text, lines, name, first, last));
    }
    Page {
        blocks: found,
        debris,
        inline: Vec::new(),
    }
}

fn block(text: &str, lines: &[Line], name: String, first: usize, last: usize) -> Block {
    let span = Span::new(
        trimmed(text, lines[first].span).start,
        trimmed(text, lines[last].span).end,
    );
    let content_before = lines[..first].iter().any(|l| l.kind != LineKind::Blank);
    let content_after = lines[last + 1..].iter().any(|l| l.kind != LineKind::Blank);
    let mut start = lines[first].span.start;
    let mut end = next_start(text, lines, last);
    if !content_after {
        // Footer: take the blank lines above it too, so the file ends with the report.
        let previous = lines[..first]
            .iter()
            .rposition(|l| l.kind != LineKind::Blank);
        if let Some(p) = previous {
            start = next_start(text, lines, p);
        }
        end = text.len();
    } else if !content_before {
        // Header: take the blank lines below it too, so the file starts with the report.
        let following = lines[last + 1..]
            .iter()
            .position(|l| l.kind != LineKind::Blank)
            .map(|p| last + 1 + p);
        if let Some(f) = following {
            end = lines[f].span.start;
        }
    }
    Block {
        name,
        lines: first..last + 1,
        span,
        delete: Span::new(start.min(span.start), end.max(span.end)),
    }
}

#[cfg(test)]
mod tests;
