//! The report's structure for the editor: document symbols (title, sections at every level with
//! the part each counts as, the 落款) and folding ranges per section.

use super::convert::{self, Encoding};
use crate::Analysis;
use crate::parse::Section;
use crate::source::{Source, Span};
use lsp_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind};

/// The outline of a checked document, in document order.
pub fn symbols(source: &Source, analysis: &Analysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let doc = &analysis.document;
    let mut out = Vec::new();
    if let Some(title) = &doc.title {
        out.push(symbol(
            source,
            encoding,
            source.as_written(title.span, &title.text).into_owned(),
            Some(format!("标题 · {}", analysis.pack.display_name)),
            SymbolKind::FILE,
            title.span,
            title.span,
            Vec::new(),
        ));
    }
    out.extend(
        doc.sections
            .iter()
            .map(|s| section(source, analysis, encoding, s)),
    );
    if let Some(signature) = &doc.signature {
        let span = Span::new(
            signature.body.map_or(signature.date.start, |b| b.start),
            signature.date.end,
        );
        out.push(symbol(
            source,
            encoding,
            "落款".to_string(),
            Some(source.slice(signature.date).trim().to_string()),
            SymbolKind::EVENT,
            span,
            signature.date,
            Vec::new(),
        ));
    }
    out
}

fn section(
    source: &Source,
    analysis: &Analysis,
    encoding: Encoding,
    section: &Section,
) -> DocumentSymbol {
    let heading = &section.heading;
    let marker = source.slice(heading.marker.span);
    let name = format!(
        "{marker}{}",
        source.as_written(heading.text_span, &heading.text)
    );
    let part = analysis
        .structure
        .section_parts
        .get(&heading.span.start)
        .and_then(|&p| analysis.pack.parts.get(p))
        .map(|p| format!("部分：{}", p.name));
    let children = section
        .children
        .iter()
        .map(|c| self::section(source, analysis, encoding, c))
        .collect();
    symbol(
        source,
        encoding,
        name,
        part,
        if section.depth == 1 {
            SymbolKind::NAMESPACE
        } else {
            SymbolKind::STRING
        },
        section.span,
        heading.span,
        children,
    )
}

#[allow(clippy::too_many_arguments)]
fn symbol(
    source: &Source,
    encoding: Encoding,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    // The name must not be empty (clients reject such symbols).
    let name = if name.trim().is_empty() {
        "（无标题）".to_string()
    } else {
        name
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: convert::range(source, span, encoding),
        selection_range: convert::range(source, selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

/// What the editor shows over a position: the findings there, each with its rule's summary
/// and basis, and for a heading the part of the pack it counts as. `None` when there is nothing.
pub fn hover(
    analysis: &Analysis,
    diagnostics: &[crate::Diagnostic],
    offset: usize,
) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for d in diagnostics.iter().filter(|d| {
        d.span.start <= offset
            && (offset < d.span.end || d.span.is_empty() && offset == d.span.start)
    }) {
        let mut text = format!(
            "**{}** `{}`：{}",
            crate::render::text::severity_label(d.severity),
            d.rule,
            d.message
        );
        if let Some(rule) = crate::rules::find(d.rule) {
            text.push_str(&format!("\n\n{}", rule.info().summary));
            if let Some(basis) = section_of(rule.info().explain, "## 为什么") {
                text.push_str(&format!("\n\n依据：{basis}"));
            }
        }
        parts.push(text);
    }
    if let Some(section) = analysis
        .document
        .all_sections()
        .into_iter()
        .find(|s| s.heading.span.start <= offset && offset <= s.heading.span.end)
    {
        let part = analysis
            .structure
            .section_parts
            .get(&section.heading.span.start)
            .and_then(|&p| analysis.pack.parts.get(p));
        parts.push(match part {
            Some(part) => format!(
                "这一节算作“{}”部分（规则包 {}）",
                part.name, analysis.pack.name
            ),
            None => format!("这一节不属于规则包 {} 的任何必备部分", analysis.pack.name),
        });
    }
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

/// The text of one `## ` section of a rule's explanation, joined into one paragraph.
fn section_of(explain: &str, heading: &str) -> Option<String> {
    let start = explain.find(heading)? + heading.len();
    let rest = &explain[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    let text: String = rest[..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!text.is_empty()).then_some(text)
}

/// A folding range for every section that spans more than its heading line.
pub fn folding(source: &Source, analysis: &Analysis) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    for section in analysis.document.all_sections() {
        let first = source.line_index.line_of(section.heading.span.start);
        let end = section.span.end.max(section.span.start);
        let last_offset = source.text[..end]
            .trim_end_matches(['\n', '\r', ' ', '\t', '\u{3000}'])
            .len();
        let last = source
            .line_index
            .line_of(last_offset.max(section.span.start));
        if last > first {
            out.push(FoldingRange {
                start_line: first as u32,
                start_character: None,
                end_line: last as u32,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(source.slice(section.heading.span).trim().to_string()),
            });
        }
    }
    out
}
