//! Patterns in rule packs: validated when the pack loads, compiled when first used.
//!
//! Compiling a Unicode regex costs far more than matching it against a heading, and a check of
//! one document uses only some of the patterns the packs hold; plain-text patterns need no regex
//! at all.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use regex_syntax::hir::HirKind;
use regex_syntax::hir::literal::Extractor;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

pub struct Pattern {
    source: String,
    literal: Option<String>,
    /// For a pattern that only ever matches a small set of strings (「(明显|显著)(提升|提高)」):
    /// those strings as one automaton, built in microseconds where the regex takes a
    /// hundred times longer to compile. `None` inside when the pattern is not of that kind.
    set: OnceLock<Option<AhoCorasick>>,
    compiled: OnceLock<Regex>,
}

/// Most strings a pattern may expand to and still be matched as a set.
const MAX_SET: usize = 200;

/// The strings `source` matches, as an automaton with the regex's leftmost-first preference,
/// when they are few and exact (no classes too large to list, no anchors, no repetition).
fn literal_set(source: &str) -> Option<AhoCorasick> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    if !hir.properties().look_set().is_empty() {
        return None;
    }
    let seq = Extractor::new().extract(&hir);
    if !seq.is_exact() {
        return None;
    }
    let literals = seq.literals()?;
    if literals.is_empty()
        || literals.len() > MAX_SET
        || literals.iter().any(|l| l.as_bytes().is_empty())
    {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(literals.iter().map(|l| l.as_bytes()))
        .ok()
}

impl Pattern {
    /// Validate `source`, refusing patterns that can never match in Chinese text. `eager`
    /// compiles it now, so that limits only compiling reveals are reported at load; built-in
    /// packs, checked by the test suite, compile lazily.
    pub fn new(source: &str, eager: bool) -> Result<Pattern, String> {
        if !eager {
            // Built-in packs are validated by the test suite; at start-up only tell plain text
            // from patterns, without parsing every one.
            let is_plain = !source.contains([
                '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
            ]);
            return Ok(Pattern {
                source: source.to_string(),
                literal: is_plain.then(|| source.to_string()),
                set: OnceLock::new(),
                compiled: OnceLock::new(),
            });
        }
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| format!("正则表达式无效：{}", last_line(&e.to_string())))?;
        if hir.properties().minimum_len().is_none() {
            return Err(format!("模式 “{source}” 永远不会匹配任何文本"));
        }
        if hir.properties().look_set().contains_word() {
            return Err(format!(
                "模式 “{source}” 使用了单词边界 \\b/\\B：汉字之间没有单词边界，这样的模式在中文里匹配不到"
            ));
        }
        let literal = match hir.kind() {
            HirKind::Literal(lit) => std::str::from_utf8(&lit.0).ok().map(str::to_string),
            _ => None,
        };
        let compiled = OnceLock::new();
        if eager && literal.is_none() {
            let regex = Regex::new(source)
                .map_err(|e| format!("正则表达式无效：{}", last_line(&e.to_string())))?;
            let _ = compiled.set(regex);
        }
        Ok(Pattern {
            source: source.to_string(),
            literal,
            set: OnceLock::new(),
            compiled,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn regex(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).expect("validated when the pack loaded"))
    }

    fn set(&self) -> Option<&AhoCorasick> {
        if self.literal.is_some() || self.compiled.get().is_some() {
            return None;
        }
        self.set.get_or_init(|| literal_set(&self.source)).as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        if let Some(literal) = &self.literal {
            return text.contains(literal.as_str());
        }
        match self.set() {
            Some(set) => set.is_match(text),
            None => self.regex().is_match(text),
        }
    }

    /// The leftmost match in `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        if let Some(literal) = &self.literal {
            return text.find(literal.as_str()).map(|i| i..i + literal.len());
        }
        match self.set() {
            Some(set) => set.find(text).map(|m| m.range()),
            None => self.regex().find(text).map(|m| m.range()),
        }
    }

    /// Byte ranges of the non-overlapping matches in `text`, left to right.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        if let Some(literal) = self.literal.as_ref().filter(|l| !l.is_empty()) {
            return text
                .match_indices(literal.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect();
        }
        match self.set() {
            Some(set) => set.find_iter(text).map(|m| m.range()).collect(),
            None => self
                .regex()
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect(),
        }
    }

    /// Whether a match ends exactly at the end of `text`.
    pub fn matches_at_end(&self, text: &str) -> bool {
        if let Some(literal) = &self.literal {
            return text.ends_with(literal.as_str());
        }
        self.find_all(text).iter().any(|m| m.end == text.len())
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

fn last_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_regex_patterns_match_alike() {
        let literal = Pattern::new("原因", true).unwrap();
        assert!(literal.literal.is_some());
        assert!(literal.is_match("究其原因"));
        let regex = Pattern::new("受.{1,12}影响", false).unwrap();
        assert!(regex.literal.is_none());
        assert!(regex.is_match("受疫情影响"));
        assert!(
            Pattern::new("(人民政府|局)", false)
                .unwrap()
                .matches_at_end("某县人民政府")
        );
    }

    #[test]
    fn small_alternations_match_as_sets_with_the_regex_preference() {
        for (pattern, text) in [
            ("(明显|显著)(提升|提高)", "工作水平明显提升，效率显著提高"),
            ("(人民政府|政府|局)", "某县人民政府和某局"),
            (
                "取得了?(明显)?的?(成效|成果)",
                "取得了明显的成效，也取得成果",
            ),
            ("(?m)妥否，请批示", "以上报告，妥否，请批示。"),
        ] {
            let fast = Pattern::new(pattern, false).unwrap();
            assert!(fast.set().is_some(), "{pattern} should match as a set");
            let regex = Regex::new(pattern).unwrap();
            let expected: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(fast.find_all(text), expected, "{pattern}");
            assert_eq!(fast.find(text), expected.first().cloned(), "{pattern}");
        }
        for pattern in ["受.{1,12}影响", "^第[0-9]+页$", "[0-9]+件"] {
            assert!(
                Pattern::new(pattern, false).unwrap().set().is_none(),
                "{pattern}"
            );
        }
    }

    #[test]
    fn finds_every_match() {
        let literal = Pattern::new("某县", true).unwrap();
        assert_eq!(literal.find_all("某县和某县"), vec![0..6, 9..15]);
        let regex = Pattern::new("20[Xx]{2}年", true).unwrap();
        assert_eq!(regex.find_all("于20XX年和20xx年"), vec![3..10, 13..20]);
    }

    #[test]
    fn refuses_patterns_that_cannot_match() {
        assert!(Pattern::new("甲(", true).unwrap_err().contains("无效"));
        assert!(
            Pattern::new("[^\\s\\S]", true)
                .unwrap_err()
                .contains("永远不会")
        );
        assert!(
            Pattern::new("\\b甲\\b", true)
                .unwrap_err()
                .contains("单词边界")
        );
    }
}
