//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`.

use super::Cursor;
use crate::FileReport;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(file).collect()
}

/// The findings of one report, a line each.
pub fn file(report: &FileReport) -> String {
    let mut out =
        String::with_capacity(report.diagnostics.len() * (report.source.name.len() + 120));
    let mut cursor = Cursor::new(&report.source);
    let name = super::visible(&report.source.name);
    for d in &report.diagnostics {
        let (line, column) = cursor.position(d.span.start);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            name,
            line,
            column,
            d.severity.as_str(),
            d.rule,
            super::visible(&d.message)
        );
    }
    out
}
