//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`.

use super::line_column;
use crate::FileReport;
use crate::source::Source;
use std::fmt::Write;

/// Positions of increasing offsets, counted on from the previous one: a file with hundreds of
/// findings on long lines is not rescanned from each line's start.
struct Cursor<'a> {
    source: &'a Source,
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn position(&mut self, offset: usize) -> (usize, usize) {
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

pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(file).collect()
}

/// The findings of one report, a line each.
pub fn file(report: &FileReport) -> String {
    let mut out =
        String::with_capacity(report.diagnostics.len() * (report.source.name.len() + 120));
    let mut cursor = Cursor {
        source: &report.source,
        offset: 0,
        line: 0,
        column: 0,
    };
    for d in &report.diagnostics {
        let (line, column) = cursor.position(d.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            report.source.name,
            line,
            column,
            d.severity.as_str(),
            d.rule,
            d.message
        );
    }
    out
}
