//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`.

use super::line_column;
use crate::FileReport;
use std::fmt::Write;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let (line, column) = line_column(&report.source, d.span.start);
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
    }
    out
}
