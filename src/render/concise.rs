//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`.

use super::Cursor;
use crate::FileReport;
use std::io::{self, Write};

pub fn render(reports: &[FileReport]) -> String {
    reports.iter().map(file).collect()
}

/// The findings of one report, a line each.
pub fn file(report: &FileReport) -> String {
    let mut out = Vec::with_capacity(report.diagnostics.len() * (report.source.name.len() + 120));
    write_file(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the lines are UTF-8")
}

/// [`file`], written a line at a time.
pub fn write_file(report: &FileReport, out: &mut impl Write) -> io::Result<()> {
    let mut cursor = Cursor::new(&report.source);
    let name = super::visible(&report.source.name);
    for d in &report.diagnostics {
        let (line, column) = cursor.position(d.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            name,
            line,
            column,
            d.severity.as_str(),
            d.rule,
            super::visible(&d.message)
        )?;
    }
    Ok(())
}
