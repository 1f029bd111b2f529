//! Regexes compiled in tiers.
//!
//! Most of a regex compile goes into the engines that make long searches fast: the lazy DFA
//! (and the reverse automaton it needs), the one-pass DFA and the literal prefilter. A check of
//! one report searches most patterns only in a few sentences, where a bounded backtracker over
//! the bare automaton is quick and costs a fifth as much to build. So a pattern starts with
//! that, and gets the full engine once it has searched enough text for the faster search to
//! repay the compile (a corpus of reports). In between, a pattern whose every match starts with
//! one of a few literals (「纲要」「规划」, 「（」「(」) gets the light engine with a prefilter: it
//! skips to the places where a match can start, so it searches a whole report quickly for a
//! third of the full compile. All tiers are the same regex implementation built from the same
//! syntax tree, so they find the same matches; the tree has its non-ASCII classes spelled out as
//! byte sequences (see [`spell_out_classes`]).

use regex_automata::MatchKind;
use regex_automata::meta::{Config, Regex};
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::prefilter::Prefilter;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, Hir, HirKind, Repetition,
};
use regex_syntax::utf8::Utf8Sequences;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Bytes a pattern may search with the light engine before it is compiled in full. The light
/// engine scans about 40 MB/s where the full one scans gigabytes a second; a few kilobytes
/// cost about what the full compile does.
const LIGHT_BUDGET: usize = 4 * 1024;
/// Bytes a pattern may search with the prefiltered light engine, when it has one: a report or
/// two.
const PREFILTERED_BUDGET: usize = 64 * 1024;
/// Most literals a light engine's prefilter looks for; more make a slower search and a costlier
/// build than the light tier is for.
const MAX_PREFIXES: usize = 8;

pub struct TieredRegex {
    source: Cow<'static, str>,
    light: OnceLock<Regex>,
    /// The light engine with a prefilter, if the pattern's matches start with a few literals.
    prefiltered: OnceLock<Option<Regex>>,
    full: OnceLock<Regex>,
    searched: AtomicUsize,
}

impl TieredRegex {
    /// A pattern known to be valid (a constant of the program, or one checked with
    /// [`TieredRegex::validate`]); nothing is compiled until it is searched with.
    pub const fn new(source: &'static str) -> TieredRegex {
        TieredRegex::from_cow(Cow::Borrowed(source))
    }

    pub fn owned(source: String) -> TieredRegex {
        TieredRegex::from_cow(Cow::Owned(source))
    }

    const fn from_cow(source: Cow<'static, str>) -> TieredRegex {
        TieredRegex {
            source,
            light: OnceLock::new(),
            prefiltered: OnceLock::new(),
            full: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    /// Compile `source` now (light tier), so that errors only compiling reveals (size limits)
    /// are reported when the pattern is loaded.
    pub fn validate(source: String) -> Result<TieredRegex, String> {
        let regex = light(&source)?;
        let tiered = TieredRegex::owned(source);
        let _ = tiered.light.set(regex);
        Ok(tiered)
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has been compiled in either tier.
    pub fn is_compiled(&self) -> bool {
        self.light.get().is_some() || self.full.get().is_some()
    }

    /// Whether the full engine has been built.
    pub fn is_fully_compiled(&self) -> bool {
        self.full.get().is_some()
    }

    /// The engine to search `haystack` bytes with.
    fn engine(&self, haystack: usize) -> &Regex {
        if let Some(full) = self.full.get() {
            return full;
        }
        let searched = self
            .searched
            .fetch_add(haystack, Ordering::Relaxed)
            .saturating_add(haystack);
        if searched <= LIGHT_BUDGET {
            return self.light_engine();
        }
        if searched <= PREFILTERED_BUDGET
            && let Some(prefiltered) = self
                .prefiltered
                .get_or_init(|| prefiltered(&self.source))
                .as_ref()
        {
            return prefiltered;
        }
        self.full.get_or_init(|| {
            // The full compile can only fail on limits the light one already passed.
            full(&self.source).unwrap_or_else(|_| self.light_engine().clone())
        })
    }

    fn light_engine(&self) -> &Regex {
        self.light
            .get_or_init(|| light(&self.source).expect("pattern validated before use"))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.engine(text.len()).is_match(text)
    }

    /// The leftmost match.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.engine(text.len()).find(text).map(|m| m.range())
    }

    /// Non-overlapping matches, left to right (empty ones included).
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.engine(text.len()).find_iter(text).map(|m| m.range())
    }

    /// The groups of the leftmost match.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let engine = self.engine(text.len());
        let mut slots = engine.create_captures();
        engine.captures(text, &mut slots);
        slots.is_match().then_some(Groups { text, slots })
    }

    /// The groups of each non-overlapping match, left to right.
    pub fn captures_iter<'a, 't: 'a>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = Groups<'t>> + 'a {
        self.engine(text.len())
            .captures_iter(text)
            .map(move |slots| Groups { text, slots })
    }
}

/// The engine that makes long searches fast.
fn full(source: &str) -> Result<Regex, String> {
    build(&parse(source)?, Config::new())
}

/// The engine that is quick to build: no lazy DFA, one-pass DFA or prefilter.
fn light(source: &str) -> Result<Regex, String> {
    build(&parse(source)?, light_config())
}

/// The light engine with a prefilter for the literals every match starts with, if there are a
/// few of them.
fn prefiltered(source: &str) -> Option<Regex> {
    let hir = parse(source).ok()?;
    let prefilter = prefix_prefilter(&hir)?;
    build(&hir, light_config().prefilter(Some(prefilter))).ok()
}

fn light_config() -> Config {
    Config::new()
        .hybrid(false)
        .onepass(false)
        .auto_prefilter(false)
}

fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(source)
        .map_err(|e| e.to_string())
}

fn build(hir: &Hir, config: Config) -> Result<Regex, String> {
    Regex::builder()
        .configure(config)
        .build_from_hir(&spell_out_classes(hir))
        .map_err(|e| e.to_string())
}

/// A prefilter for the literals every match of `hir` starts with, when they are few and none is
/// empty (a pattern that can match at any position has nothing to skip to).
fn prefix_prefilter(hir: &Hir) -> Option<Prefilter> {
    let mut prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    prefixes.optimize_for_prefix_by_preference();
    let literals = prefixes.literals()?;
    if literals.is_empty()
        || literals.len() > MAX_PREFIXES
        || literals.iter().any(|literal| literal.is_empty())
    {
        return None;
    }
    Prefilter::new(MatchKind::LeftmostFirst, literals)
}

/// `hir` with each class of non-ASCII characters written as the UTF-8 byte sequences it
/// matches. The automaton compiler builds such classes with a 10,000-entry cache it allocates
/// afresh for every regex: a third of a megabyte, zeroed, for 「[xX×Ｘ]」 or 「.」, which costs a
/// light compile more in page faults than everything else it does, and a full one about a tenth
/// of a single report's check.
fn spell_out_classes(hir: &Hir) -> Hir {
    if !has_non_ascii_class(hir) {
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) if !class.is_ascii() => {
            // The same classes (「.」, 「\s」) recur across patterns: spell each out once.
            static SPELLED: Mutex<Vec<(ClassUnicode, Hir)>> = Mutex::new(Vec::new());
            let mut spelled = SPELLED.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((_, hir)) = spelled.iter().find(|(c, _)| c == class) {
                return hir.clone();
            }
            let mut sequences: Vec<Hir> = class
                .iter()
                .flat_map(|range| Utf8Sequences::new(range.start(), range.end()))
                .map(|sequence| {
                    Hir::concat(
                        sequence
                            .as_slice()
                            .iter()
                            .map(|bytes| {
                                Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
                                    bytes.start,
                                    bytes.end,
                                )])))
                            })
                            .collect(),
                    )
                })
                .collect();
            // An alternation of single characters is folded back into a class by
            // `Hir::alternation`; a branch that never matches keeps the characters apart.
            let folds = sequences.len() > 1
                && sequences
                    .iter()
                    .all(|s| matches!(s.kind(), HirKind::Literal(_)));
            if folds {
                sequences.push(Hir::fail());
            }
            let hir = Hir::alternation(sequences);
            spelled.push((class.clone(), hir.clone()));
            hir
        }
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(spell_out_classes).collect()),
        HirKind::Alternation(branches) => {
            Hir::alternation(branches.iter().map(spell_out_classes).collect())
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(spell_out_classes(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(spell_out_classes(&capture.sub)),
            ..capture.clone()
        }),
        _ => hir.clone(),
    }
}

/// Whether a class of non-ASCII characters is anywhere in `hir` (the other parts of a tree
/// are taken over as they are, without building them anew).
fn has_non_ascii_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => !class.is_ascii(),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(has_non_ascii_class)
        }
        HirKind::Repetition(repetition) => has_non_ascii_class(&repetition.sub),
        HirKind::Capture(capture) => has_non_ascii_class(&capture.sub),
        _ => false,
    }
}

impl std::fmt::Debug for TieredRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TieredRegex({:?})", self.source)
    }
}

/// The capture groups of one match.
pub struct Groups<'t> {
    text: &'t str,
    slots: Slots,
}

impl<'t> Groups<'t> {
    /// Group `index`'s byte range (0: the whole match), when it took part in the match.
    pub fn range(&self, index: usize) -> Option<Range<usize>> {
        self.slots.get_group(index).map(|span| span.range())
    }

    /// Group `index`'s text, when it took part in the match.
    pub fn get(&self, index: usize) -> Option<&'t str> {
        self.range(index).map(|range| &self.text[range])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERNS: &[&str] = &[
        r"存在.{0,8}(问题|不足|短板|差距|薄弱)",
        r"法治(政府)?建设.*(报告|总结|情况)",
        r"(?mR)^\s*内部(资料|文件|材料)",
        r"((?:19|20)[0-9]{2})\s*年(\s*[—–―－~～-]+\s*(?:19|20)[0-9]{2})?",
        r"(?mR)[（(]\s*[）)]",
        r"x*",
    ];

    fn text() -> String {
        "2021—2025年法治政府建设情况报告\r\n内部资料（ ）\n存在的主要问题和不足。\n".repeat(800)
    }

    #[test]
    fn both_tiers_find_what_a_full_regex_finds() {
        let text = text();
        for pattern in PATTERNS {
            let expected: Vec<Range<usize>> = regex::Regex::new(pattern)
                .unwrap()
                .find_iter(&text)
                .map(|m| m.range())
                .collect();
            let tiered = TieredRegex::new(pattern);
            // Line by line stays within the light budget at first, then crosses it and the
            // prefiltered one.
            let mut by_lines = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                by_lines.extend(tiered.find_iter(line).map(|r| r.start + at..r.end + at));
                at += line.len();
            }
            assert!(tiered.full.get().is_some(), "{pattern}: never upgraded");
            let whole: Vec<Range<usize>> = TieredRegex::new(pattern).find_iter(&text).collect();
            assert_eq!(whole, expected, "{pattern}");
            if !pattern.starts_with("(?mR)^") && !pattern.contains("x*") {
                assert_eq!(by_lines, expected, "{pattern}");
            }
        }
    }

    #[test]
    fn short_searches_stay_on_the_light_engine() {
        let pattern = TieredRegex::new(r"存在.{0,8}(问题|不足)");
        assert!(!pattern.is_compiled());
        for _ in 0..10 {
            assert!(pattern.is_match("工作中还存在一些问题。"));
        }
        assert!(pattern.light.get().is_some());
        assert!(pattern.full.get().is_none());
        assert!(pattern.is_match(&"存在问题".repeat(2000)));
        assert!(pattern.full.get().is_none(), "prefiltered first");
        assert!(pattern.is_match(&"存在问题".repeat(6000)));
        assert!(pattern.full.get().is_some());
    }

    #[test]
    fn a_pattern_with_literal_prefixes_searches_a_report_before_the_full_compile() {
        let report = "工作中还存在一些问题，（ ）处待补。\n".repeat(200);
        assert!(report.len() > LIGHT_BUDGET && report.len() < PREFILTERED_BUDGET / 2);
        let prefixed = TieredRegex::new(r"[（(]\s*[）)]");
        assert_eq!(prefixed.find_iter(&report).count(), 200);
        assert!(matches!(prefixed.prefiltered.get(), Some(Some(_))));
        assert!(prefixed.full.get().is_none());
        for _ in 0..PREFILTERED_BUDGET / report.len() {
            assert_eq!(prefixed.find_iter(&report).count(), 200);
        }
        assert!(
            prefixed.full.get().is_some(),
            "a corpus gets the full engine"
        );

        // A match may start anywhere: nothing to skip to, so straight to the full engine.
        let anywhere = TieredRegex::new(r"[^，]{30,}，");
        anywhere.find_iter(&report).count();
        assert!(matches!(anywhere.prefiltered.get(), Some(None)));
        assert!(anywhere.full.get().is_some());
    }

    #[test]
    fn groups_give_ranges_and_text() {
        let pattern = TieredRegex::new(r"((?:19|20)[0-9]{2})\s*年(度)?");
        let groups = pattern.captures("截至 2023 年底").unwrap();
        assert_eq!(groups.get(1), Some("2023"));
        assert_eq!(groups.get(2), None);
        assert_eq!(groups.range(0), Some(7..15));
        let years: Vec<&str> = pattern
            .captures_iter("2022年度和2023年")
            .filter_map(|g| g.get(1))
            .collect();
        assert_eq!(years, ["2022", "2023"]);
        assert!(pattern.captures("无年份").is_none());
    }

    #[test]
    fn no_class_is_left_to_the_automaton_compiler() {
        for pattern in [
            r"[（(]\s*[）)]",
            r"[xX×Ｘｘ]{2,}",
            r"[。；，]",
            r"[|｜]",
            r"(?:纲要|规划)\s*[（(]([^（()）\n]+)[）)]",
            r"存在.{0,8}(问题|不足)",
        ] {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            assert!(has_non_ascii_class(&hir), "{pattern}");
            assert!(!has_non_ascii_class(&spell_out_classes(&hir)), "{pattern}");
        }
    }

    proptest::proptest! {
        /// Both engines find what the regex crate finds, on text mixing ASCII, CJK, full-width
        /// forms and line breaks.
        #[test]
        fn both_engines_match_like_the_regex_crate(
            text in "[a-zXx0-9 \t\r\n年月日《》（）()×Ｘ○　存在问题不足法治建设报告😀é]{0,60}",
            pattern in proptest::sample::select(vec![
                r"存在.{0,3}(问题|不足)", r"(?mR)^\s*法治", r"(?m)[xX×Ｘ○]{2,}$", r"《([^《》\n]+)》",
                r"[（(]\s*[）)]", r"\d+\s*年", r"[^a-z]+", r".", r"(?s).{2}", r"(?i)x+é",
                r"[年月日]", r"[《（(][^）)》]*[）)》]", r"[xX×Ｘ]{2,}", r"(?mR)[（(]\s*$",
            ]),
        ) {
            let expected: Vec<Range<usize>> = regex::Regex::new(pattern)
                .unwrap()
                .find_iter(&text)
                .map(|m| m.range())
                .collect();
            let engines = [light(pattern).unwrap(), full(pattern).unwrap()];
            for engine in engines.iter().chain(prefiltered(pattern).as_ref()) {
                let found: Vec<Range<usize>> =
                    engine.find_iter(text.as_str()).map(|m| m.range()).collect();
                proptest::prop_assert_eq!(&found, &expected);
            }
        }
    }

    #[test]
    fn prefilters_are_made_of_the_literals_every_match_starts_with() {
        let literals = |pattern: &str| prefix_prefilter(&parse(pattern).unwrap()).is_some();
        assert!(literals(r"(?:纲要|规划)\s*[（(]([^（()）\n]+)[）)]"));
        assert!(literals(r"(?mR)[（(]\s*[）)]"));
        assert!(literals(r"存在.{0,8}(问题|不足)"));
        assert!(!literals(r"x*"), "an empty match starts anywhere");
        assert!(!literals(r"[^，]+，"));
        assert!(!literals(r"[0-9]{2}年"), "ten prefixes are too many");
    }

    #[test]
    fn invalid_patterns_are_refused_when_validated() {
        assert!(TieredRegex::validate("(未闭合".to_string()).is_err());
        let valid = TieredRegex::validate("受.{1,12}影响".to_string()).unwrap();
        assert!(valid.is_compiled());
    }
}
