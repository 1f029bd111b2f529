//! A few fixed strings searched for together, as cheap to set up as to use.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use memchr::memmem::Finder;
use std::ops::Range;
use std::sync::OnceLock;

/// Up to this many strings, one vectorised scan per string costs less than building anything.
const FEW: usize = 3;
/// Up to this many strings, a packed SIMD searcher (Teddy) finds them all in one scan and is
/// built in microseconds.
const PACKED: usize = 64;
/// A larger set is split among up to this many packed searchers: a scan per searcher costs far
/// less than building an automaton over a hundred strings (a third of a small report's check).
const PACKED_SEARCHERS: usize = 4;

/// Strings searched with the leftmost-first preference of a regex alternation: the match that
/// starts first wins, and of matches starting at one place, the string listed first.
pub enum LiteralSet {
    Few(Vec<Finder<'static>>),
    /// Searchers of up to [`PACKED`] strings each, in the order of the strings.
    Packed(Vec<aho_corasick::packed::Searcher>),
    Many(AhoCorasick),
}

impl std::fmt::Debug for LiteralSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiteralSet::Few(finders) => write!(f, "LiteralSet::Few({})", finders.len()),
            LiteralSet::Packed(searchers) => write!(f, "LiteralSet::Packed({})", searchers.len()),
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
        if literals.len() <= PACKED * PACKED_SEARCHERS {
            let searchers: Option<Vec<_>> = literals
                .chunks(PACKED)
                .map(|chunk| {
                    aho_corasick::packed::Config::new()
                        .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                        .builder()
                        .extend(chunk)
                        .build()
                })
                .collect();
            if let Some(searchers) = searchers {
                return Some(LiteralSet::Packed(searchers));
            }
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
            LiteralSet::Packed(searchers) => searchers.iter().any(|s| s.find(text).is_some()),
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
            // Of matches starting at one place, the first searcher's holds the string listed
            // first, and `min_by_key` keeps the first of equal keys.
            LiteralSet::Packed(searchers) => searchers
                .iter()
                .filter_map(|s| s.find_in(text, aho_corasick::Span::from(from..text.len())))
                .min_by_key(|m| m.start())
                .map(|m| m.range()),
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

impl LiteralSet {
    /// Where strings of the set start in `text`, in increasing order (each string's
    /// occurrences without overlaps among themselves): one scan per string however many hits
    /// there are.
    pub fn starts<'t>(&'t self, text: &'t str) -> Box<dyn Iterator<Item = usize> + 't> {
        match self {
            LiteralSet::Few(finders) => merged(
                finders
                    .iter()
                    .map(|f| Box::new(f.find_iter(text.as_bytes())) as Starts<'t>)
                    .collect(),
            ),
            LiteralSet::Packed(searchers) => merged(
                searchers
                    .iter()
                    .map(|s| Box::new(s.find_iter(text).map(|m| m.start())) as Starts<'t>)
                    .collect(),
            ),
            LiteralSet::Many(automaton) => Box::new(automaton.find_iter(text).map(|m| m.start())),
        }
    }
}

type Starts<'t> = Box<dyn Iterator<Item = usize> + 't>;

/// Increasing positions, merged from several increasing sequences.
fn merged(sequences: Vec<Starts<'_>>) -> Starts<'_> {
    let mut heads: Vec<(Option<usize>, Starts<'_>)> = sequences
        .into_iter()
        .map(|mut hits| (hits.next(), hits))
        .collect();
    Box::new(std::iter::from_fn(move || {
        let (next, hits) = heads
            .iter_mut()
            .filter(|(head, _)| head.is_some())
            .min_by_key(|(head, _)| *head)?;
        let at = *next;
        *next = hits.next();
        at
    }))
}

/// A pack's list of phrases (units, stock phrases, relative periods) with one automaton over
/// them, built the first time a text is searched: a text is scanned once, not once per phrase.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<String>,
    /// Characters in the longest phrase.
    longest: usize,
    /// Searched for every occurrence, overlaps included, rather than the longest ones.
    overlapping: bool,
    /// The automaton over the non-empty phrases, and each one's index in `list`.
    automaton: OnceLock<Option<(AhoCorasick, Vec<usize>)>>,
}

fn longest(list: &[String]) -> usize {
    list.iter().map(|p| p.chars().count()).max().unwrap_or(0)
}

impl Phrases {
    /// Phrases searched for the longest match at each place.
    pub fn new(list: Vec<String>) -> Phrases {
        Phrases {
            longest: longest(&list),
            list,
            overlapping: false,
            automaton: OnceLock::new(),
        }
    }

    /// Phrases searched for every occurrence, overlapping ones included.
    pub fn overlapping(list: Vec<String>) -> Phrases {
        Phrases {
            longest: longest(&list),
            list,
            overlapping: true,
            automaton: OnceLock::new(),
        }
    }

    pub fn list(&self) -> &[String] {
        &self.list
    }

    /// Characters in the longest phrase.
    pub fn longest(&self) -> usize {
        self.longest
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn automaton(&self) -> Option<&(AhoCorasick, Vec<usize>)> {
        self.automaton
            .get_or_init(|| {
                let index: Vec<usize> = (0..self.list.len())
                    .filter(|i| !self.list[*i].is_empty())
                    .collect();
                let (kind, start) = if self.overlapping {
                    (MatchKind::Standard, StartKind::Unanchored)
                } else {
                    (MatchKind::LeftmostLongest, StartKind::Both)
                };
                let automaton = AhoCorasick::builder()
                    .match_kind(kind)
                    .start_kind(start)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(index.iter().map(|i| &self.list[*i]))
                    .ok()?;
                Some((automaton, index))
            })
            .as_ref()
    }

    /// With [`Phrases::new`], non-overlapping matches, each the longest phrase at the leftmost
    /// place; with [`Phrases::overlapping`], every occurrence. Each with the index of the phrase
    /// in `list` (empty phrases are never found).
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some((automaton, index)) = self.automaton() else {
            return Vec::new();
        };
        let found = |m: aho_corasick::Match| (m.range(), index[m.pattern().as_usize()]);
        if self.overlapping {
            automaton.find_overlapping_iter(text).map(found).collect()
        } else {
            automaton.find_iter(text).map(found).collect()
        }
    }

    /// The length of the longest phrase `text` starts with (phrases made by [`Phrases::new`]).
    pub fn longest_prefix(&self, text: &str) -> Option<usize> {
        let (automaton, _) = self.automaton()?;
        automaton
            .find(Input::new(text).anchored(Anchored::Yes))
            .map(|m| m.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same strings as a set of each kind: the given ones, padded with unrelated strings.
    fn every_kind(strings: &[&str]) -> Vec<LiteralSet> {
        [0, FEW + 1, PACKED + 1, PACKED * PACKED_SEARCHERS + 1]
            .into_iter()
            .map(|padding| {
                let padded: Vec<String> = strings
                    .iter()
                    .map(|s| s.to_string())
                    .chain((0..padding.saturating_sub(strings.len())).map(|i| format!("无关{i}")))
                    .collect();
                LiteralSet::new(&padded).unwrap()
            })
            .collect()
    }

    #[test]
    fn every_kind_prefers_alike() {
        let text = "明显提升和显著提高，显著提升";
        let sets = every_kind(&["显著提升", "显著", "明显提升"]);
        assert!(matches!(sets[0], LiteralSet::Few(_)));
        assert!(matches!(&sets[1], LiteralSet::Packed(s) if s.len() == 1));
        assert!(matches!(&sets[2], LiteralSet::Packed(s) if s.len() == 2));
        assert!(matches!(sets[3], LiteralSet::Many(_)));
        for set in &sets {
            assert_eq!(set.find_all(text), vec![0..12, 15..21, 30..42], "{set:?}");
            assert!(set.is_match(text) && !set.is_match("稳步推进"), "{set:?}");
            assert_eq!(set.find_at(text, 13), Some(15..21), "{set:?}");
        }
    }

    /// Strings split among packed searchers are preferred as one automaton over them all
    /// prefers them: leftmost first, then the one listed first, whichever searcher holds it.
    #[test]
    fn split_sets_prefer_as_one_automaton() {
        let padding = |n: usize| (0..n).map(|i| format!("无关{i}"));
        let strings: Vec<String> = padding(5)
            .chain(["显著".to_string()])
            .chain(padding(PACKED))
            .chain(["显著提升", "明显提升", "提升和", "和显"].map(String::from))
            .chain(padding(PACKED))
            .chain(["提高".to_string()])
            .collect();
        let split = LiteralSet::new(&strings).unwrap();
        assert!(matches!(&split, LiteralSet::Packed(s) if s.len() == 3));
        let one = LiteralSet::Many(
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&strings)
                .unwrap(),
        );
        for text in [
            "明显提升和显著提高，显著提升",
            "提升和显著",
            "和显著提升提高",
            "无关",
        ] {
            assert_eq!(split.find_all(text), one.find_all(text), "{text}");
            assert_eq!(split.is_match(text), one.is_match(text), "{text}");
            let mut starts: Vec<usize> = split.starts(text).collect();
            assert!(starts.is_sorted(), "{text}");
            starts.dedup();
            for m in one.find_all(text) {
                assert!(starts.contains(&m.start), "{text}: {m:?}");
            }
        }
    }

    #[test]
    fn starts_come_in_order_from_every_string() {
        let text = "甲乙甲丙乙甲";
        for set in every_kind(&["乙", "甲"]) {
            assert_eq!(
                set.starts(text).collect::<Vec<_>>(),
                vec![0, 3, 6, 12, 15],
                "{set:?}"
            );
        }
    }

    #[test]
    fn phrases_find_the_longest_and_report_their_index() {
        let phrases = Phrases::new(vec![
            "近年".into(),
            "".into(),
            "近年来".into(),
            "万元".into(),
        ]);
        assert_eq!(
            phrases.find("近年来投入30万元"),
            vec![(0..9, 2), (17..23, 3)]
        );
        assert_eq!(phrases.longest_prefix("万元以上"), Some(6));
        assert_eq!(phrases.longest_prefix("共30万元"), None);
        assert!(Phrases::default().find("近年").is_empty());
        let overlapping = Phrases::overlapping(vec!["法治思想".into(), "习近平法治".into()]);
        assert_eq!(overlapping.find("习近平法治思想").len(), 2);
    }

    #[test]
    fn refuses_empty_strings() {
        assert!(LiteralSet::new::<&str>(&[]).is_none());
        assert!(LiteralSet::new(&["", "甲"]).is_none());
    }
}
