//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use super::Cursor;
use crate::FileReport;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escape a command's message (`%`, CR, LF).
/// GitHub's escaping of a workflow command's data (`%`, CR, LF); other control characters,
/// which the runner would pass to the log as they are, are written as escapes.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => super::push_visible(&mut out, c),
        }
    }
    out
}

/// Escape a property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(file).collect()
}

/// The annotations of one report.
pub fn file(report: &FileReport) -> String {
    let mut out = String::new();
    {
        let (mut starts, mut ends) = (Cursor::new(&report.source), Cursor::new(&report.source));
        for d in &report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (line, column) = starts.position(d.span.start);
            let (end_line, end_column) = ends.position(d.span.end);
            let mut properties = format!(
                "file={},line={line},endLine={end_line}",
                escape_property(&report.source.name)
            );
            // Columns only on one-line spans: GitHub rejects them across lines.
            if line == end_line {
                let _ = write!(properties, ",col={column},endColumn={end_column}");
            }
            let _ = write!(properties, ",title={}", escape_property(d.rule));
            // Text from the document travels as one line: only our own line break separates
            // the help.
            let mut message = super::visible(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push_str(&format!("\n建议：{}", super::visible(help)));
            }
            let _ = writeln!(out, "::{command} {properties}::{}", escape_data(&message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("100%\r\n下一行"), "100%25%0D%0A下一行");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("a\u{1b}]0;x\u{7}"), "a\\e]0;x\\a");
    }
}
