//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use super::Cursor;
use crate::FileReport;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escape a command's message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
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
            let mut message = d.message.to_string();
            if let Some(help) = &d.help {
                message.push_str(&format!("\n建议：{help}"));
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
    }
}
