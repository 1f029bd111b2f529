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
    write(reports, failures, false, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Stream the JSON document to `out`, file by file (`grouped`: `--group paragraph`).
pub fn write(
    reports: &[FileReport],
    failures: &[Failure],
    grouped: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut stream = super::stream::Stream::begin(super::stream::Streamed::Json { grouped }, out)?;
    for report in reports {
        stream.write_report(report, out)?;
    }
    stream.finish(&Summary::of(reports), failures, out)
}

/// The opening of the document, up to the first file.
pub(super) fn head() -> &'static str {
    "{\n  \"version\": 1,\n  \"files\": ["
}

/// One report, as a member of the `files` array (without the separator), in UTF-8; `grouped`:
/// a finding per rule and paragraph, with `count` and the others in `grouped`.
pub fn file_bytes(report: &FileReport, grouped: bool) -> Vec<u8> {
    let mut out = Vec::new();
    write_file(report, grouped, &mut out).expect("writing to memory cannot fail");
    out
}

/// Write one report as a member of the `files` array (without the separator), a finding at a
/// time: a report with a million findings is never held as text.
pub fn write_file(report: &FileReport, grouped: bool, out: &mut impl Write) -> io::Result<()> {
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
    let mut written = 0;
    let mut one = Vec::new();
    let mut emit = |d: DiagnosticOut, out: &mut dyn Write| -> io::Result<()> {
        one.clear();
        serde_json::to_writer_pretty(&mut one, &d).expect("JSON values serialise");
        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        out.write_all(DIAGNOSTIC_INDENT)?;
        out.write_all(&indent(&one, DIAGNOSTIC_INDENT))?;
        written += 1;
        Ok(())
    };
    let found = &report.diagnostics;
    // Findings come in order of their starts; their ends follow closely.
    let (mut starts, mut ends) = (Cursor::new(&report.source), Cursor::new(&report.source));
    let mut range = |d: &Diagnostic| RangeOut {
        start: position(&mut starts, d.span.start),
        end: position(&mut ends, d.span.end),
    };
    if grouped {
        let ranges: Vec<RangeOut> = found.iter().map(&mut range).collect();
        for group in super::group::by_paragraph(report) {
            let members = group
                .others
                .iter()
                .map(|&o| MemberOut {
                    message: &found[o].message,
                    span: found[o].span,
                    range: ranges[o],
                    fix: found[o].fix.as_ref(),
                })
                .collect();
            let d = DiagnosticOut {
                count: Some(1 + group.others.len()),
                grouped: Some(members),
                ..diagnostic(&found[group.first], ranges[group.first])
            };
            emit(d, out)?;
        }
    } else {
        for d in found {
            emit(diagnostic(d, range(d)), out)?;
        }
    }
    if written == 0 {
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
    /// With `--group paragraph` only: how many findings of the rule the paragraph has, this one
    /// included.
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
    /// With `--group paragraph` only: the others, in text order.
    #[serde(skip_serializing_if = "Option::is_none")]
    grouped: Option<Vec<MemberOut<'a>>>,
}

/// A finding folded into the first of its rule in its paragraph.
#[derive(Serialize)]
struct MemberOut<'a> {
    message: &'a str,
    span: Span,
    range: RangeOut,
    fix: Option<&'a Fix>,
}

#[derive(Serialize, Clone, Copy)]
struct RangeOut {
    start: PositionOut,
    end: PositionOut,
}

#[derive(Serialize, Clone, Copy)]
struct PositionOut {
    line: usize,
    column: usize,
}

fn position(cursor: &mut Cursor, offset: usize) -> PositionOut {
    let (line, column) = cursor.position(offset);
    PositionOut { line, column }
}

fn diagnostic(d: &Diagnostic, range: RangeOut) -> DiagnosticOut<'_> {
    DiagnosticOut {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        span: d.span,
        range,
        help: d.help.as_deref(),
        data: d.data.as_deref(),
        fix: d.fix.as_ref(),
        suggestion: d.suggestion.as_ref(),
        count: None,
        grouped: None,
    }
}
