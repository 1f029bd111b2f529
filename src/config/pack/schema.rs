//! The TOML form of a rule pack, as serde reads it; [`super::Pack`] is what it compiles to.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PackFile {
    pub(super) name: Spanned<String>,
    pub(super) display_name: String,
    #[serde(default)]
    pub(super) description: String,
    pub(super) detect: DetectFile,
    pub(super) title: TitleFile,
    #[serde(default)]
    pub(super) signature: SignatureFile,
    #[serde(default)]
    pub(super) min_section_chars: usize,
    pub(super) order: Vec<Spanned<String>>,
    pub(super) parts: Vec<PartFile>,
    #[serde(default)]
    pub(super) examples: Vec<ExampleFile>,
    #[serde(default)]
    pub(super) numbers: Option<NumbersFile>,
    #[serde(default)]
    pub(super) vague_claim: VagueClaimFile,
    #[serde(default)]
    pub(super) vague_periods: Vec<VaguePeriodFile>,
    #[serde(default)]
    pub(super) statistics: StatisticsFile,
    #[serde(default)]
    pub(super) levels: Vec<LevelFile>,
    #[serde(default)]
    pub(super) deadlines: Vec<DeadlineFile>,
    #[serde(default)]
    pub(super) stale_references: Vec<StaleReferenceFile>,
    #[serde(default)]
    pub(super) policy_names: Vec<PolicyNameFile>,
    #[serde(default)]
    pub(super) copies: CopiesFile,
    // Data tables of the typography and content-hygiene rules. A pack that omits a table uses
    // the default pack's; an empty list switches the check off.
    #[serde(default)]
    pub(super) paste_artifacts: Option<Vec<ArtifactFile>>,
    #[serde(default)]
    pub(super) placeholders: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) secret_markings: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) request_phrases: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) nonstandard_terms: Option<Vec<TermFile>>,
    #[serde(default)]
    pub(super) overlapping_words: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) page: Option<PageFile>,
}

/// `[page]`: the words the page stage knows site chrome by.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PageFile {
    #[serde(default)]
    pub(super) metadata_keys: Vec<String>,
    #[serde(default)]
    pub(super) nav_words: Vec<String>,
    #[serde(default)]
    pub(super) button_words: Vec<String>,
    #[serde(default)]
    pub(super) site_phrases: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct CopiesFile {
    /// Phrases of the genre that duplicate-text and copied-text never count.
    #[serde(default)]
    pub(super) stock_phrases: Vec<String>,
    /// Words of the genre that say nothing about what a plan item is about (untaken-plan-items).
    #[serde(default)]
    pub(super) common_words: Vec<String>,
}

/// `[numbers]`: what the number reader needs to know (see `crate::numbers`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct NumbersFile {
    pub(super) units: Vec<String>,
    #[serde(default)]
    pub(super) duration_units: Vec<String>,
    #[serde(default)]
    pub(super) fixed_terms: Vec<String>,
}

/// `[vague-claim]`: stock results claims (取得明显成效) that need a figure beside them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct VagueClaimFile {
    #[serde(default)]
    pub(super) phrases: Vec<Spanned<String>>,
    /// Parts whose paragraphs are checked; empty for the whole body.
    #[serde(default)]
    pub(super) parts: Vec<Spanned<String>>,
}

/// `[[vague-periods]]`: 今年以来 where the reporting year belongs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct VaguePeriodFile {
    pub(super) term: Spanned<String>,
    /// The year the term means, relative to the reporting year (去年 = -1).
    #[serde(default)]
    pub(super) year_offset: i32,
    /// What to write instead; `{year}` is replaced by the year meant.
    pub(super) suggestion: Spanned<String>,
    /// The term gives the cut-off date of figures (截至目前, 目前, 至今): vague only in a sentence
    /// that states a figure, and not in the next-year plan.
    #[serde(default)]
    pub(super) cut_off: bool,
    /// Characters that, right before the term, make it part of another word (项 in 项目前期).
    #[serde(default)]
    pub(super) not_after: Vec<String>,
    /// Characters that, right after the term, make it part of another word (年 in 截至今年).
    #[serde(default)]
    pub(super) not_before: Vec<String>,
}

/// `[statistics]`: words the consistency checks read.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct StatisticsFile {
    /// Words that claim every item was handled (全部, 均已).
    #[serde(default)]
    pub(super) all_words: Vec<Spanned<String>>,
    /// Rate names that may exceed 100 % (增长率, 同比).
    #[serde(default)]
    pub(super) unbounded_rates: Vec<Spanned<String>>,
    /// Words of finishing (办结, 解决, 化解): 全部 and a rate contradict only when both speak of it.
    #[serde(default)]
    pub(super) completion_words: Vec<Spanned<String>>,
    /// Percentage points a stated rate may differ from the counts beside it.
    #[serde(default)]
    pub(super) rate_tolerance: Option<f64>,
}

/// `[[levels]]`: the kinds of reporting body, told apart by the body's name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct LevelFile {
    pub(super) id: Spanned<String>,
    pub(super) name: String,
    pub(super) body: Vec<Spanned<String>>,
}

/// `[[deadlines]]`: when a level must file, for a range of reporting years.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct DeadlineFile {
    pub(super) levels: Vec<Spanned<String>>,
    pub(super) month: Spanned<u32>,
    pub(super) day: Spanned<u32>,
    #[serde(default)]
    pub(super) from_year: Option<i32>,
    #[serde(default)]
    pub(super) until_year: Option<i32>,
    pub(super) source: String,
}

/// `[[stale-references]]`: a reference current only for some reporting years.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct StaleReferenceFile {
    pub(super) name: String,
    pub(super) pattern: Spanned<String>,
    #[serde(default)]
    pub(super) from: Option<i32>,
    #[serde(default)]
    pub(super) until: Option<i32>,
    #[serde(default)]
    pub(super) replacement: Option<String>,
    pub(super) note: String,
    #[serde(default)]
    pub(super) unless: Vec<Spanned<String>>,
}

/// `[[policy-names]]`: the canonical title of a policy document, without 书名号.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PolicyNameFile {
    pub(super) name: Spanned<String>,
    #[serde(default)]
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ArtifactFile {
    pub(super) name: Spanned<String>,
    /// A line matching one of these is debris on its own.
    pub(super) lines: Vec<Spanned<String>>,
    /// A line matching one of these is debris only next to other debris.
    #[serde(default)]
    pub(super) near: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct TermFile {
    pub(super) term: Spanned<String>,
    pub(super) correct: Spanned<String>,
    #[serde(default)]
    pub(super) reason: Option<String>,
    /// The word the entry corrects, when `term` also matches its context (做出 in 做出决定).
    #[serde(default)]
    pub(super) word: Option<String>,
    /// First reporting year the entry applies to (the year `correct` became the standard form).
    #[serde(default)]
    pub(super) from: Option<i32>,
    /// Last reporting year the entry applies to.
    #[serde(default)]
    pub(super) until: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct DetectFile {
    pub(super) title: Vec<Spanned<String>>,
    /// What a report of the kind is about, for a document without a title.
    #[serde(default)]
    pub(super) topic: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) priority: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct TitleFile {
    pub(super) report_name: Spanned<String>,
    pub(super) report_name_hint: String,
    pub(super) body: Spanned<String>,
    #[serde(default = "yes")]
    pub(super) require_year: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct SignatureFile {
    #[serde(default = "yes")]
    pub(super) required: bool,
}

impl Default for SignatureFile {
    fn default() -> Self {
        SignatureFile { required: true }
    }
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PartFile {
    pub(super) id: Spanned<String>,
    pub(super) name: String,
    #[serde(default = "yes")]
    pub(super) required: bool,
    pub(super) headings: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) nested_headings: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) closing_paragraphs: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) fallback_before: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) priority: i32,
    #[serde(default)]
    pub(super) min_chars: usize,
    #[serde(default)]
    pub(super) causes: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) content: Vec<ContentFile>,
    #[serde(default)]
    pub(super) min_figures: Option<usize>,
    /// The part reports the year's results: `missing-statistics` (with `min-figures`, 1 unless
    /// set) and `vague-claim` judge it.
    #[serde(default)]
    pub(super) reports_results: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ContentFile {
    pub(super) message: String,
    #[serde(default)]
    pub(super) any: Vec<Spanned<String>>,
    #[serde(default = "one")]
    pub(super) min: usize,
    #[serde(default)]
    pub(super) figures: bool,
    #[serde(default)]
    pub(super) help: Option<String>,
}

pub(super) fn one() -> usize {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ExampleFile {
    pub(super) heading: Spanned<String>,
    /// The part the heading must be classified as; absent for none.
    #[serde(default)]
    pub(super) part: Option<String>,
}
