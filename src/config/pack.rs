//! Rule packs: the checklist of one document kind, written in TOML and validated when loaded.

use super::error::ConfigError;
use super::literals::Phrases;
use super::pattern::Pattern;
use crate::numbers::Vocabulary;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PackFile {
    name: Spanned<String>,
    display_name: String,
    #[serde(default)]
    description: String,
    detect: DetectFile,
    title: TitleFile,
    #[serde(default)]
    signature: SignatureFile,
    #[serde(default)]
    min_section_chars: usize,
    order: Vec<Spanned<String>>,
    parts: Vec<PartFile>,
    #[serde(default)]
    examples: Vec<ExampleFile>,
    #[serde(default)]
    numbers: Option<NumbersFile>,
    #[serde(default)]
    vague_claim: VagueClaimFile,
    #[serde(default)]
    vague_periods: Vec<VaguePeriodFile>,
    #[serde(default)]
    statistics: StatisticsFile,
    #[serde(default)]
    levels: Vec<LevelFile>,
    #[serde(default)]
    deadlines: Vec<DeadlineFile>,
    #[serde(default)]
    stale_references: Vec<StaleReferenceFile>,
    #[serde(default)]
    policy_names: Vec<PolicyNameFile>,
    #[serde(default)]
    copies: CopiesFile,
    // Data tables of the typography and content-hygiene rules. A pack that omits a table uses
    // the default pack's; an empty list switches the check off.
    #[serde(default)]
    paste_artifacts: Option<Vec<ArtifactFile>>,
    #[serde(default)]
    placeholders: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    secret_markings: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    request_phrases: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    nonstandard_terms: Option<Vec<TermFile>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CopiesFile {
    /// Phrases of the genre that duplicate-text and copied-text never count.
    #[serde(default)]
    stock_phrases: Vec<String>,
}

/// `[numbers]`: what the number reader needs to know (see `crate::numbers`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct NumbersFile {
    units: Vec<String>,
    #[serde(default)]
    duration_units: Vec<String>,
    #[serde(default)]
    fixed_terms: Vec<String>,
}

/// `[vague-claim]`: stock results claims (取得明显成效) that need a figure beside them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct VagueClaimFile {
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    /// Parts whose paragraphs are checked; empty for the whole body.
    #[serde(default)]
    parts: Vec<Spanned<String>>,
}

/// `[[vague-periods]]`: 今年以来 where the reporting year belongs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct VaguePeriodFile {
    term: Spanned<String>,
    /// The year the term means, relative to the reporting year (去年 = -1).
    #[serde(default)]
    year_offset: i32,
    /// What to write instead; `{year}` is replaced by the year meant.
    suggestion: Spanned<String>,
}

/// `[statistics]`: words the consistency checks read.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StatisticsFile {
    /// Words that claim every item was handled (全部, 均已).
    #[serde(default)]
    all_words: Vec<Spanned<String>>,
    /// Rate names that may exceed 100 % (增长率, 同比).
    #[serde(default)]
    unbounded_rates: Vec<Spanned<String>>,
    /// Words of finishing (办结, 解决, 化解): 全部 and a rate contradict only when both speak of it.
    #[serde(default)]
    completion_words: Vec<Spanned<String>>,
    /// Percentage points a stated rate may differ from the counts beside it.
    #[serde(default)]
    rate_tolerance: Option<f64>,
}

/// `[[levels]]`: the kinds of reporting body, told apart by the body's name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LevelFile {
    id: Spanned<String>,
    name: String,
    body: Vec<Spanned<String>>,
}

/// `[[deadlines]]`: when a level must file, for a range of reporting years.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DeadlineFile {
    levels: Vec<Spanned<String>>,
    month: Spanned<u32>,
    day: Spanned<u32>,
    #[serde(default)]
    from_year: Option<i32>,
    #[serde(default)]
    until_year: Option<i32>,
    source: String,
}

/// `[[stale-references]]`: a reference current only for some reporting years.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StaleReferenceFile {
    name: String,
    pattern: Spanned<String>,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    until: Option<i32>,
    #[serde(default)]
    replacement: Option<String>,
    note: String,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
}

/// `[[policy-names]]`: the canonical title of a policy document, without 书名号.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PolicyNameFile {
    name: Spanned<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ArtifactFile {
    name: Spanned<String>,
    /// A line matching one of these is debris on its own.
    lines: Vec<Spanned<String>>,
    /// A line matching one of these is debris only next to other debris.
    #[serde(default)]
    near: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TermFile {
    term: Spanned<String>,
    correct: Spanned<String>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DetectFile {
    title: Vec<Spanned<String>>,
    #[serde(default)]
    priority: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TitleFile {
    report_name: Spanned<String>,
    report_name_hint: String,
    body: Spanned<String>,
    #[serde(default = "yes")]
    require_year: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SignatureFile {
    #[serde(default = "yes")]
    required: bool,
}

impl Default for SignatureFile {
    fn default() -> Self {
        SignatureFile { required: true }
    }
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PartFile {
    id: Spanned<String>,
    name: String,
    #[serde(default = "yes")]
    required: bool,
    headings: Vec<Spanned<String>>,
    #[serde(default)]
    nested_headings: Vec<Spanned<String>>,
    #[serde(default)]
    closing_paragraphs: Vec<Spanned<String>>,
    #[serde(default)]
    fallback_before: Vec<Spanned<String>>,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    min_chars: usize,
    #[serde(default)]
    causes: Vec<Spanned<String>>,
    #[serde(default)]
    content: Vec<ContentFile>,
    #[serde(default)]
    min_figures: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContentFile {
    message: String,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default = "one")]
    min: usize,
    #[serde(default)]
    figures: bool,
    #[serde(default)]
    help: Option<String>,
}

fn one() -> usize {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ExampleFile {
    heading: Spanned<String>,
    /// The part the heading must be classified as; absent for none.
    #[serde(default)]
    part: Option<String>,
}

/// A compiled rule pack.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub display_name: String,
    pub description: String,
    /// Where it came from: `builtin:NAME` or a path.
    pub origin: String,
    pub detect: Vec<Pattern>,
    pub detect_priority: i32,
    pub title: TitleSpec,
    pub signature_required: bool,
    pub min_section_chars: usize,
    pub parts: Vec<Part>,
    /// Indices into `parts`, in the order the parts should appear.
    pub order: Vec<usize>,
    /// Stock phrases, folded for comparison, that copy detection never counts.
    pub stock_phrases: Phrases,
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
pub struct VaguePeriod {
    pub term: String,
    pub year_offset: i32,
    pub suggestion: String,
}

#[derive(Debug, Default)]
pub struct StatisticsSpec {
    pub all_words: Vec<Pattern>,
    pub unbounded_rates: Vec<Pattern>,
    pub completion_words: Vec<Pattern>,
    pub rate_tolerance: Option<f64>,
}

#[derive(Debug)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub body: Vec<Pattern>,
}

#[derive(Debug)]
pub struct Deadline {
    /// Indices into `levels`.
    pub levels: Vec<usize>,
    pub month: u32,
    pub day: u32,
    pub from_year: Option<i32>,
    pub until_year: Option<i32>,
    pub source: String,
}

#[derive(Debug)]
pub struct StaleReference {
    pub name: String,
    pub pattern: Pattern,
    /// First reporting year the reference may be cited for.
    pub from: Option<i32>,
    /// Last reporting year it is current for.
    pub until: Option<i32>,
    pub replacement: Option<String>,
    pub note: String,
    /// Context in the same sentence that shows the mention is historical.
    pub unless: Vec<Pattern>,
}

#[derive(Debug)]
pub struct PolicyName {
    pub name: String,
    pub note: Option<String>,
}

/// Data tables of the typography and content-hygiene rules; `None` when the pack omits one.
/// Phrase patterns are compiled in multi-line mode: `^` and `$` match at line boundaries.
#[derive(Debug, Default)]
pub struct Tables {
    pub paste_artifacts: Option<Vec<ArtifactKind>>,
    pub placeholders: Option<Vec<Pattern>>,
    pub secret_markings: Option<Vec<Pattern>>,
    pub request_phrases: Option<Vec<Pattern>>,
    pub nonstandard_terms: Option<Vec<Term>>,
    /// All artifact patterns in one regex, to skip the lines that match none at once.
    artifact_filter: std::sync::OnceLock<Option<super::literals::LiteralSet>>,
}

/// One kind of web or PDF debris (breadcrumb, footer, metadata table …), matched per line.
#[derive(Debug)]
pub struct ArtifactKind {
    pub name: String,
    pub lines: Vec<Pattern>,
    pub near: Vec<Pattern>,
}

/// A non-standard term and its standard form.
#[derive(Debug)]
pub struct Term {
    pub term: Pattern,
    pub correct: String,
    pub reason: Option<String>,
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
}

#[derive(Debug)]
pub struct ContentRequirement {
    pub message: String,
    pub help: Option<String>,
    pub any: Vec<Pattern>,
    pub min: usize,
    pub figures: bool,
}

/// The data tables the facts-and-figures rules read.
struct Facts {
    numbers: Option<Vocabulary>,
    vague_claims: Vec<Pattern>,
    vague_claim_parts: Vec<usize>,
    vague_periods: Vec<VaguePeriod>,
    statistics: StatisticsSpec,
    levels: Vec<Level>,
    deadlines: Vec<Deadline>,
    stale_references: Vec<StaleReference>,
    policy_names: Vec<PolicyName>,
}

fn read_facts(
    file: &PackFile,
    err: &impl Fn(Range<usize>, String) -> ConfigError,
    compile: &impl Fn(&Spanned<String>) -> Result<Pattern, ConfigError>,
    compile_all: &impl Fn(&[Spanned<String>]) -> Result<Vec<Pattern>, ConfigError>,
    part_index: &impl Fn(&Spanned<String>) -> Result<usize, ConfigError>,
) -> Result<Facts, ConfigError> {
    let vague_claim_parts = file
        .vague_claim
        .parts
        .iter()
        .map(part_index)
        .collect::<Result<Vec<_>, _>>()?;
    let numbers = file.numbers.as_ref().map(|n| {
        Vocabulary::new(
            n.units.clone(),
            n.duration_units.clone(),
            n.fixed_terms.clone(),
        )
    });
    let mut vague_periods = Vec::new();
    for period in &file.vague_periods {
        if period.term.get_ref().is_empty() {
            return Err(err(period.term.span(), "term 不能为空".to_string()));
        }
        if !period.suggestion.get_ref().contains("{year}") {
            return Err(err(
                period.suggestion.span(),
                "suggestion 应包含 {year}，用来填入所指的年份".to_string(),
            ));
        }
        vague_periods.push(VaguePeriod {
            term: period.term.get_ref().clone(),
            year_offset: period.year_offset,
            suggestion: period.suggestion.get_ref().clone(),
        });
    }
    let statistics = StatisticsSpec {
        all_words: compile_all(&file.statistics.all_words)?,
        unbounded_rates: compile_all(&file.statistics.unbounded_rates)?,
        completion_words: compile_all(&file.statistics.completion_words)?,
        rate_tolerance: file.statistics.rate_tolerance,
    };
    let mut levels: Vec<Level> = Vec::new();
    for level in &file.levels {
        if levels.iter().any(|l| &l.id == level.id.get_ref()) {
            return Err(err(
                level.id.span(),
                format!("层级 id “{}” 重复", level.id.get_ref()),
            ));
        }
        levels.push(Level {
            id: level.id.get_ref().clone(),
            name: level.name.clone(),
            body: compile_all(&level.body)?,
        });
    }
    let mut deadlines = Vec::new();
    for deadline in &file.deadlines {
        let mut indices = Vec::new();
        for id in &deadline.levels {
            let index = levels
                .iter()
                .position(|l| &l.id == id.get_ref())
                .ok_or_else(|| {
                    let known: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
                    err(
                        id.span(),
                        format!(
                            "未定义的层级 “{}”；已定义：{}",
                            id.get_ref(),
                            known.join("、")
                        ),
                    )
                })?;
            indices.push(index);
        }
        if !(1..=12).contains(deadline.month.get_ref()) {
            return Err(err(
                deadline.month.span(),
                "月份应在 1 到 12 之间".to_string(),
            ));
        }
        if !(1..=31).contains(deadline.day.get_ref()) {
            return Err(err(
                deadline.day.span(),
                "日期应在 1 到 31 之间".to_string(),
            ));
        }
        deadlines.push(Deadline {
            levels: indices,
            month: *deadline.month.get_ref(),
            day: *deadline.day.get_ref(),
            from_year: deadline.from_year,
            until_year: deadline.until_year,
            source: deadline.source.clone(),
        });
    }
    let mut stale_references = Vec::new();
    for reference in &file.stale_references {
        if reference.from.is_none() && reference.until.is_none() {
            return Err(err(
                reference.pattern.span(),
                format!("过时引用 “{}” 至少需要 from 或 until", reference.name),
            ));
        }
        stale_references.push(StaleReference {
            name: reference.name.clone(),
            pattern: compile(&reference.pattern)?,
            from: reference.from,
            until: reference.until,
            replacement: reference.replacement.clone(),
            note: reference.note.clone(),
            unless: compile_all(&reference.unless)?,
        });
    }
    let mut policy_names = Vec::new();
    for policy in &file.policy_names {
        let name = policy.name.get_ref();
        if name.chars().count() < 4 || name.contains(['《', '》']) {
            return Err(err(
                policy.name.span(),
                "政策名称应为不带书名号、至少4个字的全称".to_string(),
            ));
        }
        policy_names.push(PolicyName {
            name: name.clone(),
            note: policy.note.clone(),
        });
    }
    Ok(Facts {
        numbers,
        vague_claims: compile_all(&file.vague_claim.phrases)?,
        vague_claim_parts,
        vague_periods,
        statistics,
        levels,
        deadlines,
        stale_references,
        policy_names,
    })
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
                min_figures: part.min_figures,
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
        let facts = read_facts(&file, &err, &compile, &compile_all, &index_of)?;
        let tables = Tables::load(&file, full, &err, &compile_all)?;
        let pack = Pack {
            name: file.name.get_ref().clone(),
            display_name: file.display_name,
            description: file.description,
            origin: origin.to_string(),
            detect: compile_all(&file.detect.title)?,
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
            stock_phrases: Phrases::overlapping(
                file.copies
                    .stock_phrases
                    .iter()
                    .map(|p| crate::copies::fold_str(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
            ),
            numbers: facts.numbers,
            vague_claims: facts.vague_claims,
            vague_claim_parts: facts.vague_claim_parts,
            vague_period_terms: Phrases::new(
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
}

type CompileAll<'a> = dyn Fn(&[Spanned<String>]) -> Result<Vec<Pattern>, ConfigError> + 'a;

impl Tables {
    fn load(
        file: &PackFile,
        full: bool,
        err: &dyn Fn(Range<usize>, String) -> ConfigError,
        compile_all: &CompileAll,
    ) -> Result<Tables, ConfigError> {
        // Phrases are searched in the whole text, so anchors must mean line boundaries. The
        // pattern is validated as written, so that errors quote what the user wrote.
        let phrase = |pattern: &Spanned<String>| {
            Pattern::new(pattern.get_ref(), full).map_err(|m| err(pattern.span(), m))?;
            Ok(Pattern::new(&format!("(?mR){}", pattern.get_ref()), full)
                .expect("validated just above"))
        };
        let phrases = |list: &Option<Vec<Spanned<String>>>| {
            list.as_ref()
                .map(|l| {
                    l.iter()
                        .map(phrase)
                        .collect::<Result<Vec<_>, ConfigError>>()
                })
                .transpose()
        };
        let paste_artifacts = file
            .paste_artifacts
            .as_ref()
            .map(|kinds| {
                kinds
                    .iter()
                    .map(|kind| {
                        if kind.lines.is_empty() {
                            return Err(err(
                                kind.name.span(),
                                format!("“{}” 没有任何 lines 模式", kind.name.get_ref()),
                            ));
                        }
                        Ok(ArtifactKind {
                            name: kind.name.get_ref().clone(),
                            lines: compile_all(&kind.lines)?,
                            near: compile_all(&kind.near)?,
                        })
                    })
                    .collect::<Result<Vec<_>, ConfigError>>()
            })
            .transpose()?;
        let nonstandard_terms = file
            .nonstandard_terms
            .as_ref()
            .map(|terms| {
                terms
                    .iter()
                    .map(|t| {
                        let term = phrase(&t.term)?;
                        let correct = t.correct.get_ref();
                        if correct.trim().is_empty() {
                            return Err(err(t.correct.span(), "correct 不能为空".to_string()));
                        }
                        if term.is_match(correct) {
                            return Err(err(
                                t.correct.span(),
                                format!(
                                    "规范写法 “{correct}” 本身也被模式 “{}” 匹配，会被反复提示",
                                    t.term.get_ref()
                                ),
                            ));
                        }
                        Ok(Term {
                            term,
                            correct: correct.clone(),
                            reason: t.reason.clone(),
                        })
                    })
                    .collect::<Result<Vec<_>, ConfigError>>()
            })
            .transpose()?;
        Ok(Tables {
            artifact_filter: std::sync::OnceLock::new(),
            paste_artifacts,
            placeholders: phrases(&file.placeholders)?,
            secret_markings: phrases(&file.secret_markings)?,
            request_phrases: phrases(&file.request_phrases)?,
            nonstandard_terms,
        })
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
