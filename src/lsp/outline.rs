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
