//! The rules. One file per rule; [`all`] lists them.

use crate::config::pack::Pack;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::Document;
use crate::source::Source;
use crate::structure::Structure;
use std::sync::Arc;

/// The id of the rule that says what kind of document a file is: the only rule that runs on a
/// document not recognised as a report.
pub const DOCUMENT_KIND: &str = "document-kind";

/// What a rule is, as `rules` and `explain` print it.
pub struct RuleInfo {
    /// Stable kebab-case id used in config, JSON and SARIF.
    pub id: &'static str,
    pub severity: Severity,
    /// One line, Chinese.
    pub summary: &'static str,
    /// The full documentation: what it checks, why, a bad and a good example, configuration.
    pub explain: &'static str,
    /// Options the rule reads from `[rules.<id>]` besides `severity`.
    pub options: &'static [OptionSpec],
}

pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    Integer,
    Bool,
    /// A non-negative number, integer or decimal.
    Number,
    /// One of the listed strings.
    Choice(&'static [&'static str]),
}

impl OptionKind {
    pub fn accepts(self, value: &toml::Value) -> bool {
        match self {
            OptionKind::Integer => value.as_integer().is_some_and(|v| v >= 0),
            OptionKind::Bool => value.is_bool(),
            OptionKind::Number => value
                .as_float()
                .or_else(|| value.as_integer().map(|v| v as f64))
                .is_some_and(|v| v >= 0.0),
            OptionKind::Choice(allowed) => value.as_str().is_some_and(|v| allowed.contains(&v)),
        }
    }

    pub fn describe(self) -> String {
        match self {
            OptionKind::Integer => "非负整数".to_string(),
            OptionKind::Bool => "true 或 false".to_string(),
            OptionKind::Number => "非负数（如 0.5）".to_string(),
            OptionKind::Choice(allowed) => {
                allowed
                    .iter()
                    .map(|a| format!("“{a}”"))
                    .collect::<Vec<_>>()
                    .join("、")
                    .to_string()
                    + " 之一"
            }
        }
    }
}

/// Options a user set for one rule, already validated against its [`OptionSpec`]s.
#[derive(Debug, Clone, Default)]
pub struct Options(pub toml::Table);

impl Options {
    pub fn integer(&self, name: &str, default: usize) -> usize {
        self.0
            .get(name)
            .and_then(toml::Value::as_integer)
            .map_or(default, |v| v.max(0) as usize)
    }

    pub fn number(&self, name: &str, default: f64) -> f64 {
        self.0
            .get(name)
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .map_or(default, |v| v.max(0.0))
    }

    pub fn string(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(toml::Value::as_str)
    }

    pub fn bool(&self, name: &str, default: bool) -> bool {
        self.0
            .get(name)
            .and_then(toml::Value::as_bool)
            .unwrap_or(default)
    }
}

/// Everything a rule may look at for one document.
pub struct Context<'a> {
    pub source: &'a Source,
    pub doc: &'a Document,
    pub pack: &'a Pack,
    pub structure: &'a Structure,
    pub report_year: Option<i32>,
    /// Where the reporting year came from.
    pub year_source: Option<crate::year::YearSource>,
    /// The pack was chosen by the user rather than detected from the document.
    pub pack_chosen: bool,
    /// Whether the document is a report a pack describes, and how that was seen.
    pub recognition: crate::recognise::Recognition,
    /// Every pack known to the run, for telling the document's kind.
    pub packs: &'a [Arc<Pack>],
    /// Passages of this document found in other documents of the run.
    pub copies: &'a [crate::copies::CopyMatch],
    /// The same body's report for an earlier year, when the reference documents hold one.
    pub previous: Option<&'a crate::previous::PreviousReport>,
    /// What several rules derive from the document, worked out once.
    pub shared: Shared<'a>,
}

/// Per-document analyses that more than one rule needs, made by the first rule to ask.
#[derive(Default)]
pub struct Shared<'a> {
    prose: std::sync::OnceLock<crate::prose::Prose<'a>>,
    quantities: std::sync::OnceLock<Vec<Vec<crate::numbers::Quantity>>>,
}

impl<'a> Context<'a> {
    /// The running text with web and PDF debris and what is not prose marked.
    pub fn prose(&self) -> &crate::prose::Prose<'a> {
        self.shared.prose.get_or_init(|| {
            crate::prose::Prose::new(&self.source.text, self.doc, self.source.verbatim())
        })
    }

    /// The quantities of each paragraph (`doc.paragraphs`, same order), spans absolute.
    pub fn paragraph_quantities(&self) -> &[Vec<crate::numbers::Quantity>] {
        self.shared.quantities.get_or_init(|| {
            let vocabulary = self.pack.vocabulary();
            self.doc
                .paragraphs
                .iter()
                .map(|p| crate::numbers::extract_in(&self.source.text, *p, vocabulary))
                .collect()
        })
    }
}

pub trait Rule: Sync + Send {
    fn info(&self) -> &'static RuleInfo;
    /// Findings with severity left to the caller, which applies the configured one.
    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic>;
}

macro_rules! registry {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(mod $module;)*

        /// Every rule, in catalogue order.
        pub fn all() -> &'static [&'static dyn Rule] {
            &[$(&$module::$rule),*]
        }
    };
}

registry! {
    missing_title::MissingTitle,
    title_format::TitleFormat,
    missing_section::MissingSection,
    section_order::SectionOrder,
    empty_section::EmptySection,
    heading_numbering::HeadingNumbering,
    enumeration_sequence::EnumerationSequence,
    missing_signature::MissingSignature,
    date_format::DateFormat,
    document_kind::DocumentKind,
    problems_without_causes::ProblemsWithoutCauses,
    section_content::SectionContent,
    duplicate_text::DuplicateText,
    copied_text::CopiedText,
    carried_over_problems::CarriedOverProblems,
    repeated_figures::RepeatedFigures,
    untaken_plan_items::UntakenPlanItems,
    missing_statistics::MissingStatistics,
    vague_claim::VagueClaim,
    stats_inconsistent::StatsInconsistent,
    approximate_number::ApproximateNumber,
    vague_period::VaguePeriod,
    date_inconsistent::DateInconsistent,
    deadline::Deadline,
    stale_reference::StaleReference,
    policy_name::PolicyName,
    suppression::Suppression,
    secret_marking::SecretMarking,
    request_in_report::RequestInReport,
    placeholder::Placeholder,
    nonstandard_term::NonstandardTerm,
    paste_artifact::PasteArtifact,
    hard_wrap::HardWrap,
    punctuation_width::PunctuationWidth,
    enumeration_comma::EnumerationComma,
    year_range::YearRange,
    cjk_spacing::CjkSpacing,
    bracket_pairing::BracketPairing,
    list_marker::ListMarker,
    repeated_word::RepeatedWord,
    glued_words::GluedWords,
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.info().id == id)
}

/// Ids of every rule, for messages.
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|r| r.info().id).collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Run one rule over a text, as the rule tests do.
    use super::*;
    use crate::config::packs;

    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        run_with(rule, text, None)
    }

    pub fn run_with(rule: &dyn Rule, text: &str, pack: Option<&str>) -> Vec<Diagnostic> {
        let pack = match pack {
            Some(name) => packs::builtin_named(name).expect("known pack"),
            None => crate::parse::parse(text)
                .title
                .and_then(|t| packs::detect(&t.text, packs::builtin()))
                .unwrap_or_else(|| packs::builtin_named(packs::DEFAULT_PACK).unwrap()),
        };
        run_under(rule, text, &pack)
    }

    /// Run `rule` over a Markdown text, read as `check` reads a .md file.
    pub fn run_markdown(rule: &dyn Rule, markdown: &str) -> Vec<Diagnostic> {
        let loaded = crate::input::load(
            markdown.as_bytes(),
            crate::source::Format::Markdown,
            crate::input::ReadOptions::default(),
        )
        .expect("readable Markdown");
        let source = Source::with_origin("test.md", loaded.text, loaded.origin);
        let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
        run_source(rule, &source, &pack)
    }

    /// Run `rule` under a pack of the test's own making.
    pub fn run_under(rule: &dyn Rule, text: &str, pack: &Pack) -> Vec<Diagnostic> {
        run_source(rule, &Source::new("test.txt", text), pack)
    }

    fn run_source(rule: &dyn Rule, source: &Source, pack: &Pack) -> Vec<Diagnostic> {
        run_compared(rule, source, pack, None)
    }

    /// Run `rule` over `text` with `previous` as the same body's report of an earlier year.
    pub fn run_with_previous(rule: &dyn Rule, text: &str, previous: &str) -> Vec<Diagnostic> {
        let source = Source::new("test.txt", text);
        let pack = crate::detect_pack(&crate::parse::parse(text));
        let previous = crate::previous::PreviousReport::analyse(
            Arc::new(Source::new("last.txt", previous)),
            &pack,
        );
        run_compared(rule, &source, &pack, previous.as_ref())
    }

    fn run_compared(
        rule: &dyn Rule,
        source: &Source,
        pack: &Pack,
        previous: Option<&crate::previous::PreviousReport>,
    ) -> Vec<Diagnostic> {
        let doc = crate::parse::parse_with(&source.text, &source.origin.headings);
        let structure = Structure::of(source, &doc, pack);
        let cx = Context {
            source,
            doc: &doc,
            pack,
            structure: &structure,
            report_year: crate::year::infer(source, &doc),
            year_source: crate::year::infer_with_source(source, &doc).map(|(_, s)| s),
            pack_chosen: true,
            recognition: crate::recognise::Recognition::Chosen,
            packs: packs::builtin(),
            copies: &[],
            previous,
            shared: Shared::default(),
        };
        rule.check(&cx, &Options::default())
    }

    /// The text each finding points at.
    pub fn flagged(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| text[d.span.range()].to_string())
            .collect()
    }
}
