//! draftlint: checks a draft Chinese government report against its compliance checklist.
//!
//! The library does no I/O: give it a [`Source`] and the [`Settings`] for the file, get back a
//! [`FileReport`] with the findings.

pub mod baseline;
pub mod config;
pub mod copies;
pub mod diagnostic;
pub mod figures;
pub mod fix;
pub mod fold;
pub mod identity;
pub mod input;
pub mod lsp;
pub mod numbers;
pub mod numerals;
pub mod page;
pub mod parse;
pub mod previous;
pub mod prose;
pub mod recognise;
pub mod render;
pub mod review;
pub mod rules;
pub mod script;
pub mod source;
pub mod structure;
pub mod suggest;
pub mod suppress;
pub mod tiered;
pub mod year;

pub use config::Settings;
pub use diagnostic::{Diagnostic, Severity};
pub use source::{Source, Span};

use config::pack::Pack;
use config::packs;
use parse::Document;
use rayon::prelude::*;
use std::sync::Arc;
use structure::Structure;

/// A parsed document with the pack it is checked against.
pub struct Analysis {
    pub document: Document,
    pub pack: Arc<Pack>,
    /// The pack was chosen by the user, not detected.
    pub pack_chosen: bool,
    pub structure: Structure,
    pub report_year: Option<i32>,
    /// Where `report_year` came from.
    pub year_source: Option<year::YearSource>,
    /// Whether the document is a report a pack describes.
    pub recognition: recognise::Recognition,
}

/// Parse the document, choose its pack and find its parts.
pub fn analyse(source: &Source, settings: &Settings) -> Analysis {
    // The page stage reads chrome with the chosen pack's words, else the default pack's (the
    // pack is detected from the title, which the page stage finds).
    let document = match &settings.pack {
        Some(pack) => parse::parse_page(&source.text, &source.origin.headings, pack),
        None => parse::parse_with(&source.text, &source.origin.headings),
    };
    let (pack, pack_chosen) = match &settings.pack {
        Some(pack) => (pack.clone(), true),
        None => (detect_pack(&document), false),
    };
    let structure = Structure::of(source, &document, &pack);
    let recognition =
        recognise::recognise(source, &document, &structure, packs::builtin(), pack_chosen);
    let (report_year, year_source) = match settings.year {
        Some(year) => (Some(year), Some(year::YearSource::Config)),
        None => match year::infer_with_source(source, &document) {
            Some((year, from)) => (Some(year), Some(from)),
            None => (None, None),
        },
    };
    Analysis {
        document,
        pack,
        pack_chosen,
        structure,
        report_year,
        year_source,
        recognition,
    }
}

/// The built-in pack that fits the document's title, else the default pack.
pub fn detect_pack(document: &Document) -> Arc<Pack> {
    document
        .title
        .as_ref()
        .and_then(|t| packs::detect(&t.text, packs::builtin()))
        .unwrap_or_else(|| {
            packs::builtin_named(packs::DEFAULT_PACK).expect("the default pack is built in")
        })
}

/// The findings for one document.
pub struct FileReport {
    pub source: Source,
    /// The report's title as a reader reads it (one line, debris left out), when it has one.
    pub title: Option<String>,
    pub pack: Arc<Pack>,
    pub report_year: Option<i32>,
    pub diagnostics: Vec<Diagnostic>,
    pub fail_on: Severity,
    /// Each required part of the pack: present, thin or missing.
    pub parts: Vec<structure::PartStatus>,
    /// The paragraphs as a reader sees them (a sentence broken over lines is one), in order:
    /// what `--group paragraph` folds the findings of one rule by.
    pub paragraphs: Vec<Span>,
}

impl FileReport {
    /// Whether a finding reaches the failing severity.
    pub fn fails(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= self.fail_on)
    }
}

/// What the other documents of a run tell about one draft.
#[derive(Debug, Clone, Default)]
pub struct Compared {
    /// The passages [`copies::find_copies`] found copied into it.
    pub copies: Vec<copies::CopyMatch>,
    /// The same body's latest report of an earlier year among the reference documents
    /// ([`previous::earlier_reports`]).
    pub previous: Option<Arc<Source>>,
}

/// The rules that read the same body's earlier report.
pub const PREVIOUS_RULES: &[&str] = &[
    "carried-over-problems",
    "repeated-figures",
    "untaken-plan-items",
];

/// Check one document. Findings are sorted by position, then rule id.
pub fn check(source: Source, settings: &Settings) -> FileReport {
    check_with_copies(source, settings, &[])
}

/// Check one document, with the passages [`copies::find_copies`] found copied into it from the
/// other documents of the run.
pub fn check_with_copies(
    source: Source,
    settings: &Settings,
    copies: &[copies::CopyMatch],
) -> FileReport {
    let never = std::sync::atomic::AtomicBool::new(false);
    check_with(source, settings, copies, None, &never).expect("a check nobody can cancel finishes")
}

/// Check one document with what the other documents of the run tell about it.
pub fn check_compared(source: Source, settings: &Settings, compared: &Compared) -> FileReport {
    let never = std::sync::atomic::AtomicBool::new(false);
    check_compared_unless_cancelled(source, settings, compared, &never)
        .expect("a check nobody can cancel finishes")
}

/// [`check_compared`], given up (`None`) once `cancelled` is set: no rule starts after that,
/// so a check of a text that has changed since ends after the rules already running.
pub fn check_compared_unless_cancelled(
    source: Source,
    settings: &Settings,
    compared: &Compared,
    cancelled: &std::sync::atomic::AtomicBool,
) -> Option<FileReport> {
    check_with(
        source,
        settings,
        &compared.copies,
        compared.previous.as_ref(),
        cancelled,
    )
}

fn check_with(
    source: Source,
    settings: &Settings,
    copies: &[copies::CopyMatch],
    previous: Option<&Arc<Source>>,
    cancelled: &std::sync::atomic::AtomicBool,
) -> Option<FileReport> {
    use std::sync::atomic::Ordering;
    let analysis = analyse(&source, settings);
    if cancelled.load(Ordering::Relaxed) {
        return None;
    }
    let previous = previous
        .filter(|_| PREVIOUS_RULES.iter().any(|id| settings.runs(id)))
        .and_then(|p| previous::PreviousReport::analyse(p.clone(), &analysis.pack));
    let cx = rules::Context {
        source: &source,
        doc: &analysis.document,
        pack: &analysis.pack,
        structure: &analysis.structure,
        report_year: analysis.report_year,
        year_source: analysis.year_source,
        pack_chosen: analysis.pack_chosen,
        recognition: analysis.recognition,
        packs: packs::builtin(),
        copies,
        previous: previous.as_ref(),
        shared: rules::Shared::default(),
    };
    // Rules are independent: run them in parallel, which also spreads the first-use compiling
    // of their patterns over the cores when a single document is checked. A document that is
    // not recognised as a report gets only the remark that says so.
    let is_report = analysis.recognition.is_report();
    let by_rule: Vec<Vec<Diagnostic>> = rules::all()
        .par_iter()
        .filter(|rule| is_report || rule.info().id == rules::DOCUMENT_KIND)
        .map(|rule| {
            let Some(severity) = settings.level(*rule) else {
                return Vec::new();
            };
            if cancelled.load(Ordering::Relaxed) {
                return Vec::new();
            }
            let mut found = rule.check(&cx, &settings.options(rule.info().id));
            for diagnostic in &mut found {
                diagnostic.severity = if diagnostic.remark {
                    Severity::Info
                } else {
                    severity
                };
            }
            found
        })
        .collect();
    if cancelled.load(Ordering::Relaxed) {
        return None;
    }
    let paragraphs = cx.prose().paragraphs();
    let mut diagnostics = Vec::with_capacity(by_rule.iter().map(Vec::len).sum());
    for found in by_rule {
        diagnostics.extend(found);
    }
    fold::fold(&mut diagnostics);
    fix::drop_unsafe_fixes(&source, &mut diagnostics);
    let unused = rules::find(suppress::RULE_ID)
        .filter(|_| is_report)
        .and_then(|rule| settings.level(rule));
    let ran = |id: &str| settings.runs(id);
    suppress::apply(&source, &ran, unused, &mut diagnostics);
    if source.origin.folded {
        for d in &mut diagnostics {
            if let Some(message) = source.unfold_quotes(&d.message, d.span.start) {
                d.message = message.into();
            }
            if let Some(label) = source.unfold_quotes(&d.label, d.span.start) {
                d.label = label.into();
            }
        }
    }
    if let Some(hint) = fix::fix_hint_for(source.origin.format) {
        fix::reword_fix_hints(&mut diagnostics, hint);
    }
    let mut diagnostics = in_text_order(diagnostics);
    if let Some(min) = settings.min_severity {
        diagnostics.retain(|d| d.severity >= min);
    }
    let parts = structure::part_statuses(&source, &analysis.pack, &analysis.structure);
    let report_year = analysis.report_year;
    let title = analysis.document.title.as_ref().map(|t| t.text.clone());
    let pack = analysis.pack;
    Some(FileReport {
        source,
        title,
        pack,
        report_year,
        diagnostics,
        fail_on: settings.fail_on(),
        parts,
        paragraphs,
    })
}

/// Findings ordered by where they start, then end, then rule (stable). The order is worked out
/// on small keys and each finding moved once: findings are large, and a run can have hundreds
/// of thousands.
fn in_text_order(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut order: Vec<(usize, usize, &'static str, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| (d.span.start, d.span.end, d.rule, i))
        .collect();
    order.sort_unstable();
    // Put the finding that belongs at each place there by following the permutation's cycles:
    // every finding moves once, and no second vector of findings is ever held.
    let mut source_of: Vec<usize> = order.into_iter().map(|(.., i)| i).collect();
    for start in 0..source_of.len() {
        let mut at = start;
        while source_of[at] != start {
            let from = source_of[at];
            diagnostics.swap(at, from);
            source_of[at] = at;
            at = from;
        }
        source_of[at] = at;
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn findings_are_put_in_text_order_stably() {
        let starts = [9, 3, 7, 3, 0, 12, 7, 1, 5, 3];
        let found: Vec<Diagnostic> = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| Diagnostic::new("x", Span::new(s, s + 1), i.to_string()))
            .collect();
        let ordered = in_text_order(found);
        let got: Vec<(usize, String)> = ordered
            .iter()
            .map(|d| (d.span.start, d.message.to_string()))
            .collect();
        let mut expected: Vec<(usize, String)> = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, i.to_string()))
            .collect();
        expected.sort_by_key(|(s, _)| *s);
        assert_eq!(got, expected);
    }

    #[test]
    fn a_cancelled_check_gives_up_and_an_uncancelled_one_finishes() {
        let text =
            "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n我们加强了领导,完善了制度。\n";
        let settings = Settings::default();
        let check = |cancelled: bool| {
            let flag = AtomicBool::new(cancelled);
            check_compared_unless_cancelled(
                Source::new("a.txt", text.to_string()),
                &settings,
                &Compared::default(),
                &flag,
            )
        };
        assert!(check(true).is_none());
        assert!(!check(false).expect("finished").diagnostics.is_empty());
    }
}
