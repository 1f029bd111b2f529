//! Patterns in rule packs: validated when the pack loads, compiled when first used.
//!
//! Compiling a Unicode regex costs far more than matching it against a heading, and a check of
//! one document uses only some of the patterns the packs hold; plain-text patterns need no regex
//! at all.

use regex::Regex;
use regex_syntax::hir::HirKind;
use std::fmt;
use std::sync::OnceLock;

pub struct Pattern {
    source: String,
    literal: Option<String>,
    compiled: OnceLock<Regex>,
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

    pub fn is_match(&self, text: &str) -> bool {
        match &self.literal {
            Some(literal) => text.contains(literal.as_str()),
            None => self.regex().is_match(text),
        }
    }

    /// Byte ranges of the non-overlapping matches in `text`, left to right.
    pub fn find_all(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        match &self.literal {
            Some(literal) if !literal.is_empty() => text
                .match_indices(literal.as_str())
                .map(|(i, m)| i..i + m.len())
                .collect(),
            _ => self
                .regex()
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect(),
        }
    }

    /// Whether a match ends exactly at the end of `text`.
    pub fn matches_at_end(&self, text: &str) -> bool {
        match &self.literal {
            Some(literal) => text.ends_with(literal.as_str()),
            None => self.regex().find_iter(text).any(|m| m.end() == text.len()),
        }
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
