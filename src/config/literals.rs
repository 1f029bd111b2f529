//! A few fixed strings searched for together, as cheap to set up as to use.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use memchr::memmem::Finder;
use std::ops::Range;

/// Up to this many strings, one vectorised scan per string costs less than building an
/// automaton, which a check of one document would use only a few times.
const FEW: usize = 16;

/// Strings searched with the leftmost-first preference of a regex alternation: the match that
/// starts first wins, and of matches starting at one place, the string listed first.
pub enum LiteralSet {
    Few(Vec<Finder<'static>>),
    Many(AhoCorasick),
}

impl std::fmt::Debug for LiteralSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiteralSet::Few(finders) => write!(f, "LiteralSet::Few({})", finders.len()),
            LiteralSet::Many(automaton) => {
                write!(f, "LiteralSet::Many({})", automaton.patterns_len())
            }
        }
    }
}

impl LiteralSet {
    /// `None` when there is no string or an empty one (it would match everywhere).
    pub fn new<L: AsRef<[u8]>>(literals: &[L]) -> Option<LiteralSet> {
        if literals.is_empty() || literals.iter().any(|l| l.as_ref().is_empty()) {
            return None;
        }
        if literals.len() <= FEW {
            return Some(LiteralSet::Few(
                literals
                    .iter()
                    .map(|l| Finder::new(l.as_ref()).into_owned())
                    .collect(),
            ));
        }
        // The other kinds search a little faster but take far longer to build.
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(literals)
            .ok()
            .map(LiteralSet::Many)
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self {
            LiteralSet::Few(finders) => finders.iter().any(|f| f.find(text.as_bytes()).is_some()),
            LiteralSet::Many(automaton) => automaton.is_match(text),
        }
    }

    /// The preferred match starting at or after byte `from`.
    pub fn find_at(&self, text: &str, from: usize) -> Option<Range<usize>> {
        match self {
            LiteralSet::Few(finders) => {
                let rest = &text.as_bytes()[from..];
                finders
                    .iter()
                    .filter_map(|f| f.find(rest).map(|at| (at, f.needle().len())))
                    .min_by_key(|(at, _)| *at)
                    .map(|(at, len)| from + at..from + at + len)
            }
            LiteralSet::Many(automaton) => automaton
                .find(Input::new(text).range(from..))
                .map(|m| m.range()),
        }
    }

    /// Non-overlapping matches, left to right.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(m) = self.find_at(text, from) {
            from = m.end;
            found.push(m);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_and_many_prefer_alike() {
        let text = "明显提升和显著提高，显著提升";
        let few = ["显著提升", "显著", "明显提升"];
        let many: Vec<String> = few
            .iter()
            .map(|s| s.to_string())
            .chain((0..FEW).map(|i| format!("无关{i}")))
            .collect();
        let few = LiteralSet::new(&few).unwrap();
        let many = LiteralSet::new(&many).unwrap();
        assert!(matches!(few, LiteralSet::Few(_)) && matches!(many, LiteralSet::Many(_)));
        let expected = vec![0..12, 15..21, 30..42];
        assert_eq!(few.find_all(text), expected);
        assert_eq!(many.find_all(text), expected);
        assert!(few.is_match(text) && !few.is_match("稳步推进"));
    }

    #[test]
    fn refuses_empty_strings() {
        assert!(LiteralSet::new::<&str>(&[]).is_none());
        assert!(LiteralSet::new(&["", "甲"]).is_none());
    }
}
