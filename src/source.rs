//! Decoded source text and the one index that converts byte offsets to positions.

use serde::Serialize;

/// A half-open byte range into the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A position in the text, 0-based, with both column conventions users meet:
/// Unicode scalar values (CLI, JSON, SARIF) and UTF-16 code units (LSP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub char_column: usize,
    pub utf16_column: usize,
}

/// Line starts of a text, for converting byte offsets to positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Character counts at regular byte offsets, built on the first position asked far into a
    /// long line: a column is then found by counting at most [`CHECKPOINT_STEP`] bytes, so a
    /// paragraph of a megabyte with thousands of findings is not rescanned for each of them.
    checkpoints: std::sync::OnceLock<Vec<Checkpoint>>,
}

/// Columns this far into a line are counted from a checkpoint rather than the line's start.
const LONG_PREFIX: usize = 4096;
const CHECKPOINT_STEP: usize = 1024;

/// The characters and the characters outside the Basic Multilingual Plane before `byte`.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    astral: usize,
}

impl Checkpoint {
    /// Counted on from this checkpoint to `offset` (a char boundary at or after it).
    fn advanced(self, text: &str, offset: usize) -> Checkpoint {
        let (chars, astral) = count_chars(&text.as_bytes()[self.byte..offset]);
        Checkpoint {
            byte: offset,
            chars: self.chars + chars,
            astral: self.astral + astral,
        }
    }
}

/// Characters and 4-byte (astral, two UTF-16 units) characters in valid UTF-8 bytes.
fn count_chars(bytes: &[u8]) -> (usize, usize) {
    // Lead bytes are the ones that are not continuation bytes (10xxxxxx); an astral
    // character's lead byte is F0–F4.
    let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
    (chars, astral)
}

fn checkpoints_of(text: &str) -> Vec<Checkpoint> {
    let mut out = Vec::with_capacity(text.len() / CHECKPOINT_STEP + 1);
    let mut at = Checkpoint {
        byte: 0,
        chars: 0,
        astral: 0,
    };
    out.push(at);
    let mut next = CHECKPOINT_STEP;
    while next < text.len() {
        at = at.advanced(text, ceil_char_boundary(text, next));
        out.push(at);
        next = at.byte + CHECKPOINT_STEP;
    }
    out
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files), as the grammar reads them.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let (chars, astral) = if offset - start <= LONG_PREFIX {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            let (at_offset, at_start) =
                (self.counted_to(text, offset), self.counted_to(text, start));
            (
                at_offset.chars - at_start.chars,
                at_offset.astral - at_start.astral,
            )
        };
        // A character outside the Basic Multilingual Plane is two UTF-16 units.
        Position {
            line,
            char_column: chars,
            utf16_column: chars + astral,
        }
    }

    /// The counts before `offset` (a char boundary), from the nearest checkpoint below it.
    fn counted_to(&self, text: &str, offset: usize) -> Checkpoint {
        let checkpoints = self.checkpoints.get_or_init(|| checkpoints_of(text));
        let below = checkpoints.partition_point(|c| c.byte <= offset) - 1;
        checkpoints[below].advanced(text, offset)
    }

    /// Byte offset of a 0-based line and UTF-16 column, clamped to the line's end.
    pub fn offset_of_utf16(&self, text: &str, line: usize, utf16_column: usize) -> usize {
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        let mut units = 0;
        for (i, ch) in text[start..end].char_indices() {
            if units >= utf16_column || ch == '\n' || ch == '\r' {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end.min(text.len())
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (.txt, stdin, anything else).
    #[default]
    Text,
    /// Markdown (.md)
    Markdown,
    /// A Word document (.docx): one line per paragraph.
    Docx,
    /// A PDF with a text layer: one line per paragraph rebuilt from the page layout.
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A heading known from the file's markup (a Markdown `#` line, a Word heading style) rather
/// than from a numbering marker in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeadingHint {
    /// 0-based line.
    pub line: usize,
    /// Nominal level, 1 for 一、 headings.
    pub level: u8,
}

/// What the reader learned from the file besides its text. Empty for plain text made in code.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub format: Format,
    /// The text encoding it was decoded from (`utf-8`, `gb18030` …); `None` for .docx and for
    /// text made in code.
    pub encoding: Option<&'static str>,
    pub headings: Vec<HeadingHint>,
    /// Suppression comments (Markdown).
    pub directives: Vec<crate::suppress::Directive>,
    /// The file's text as written, when `text` blanks markup in it (Markdown `#`, front matter,
    /// comments): same length and same line breaks, so every offset is valid in both. Shown to
    /// the user; `text` is what rules read.
    pub shown: Option<String>,
    /// `text` is `shown` with traditional characters folded to simplified ([`crate::script`]).
    pub folded: bool,
    /// Markup whose text is not prose: Markdown code, link and image destinations, autolinks,
    /// HTML and front matter. With the addresses and file names found in the text, it makes
    /// [`Source::verbatim`].
    pub markup: Vec<Span>,
    /// For a PDF, the page (1-based) each line begins on.
    pub pages: Vec<u32>,
}

/// One document to check: its display name, decoded text and line index.
#[derive(Debug, Clone)]
pub struct Source {
    /// How the file is shown ([`crate::identity::display`]), or `<stdin>`.
    pub name: String,
    /// The file it was read from, absolute and normalised as named ([`crate::identity::absolute`]);
    /// `None` for standard input and text made in code.
    pub path: Option<std::path::PathBuf>,
    pub text: String,
    pub line_index: LineIndex,
    pub origin: Origin,
    /// The text folded for copy detection, worked out once for the corpus index and the
    /// in-document repeats alike.
    normalized: std::sync::OnceLock<crate::copies::Normalized>,
    /// What is not prose, worked out once for the rules and the fix engine alike.
    verbatim: std::sync::OnceLock<crate::prose::verbatim::Verbatim>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source::with_origin(name, text, Origin::default())
    }

    /// A source read as its origin says. A text in traditional characters is read through its
    /// simplified fold; the text as written stays `origin.shown`.
    pub fn with_origin(
        name: impl Into<String>,
        text: impl Into<String>,
        mut origin: Origin,
    ) -> Self {
        let mut text = text.into();
        if let Some(folded) = crate::script::fold(&text) {
            let written = std::mem::replace(&mut text, folded);
            origin.shown.get_or_insert(written);
            origin.folded = true;
        }
        let line_index = LineIndex::new(&text);
        debug_assert!(origin.shown.as_ref().is_none_or(|s| s.len() == text.len()));
        Source {
            name: name.into(),
            path: None,
            text,
            line_index,
            origin,
            normalized: std::sync::OnceLock::new(),
            verbatim: std::sync::OnceLock::new(),
        }
    }

    /// The source with the file it was read from.
    pub fn with_path(mut self, path: Option<std::path::PathBuf>) -> Self {
        self.path = path;
        self
    }

    /// The identity of the file it was read from ([`crate::identity::FileId`]).
    pub fn file_id(&self) -> Option<crate::identity::FileId> {
        self.path
            .as_deref()
            .and_then(|p| crate::identity::FileId::of(p).ok())
    }

    /// The text folded for comparison ([`crate::copies::Normalized`]).
    pub fn normalized(&self) -> &crate::copies::Normalized {
        self.normalized
            .get_or_init(|| crate::copies::Normalized::of(&self.text))
    }

    /// The spans of the text that are not prose: addresses, file names and the markup of
    /// [`Origin::markup`]. Rules do not report typography inside them; fixes never change them.
    pub fn verbatim(&self) -> &crate::prose::verbatim::Verbatim {
        self.verbatim
            .get_or_init(|| crate::prose::verbatim::Verbatim::of(&self.text, &self.origin.markup))
    }

    /// The text as the user wrote it (what renderers quote).
    pub fn shown_text(&self) -> &str {
        self.origin.shown.as_deref().unwrap_or(&self.text)
    }

    /// The words of `span` as written, without spaces or line breaks: for a text folded from
    /// traditional characters, the original characters, else `derived` (the string the parser
    /// made from the span).
    pub fn as_written<'a>(&'a self, span: Span, derived: &'a str) -> std::borrow::Cow<'a, str> {
        self.as_written_except(span, derived, &[])
    }

    /// [`Source::as_written`] without the parts of `span` in `except` (debris inside a line,
    /// which `derived` already leaves out). `except` is in text order.
    pub fn as_written_except<'a>(
        &'a self,
        span: Span,
        derived: &'a str,
        except: &[Span],
    ) -> std::borrow::Cow<'a, str> {
        match &self.origin.shown {
            Some(shown) if self.origin.folded => {
                let inside: Vec<&Span> = except
                    .iter()
                    .filter(|e| e.start < span.end && span.start < e.end)
                    .collect();
                shown[span.range()]
                    .char_indices()
                    .filter(|&(i, _)| {
                        let at = span.start + i;
                        !inside.iter().any(|e| e.start <= at && at < e.end)
                    })
                    .map(|(_, c)| c)
                    .filter(|&c| !c.is_whitespace() && !crate::parse::text::is_space(c))
                    .collect::<String>()
                    .into()
            }
            _ => derived.into(),
        }
    }

    /// `message` with each quoted passage (“…” or 「…」) of the folded text put back as written,
    /// taking the occurrence nearest `near`; `None` when the text was not folded or nothing
    /// changes. Rules quote what they read, which for a traditional text is its fold.
    pub fn unfold_quotes(&self, message: &str, near: usize) -> Option<String> {
        let shown = self
            .origin
            .shown
            .as_deref()
            .filter(|_| self.origin.folded)?;
        let mut out = String::with_capacity(message.len());
        let mut changed = false;
        let mut rest = message;
        while let Some(open) = rest.find(['“', '「']) {
            let close_mark = if rest[open..].starts_with('“') {
                '”'
            } else {
                '」'
            };
            let inner_start = open + rest[open..].chars().next().map_or(0, char::len_utf8);
            let Some(close) = rest[inner_start..]
                .find(close_mark)
                .map(|c| inner_start + c)
            else {
                break;
            };
            out.push_str(&rest[..inner_start]);
            let quoted = &rest[inner_start..close];
            let nearest = self
                .text
                .match_indices(quoted)
                .map(|(at, _)| at)
                .filter(|_| !quoted.is_empty())
                .min_by_key(|&at| at.abs_diff(near));
            match nearest.map(|at| &shown[at..at + quoted.len()]) {
                Some(written) if written != quoted => {
                    out.push_str(written);
                    changed = true;
                }
                _ => out.push_str(quoted),
            }
            rest = &rest[close..];
            let step = rest.chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..step]);
            rest = &rest[step..];
        }
        out.push_str(rest);
        changed.then_some(out)
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    pub fn position(&self, offset: usize) -> Position {
        self.line_index.position(&self.text, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_far_into_long_lines_count_as_a_scan_does() {
        let line: String = "报告a𠀀，".repeat(3000);
        let text = format!("标题\n{line}\n{line}");
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let offset = floor_char_boundary(&text, offset);
            let line = index.line_of(offset);
            let prefix = &text[index.line_start(line)..offset];
            let chars = prefix.chars().count();
            let units: usize = prefix.chars().map(char::len_utf16).sum();
            let found = index.position(&text, offset);
            assert_eq!(
                (found.line, found.char_column, found.utf16_column),
                (line, chars, units)
            );
        }
    }

    #[test]
    fn columns_count_scalars_and_utf16_units() {
        let text = "标题\n𠮷a报告\r\nx\ry";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let offset = text.find('a').unwrap();
        let pos = index.position(text, offset);
        assert_eq!(pos.line, 1);
        assert_eq!(pos.char_column, 1);
        assert_eq!(pos.utf16_column, 2);
        assert_eq!(index.position(text, text.find('y').unwrap()).line, 3);
    }

    #[test]
    fn utf16_offsets_round_trip() {
        let text = "一\n𠮷吉祥";
        let index = LineIndex::new(text);
        let offset = index.offset_of_utf16(text, 1, 2);
        assert_eq!(&text[offset..], "吉祥");
        assert_eq!(index.offset_of_utf16(text, 1, 99), text.len());
    }
}
