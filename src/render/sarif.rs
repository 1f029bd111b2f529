//! `--format sarif`: SARIF 2.1.0, one run, the rules with their help text, regions in Unicode
//! code point columns, relative `/` URIs against `%SRCROOT%` (the working folder).

use super::stream::{Stream, Streamed};
use super::{Failure, Summary, line_column};
use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::identity::{self, relative_uri};
use crate::rules;
use crate::source::{Source, Span};
use serde_json::{Value, json};
use std::collections::HashMap;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `missing-section` → `MissingSection`, the form SARIF viewers show as the rule's name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn region(source: &Source, span: Span) -> Value {
    let (start_line, start_column) = line_column(source, span.start);
    let (end_line, end_column) = line_column(source, span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

/// A file shown relative to the working folder resolves against `%SRCROOT%`; one shown absolute
/// (outside it) is a `file:` URI. Names are shown normalised ([`identity::display`]); one that is
/// not (made in code) is normalised here, since SARIF consumers reject `.` and `..` segments.
fn artifact_location(name: &str) -> Value {
    let path = std::path::Path::new(name);
    let normal = path
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let shown = if normal {
        name.to_string()
    } else {
        identity::display(path)
    };
    let shown_path = std::path::Path::new(&shown);
    if shown_path.is_absolute() {
        json!({ "uri": identity::file_uri(shown_path) })
    } else {
        json!({ "uri": relative_uri(&shown), "uriBaseId": "%SRCROOT%" })
    }
}

fn location(source: &Source, span: Span, message: Option<&str>) -> Value {
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": artifact_location(&source.name),
            "region": region(source, span),
        }
    });
    if let Some(message) = message.filter(|m| !m.is_empty()) {
        location["message"] = json!({ "text": message });
    }
    location
}

fn result(source: &Source, d: &Diagnostic, rule_index: usize) -> Value {
    let mut text = d.message.to_string();
    for note in &d.notes {
        text.push_str(&format!("\n{note}"));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\n建议：{help}"));
    }
    let mut result = json!({
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location(source, d.span, None)],
    });
    if !d.labels.is_empty() {
        result["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = location(source, l.span, Some(&l.message));
                loc["id"] = json!(i);
                loc
            })
            .collect();
    }
    if let Some(data) = &d.data {
        result["properties"] = Value::Object((**data).clone());
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([{
            "description": { "text": fix.description },
            "artifactChanges": [{
                "artifactLocation": artifact_location(&source.name),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": region(source, e.span),
                    "insertedContent": { "text": e.replacement },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    result
}

fn rule_descriptors() -> Vec<Value> {
    rules::all()
        .iter()
        .map(|rule| {
            let info = rule.info();
            let mut descriptor = json!({
                "id": info.id,
                "shortDescription": { "text": info.summary },
                "fullDescription": { "text": info.summary },
                "help": { "text": info.explain, "markdown": info.explain },
                "defaultConfiguration": { "level": level(info.severity) },
            });
            // SARIF wants `name` to differ from `id`; a one-word id has no other name.
            let name = pascal_case(info.id);
            if !name.eq_ignore_ascii_case(info.id) {
                descriptor["name"] = json!(name);
            }
            descriptor
        })
        .collect()
}

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let mut out = Vec::new();
    let mut stream = Stream::begin(Streamed::Sarif, &mut out).expect("writing to memory");
    for report in reports {
        let rendered = stream.render(report);
        stream.write(rendered, &mut out).expect("writing to memory");
    }
    stream
        .finish(&Summary::of(reports), failures, &mut out)
        .expect("writing to memory");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

/// Where each rule stands in the run's rule list (`ruleIndex`).
pub(super) fn rule_indices() -> HashMap<&'static str, usize> {
    rules::all()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.info().id, i))
        .collect()
}

/// One report's results, each on its own lines at the depth of the run's `results` array and
/// preceded by a line break, separated by commas.
pub(super) fn file_bytes(
    report: &FileReport,
    rule_indices: &HashMap<&'static str, usize>,
) -> Vec<u8> {
    let mut out = Vec::new();
    write_file(report, rule_indices, &mut out).expect("writing to memory cannot fail");
    out
}

/// [`file_bytes`], written a result at a time.
pub(super) fn write_file(
    report: &FileReport,
    rule_indices: &HashMap<&'static str, usize>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut one = Vec::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let index = rule_indices.get(d.rule).copied().unwrap_or(0);
        one.clear();
        serde_json::to_writer_pretty(&mut one, &result(&report.source, d, index))
            .expect("JSON values serialise");
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        out.write_all(RESULT_INDENT)?;
        out.write_all(&super::json::indent(&one, RESULT_INDENT))?;
    }
    Ok(())
}

/// Results sit four levels deep: document, `runs`, the run, `results`.
const RESULT_INDENT: &[u8] = b"        ";

/// The document with an empty `results` array, as the head (up to and with the array's `[`)
/// and the tail (from its `]`). The head does not depend on `failures`.
fn skeleton(failures: &[Failure]) -> (String, String) {
    let root = std::env::current_dir()
        .ok()
        .map(|cwd| format!("{}/", identity::file_uri(&cwd).trim_end_matches('/')));
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "draftlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/draftlint",
                "rules": rule_descriptors(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [],
        "invocations": [{
            "executionSuccessful": !failures.iter().any(Failure::is_fatal),
            "toolExecutionNotifications": failures.iter().map(|f| json!({
                "level": if f.is_fatal() { "error" } else { "warning" },
                "message": { "text": f.headline() },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&f.path) } }],
            })).collect::<Vec<_>>(),
        }],
    });
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": root } });
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = serde_json::to_string_pretty(&sarif).expect("JSON values serialise");
    text.push('\n');
    // Quotes inside strings are escaped: this key is found only where the run holds it.
    const EMPTY: &str = "\"results\": []";
    let at = text.find(EMPTY).expect("the run has a results array") + EMPTY.len() - 1;
    let tail = text.split_off(at);
    (text, tail)
}

/// The opening of the document, up to the results.
pub(super) fn head() -> String {
    skeleton(&[]).0
}

/// The end of the document after the results (`any_results`: some were written).
pub(super) fn tail(failures: &[Failure], any_results: bool) -> String {
    let (_, tail) = skeleton(failures);
    if any_results {
        format!("\n      {tail}")
    } else {
        tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_of_several_files_form_one_array() {
        use crate::config::Settings;
        let check = |name: &str, text: &str| {
            crate::check(crate::Source::new(name, text), &Settings::default())
        };
        let with = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n今年以来,我县做了很多工作。\n";
        let reports = vec![
            check("a.txt", with),
            check("b.txt", include_str!("../../fixtures/example-report.txt")),
            check("c.txt", with),
        ];
        let expected: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        assert!(reports[0].diagnostics.len() > 1 && reports[1].diagnostics.is_empty());
        let sarif: Value = serde_json::from_str(&render(&reports, &[])).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), expected);
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "a.txt"
        );
        assert_eq!(
            sarif["runs"][0]["invocations"][0]["executionSuccessful"],
            true
        );
        let none: Value = serde_json::from_str(&render(&reports[1..2], &[])).unwrap();
        assert_eq!(none["runs"][0]["results"], json!([]));
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("missing-section"), "MissingSection");
    }
}
