//! The tables of the typography and content-hygiene rules (paste debris, placeholders, secret
//! markings, requests, non-standard terms).

use super::schema::PackFile;
use crate::config::error::ConfigError;
use crate::config::pattern::Pattern;
use std::ops::Range;
use toml::Spanned;

/// Data tables of the typography and content-hygiene rules; `None` when the pack omits one.
/// Phrase patterns are compiled in multi-line mode: `^` and `$` match at line boundaries.
#[derive(Debug, Default)]
pub struct Tables {
    pub paste_artifacts: Option<Vec<ArtifactKind>>,
    pub placeholders: Option<Vec<Pattern>>,
    pub secret_markings: Option<Vec<Pattern>>,
    pub request_phrases: Option<Vec<Pattern>>,
    pub nonstandard_terms: Option<Vec<Term>>,
    /// Two-character words for `glued-words`.
    pub overlapping_words: Option<WordPairs>,
    pub page: Option<crate::page::Vocabulary>,
    /// All artifact patterns in one regex, to skip the lines that match none at once.
    pub(super) artifact_filter: std::sync::OnceLock<Option<crate::config::literals::LiteralSet>>,
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
    /// The word corrected, when the pattern matches it with its context; `None`: the whole
    /// match is the word.
    pub word: Option<String>,
    /// The reporting years the entry applies to (both ends included); a usage that changed is
    /// judged by the usage of the report's year.
    pub from: Option<i32>,
    pub until: Option<i32>,
    /// The term is plain text, not a pattern: every match is the term itself.
    pub literal: bool,
}

impl Term {
    /// Whether the entry applies to a report of `year` (unknown: the present usage).
    pub fn applies_to(&self, year: Option<i32>) -> bool {
        match year {
            Some(y) => self.from.is_none_or(|f| y >= f) && self.until.is_none_or(|u| y <= u),
            None => self.until.is_none(),
        }
    }

    /// Whether every match of the entry is the term itself, so that the standard form can
    /// replace it.
    pub fn is_literal(&self) -> bool {
        self.literal
    }
}

type CompileAll<'a> = dyn Fn(&[Spanned<String>]) -> Result<Vec<Pattern>, ConfigError> + 'a;

impl Tables {
    pub(super) fn load(
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
                            word: t.word.clone(),
                            from: t.from,
                            until: t.until,
                            literal: regex_syntax::escape(t.term.get_ref()) == *t.term.get_ref(),
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
            overlapping_words: file
                .overlapping_words
                .as_ref()
                .map(|words| two_character_words(words, err).map(WordPairs::new))
                .transpose()?,
            page: file.page.as_ref().map(|page| {
                crate::page::Vocabulary::new(
                    page.metadata_keys.clone(),
                    page.nav_words.clone(),
                    page.button_words.clone(),
                    &page.site_phrases,
                )
            }),
        })
    }
}

/// The `overlapping-words` of a pack, sorted for binary search; each must be two Han characters.
fn two_character_words(
    words: &[Spanned<String>],
    err: &dyn Fn(Range<usize>, String) -> ConfigError,
) -> Result<Vec<[char; 2]>, ConfigError> {
    let mut pairs = words
        .iter()
        .map(|word| {
            let chars: Vec<char> = word.get_ref().chars().collect();
            match chars[..] {
                [a, b] if crate::prose::chars::is_han(a) && crate::prose::chars::is_han(b) => {
                    Ok([a, b])
                }
                _ => Err(err(
                    word.span(),
                    format!("“{}” 不是两个汉字的词", word.get_ref()),
                )),
            }
        })
        .collect::<Result<Vec<_>, ConfigError>>()?;
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs)
}

/// A set of two-character words, asked about at every pair of Han characters of a text: the
/// first characters of the words in a bitmap of the Basic Multilingual Plane, then the words
/// in a hash set.
#[derive(Debug, Default)]
pub struct WordPairs {
    firsts: Vec<u64>,
    words: foldhash::HashSet<u64>,
}

impl WordPairs {
    fn new(pairs: Vec<[char; 2]>) -> WordPairs {
        let mut firsts = vec![0u64; 0x10000 / 64];
        let mut words = foldhash::HashSet::default();
        for [a, b] in pairs {
            if let Some(bits) = firsts.get_mut(a as usize / 64) {
                *bits |= 1 << (a as usize % 64);
            }
            words.insert(key(a, b));
        }
        WordPairs { firsts, words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether `a` then `b` is one of the words.
    pub fn contains(&self, a: char, b: char) -> bool {
        match self.firsts.get(a as usize / 64) {
            Some(bits) if bits & (1 << (a as usize % 64)) == 0 => false,
            _ => self.words.contains(&key(a, b)),
        }
    }
}

fn key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}
