//! `draftlint outline`: the parsed structure, as text or JSON.

use crate::Analysis;
use crate::parse::Section;
use crate::source::{Source, Span};
use serde_json::{Value, json};
use std::fmt::Write;

fn part_id(analysis: &Analysis, section: &Section) -> Option<String> {
    analysis
        .structure
        .part_of_section(section)
        .map(|p| analysis.pack.parts[p].id.clone())
}

/// Where debris stands inside the report's lines: the outline names titles and headings without it.
fn inline_debris(doc: &crate::parse::Document) -> Vec<Span> {
    doc.inline_debris.iter().map(|d| d.span).collect()
}

fn section_json(source: &Source, analysis: &Analysis, debris: &[Span], section: &Section) -> Value {
    let heading = &section.heading;
    json!({
        "level": section.depth,
        "marker": source.slice(heading.marker.span).trim(),
        "number": heading.marker.number,
        "heading": source.as_written_except(heading.text_span, &heading.text, debris),
        "part": part_id(analysis, section),
        "line": heading.line + 1,
        "span": { "start": section.span.start, "end": section.span.end },
        "children": section.children.iter().map(|c| section_json(source, analysis, debris, c)).collect::<Vec<_>>(),
    })
}

pub fn render_json(source: &Source, analysis: &Analysis) -> String {
    let doc = &analysis.document;
    let debris = inline_debris(doc);
    let signature = doc.signature.as_ref().map(|s| {
        json!({
            "body": s.body.map(|b| source.slice(b).to_string()),
            "date": source.slice(s.date),
            "line": source.position(s.date.start).line + 1,
        })
    });
    let closing: Vec<Value> = analysis
        .structure
        .occurrences
        .iter()
        .filter(|o| o.via == crate::structure::Via::ClosingParagraph)
        .map(|o| json!({ "part": analysis.pack.parts[o.part].id, "line": source.position(o.span.start).line + 1 }))
        .collect();
    let value = json!({
        "title": doc.title.as_ref().map(|t| source.as_written_except(t.span, &t.text, &debris)),
        "kind": analysis.pack.name,
        "report_year": analysis.report_year,
        "sections": doc.sections.iter().map(|s| section_json(source, analysis, &debris, s)).collect::<Vec<_>>(),
        "closing_paragraphs": closing,
        "signature": signature,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialise");
    text.push('\n');
    text
}

pub fn render_text(source: &Source, analysis: &Analysis) -> String {
    let doc = &analysis.document;
    let debris = inline_debris(doc);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "标题：{}",
        doc.title.as_ref().map_or("（无）".into(), |t| source
            .as_written_except(t.span, &t.text, &debris))
    );
    let _ = writeln!(
        out,
        "类型：{}（{}）",
        analysis.pack.display_name, analysis.pack.name
    );
    let _ = writeln!(
        out,
        "年度：{}",
        analysis
            .report_year
            .map_or("（未知）".to_string(), |y| y.to_string())
    );
    for section in doc.all_sections() {
        let indent = "  ".repeat(section.depth - 1);
        let part = part_id(analysis, section)
            .map(|p| format!("  [{p}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>4}  {indent}{}{}{part}",
            section.heading.line + 1,
            source.slice(section.heading.marker.span).trim(),
            source.as_written_except(section.heading.text_span, &section.heading.text, &debris)
        );
    }
    for occurrence in &analysis.structure.occurrences {
        if occurrence.via == crate::structure::Via::ClosingParagraph {
            let _ = writeln!(
                out,
                "{:>4}  （结尾段落）  [{}]",
                source.position(occurrence.span.start).line + 1,
                analysis.pack.parts[occurrence.part].id
            );
        }
    }
    match &doc.signature {
        Some(s) => {
            let body = s.body.map_or("（无发文机关）", |b| source.slice(b));
            let _ = writeln!(out, "落款：{body} {}", source.slice(s.date));
        }
        None => {
            let _ = writeln!(out, "落款：（无）");
        }
    }
    out
}
