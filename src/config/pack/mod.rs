//! Rule packs: the checklist of one document kind, written in TOML and validated when loaded.

mod facts;
mod schema;
mod tables;

pub use facts::{Deadline, Level, PolicyName, StaleReference, StatisticsSpec, VaguePeriod};
pub use tables::{ArtifactKind, Tables, Term, WordPairs};

use super::error::ConfigError;
use super::literals::Phrases;
use super::pattern::Pattern;
use crate::numbers::Vocabulary;
use facts::read_facts;
use schema::PackFile;
use std::ops::Range;
use toml::Spanned;

/// A compiled rule pack.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub display_name: String,
    pub description: String,
    /// Where it came from: `builtin:NAME` or a path.
    pub origin: String,
    pub detect: Vec<Pattern>,
    /// What a report of the kind is about: recognises a document without a title.
    pub topic: Vec<Pattern>,
    pub detect_priority: i32,
    pub title: TitleSpec,
    pub signature_required: bool,
    pub min_section_chars: usize,
    pub parts: Vec<Part>,
    /// Indices into `parts`, in the order the parts should appear.
    pub order: Vec<usize>,
    /// Stock phrases, folded for comparison, that copy detection never counts.
    pub stock_phrases: Phrases,
    /// Words of the genre (加强, 推进, 工作), folded, that never make a plan item's key terms.
    pub common_words: Phrases,
    /// Units and fixed terms for reading numbers; `None` to use the default pack's.
    pub numbers: Option<Vocabulary>,
    /// Stock results claims that need a figure beside them.
    pub vague_claims: Vec<Pattern>,
    /// Indices of the parts checked for vague claims; empty for the whole body.
    pub vague_claim_parts: Vec<usize>,
    pub vague_periods: Vec<VaguePeriod>,
    /// The `term` of each of `vague_periods`, in the same order, searched for together.
    pub vague_period_terms: Phrases,
    pub statistics: StatisticsSpec,
    pub levels: Vec<Level>,
    pub deadlines: Vec<Deadline>,
    pub stale_references: Vec<StaleReference>,
    pub policy_names: Vec<PolicyName>,
    /// Tables of the typography and content-hygiene rules; read them through the accessors,
    /// which fall back to the default pack's table when this pack omits one.
    pub tables: Tables,
}

#[derive(Debug)]
pub struct TitleSpec {
    pub report_name: Pattern,
    pub report_name_hint: String,
    pub body: Pattern,
    pub require_year: bool,
}

#[derive(Debug)]
pub struct Part {
    pub id: String,
    pub name: String,
    pub required: bool,
    pub headings: Vec<Pattern>,
    pub nested_headings: Vec<Pattern>,
    pub closing_paragraphs: Vec<Pattern>,
    /// Unclassified top-level sections before any of these parts belong to this part.
    pub fallback_before: Vec<usize>,
    pub priority: i32,
    pub min_chars: usize,
    pub causes: Vec<Pattern>,
    pub content: Vec<ContentRequirement>,
    /// Quantitative facts every leaf subsection of this part must state (missing-statistics).
    pub min_figures: Option<usize>,
    /// The part reports the year's results (`reports-results`): figures are expected in it and
    /// its claims of success are judged.
    pub reports_results: bool,
}

#[derive(Debug)]
pub struct ContentRequirement {
    pub message: String,
    pub help: Option<String>,
    pub any: Vec<Pattern>,
    pub min: usize,
    pub figures: bool,
}

/// Phrases folded as copy detection folds text, searched for every occurrence.
fn folded_phrases(list: &[String]) -> Phrases {
    Phrases::overlapping(
        list.iter()
            .map(|p| crate::copies::fold_str(p))
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

impl Pack {
    /// Load and validate a pack from TOML text. `path` is how the file is named in errors.
    /// A user's pack is validated in full: every pattern compiled, every example classified.
    pub fn load(path: &str, text: &str, origin: &str) -> Result<Pack, ConfigError> {
        Pack::load_with(path, text, origin, true)
    }

    /// `full = false` is for the built-in packs, which the test suite validates in full: their
    /// patterns compile when first used and their examples are not re-run at every start.
    pub fn load_with(
        path: &str,
        text: &str,
        origin: &str,
        full: bool,
    ) -> Result<Pack, ConfigError> {
        let file: PackFile =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let err =
            |span: Range<usize>, message: String| ConfigError::new(path, text, Some(span), message);
        let compile = |pattern: &Spanned<String>| {
            Pattern::new(pattern.get_ref(), full).map_err(|m| err(pattern.span(), m))
        };
        let compile_all = |patterns: &[Spanned<String>]| {
            patterns.iter().map(compile).collect::<Result<Vec<_>, _>>()
        };

        let mut ids: Vec<&Spanned<String>> = Vec::new();
        for part in &file.parts {
            if ids.iter().any(|id| id.get_ref() == part.id.get_ref()) {
                return Err(err(
                    part.id.span(),
                    format!("部分 id “{}” 重复", part.id.get_ref()),
                ));
            }
            ids.push(&part.id);
        }
        let index_of = |id: &Spanned<String>| {
            ids.iter()
                .position(|known| known.get_ref() == id.get_ref())
                .ok_or_else(|| {
                    let known: Vec<&str> = ids.iter().map(|i| i.get_ref().as_str()).collect();
                    err(
                        id.span(),
                        format!(
                            "未定义的部分 “{}”；已定义：{}",
                            id.get_ref(),
                            known.join("、")
                        ),
                    )
                })
        };

        let mut parts = Vec::new();
        for part in &file.parts {
            if part.headings.is_empty() {
                return Err(err(
                    part.id.span(),
                    format!("部分 “{}” 没有任何 headings 模式", part.id.get_ref()),
                ));
            }
            let content = part
                .content
                .iter()
                .map(|c| {
                    Ok(ContentRequirement {
                        message: c.message.clone(),
                        help: c.help.clone(),
                        any: compile_all(&c.any)?,
                        min: c.min,
                        figures: c.figures,
                    })
                })
                .collect::<Result<Vec<_>, ConfigError>>()?;
            parts.push(Part {
                id: part.id.get_ref().clone(),
                name: part.name.clone(),
                required: part.required,
                headings: compile_all(&part.headings)?,
                nested_headings: compile_all(&part.nested_headings)?,
                closing_paragraphs: compile_all(&part.closing_paragraphs)?,
                fallback_before: part
                    .fallback_before
                    .iter()
                    .map(index_of)
                    .collect::<Result<_, _>>()?,
                priority: part.priority,
                min_chars: part.min_chars,
                causes: compile_all(&part.causes)?,
                content,
                // A part that reports results states figures: one per leaf unless the pack says.
                min_figures: part.min_figures.or(part.reports_results.then_some(1)),
                reports_results: part.reports_results,
            });
        }
        let order = file
            .order
            .iter()
            .map(index_of)
            .collect::<Result<Vec<_>, _>>()?;
        if file.detect.title.is_empty() {
            return Err(err(
                file.name.span(),
                "detect.title 至少需要一个模式".to_string(),
            ));
        }
        let mut facts = read_facts(&file, &err, &compile, &compile_all, &index_of)?;
        // vague-claim judges every part that reports results, besides those it names.
        for (index, part) in parts.iter().enumerate() {
            if part.reports_results && !facts.vague_claim_parts.contains(&index) {
                facts.vague_claim_parts.push(index);
            }
        }
        let tables = Tables::load(&file, full, &err, &compile_all)?;
        let pack = Pack {
            name: file.name.get_ref().clone(),
            display_name: file.display_name,
            description: file.description,
            origin: origin.to_string(),
            detect: compile_all(&file.detect.title)?,
            topic: compile_all(&file.detect.topic)?,
            detect_priority: file.detect.priority,
            title: TitleSpec {
                report_name: compile(&file.title.report_name)?,
                report_name_hint: file.title.report_name_hint,
                body: compile(&file.title.body)?,
                require_year: file.title.require_year,
            },
            signature_required: file.signature.required,
            min_section_chars: file.min_section_chars,
            parts,
            order,
            stock_phrases: folded_phrases(&file.copies.stock_phrases),
            common_words: folded_phrases(&file.copies.common_words),
            numbers: facts.numbers,
            vague_claims: facts.vague_claims,
            vague_claim_parts: facts.vague_claim_parts,
            // Every occurrence: a term inside another word (至今 in 截至今年) must not hide an
            // overlapping one (今年); the rule picks the longest of those that stand.
            vague_period_terms: Phrases::overlapping(
                facts.vague_periods.iter().map(|p| p.term.clone()).collect(),
            ),
            vague_periods: facts.vague_periods,
            statistics: facts.statistics,
            levels: facts.levels,
            deadlines: facts.deadlines,
            stale_references: facts.stale_references,
            policy_names: facts.policy_names,
            tables,
        };
        let examples = if full { file.examples.as_slice() } else { &[] };
        for example in examples {
            let expected = match &example.part {
                Some(id) => Some(pack.part_index(id).ok_or_else(|| {
                    err(
                        example.heading.span(),
                        format!("示例指向未定义的部分 “{id}”"),
                    )
                })?),
                None => None,
            };
            let got = pack.classify_heading(example.heading.get_ref());
            if got != expected {
                let name = |p: Option<usize>| {
                    p.map_or("（无）".to_string(), |i| pack.parts[i].id.clone())
                };
                return Err(err(
                    example.heading.span(),
                    format!(
                        "示例标题 “{}” 应归入 {}，实际归入 {}：请检查 headings 模式",
                        example.heading.get_ref(),
                        name(expected),
                        name(got)
                    ),
                ));
            }
        }
        Ok(pack)
    }

    /// Web and PDF debris kinds for `paste-artifact`.
    pub fn paste_artifacts(&self) -> &[ArtifactKind] {
        self.table(|t| t.paste_artifacts.as_deref())
    }

    /// Strings one of which every line that some `paste_artifacts` pattern matches contains
    /// (`None`: some pattern has no such strings, or there are no patterns).
    pub fn artifact_filter(&self) -> Option<&super::literals::LiteralSet> {
        self.tables
            .artifact_filter
            .get_or_init(|| {
                let mut strings = Vec::new();
                for pattern in self
                    .paste_artifacts()
                    .iter()
                    .flat_map(|k| k.lines.iter().chain(&k.near))
                {
                    strings.extend(pattern.required_strings()?);
                }
                super::literals::LiteralSet::new(&strings)
            })
            .as_ref()
    }

    /// Template leftovers for `placeholder`.
    pub fn placeholders(&self) -> &[Pattern] {
        self.table(|t| t.placeholders.as_deref())
    }

    /// 密级 markings for `secret-marking`.
    pub fn secret_markings(&self) -> &[Pattern] {
        self.table(|t| t.secret_markings.as_deref())
    }

    /// 请示 phrases for `request-in-report`.
    pub fn request_phrases(&self) -> &[Pattern] {
        self.table(|t| t.request_phrases.as_deref())
    }

    /// The substitution table of `nonstandard-term`.
    pub fn nonstandard_terms(&self) -> &[Term] {
        self.table(|t| t.nonstandard_terms.as_deref())
    }

    /// Two-character words for `glued-words`: this pack's, else the default pack's.
    pub fn overlapping_words(&self) -> &WordPairs {
        static NONE: std::sync::OnceLock<WordPairs> = std::sync::OnceLock::new();
        if let Some(words) = &self.tables.overlapping_words {
            return words;
        }
        super::packs::builtin_named_ref(super::packs::DEFAULT_PACK)
            .filter(|default| !std::ptr::eq(*default, self))
            .and_then(|default| default.tables.overlapping_words.as_ref())
            .unwrap_or_else(|| NONE.get_or_init(WordPairs::default))
    }

    /// The words the page stage knows site chrome by: this pack's, else the default pack's.
    pub fn page_vocabulary(&self) -> &crate::page::Vocabulary {
        static EMPTY: std::sync::OnceLock<crate::page::Vocabulary> = std::sync::OnceLock::new();
        if let Some(vocabulary) = &self.tables.page {
            return vocabulary;
        }
        super::packs::builtin_named_ref(super::packs::DEFAULT_PACK)
            .filter(|default| !std::ptr::eq(*default, self))
            .and_then(|default| default.tables.page.as_ref())
            .unwrap_or_else(|| {
                EMPTY.get_or_init(|| crate::page::Vocabulary::new(vec![], vec![], vec![], &[]))
            })
    }

    /// This pack's table, else the default pack's, else none.
    fn table<'a, T>(&'a self, get: impl Fn(&'a Tables) -> Option<&'a [T]>) -> &'a [T] {
        if let Some(table) = get(&self.tables) {
            return table;
        }
        match super::packs::builtin_named_ref(super::packs::DEFAULT_PACK) {
            Some(default) if !std::ptr::eq(default, self) => get(&default.tables).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub fn part_index(&self, id: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.id == id)
    }

    /// The part a top-level heading names: among parts with a matching pattern, the one with
    /// the highest priority, the earliest in the pack on a tie.
    pub fn classify_heading(&self, heading: &str) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, part) in self.parts.iter().enumerate() {
            if part.headings.iter().any(|re| re.is_match(heading))
                && best.is_none_or(|b| part.priority > self.parts[b].priority)
            {
                best = Some(i);
            }
        }
        best
    }

    /// Every part a top-level heading names: the part of the whole heading first, then the parts
    /// of its conjoined pieces ("存在的问题及下一步打算" is both the problems and the plan).
    pub fn classify_heading_all(&self, heading: &str) -> Vec<usize> {
        let mut parts: Vec<usize> = self.classify_heading(heading).into_iter().collect();
        let pieces: Vec<&str> = heading
            .split(['和', '及', '与', '暨', '、', '并'])
            .filter(|p| p.chars().count() >= 2)
            .collect();
        if pieces.len() > 1 {
            for piece in pieces {
                if let Some(part) = self.classify_heading(piece)
                    && !parts.contains(&part)
                {
                    parts.push(part);
                }
            }
        }
        parts
    }

    /// The part a nested heading names, for parts that may stand as a subsection.
    pub fn classify_nested_heading(&self, heading: &str) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.nested_headings.iter().any(|re| re.is_match(heading)))
    }

    /// The vocabulary for reading numbers: the pack's own, else the default pack's.
    pub fn vocabulary(&self) -> &Vocabulary {
        self.numbers
            .as_ref()
            .unwrap_or_else(|| Vocabulary::builtin())
    }

    /// Whether the title matches this pack's document kind.
    pub fn detects(&self, title: &str) -> bool {
        self.detect.iter().any(|re| re.is_match(title))
    }

    /// Whether a line of a document without a title says it is about this pack's subject.
    pub fn is_about(&self, line: &str) -> bool {
        self.detects(line) || self.topic.iter().any(|re| re.is_match(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
name = "t"
display-name = "测试"
order = ["a"]
[detect]
title = ["报告"]
[title]
report-name = "报告"
report-name-hint = "报告"
body = "政府"
[[parts]]
id = "a"
name = "甲"
headings = ["甲"]
"#;

    #[test]
    fn loads_a_minimal_pack() {
        let pack = Pack::load("t.toml", MINIMAL, "t.toml").unwrap();
        assert_eq!(pack.classify_heading("甲部分"), Some(0));
        assert_eq!(pack.classify_heading("乙"), None);
    }

    #[test]
    fn rejects_unknown_keys_with_a_span() {
        let text = MINIMAL.replace("name = \"甲\"", "name = \"甲\"\nheadline = [\"x\"]");
        let err = Pack::load("t.toml", &text, "t.toml").unwrap_err();
        assert!(err.message.contains("headline"), "{}", err.message);
        let span = err.span.unwrap();
        assert!(text[span].contains("headline"));
    }

    #[test]
    fn rejects_bad_and_never_matching_patterns() {
        for (bad, expect) in [
            ("甲(", "无效"),
            ("[^\\s\\S]", "永远不会"),
            ("\\b甲\\b", "单词边界"),
        ] {
            let text = MINIMAL.replace("headings = [\"甲\"]", &format!("headings = [{bad:?}]"));
            let err = Pack::load("t.toml", &text, "t.toml").unwrap_err();
            assert!(err.message.contains(expect), "{bad}: {}", err.message);
        }
    }

    #[test]
    fn typography_tables_load_and_fall_back_to_the_default_pack() {
        let pack = Pack::load("t.toml", MINIMAL, "t.toml").unwrap();
        assert!(pack.tables.placeholders.is_none());
        assert!(
            !pack.placeholders().is_empty(),
            "falls back to the default pack"
        );
        let text = format!(
            "placeholders = []\nrequest-phrases = ['^妥否']\n{MINIMAL}\n[[nonstandard-terms]]\nterm = '习总书记'\ncorrect = \"习近平总书记\"\n[[paste-artifacts]]\nname = \"页脚\"\nlines = ['ICP备']\n"
        );
        let pack = Pack::load("t.toml", &text, "t.toml").unwrap();
        assert!(pack.placeholders().is_empty());
        let request = &pack.request_phrases()[0];
        assert_eq!(request.find_all("甲\n妥否，请批示"), vec![4..10]);
        assert_eq!(pack.nonstandard_terms()[0].correct, "习近平总书记");
        assert_eq!(pack.paste_artifacts()[0].name, "页脚");
    }

    #[test]
    fn typography_tables_are_validated_with_spans() {
        for (table, bad, expect) in [
            ("placeholders = ['(']", "'('", "无效"),
            ("secret-markings = ['\\b密\\b']", "'\\b密\\b'", "单词边界"),
            (
                "[[nonstandard-terms]]\nterm = '截止'\ncorrect = \"截止日期\"",
                "\"截止日期\"",
                "本身也被模式",
            ),
            (
                "[[nonstandard-terms]]\nterm = '截止'\nfix = \"x\"",
                "fix",
                "未知的键",
            ),
        ] {
            let text = if table.starts_with("[[") {
                format!("{MINIMAL}\n{table}\n")
            } else {
                format!("{table}\n{MINIMAL}")
            };
            let err = Pack::load("t.toml", &text, "t.toml").unwrap_err();
            assert!(err.message.contains(expect), "{table}: {}", err.message);
            assert_eq!(&text[err.span.clone().unwrap()], bad, "{table}");
        }
    }

    #[test]
    fn examples_are_checked_when_loading() {
        let text = format!("{MINIMAL}\n[[examples]]\nheading = \"乙部分\"\npart = \"a\"\n");
        let err = Pack::load("t.toml", &text, "t.toml").unwrap_err();
        assert!(err.message.contains("乙部分"));
    }
}
