//! What one parse of a pattern tells about its matches, without compiling it: the strings it
//! matches when they are few, the strings every match must contain, and whether matches stay
//! within a line.
//!
//! Parsing costs about as much as the rest of a pattern's first use, and a check of one report
//! uses a hundred patterns of the built-in packs: their summaries are worked out ahead of time
//! ([`builtin`](super::builtin), kept current by a test) and looked up by pattern text.

use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Class, Hir, HirKind};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// The strings the pattern matches, when they are few and exact.
    pub exact: Option<Vec<Vec<u8>>>,
    /// Sets of strings of which every match holds one string each, most selective first.
    pub required: Vec<Vec<Vec<u8>>>,
    /// No match spans a line break, and searching each line finds the matches a search of the
    /// whole text finds (see [`line_local`]).
    pub line_local: bool,
}

/// A summary worked out ahead of time, as written in [`builtin`](super::builtin).
pub struct Precomputed {
    pub exact: Option<&'static [&'static str]>,
    pub required: &'static [&'static [&'static str]],
    pub line_local: bool,
}

impl Summary {
    /// The summary of `source`, or `None` when it is not a valid pattern.
    pub fn of(source: &str) -> Option<Summary> {
        match super::builtin::SUMMARIES.binary_search_by(|(s, _)| (*s).cmp(source)) {
            Ok(at) => Some(Summary::from_precomputed(&super::builtin::SUMMARIES[at].1)),
            Err(_) => Summary::parse(source),
        }
    }

    fn from_precomputed(summary: &Precomputed) -> Summary {
        let bytes = |set: &[&str]| set.iter().map(|s| s.as_bytes().to_vec()).collect();
        Summary {
            exact: summary.exact.map(bytes),
            required: summary.required.iter().map(|set| bytes(set)).collect(),
            line_local: summary.line_local,
        }
    }

    /// The summary of `source`, worked out from its syntax tree.
    pub fn parse(source: &str) -> Option<Summary> {
        let hir = regex_syntax::Parser::new().parse(source).ok()?;
        let exact = exact_literals(&hir);
        let mut required = required_literals(&hir);
        if required.is_empty()
            && let Some(exact) = &exact
        {
            required.push(exact.clone());
        }
        required.sort_by_key(|set| std::cmp::Reverse(selectivity(set)));
        required.truncate(MAX_GATES);
        Some(Summary {
            exact,
            required,
            line_local: line_local(&hir),
        })
    }
}

/// Most strings a pattern may expand to and still be matched as a set.
const MAX_SET: usize = 200;
/// Most strings in a `required` set.
const MAX_REQUIRED: usize = 64;
/// Most sets of required strings checked before a regex is compiled.
const MAX_GATES: usize = 3;
/// Most characters of a class whose characters serve as `required` strings.
const MAX_CLASS: usize = 10;

/// The strings `hir` matches, when they are few and exact (no classes too large to list, no
/// anchors, no repetition).
fn exact_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if !hir.properties().look_set().is_empty() || hir.properties().maximum_len().is_none() {
        return None;
    }
    let seq = Extractor::new().extract(hir);
    if !seq.is_exact() {
        return None;
    }
    let literals: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
    (!literals.is_empty() && literals.len() <= MAX_SET && literals.iter().all(|l| !l.is_empty()))
        .then_some(literals)
}

/// Sets of strings such that every match of `hir` contains a string of each set. In a
/// concatenation each part must match, so the sets of all parts hold for the whole; a match of
/// an alternation contains a string of its branch's most selective set.
fn required_literals(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(literal) => vec![vec![literal.0.to_vec()]],
        HirKind::Class(Class::Unicode(class)) => {
            let chars: usize = class.ranges().iter().map(|r| r.len()).sum();
            if chars > MAX_CLASS {
                return Vec::new();
            }
            vec![
                class
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| c.to_string().into_bytes())
                    .collect(),
            ]
        }
        HirKind::Concat(parts) => parts.iter().flat_map(required_literals).collect(),
        HirKind::Alternation(branches) => {
            let mut union = Vec::new();
            for branch in branches {
                let Some(best) = required_literals(branch)
                    .into_iter()
                    .max_by_key(|set| selectivity(set))
                else {
                    return Vec::new();
                };
                union.extend(best);
            }
            union.sort();
            union.dedup();
            if union.len() <= MAX_REQUIRED {
                vec![union]
            } else {
                Vec::new()
            }
        }
        HirKind::Capture(capture) => required_literals(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min > 0 => required_literals(&repetition.sub),
        _ => Vec::new(),
    }
}

/// Whether the matches of `hir` in a text are those found line by line (lines split at `\n`,
/// without it): no match can hold a `\n`, no anchor refers to the whole text (`\A`, `\z`, `^`
/// and `$` outside multi-line mode), and in CRLF mode, where `$` never matches between `\r` and
/// `\n` but does at the end of a line cut before its `\n`, no match can end in `\r`.
pub(super) fn line_local(hir: &Hir) -> bool {
    use regex_syntax::hir::Look;
    let looks = hir.properties().look_set();
    let whole_text = looks.contains(Look::Start) || looks.contains(Look::End);
    let crlf = looks.contains(Look::StartCRLF) || looks.contains(Look::EndCRLF);
    let crosses_lines = can_match_byte(hir, b'\n');
    let may_end_in_cr = crlf && can_match_byte(hir, b'\r');
    !(whole_text || crosses_lines || may_end_in_cr)
}

/// Whether some match of `hir` may contain the ASCII byte `byte`.
pub(super) fn can_match_byte(hir: &Hir, byte: u8) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(literal) => literal.0.contains(&byte),
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .any(|r| r.start() <= char::from(byte) && char::from(byte) <= r.end()),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .any(|r| r.start() <= byte && byte <= r.end()),
        HirKind::Repetition(repetition) => {
            repetition.max != Some(0) && can_match_byte(&repetition.sub, byte)
        }
        HirKind::Capture(capture) => can_match_byte(&capture.sub, byte),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(|part| can_match_byte(part, byte))
        }
    }
}

/// Longer shortest strings filter better; fewer strings break ties.
fn selectivity(literals: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = literals.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(literals.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::pack::Pack;
    use crate::config::packs::BUILTIN;
    use std::fmt::Write;

    /// The text of `builtin.rs` for these patterns.
    fn render(sources: &[String]) -> String {
        let mut out = String::from(
            "//! Summaries of the built-in packs' patterns, sorted by pattern text.\n\
             //! Written by the test `builtin_summaries_are_current` from the packs: do not edit.\n\
             \n\
             use super::summary::Precomputed;\n\
             \n\
             pub static SUMMARIES: &[(&str, Precomputed)] = &[\n",
        );
        for source in sources {
            let Some(summary) = Summary::parse(source) else {
                continue;
            };
            let set = |set: &Vec<Vec<u8>>| -> Option<String> {
                let strings: Option<Vec<String>> = set
                    .iter()
                    .map(|s| std::str::from_utf8(s).ok().map(|s| format!("{s:?}")))
                    .collect();
                Some(format!("&[{}]", strings?.join(", ")))
            };
            let exact = match &summary.exact {
                Some(exact) => match set(exact) {
                    Some(exact) => format!("Some({exact})"),
                    None => continue,
                },
                None => "None".to_string(),
            };
            let Some(required) = summary.required.iter().map(set).collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            writeln!(
                out,
                "    ({source:?}, Precomputed {{ exact: {exact}, required: &[{}], line_local: {} }}),",
                required.join(", "),
                summary.line_local
            )
            .unwrap();
        }
        out.push_str("];\n");
        out
    }

    /// Sources of every pattern the built-in packs hold.
    fn builtin_sources() -> Vec<String> {
        super::super::record_built(|| {
            for (name, text) in BUILTIN {
                Pack::load_with(name, text, name, false).unwrap();
            }
        })
    }

    #[test]
    fn builtin_summaries_are_current() {
        let mut sources = builtin_sources();
        sources.sort();
        sources.dedup();
        let expected = render(&sources);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/config/pattern/builtin.rs");
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current != expected {
            std::fs::write(path, &expected).unwrap();
            panic!(
                "{path} was out of date with the built-in packs and has been rewritten: run the tests again"
            );
        }
    }

    #[test]
    fn precomputed_summaries_are_those_a_parse_gives() {
        for (source, precomputed) in super::super::builtin::SUMMARIES {
            assert_eq!(
                Summary::from_precomputed(precomputed),
                Summary::parse(source).unwrap(),
                "{source}"
            );
        }
        assert!(super::super::builtin::SUMMARIES.is_sorted_by_key(|(source, _)| *source));
    }

    #[test]
    fn summaries_tell_sets_required_strings_and_lines() {
        let set = Summary::parse("(明显|显著)(提升|提高)").unwrap();
        assert_eq!(set.exact.unwrap().len(), 4);
        let gated = Summary::parse(r"20[0-9]+年").unwrap();
        assert!(gated.exact.is_none());
        // “年” is three bytes long in UTF-8, and longer strings filter better.
        assert_eq!(
            gated.required[..2],
            [vec!["年".as_bytes().to_vec()], vec![b"20".to_vec()]]
        );
        assert_eq!(gated.required[2].len(), 10, "a digit");
        assert!(gated.line_local);
        assert!(!Summary::parse(r"问题\s+原因").unwrap().line_local);
        assert!(Summary::parse("(未闭合").is_none());
    }
}
