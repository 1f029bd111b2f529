//! Output formats. Each renders the reports of a whole run to a string.

pub mod concise;
pub mod diff;
mod excerpt;
pub mod github;
pub mod group;
pub mod html;
pub mod json;
pub mod junit;
mod markup;
pub mod outline;
pub mod sarif;
pub mod step_summary;
pub mod stream;
pub mod text;

use crate::FileReport;
use crate::diagnostic::Severity;
use crate::source::Source;

/// A file that could not be checked, or another thing that went wrong, and why (Chinese).
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: String,
    pub reason: String,
    /// What was being done: it gives the message its verb.
    pub action: Action,
}

/// What was being done when something failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Action {
    /// Reading or decoding a file or folder.
    #[default]
    Read,
    /// Parsing a file that was read (a baseline, a pack).
    Parse,
    /// The file was not checked because of its configuration.
    Config,
    /// Writing a file.
    Write,
    /// The command line itself.
    Usage,
    /// A file in a folder walked that draftlint cannot read (a legacy Word file, an image):
    /// listed and counted, but the run does not fail for it.
    Skip,
}

impl Failure {
    pub fn new(action: Action, path: impl Into<String>, reason: impl Into<String>) -> Failure {
        Failure {
            path: path.into(),
            reason: reason.into(),
            action,
        }
    }

    /// A file that could not be read.
    pub fn read(path: impl Into<String>, reason: impl Into<String>) -> Failure {
        Failure::new(Action::Read, path, reason)
    }

    /// A file in a folder walked that was not checked, with the reason and what to do.
    pub fn skip(path: impl Into<String>, reason: impl Into<String>) -> Failure {
        Failure::new(Action::Skip, path, reason)
    }

    /// Whether the run fails for it (everything but [`Action::Skip`]).
    pub fn is_fatal(&self) -> bool {
        self.action != Action::Skip
    }

    /// The one-line message: the verb for what failed, the file, the reason.
    pub fn headline(&self) -> String {
        let (path, reason) = (&self.path, &self.reason);
        match self.action {
            Action::Read => format!("无法读取 {path}：{reason}"),
            Action::Parse => format!("无法解析 {path}：{reason}"),
            Action::Config | Action::Skip => format!("未检查 {path}：{reason}"),
            Action::Write => format!("无法写入 {path}：{reason}"),
            Action::Usage => format!("命令行有误：{reason}"),
        }
    }
}

/// Text made safe for a terminal or a CI log, as `ls` quotes file names: control characters
/// (C0 including newline and tab, DEL, C1) are written as escapes (`\n`, `\t`, `\e`, `\x7f`,
/// `\u{85}`), so a file name or a quoted passage can neither start a line of its own (a forged
/// `::error` in a GitHub log) nor send an escape sequence to the terminal.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

fn is_control(c: char) -> bool {
    c.is_control()
}

/// `c`, escaped when it is a control character.
pub(crate) fn push_visible(out: &mut String, c: char) {
    use std::fmt::Write;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{b}' => out.push_str("\\v"),
        '\u{c}' => out.push_str("\\f"),
        '\u{1b}' => out.push_str("\\e"),
        c if (c as u32) < 0x80 && c.is_control() => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if c.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// The files of a run that were not checked: those that could not be read (the run fails) and
/// those of a format draftlint cannot read, found in a folder walked (it does not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unchecked {
    pub unreadable: usize,
    pub skipped: usize,
}

impl Unchecked {
    pub fn of(failures: &[Failure]) -> Unchecked {
        let unreadable = failures.iter().filter(|f| f.is_fatal()).count();
        Unchecked {
            unreadable,
            skipped: failures.len() - unreadable,
        }
    }
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Count one more report.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn merge(&mut self, other: Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// 1-based line and column (Unicode scalar values) of a byte offset.
pub fn line_column(source: &Source, offset: usize) -> (usize, usize) {
    let position = source.position(offset);
    (position.line + 1, position.char_column + 1)
}

/// Positions of increasing offsets, counted on from the previous one: a file with hundreds of
/// findings on long lines is not rescanned from each line's start.
pub struct Cursor<'a> {
    source: &'a Source,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(source: &'a Source) -> Cursor<'a> {
        Cursor {
            source,
            offset: 0,
            line: 0,
            column: 0,
        }
    }

    /// 1-based line and column of `offset`, as [`line_column`].
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let text = &self.source.text;
        if offset < self.offset || offset > text.len() || !text.is_char_boundary(offset) {
            return line_column(self.source, offset);
        }
        let line = self.source.line_index.line_of(offset);
        if line != self.line {
            self.line = line;
            self.offset = self.source.line_index.line_start(line);
            self.column = 0;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        (self.line + 1, self.column + 1)
    }
}
