//! Which sections carry which required part of the pack.

use crate::config::pack::Pack;
use crate::parse::{Document, Section};
use crate::source::{Source, Span};
use std::collections::HashMap;

/// How a part was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// A top-level heading names the part.
    Heading,
    /// An unnamed thematic top-level section before the later parts (measures).
    Fallback,
    /// A subsection heading names the part.
    Nested,
    /// A closing paragraph carries it ("下一步，我县将……").
    ClosingParagraph,
}

#[derive(Debug, Clone)]
pub struct Occurrence {
    pub part: usize,
    /// The section, or the paragraph.
    pub span: Span,
    /// The section's heading, when the part is a section.
    pub heading: Option<Span>,
    pub via: Via,
}

/// The parts found in a document, in document order.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub occurrences: Vec<Occurrence>,
    /// Part of each classified section, keyed by the start of its heading.
    pub section_parts: HashMap<usize, usize>,
}

impl Structure {
    pub fn of(source: &Source, doc: &Document, pack: &Pack) -> Structure {
        let mut structure = Structure::default();
        let named: Vec<Vec<usize>> = doc
            .sections
            .iter()
            .map(|s| pack.classify_heading_all(&s.heading.text))
            .collect();
        let mut top: Vec<Option<usize>> =
            named.iter().map(|parts| parts.first().copied()).collect();
        let mut via = vec![Via::Heading; top.len()];
        for (part_index, part) in pack.parts.iter().enumerate() {
            if part.fallback_before.is_empty() {
                continue;
            }
            let mut later_part_seen = false;
            for i in 0..top.len() {
                match top[i] {
                    Some(p) if part.fallback_before.contains(&p) => later_part_seen = true,
                    None if !later_part_seen => {
                        top[i] = Some(part_index);
                        via[i] = Via::Fallback;
                    }
                    _ => {}
                }
            }
        }
        for (i, section) in doc.sections.iter().enumerate() {
            if let Some(part) = top[i] {
                structure.add_section(section, part, via[i]);
            }
            for &also in named[i].iter().skip(1) {
                structure.add_section(section, also, Via::Heading);
            }
            for nested in section.walk().into_iter().skip(1) {
                if let Some(part) = pack.classify_nested_heading(&nested.heading.text)
                    && top[i] != Some(part)
                {
                    structure.add_section(nested, part, Via::Nested);
                }
            }
        }
        let after_last_heading = doc.all_sections().last().map_or(0, |s| s.heading.span.end);
        for (part_index, part) in pack.parts.iter().enumerate() {
            if part.closing_paragraphs.is_empty() || structure.has(part_index) {
                continue;
            }
            let closing = doc
                .paragraphs
                .iter()
                .filter(|p| p.start >= after_last_heading)
                .find(|p| {
                    part.closing_paragraphs
                        .iter()
                        .any(|re| re.is_match(source.slice(**p)))
                });
            if let Some(&span) = closing {
                structure.occurrences.push(Occurrence {
                    part: part_index,
                    span,
                    heading: None,
                    via: Via::ClosingParagraph,
                });
            }
        }
        structure.occurrences.sort_by_key(|o| o.span.start);
        structure
    }

    /// Record `section` as an occurrence of `part`; a section keeps the first part recorded for
    /// it as its own (a combined heading also carries its later parts).
    fn add_section(&mut self, section: &Section, part: usize, via: Via) {
        self.section_parts
            .entry(section.heading.span.start)
            .or_insert(part);
        self.occurrences.push(Occurrence {
            part,
            span: section.span,
            heading: Some(section.heading.span),
            via,
        });
    }

    pub fn has(&self, part: usize) -> bool {
        self.occurrences.iter().any(|o| o.part == part)
    }

    pub fn of_part(&self, part: usize) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(move |o| o.part == part)
    }

    pub fn part_of_section(&self, section: &Section) -> Option<usize> {
        self.section_parts.get(&section.heading.span.start).copied()
    }
}

/// How a required part stands in a document, for overviews of many reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    Present,
    /// There, but shorter than the pack's `min-chars`, or only a closing paragraph.
    Thin,
    Missing,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PartStatus {
    pub id: String,
    pub name: String,
    pub presence: Presence,
}

/// The presence of every required part of `pack`, in the pack's order.
pub fn part_statuses(source: &Source, pack: &Pack, structure: &Structure) -> Vec<PartStatus> {
    let mut order: Vec<usize> = pack.order.clone();
    for (i, part) in pack.parts.iter().enumerate() {
        if part.required && !order.contains(&i) {
            order.push(i);
        }
    }
    order
        .into_iter()
        .filter(|&i| pack.parts[i].required)
        .map(|i| {
            let part = &pack.parts[i];
            let occurrences: Vec<&Occurrence> = structure.of_part(i).collect();
            let chars: usize = occurrences
                .iter()
                .map(|o| {
                    let start = o.heading.map_or(o.span.start, |h| h.end.min(o.span.end));
                    crate::parse::text::content_chars_up_to(
                        &source.text[start..o.span.end],
                        part.min_chars,
                    )
                })
                .sum();
            let presence = if occurrences.is_empty() {
                Presence::Missing
            } else if chars < part.min_chars
                || occurrences.iter().all(|o| o.via == Via::ClosingParagraph)
            {
                Presence::Thin
            } else {
                Presence::Present
            };
            PartStatus {
                id: part.id.clone(),
                name: part.name.clone(),
                presence,
            }
        })
        .collect()
}
