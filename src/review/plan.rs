//! Where a reviewed copy's comments and tracked changes go in `document.xml`: findings and
//! edits, which are offsets in the text draftlint reads, placed on the XML events that text
//! came from (the reader's [`Trace`]).

use super::edits::TextEdit;
use crate::input::docx::{At, Trace};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Something written at a point inside the text of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    CommentStart(u32),
    CommentEnd(u32),
    /// Text inserted as a tracked change.
    Insert(String),
}

/// What to write into `document.xml`, by event.
#[derive(Debug, Default)]
pub struct Plan {
    /// Marks at offsets of an event's text, in the order they are written.
    pub marks: HashMap<u32, Vec<(u32, Mark)>>,
    /// Ranges of an event's text deleted as tracked changes, sorted.
    pub deleted: HashMap<u32, Vec<Range<u32>>>,
    /// Paragraphs (by the event that opens them) whose mark is deleted: joined to the next.
    pub joined: HashSet<u32>,
    /// Edits that could not be written as tracked changes (they change a numbering marker, a
    /// table's layout, or add a paragraph).
    pub left_out: usize,
    /// Edits written.
    pub revisions: usize,
}

/// Where a mark goes among the marks at one point: a comment that ends there closes before
/// one that starts, and an empty one closes after what is inserted there.
fn rank(mark: &Mark, empty: bool) -> u8 {
    match mark {
        Mark::CommentEnd(_) if !empty => 0,
        Mark::CommentStart(_) => 1,
        Mark::Insert(_) => 2,
        Mark::CommentEnd(_) => 3,
    }
}

/// A point in the text of an event: before its `offset`-th byte.
type Point = (u32, u32);

struct Placer<'a> {
    text: &'a str,
    origins: &'a [At],
    plan: Plan,
    /// (event, offset, rank, order, mark)
    pending: Vec<(u32, u32, u8, usize, Mark)>,
}

impl Placer<'_> {
    /// The first byte from the reader's text at or after `at`: the point before it.
    fn forward(&self, at: usize) -> Option<usize> {
        (at..self.origins.len()).find(|&i| !self.origins[i].is_made())
    }

    /// The last byte from the reader's text before `at`.
    fn backward(&self, at: usize) -> Option<usize> {
        (0..at.min(self.origins.len()))
            .rev()
            .find(|&i| !self.origins[i].is_made())
    }

    fn before(&self, i: usize) -> Point {
        let at = self.origins[i];
        (at.event, at.offset)
    }

    fn after(&self, i: usize) -> Point {
        let at = self.origins[i];
        (at.event, at.offset + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |n| at + n)
    }

    fn push(&mut self, (event, offset): Point, mark: Mark, empty: bool) {
        let order = self.pending.len();
        let rank = rank(&mark, empty);
        self.pending.push((event, offset, rank, order, mark));
    }

    /// A comment on `span`, on exactly its characters; a span with none of the reader's own
    /// (a numbering marker, an empty line) marks the rest of its line, or the point where the
    /// next text starts. False when the document has no text to hold it.
    fn comment(&mut self, id: u32, span: Range<usize>) -> bool {
        let first = self.forward(span.start);
        let range = match first {
            Some(s) if s < span.end => self.backward(span.end).map(|e| (s, e)),
            // Nothing of the reader's own in the span (a numbering marker): the rest of its
            // line, when that line has text.
            Some(s) if !span.is_empty() && s < self.line_end(span.start) => {
                self.backward(self.line_end(s)).map(|e| (s, e))
            }
            _ => None,
        };
        if let Some((s, e)) = range {
            let (start, end) = (self.before(s), self.after(e));
            self.push(start, Mark::CommentStart(id), false);
            self.push(end, Mark::CommentEnd(id), false);
            return true;
        }
        // A point: where the next text starts, else where the last one ends.
        let point = match (first, self.backward(span.start)) {
            (Some(s), _) => self.before(s),
            (None, Some(e)) => self.after(e),
            (None, None) => return false,
        };
        self.push(point, Mark::CommentStart(id), true);
        self.push(point, Mark::CommentEnd(id), true);
        true
    }

    /// An edit as tracked changes, if it touches only the reader's own text and paragraph
    /// breaks outside tables, and inserts no paragraph.
    fn edit(&mut self, edit: &TextEdit, paragraphs: &[Option<u32>]) -> bool {
        if edit.insert.contains(['\n', '\r']) {
            return false;
        }
        let mut deleted: Vec<(u32, u32)> = Vec::new();
        let mut joined: Vec<u32> = Vec::new();
        for i in edit.range.clone() {
            let at = self.origins[i];
            if !at.is_made() {
                deleted.push((at.event, at.offset));
                continue;
            }
            if self.text.as_bytes()[i] != b'\n' {
                return false;
            }
            // The break after line `line`: its paragraph's mark, unless either side is a row.
            let line = self.text[..i].matches('\n').count();
            match (paragraphs.get(line), paragraphs.get(line + 1)) {
                (Some(Some(paragraph)), Some(Some(_))) => joined.push(*paragraph),
                _ => return false,
            }
        }
        if !edit.insert.is_empty() {
            let start = edit.range.start;
            let line_start = self.text[..start].rfind('\n').map_or(0, |n| n + 1);
            let point = match self.backward(start) {
                Some(b) if b >= line_start => self.after(b),
                _ => match self.forward(start) {
                    Some(f) if f < self.line_end(start) => self.before(f),
                    _ => return false,
                },
            };
            self.push(point, Mark::Insert(edit.insert.clone()), false);
        }
        for (event, offset) in deleted {
            let ranges = self.plan.deleted.entry(event).or_default();
            match ranges.last_mut() {
                Some(last) if last.end == offset => last.end = offset + 1,
                _ => ranges.push(offset..offset + 1),
            }
        }
        self.plan.joined.extend(joined);
        true
    }
}

/// Place `comments` (id and span) and `edits` on the events of `document.xml` the text of
/// `trace` came from. `None` when a comment has no text to hold it.
pub fn place(
    text: &str,
    trace: &Trace,
    comments: &[(u32, Range<usize>)],
    edits: &[TextEdit],
) -> Option<Plan> {
    let mut placer = Placer {
        text,
        origins: &trace.origins,
        plan: Plan::default(),
        pending: Vec::new(),
    };
    for (id, span) in comments {
        let span = span.start.min(text.len())..span.end.min(text.len()).max(span.start);
        if !placer.comment(*id, span) {
            return None;
        }
    }
    for edit in edits {
        if placer.edit(edit, &trace.paragraphs) {
            placer.plan.revisions += 1;
        } else {
            placer.plan.left_out += 1;
        }
    }
    let mut pending = std::mem::take(&mut placer.pending);
    pending.sort_by_key(|&(event, offset, rank, order, _)| (event, offset, rank, order));
    let mut plan = placer.plan;
    for ranges in plan.deleted.values_mut() {
        ranges.sort_by_key(|r| r.start);
    }
    for (event, offset, _, _, mark) in pending {
        plan.marks.entry(event).or_default().push((offset, mark));
    }
    Some(plan)
}
