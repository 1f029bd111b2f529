//! `--format json`: the contract of `spec/interfaces.md`, version 1.

use super::{Failure, Summary, line_column};
use crate::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let mut out = Vec::new();
    write(reports, failures, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Files rendered in parallel this many at a time, then written: memory stays bounded by a
/// chunk, not by the whole run.
const CHUNK: usize = 256;

/// Stream the JSON document to `out`, file by file.
pub fn write(reports: &[FileReport], failures: &[Failure], out: &mut impl Write) -> io::Result<()> {
    let summary = Summary::of(reports);
    out.write_all(b"{\n  \"version\": 1,\n  \"files\": [")?;
    for (chunk_index, chunk) in reports.chunks(CHUNK).enumerate() {
        let rendered: Vec<String> = chunk
            .par_iter()
            .map(|report| {
                indent(&serde_json::to_string_pretty(&file(report)).expect("JSON values serialise"))
            })
            .collect();
        for (i, text) in rendered.iter().enumerate() {
            if chunk_index > 0 || i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n    ")?;
            out.write_all(text.as_bytes())?;
        }
    }
    if !reports.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n")?;
    let mut tail = json!({
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        }
    });
    if !failures.is_empty() {
        tail["errors"] = failures
            .iter()
            .map(|f| json!({ "path": f.path, "message": f.reason }))
            .collect();
    }
    let tail = serde_json::to_string_pretty(&tail).expect("JSON values serialise");
    // Splice the tail's members into the open object.
    let members = tail
        .trim_start_matches('{')
        .trim_end()
        .trim_end_matches('}');
    out.write_all(members.trim_start_matches('\n').as_bytes())?;
    out.write_all(b"}\n")?;
    Ok(())
}

/// Indent a pretty-printed value to sit two levels deep.
fn indent(text: &str) -> String {
    text.replace('\n', "\n    ")
}

fn file(report: &FileReport) -> Value {
    json!({
        "path": report.source.name,
        "pack": report.pack.name,
        "report_year": report.report_year,
        "format": report.source.origin.format.as_str(),
        "encoding": report.source.origin.encoding,
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic(&report.source, d)).collect::<Vec<_>>(),
    })
}

fn position(source: &Source, offset: usize) -> Value {
    let (line, column) = line_column(source, offset);
    json!({ "line": line, "column": column })
}

fn diagnostic(source: &Source, d: &Diagnostic) -> Value {
    let fix = d.fix.as_ref().map(|fix| {
        json!({
            "description": fix.description,
            "edits": fix.edits.iter().map(|e| json!({
                "span": { "start": e.span.start, "end": e.span.end },
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    let data = if d.data.is_empty() {
        Value::Null
    } else {
        Value::Object(d.data.clone())
    };
    json!({
        "rule": d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "span": { "start": d.span.start, "end": d.span.end },
        "range": { "start": position(source, d.span.start), "end": position(source, d.span.end) },
        "help": d.help,
        "data": data,
        "fix": fix,
    })
}
