//! What the typography and hygiene rules share: character classes, the web and PDF debris to
//! skip (found by [`crate::page`]), what is not prose (addresses, file names, code and
//! markup), hard wraps, and the lines of running text.

pub mod chars;
pub mod verbatim;
pub mod wraps;

use crate::config::pattern::Pattern;
use crate::parse::{Document, LineKind};
use crate::source::Span;

/// A document as the typography rules see it: which lines are debris, which spans are not
/// prose.
pub struct Prose<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    /// The debris blocks the page stage found.
    pub blocks: &'a [crate::page::Block],
    /// `debris[i]`: line `i` lies in a debris block.
    pub debris: Vec<bool>,
    /// Addresses, file names, code and markup, and debris inside lines: no typography inside.
    pub verbatim: std::borrow::Cow<'a, verbatim::Verbatim>,
    /// `skipped[i]`: line `i` is debris, or not prose from end to end (a line of a code block).
    skipped: Vec<bool>,
}

impl<'a> Prose<'a> {
    pub fn new(text: &'a str, doc: &'a Document, verbatim: &'a verbatim::Verbatim) -> Prose<'a> {
        let verbatim = if doc.inline_debris.is_empty() {
            std::borrow::Cow::Borrowed(verbatim)
        } else {
            std::borrow::Cow::Owned(verbatim::Verbatim::from_spans(
                verbatim
                    .spans()
                    .iter()
                    .copied()
                    .chain(doc.inline_debris.iter().map(|d| d.span)),
            ))
        };
        let flags: Vec<bool> = doc
            .lines
            .iter()
            .map(|l| l.kind == LineKind::Debris)
            .collect();
        let skipped = doc
            .lines
            .iter()
            .zip(&flags)
            .map(|(line, &debris)| {
                let (start, end) = crate::parse::text::trimmed_range(&text[line.span.range()]);
                debris || verbatim.covers(Span::new(line.span.start + start, line.span.start + end))
            })
            .collect();
        Prose {
            text,
            doc,
            blocks: &doc.debris,
            debris: flags,
            verbatim,
            skipped,
        }
    }

    /// Non-blank lines of running text (outside debris, not wholly code or an address):
    /// `(line index, line span)`.
    pub fn lines(&self) -> impl Iterator<Item = (usize, Span)> + '_ {
        self.doc
            .lines
            .iter()
            .enumerate()
            .filter(move |(i, l)| l.kind != LineKind::Blank && !self.skipped[*i])
            .map(|(i, l)| (i, l.span))
    }

    /// Whether `span` touches something that is not prose (see [`verbatim::Verbatim::overlaps`]).
    pub fn touches_verbatim(&self, span: Span) -> bool {
        self.verbatim.overlaps(span)
    }

    /// Whether a byte offset lies in debris.
    pub fn in_debris(&self, offset: usize) -> bool {
        self.blocks
            .iter()
            .any(|b| b.span.start <= offset && offset < b.span.end)
            || {
                // In order and apart (the page stage keeps one of any overlapping two).
                let inline = &self.doc.inline_debris;
                let after = inline.partition_point(|d| d.span.start <= offset);
                after > 0 && offset < inline[after - 1].span.end
            }
    }

    /// Matches of any of `patterns` within single lines outside debris, with the index of the
    /// pattern; where matches overlap, the one that starts first (the longer on a tie) is kept.
    /// Spaces a match takes in at either end (`^\s*某县` on an indented line) are left out of
    /// its span, so that the finding marks and quotes the words.
    pub fn find<'p>(&self, patterns: impl IntoIterator<Item = &'p Pattern>) -> Vec<(Span, usize)> {
        let mut all: Vec<(Span, usize)> = patterns
            .into_iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.find_all_in_lines(self.text)
                    .into_iter()
                    .map(move |r| (Span::new(r.start, r.end), i))
            })
            .filter(|(span, _)| !self.in_debris(span.start))
            .collect();
        all.sort_by_key(|(span, i)| (span.start, std::cmp::Reverse(span.end), *i));
        let mut kept: Vec<(Span, usize)> = Vec::new();
        for (span, i) in all {
            if kept.last().is_none_or(|(last, _)| span.start >= last.end) {
                kept.push((span, i));
            }
        }
        for (span, _) in &mut kept {
            *span = self.without_spaces_around(*span);
        }
        kept
    }

    /// `span` without the spaces at its ends, unless it holds nothing else.
    fn without_spaces_around(&self, span: Span) -> Span {
        let (start, end) = crate::parse::text::trimmed_range(&self.text[span.range()]);
        if start == end {
            return span;
        }
        Span::new(span.start + start, span.start + end)
    }

    pub fn wraps(&self) -> Vec<wraps::Wrap> {
        wraps::wraps(self.text, self.doc, &self.skipped)
    }

    /// The paragraphs as a reader sees them, in order: every line with text is one, except
    /// that a line a hard wrap continues (a sentence broken over lines by a PDF copy, blank
    /// lines between) belongs to the paragraph it continues, and a title broken over lines is
    /// one paragraph. Each span runs from the start of its first line to the end of its last.
    pub fn paragraphs(&self) -> Vec<Span> {
        let lines = &self.doc.lines;
        let mut continues = vec![false; lines.len()];
        for wrap in self.wraps() {
            continues[wrap.second] = true;
        }
        if let Some(title) = &self.doc.title {
            for span in title.lines.iter().skip(1) {
                continues[wraps::line_of(self.doc, span.start)] = true;
            }
        }
        let mut paragraphs: Vec<Span> = Vec::new();
        for (line, &continued) in lines.iter().zip(&continues) {
            if self.text[line.span.range()].trim().is_empty() {
                continue;
            }
            match paragraphs.last_mut() {
                Some(last) if continued => last.end = line.span.end,
                _ => paragraphs.push(line.span),
            }
        }
        paragraphs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        let doc = crate::parse::parse(text);
        let verbatim = verbatim::Verbatim::default();
        Prose::new(text, &doc, &verbatim)
            .paragraphs()
            .iter()
            .map(|p| text[p.range()].to_string())
            .collect()
    }

    #[test]
    fn a_sentence_broken_over_lines_is_one_paragraph_and_each_line_of_text_another() {
        let text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措\n紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。\n全年办结案件12件。\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "某县人民政府关于2023年度法治政府建设情况的报告",
                "一、主要举措",
                "紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。",
                "全年办结案件12件。",
            ]
        );
    }

    #[test]
    fn a_title_over_two_lines_is_one_paragraph() {
        let text =
            "某县人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措\n全年办结案件12件。\n";
        assert_eq!(
            paragraphs(text)[0],
            "某县人民政府\n关于2023年度法治政府建设情况的报告"
        );
    }
}
