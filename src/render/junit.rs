//! `--format junit`: one test case per file; each finding at or above `fail-on` is a failure,
//! the others are listed in the case's output; unreadable files are errors, files of a format
//! draftlint cannot read found in a folder walked are skipped cases.

use super::markup::escape;
use super::{Failure, line_column};
use crate::FileReport;
use std::fmt::Write;

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let tests = reports.len() + failures.len();
    let failed = reports.iter().filter(|r| r.fails()).count();
    let super::Unchecked {
        unreadable,
        skipped,
    } = super::Unchecked::of(failures);
    let counts = format!(
        "tests=\"{tests}\" failures=\"{failed}\" errors=\"{unreadable}\" skipped=\"{skipped}\""
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"draftlint\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"draftlint\" {counts}>");
    for report in reports {
        let name = escape(&report.source.name);
        let _ = writeln!(
            out,
            "    <testcase classname=\"draftlint\" name=\"{name}\" file=\"{name}\">"
        );
        let mut below = String::new();
        for d in &report.diagnostics {
            let (line, column) = line_column(&report.source, d.span.start);
            let detail = format!(
                "{}:{line}:{column}: {}[{}] {}",
                report.source.name,
                d.severity.as_str(),
                d.rule,
                d.message
            );
            if d.severity >= report.fail_on {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    escape(d.rule),
                    escape(&d.message),
                    escape(&detail)
                );
            } else {
                below.push_str(&detail);
                below.push('\n');
            }
        }
        if !below.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", escape(&below));
        }
        out.push_str("    </testcase>\n");
    }
    for failure in failures {
        let name = escape(&failure.path);
        let outcome = if failure.is_fatal() {
            "error type=\"unreadable\""
        } else {
            "skipped"
        };
        let _ = writeln!(
            out,
            "    <testcase classname=\"draftlint\" name=\"{name}\" file=\"{name}\">\n      <{outcome} message=\"{}\"/>\n    </testcase>",
            escape(&failure.reason)
        );
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
