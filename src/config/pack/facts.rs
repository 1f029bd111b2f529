//! The facts-and-figures tables of a pack: number vocabulary, vague claims and periods,
//! statistics words, filing deadlines, stale references and policy names.

use super::schema::PackFile;
use crate::config::error::ConfigError;
use crate::config::pattern::Pattern;
use crate::numbers::Vocabulary;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug)]
pub struct VaguePeriod {
    pub term: String,
    pub year_offset: i32,
    pub suggestion: String,
    /// The cut-off date of figures (截至目前): vague only beside a figure, never in the plan.
    pub cut_off: bool,
    /// Text right before the term that makes it part of another word (项 in 项目前期).
    pub not_after: Vec<String>,
    /// Text right after the term that makes it part of another word (年 in 截至今年).
    pub not_before: Vec<String>,
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

/// The data tables the facts-and-figures rules read.
pub(super) struct Facts {
    pub(super) numbers: Option<Vocabulary>,
    pub(super) vague_claims: Vec<Pattern>,
    pub(super) vague_claim_parts: Vec<usize>,
    pub(super) vague_periods: Vec<VaguePeriod>,
    pub(super) statistics: StatisticsSpec,
    pub(super) levels: Vec<Level>,
    pub(super) deadlines: Vec<Deadline>,
    pub(super) stale_references: Vec<StaleReference>,
    pub(super) policy_names: Vec<PolicyName>,
}

pub(super) fn read_facts(
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
            cut_off: period.cut_off,
            not_after: period.not_after.clone(),
            not_before: period.not_before.clone(),
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
