//! The grammar and every rule over report-shaped text, read as plain text and as Markdown,
//! with heading hints such as a Word outline gives; the findings are rendered as text, JSON
//! and HTML.

use crate::Outcome;
use crate::report::report;
use arbitrary::Unstructured;
use draftlint::config::Settings;
use draftlint::input::{self, ReadOptions};
use draftlint::source::{Format, HeadingHint, Source};

pub fn run(u: &mut Unstructured) -> Outcome {
    let markdown = u.arbitrary::<bool>().unwrap_or(false);
    let Ok(generated) = report(u, markdown) else {
        return Ok(());
    };
    let text = generated.text;
    crate::show("markdown", &markdown);
    crate::show("text", &text);
    let mut hints = Vec::new();
    for _ in 0..u.int_in_range(0..=6).unwrap_or(0) {
        hints.push(HeadingHint {
            line: u.int_in_range(0..=60).unwrap_or(0),
            level: u.int_in_range(0..=9).unwrap_or(1),
        });
    }
    let document = draftlint::parse::parse_with(&text, &hints);
    for section in document.all_sections() {
        let span = section.span;
        if span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(format!("a section's span {span:?} is not in the text"));
        }
    }
    let source = if markdown {
        match input::load(text.as_bytes(), Format::Markdown, ReadOptions::default()) {
            Ok(loaded) => {
                // Reading drops a byte order mark at the start, and nothing else.
                if loaded.text.len() != text.strip_prefix('\u{feff}').unwrap_or(&text).len() {
                    return Err("Markdown reading changed the text's length".to_string());
                }
                Source::with_origin("p.md", loaded.text, loaded.origin)
            }
            Err(_) => return Ok(()),
        }
    } else {
        Source::new("p.txt", text.clone())
    };
    let len = source.text.len();
    let report = draftlint::check(source, &Settings::default());
    for d in &report.diagnostics {
        if d.span.end > len || d.span.start > d.span.end {
            return Err(format!(
                "{}: a finding's span {:?} is outside the text",
                d.rule, d.span
            ));
        }
    }
    let reports = [report];
    let _ = draftlint::render::text::render(&reports, &[], false);
    let _ = draftlint::render::json::render(&reports, &[]);
    let _ = draftlint::render::html::render(&reports, &[]);
    let pages = draftlint::render::html::page_names(&reports);
    let mut page = Vec::new();
    draftlint::render::html::write_report(&reports, 0, &pages, &mut page)
        .map_err(|e| format!("a report page was not written: {e}"))?;
    Ok(())
}
