//! `--format json`: the contract of `spec/interfaces.md`, version 1.

use super::{Failure, Summary, line_column};
use crate::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use serde_json::{Value, json};

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let summary = Summary::of(reports);
    let files: Vec<Value> = reports.iter().map(file).collect();
    let mut root = json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        }
    });
    if !failures.is_empty() {
        root["errors"] = failures
            .iter()
            .map(|f| json!({ "path": f.path, "message": f.reason }))
            .collect();
    }
    let mut text = serde_json::to_string_pretty(&root).expect("JSON values serialise");
    text.push('\n');
    text
}

fn file(report: &FileReport) -> Value {
    json!({
        "path": report.source.name,
        "pack": report.pack.name,
        "report_year": report.report_year,
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
