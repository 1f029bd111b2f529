//! `--format json`: the contract of `spec/interfaces.md`, version 1.

use super::{Cursor, Failure, Summary};
use crate::FileReport;
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::Span;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let mut out = Vec::new();
    write(reports, failures, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Stream the JSON document to `out`, file by file.
pub fn write(reports: &[FileReport], failures: &[Failure], out: &mut impl Write) -> io::Result<()> {
    let mut stream = super::stream::Stream::begin(super::stream::Streamed::Json, out)?;
    for report in reports {
        stream.write_report(report, out)?;
    }
    stream.finish(&Summary::of(reports), failures, out)
}

/// The opening of the document, up to the first file.
pub(super) fn head() -> &'static str {
    "{\n  \"version\": 1,\n  \"files\": ["
}

/// One report, as a member of the `files` array (without the separator), in UTF-8.
pub fn file_bytes(report: &FileReport) -> Vec<u8> {
    let mut out = Vec::new();
    write_file(report, &mut out).expect("writing to memory cannot fail");
    out
}

/// Write one report as a member of the `files` array (without the separator), a finding at a
/// time: a report with a million findings is never held as text.
pub fn write_file(report: &FileReport, out: &mut impl Write) -> io::Result<()> {
    let head = FileHead {
        path: &report.source.name,
        pack: &report.pack.name,
        report_year: report.report_year,
        format: report.source.origin.format.as_str(),
        encoding: report.source.origin.encoding,
    };
    let head = serde_json::to_vec_pretty(&head).expect("JSON values serialise");
    // `{ …members… }` laid out by serde_json: open it again after the last member.
    let members = head
        .strip_suffix(b"\n}")
        .expect("a pretty object ends its own line");
    out.write_all(&indent(members, FILE_INDENT))?;
    out.write_all(b",\n      \"diagnostics\": [")?;
    // Findings come in order of their starts; their ends follow closely.
    let (mut starts, mut ends) = (Cursor::new(&report.source), Cursor::new(&report.source));
    let mut one = Vec::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        one.clear();
        serde_json::to_writer_pretty(&mut one, &diagnostic(d, &mut starts, &mut ends))
            .expect("JSON values serialise");
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        out.write_all(DIAGNOSTIC_INDENT)?;
        out.write_all(&indent(&one, DIAGNOSTIC_INDENT))?;
    }
    if report.diagnostics.is_empty() {
        out.write_all(b"]\n    }")
    } else {
        out.write_all(b"\n      ]\n    }")
    }
}

/// A file object's members sit in the `files` array; a finding one level deeper, in its
/// `diagnostics`.
const FILE_INDENT: &[u8] = b"    ";
const DIAGNOSTIC_INDENT: &[u8] = b"        ";

/// A pretty-printed value set deeper: `by` after every line break (strings are escaped, so
/// every line break is one serde_json laid out). Its lines are short: a plain scan beats a
/// vectorised search started again for each.
pub(super) fn indent(value: &[u8], by: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + value.len() / 2);
    for line in value.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(line);
        if line.ends_with(b"\n") {
            out.extend_from_slice(by);
        }
    }
    out
}

/// The separator written before a file's text.
pub(super) fn separator(first: bool) -> &'static str {
    if first { "\n    " } else { ",\n    " }
}

/// The rest of the document after the files.
pub(super) fn tail(summary: &Summary, failures: &[Failure], any_files: bool) -> String {
    let mut out = String::new();
    if any_files {
        out.push_str("\n  ");
    }
    out.push_str("],\n");
    let mut tail = json!({
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        }
    });
    let listed = |fatal: bool| -> Vec<serde_json::Value> {
        failures
            .iter()
            .filter(|f| f.is_fatal() == fatal)
            .map(|f| json!({ "path": f.path, "message": f.reason }))
            .collect()
    };
    let (errors, skipped) = (listed(true), listed(false));
    if !errors.is_empty() {
        tail["errors"] = errors.into();
    }
    if !skipped.is_empty() {
        tail["skipped"] = skipped.into();
    }
    let tail = serde_json::to_string_pretty(&tail).expect("JSON values serialise");
    // Splice the tail's members into the open object.
    let members = tail
        .trim_start_matches('{')
        .trim_end()
        .trim_end_matches('}');
    out.push_str(members.trim_start_matches('\n'));
    out.push_str("}\n");
    out
}

/// A file's members before its findings.
#[derive(Serialize)]
struct FileHead<'a> {
    path: &'a str,
    pack: &'a str,
    report_year: Option<i32>,
    format: &'a str,
    encoding: Option<&'static str>,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    span: Span,
    range: RangeOut,
    help: Option<&'a str>,
    /// `null` when the rule attaches no data.
    data: Option<&'a serde_json::Map<String, Value>>,
    fix: Option<&'a Fix>,
    /// A replacement to pick by hand, never applied by `--fix`; only when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a Fix>,
}

#[derive(Serialize)]
struct RangeOut {
    start: PositionOut,
    end: PositionOut,
}

#[derive(Serialize)]
struct PositionOut {
    line: usize,
    column: usize,
}

fn position(cursor: &mut Cursor, offset: usize) -> PositionOut {
    let (line, column) = cursor.position(offset);
    PositionOut { line, column }
}

fn diagnostic<'a>(d: &'a Diagnostic, starts: &mut Cursor, ends: &mut Cursor) -> DiagnosticOut<'a> {
    DiagnosticOut {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        span: d.span,
        range: RangeOut {
            start: position(starts, d.span.start),
            end: position(ends, d.span.end),
        },
        help: d.help.as_deref(),
        data: d.data.as_deref(),
        fix: d.fix.as_ref(),
        suggestion: d.suggestion.as_ref(),
    }
}
