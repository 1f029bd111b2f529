//! The lines a text diagnostic quotes, cut to a window around its labels. A report's paragraph is
//! often one line of several hundred characters: quoted whole, a terminal wraps it and the
//! underline no longer stands under the text it marks. Lines are cut at both ends with “…”;
//! line and column numbers stay those of the file.

use crate::source::{LineIndex, Source, Span};
use codespan_reporting::files::{Error, Files};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines wider than this (in terminal columns; a Chinese character takes two) are cut.
pub const MAX_WIDTH: usize = 72;
/// Columns kept before the first labelled character of a cut line.
const CONTEXT: usize = 24;
const ELLIPSIS: &str = "…";

/// One quoted line: where its excerpt stands in the view and in the file.
struct Segment {
    line: usize,
    /// The excerpt in the view, “…” marks included, line break excluded.
    view: Range<usize>,
    /// The part of the file it shows.
    real: Range<usize>,
    /// Bytes of the leading “…”, if any.
    prefix: usize,
}

/// A file as codespan-reporting sees it when it renders one diagnostic: only the lines the
/// diagnostic quotes, each cut to fit.
pub struct Excerpt<'a> {
    name: std::borrow::Cow<'a, str>,
    text: &'a str,
    index: &'a LineIndex,
    view: String,
    segments: Vec<Segment>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt quoting every line `spans` touch (spans are into `source.shown_text()`).
    pub fn new(source: &'a Source, spans: &[Span]) -> Excerpt<'a> {
        let text = source.shown_text();
        let index = &source.line_index;
        let mut lines: Vec<usize> = spans
            .iter()
            .flat_map(|s| index.line_of(s.start)..=index.line_of(s.end.min(text.len())))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        // codespan-reporting quotes the line between two quoted lines instead of eliding it.
        let gaps: Vec<usize> = lines
            .windows(2)
            .filter(|w| w[1] - w[0] == 2)
            .map(|w| w[0] + 1)
            .collect();
        lines.extend(gaps);
        lines.sort_unstable();

        let mut excerpt = Excerpt {
            name: super::visible(&source.name),
            text,
            index,
            view: String::new(),
            segments: Vec::with_capacity(lines.len()),
        };
        for line in lines {
            let content = excerpt.content(line);
            // The labelled part of the line, and whether a label starts on it.
            let mut covered: Option<(usize, usize, bool)> = None;
            for s in spans {
                let (lo, hi) = (s.start.max(content.start), s.end.min(content.end));
                if lo > hi {
                    continue;
                }
                let starts = s.start >= content.start;
                covered = Some(match covered {
                    None => (lo, hi, starts),
                    Some((a, b, st)) => (a.min(lo), b.max(hi), st || starts),
                });
            }
            let (lo, hi, starts_here) = covered.unwrap_or((content.start, content.start, true));
            let real = window(text, content.clone(), lo, hi, starts_here);
            excerpt.push(line, content, real);
        }
        excerpt
    }

    /// `span` of the file, as a range of the view.
    pub fn map(&self, span: Span) -> Range<usize> {
        let start = self.to_view(span.start);
        start..self.to_view(span.end).max(start)
    }

    /// The line's text, without its line break.
    fn content(&self, line: usize) -> Range<usize> {
        let start = self.index.line_start(line);
        let next = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        };
        let end = start + self.text[start..next].trim_end_matches(['\n', '\r']).len();
        start..end
    }

    fn push(&mut self, line: usize, content: Range<usize>, real: Range<usize>) {
        let start = self.view.len();
        let prefix = if real.start > content.start {
            self.view.push_str(ELLIPSIS);
            ELLIPSIS.len()
        } else {
            0
        };
        self.view.push_str(&self.text[real.clone()]);
        if real.end < content.end {
            self.view.push_str(ELLIPSIS);
        }
        let end = self.view.len();
        self.view.push('\n');
        self.segments.push(Segment {
            line,
            view: start..end,
            real,
            prefix,
        });
    }

    fn segment(&self, line: usize) -> Option<&Segment> {
        self.segments
            .binary_search_by_key(&line, |s| s.line)
            .ok()
            .map(|i| &self.segments[i])
    }

    fn to_view(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let Some(segment) = self.segment(self.index.line_of(offset)) else {
            return self.view.len();
        };
        let shown = offset.clamp(segment.real.start, segment.real.end) - segment.real.start;
        segment.view.start + segment.prefix + shown
    }

    /// The file offset a view offset stands for.
    fn to_real(&self, segment: &Segment, offset: usize) -> usize {
        let shown = offset.saturating_sub(segment.view.start + segment.prefix);
        (segment.real.start + shown).min(segment.real.end)
    }

    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let i = self
            .segments
            .partition_point(|s| s.view.start <= offset)
            .checked_sub(1)?;
        Some(&self.segments[i])
    }
}

/// The part of the line `content` to quote, covering [`lo`, `hi`) where it fits; a label wider
/// than the window is shown from its start on the line where it starts, else up to its end.
fn window(
    text: &str,
    content: Range<usize>,
    lo: usize,
    hi: usize,
    starts_here: bool,
) -> Range<usize> {
    if !wider_than(&text[content.clone()], MAX_WIDTH) {
        return content;
    }
    let fits = !wider_than(&text[lo..hi], MAX_WIDTH - CONTEXT);
    if fits || starts_here {
        let start = back(text, content.start, lo, CONTEXT);
        let end = forward(text, start, content.end, MAX_WIDTH);
        if end == content.end {
            return back(text, content.start, end, MAX_WIDTH)..end;
        }
        return start..end;
    }
    let end = forward(text, hi, content.end, CONTEXT);
    back(text, content.start, end, MAX_WIDTH)..end
}

fn char_width(c: char) -> usize {
    if c == '\t' { 4 } else { c.width().unwrap_or(0) }
}

/// Whether `s` takes more than `limit` columns; reads no further than needed to know.
fn wider_than(s: &str, limit: usize) -> bool {
    let mut used = 0;
    s.chars().any(|c| {
        used += char_width(c);
        used > limit
    })
}

/// The furthest offset after `from` (up to `limit`) within `budget` columns.
fn forward(text: &str, from: usize, limit: usize, budget: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[from..limit].char_indices() {
        used += char_width(c);
        if used > budget {
            return from + i;
        }
    }
    limit
}

/// The earliest offset before `from` (down to `limit`) within `budget` columns.
fn back(text: &str, limit: usize, from: usize, budget: usize) -> usize {
    let mut used = 0;
    let mut at = from;
    for (i, c) in text[limit..from].char_indices().rev() {
        used += char_width(c);
        if used > budget {
            return at;
        }
        at = limit + i;
    }
    limit
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.view)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        self.segment_at(byte_index)
            .map(|s| s.line)
            .ok_or(Error::IndexTooLarge {
                given: byte_index,
                max: self.view.len(),
            })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.segment(line_index)
            .map(|s| s.view.start..s.view.end + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.index.line_count(),
            })
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let segment = self.segment(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.index.line_count(),
        })?;
        let real = self.to_real(segment, byte_index);
        Ok(self.index.position(self.text, real).char_column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, spans: &[Span]) -> (String, Vec<String>) {
        let source = Source::new("t.txt", text);
        let excerpt = Excerpt::new(&source, spans);
        let labelled = spans
            .iter()
            .map(|s| excerpt.view[excerpt.map(*s)].to_string())
            .collect();
        (excerpt.view.clone(), labelled)
    }

    #[test]
    fn short_lines_are_quoted_whole() {
        let text = "标题\n依法行政,建设法治政府。\n";
        let at = text.find(',').unwrap();
        let (view, labelled) = quoted(text, &[Span::new(at, at + 1)]);
        assert_eq!(view, "依法行政,建设法治政府。\n");
        assert_eq!(labelled, [","]);
    }

    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let line = format!("{}问题,{}", "甲".repeat(100), "乙".repeat(100));
        let text = format!("标题\n{line}\n");
        let at = text.find(',').unwrap();
        let (view, labelled) = quoted(&text, &[Span::new(at, at + 1)]);
        assert_eq!(labelled, [","]);
        let quoted = view.trim_end();
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "{view}");
        assert!(!wider_than(quoted, MAX_WIDTH + 4), "{view}");
        assert!(
            quoted.contains(&format!("{}问题,乙", "甲".repeat(10))),
            "{view}"
        );
    }

    #[test]
    fn a_label_wider_than_the_window_shows_its_start() {
        let line = "丙".repeat(300);
        let text = format!("标题\n{line}\n");
        let start = text.find('丙').unwrap();
        let span = Span::new(start, start + line.len());
        let (view, labelled) = quoted(&text, &[span]);
        assert!(
            view.starts_with('丙') && view.trim_end().ends_with('…'),
            "{view}"
        );
        assert_eq!(labelled[0].chars().count(), MAX_WIDTH / 2);
    }

    #[test]
    fn positions_are_those_of_the_file() {
        let line = format!("{}错,{}", "甲".repeat(100), "乙".repeat(100));
        let text = format!("标题\n{line}\n尾\n");
        let at = text.find(',').unwrap();
        let source = Source::new("t.txt", text.as_str());
        let excerpt = Excerpt::new(&source, &[Span::new(at, at + 1)]);
        let mapped = excerpt.map(Span::new(at, at + 1));
        let location = excerpt.location((), mapped.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 102));
        assert!(
            excerpt.line_range((), 2).is_err(),
            "unquoted lines are not in the view"
        );
    }

    #[test]
    fn columns_far_into_a_long_line_are_those_of_the_file() {
        let line = format!("{}𠮷错,{}", "甲".repeat(5000), "乙".repeat(10));
        let text = format!("标题\n{line}\n");
        let at = text.find(',').unwrap();
        let source = Source::new("t.txt", text.as_str());
        let excerpt = Excerpt::new(&source, &[Span::new(at, at + 1)]);
        let mapped = excerpt.map(Span::new(at, at + 1));
        let location = excerpt.location((), mapped.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 5003));
    }

    #[test]
    fn the_line_between_two_quoted_lines_is_quoted_too() {
        let text = "一\n二\n三\n";
        let (view, _) = quoted(text, &[Span::new(0, 3), Span::new(8, 11)]);
        assert_eq!(view, "一\n二\n三\n");
    }
}
