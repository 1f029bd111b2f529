//! Patterns in rule packs: validated when the pack loads, compiled when first used.
//!
//! Compiling a Unicode regex costs far more than matching it against a heading, and a check of
//! one document uses only some of the patterns the packs hold; plain-text patterns need no regex
//! at all.

#[rustfmt::skip]
mod builtin;
mod summary;

use super::literals::LiteralSet;
use crate::tiered::TieredRegex;
use regex_syntax::hir::HirKind;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;
use summary::Summary;

pub struct Pattern {
    literal: Option<String>,
    /// The searcher for `literal`, built on first use: searching many short texts (sentences)
    /// for one string, building it once beats `str::find` setting up its search each call.
    finder: OnceLock<memchr::memmem::Finder<'static>>,
    /// What one parse of the pattern tells, worked out when the pattern is first used.
    analysis: OnceLock<Analysis>,
    regex: TieredRegex,
}

/// Cheap stand-ins for the compiled regex.
struct Analysis {
    /// For a pattern that only ever matches a small set of strings (「(明显|显著)(提升|提高)」):
    /// those strings, searched for as a set, ready in microseconds where the regex takes a
    /// hundred times longer to compile. Built on first use.
    exact: Option<Vec<Vec<u8>>>,
    set: OnceLock<Option<LiteralSet>>,
    /// Sets of strings of which every match holds one string each (「20…年」 needs “20” and
    /// “年”), most selective first: text without a string of the first cannot match, and most
    /// texts are checked against most patterns without ever needing the regex (or a large set).
    required: Vec<Vec<Vec<u8>>>,
    /// Searchers for `required`, built on first search.
    gates: OnceLock<Vec<LiteralSet>>,
    /// No match spans a line break, and searching each line finds the matches a search of the
    /// whole text finds (see [`summary::line_local`]).
    line_local: bool,
}

impl Analysis {
    fn of(source: &str) -> Analysis {
        let Summary {
            exact,
            required,
            line_local,
        } = Summary::of(source).unwrap_or_default();
        Analysis {
            exact,
            set: OnceLock::new(),
            required,
            gates: OnceLock::new(),
            line_local,
        }
    }

    fn gates(&self) -> &[LiteralSet] {
        self.gates.get_or_init(|| {
            self.required
                .iter()
                .filter_map(|set| LiteralSet::new(set))
                .collect()
        })
    }

    /// Whether `text` holds a string of every required set.
    fn admits(&self, text: &str) -> bool {
        self.gates().iter().all(|gate| gate.is_match(text))
    }

    fn set(&self) -> Option<&LiteralSet> {
        let exact = self.exact.as_deref()?;
        self.set.get_or_init(|| LiteralSet::new(exact)).as_ref()
    }
}

enum Engine<'a> {
    /// The empty pattern: matches everywhere, reported nowhere.
    Empty,
    Literal(&'a memchr::memmem::Finder<'static>),
    Set(&'a LiteralSet),
    Regex(&'a TieredRegex),
}

/// Texts longer than this are searched a line at a time while the regex is compiled only
/// lightly: the gates rule out most lines, and the light engine searches the rest.
const LINES_ABOVE: usize = 1024;

/// The lines of `text` (without their `\n`) that hold a string of `gate`, with the offset of
/// each: one scan of the text, not one per line.
fn lines_with<'t>(text: &'t str, gate: &'t LiteralSet) -> impl Iterator<Item = (usize, &'t str)> {
    let bytes = text.as_bytes();
    let mut hits = gate.starts(text);
    let mut from = 0;
    std::iter::from_fn(move || {
        let hit = hits.by_ref().find(|&at| at >= from)?;
        let start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[hit..]).map_or(text.len(), |i| hit + i);
        from = end + 1;
        Some((start, &text[start..end]))
    })
}

/// Every line of `text` (without its `\n`), with its offset.
fn all_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line)
    })
}

fn shifted(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

impl Pattern {
    /// Validate `source`, refusing patterns that can never match in Chinese text. `eager`
    /// compiles it now, so that limits only compiling reveals are reported at load; built-in
    /// packs, checked by the test suite, compile lazily.
    pub fn new(source: &str, eager: bool) -> Result<Pattern, String> {
        #[cfg(test)]
        BUILT.with_borrow_mut(|built| {
            if let Some(built) = built {
                built.push(source.to_string());
            }
        });
        if !eager {
            // Built-in packs are validated by the test suite; at start-up only tell plain text
            // from patterns, without parsing every one.
            let is_plain = !source.contains([
                '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$',
            ]);
            return Ok(Pattern {
                literal: is_plain.then(|| source.to_string()),
                finder: OnceLock::new(),
                analysis: OnceLock::new(),
                regex: TieredRegex::owned(source.to_string()),
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
        let regex = if literal.is_none() {
            TieredRegex::validate(source.to_string())
                .map_err(|e| format!("正则表达式无效：{}", last_line(&e)))?
        } else {
            TieredRegex::owned(source.to_string())
        };
        Ok(Pattern {
            literal,
            finder: OnceLock::new(),
            analysis: OnceLock::new(),
            regex,
        })
    }

    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }

    fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| Analysis::of(self.as_str()))
    }

    #[cfg(test)]
    fn set(&self) -> Option<&LiteralSet> {
        if self.literal.is_some() {
            return None;
        }
        self.analysis().set()
    }

    /// Strings one of which every match contains, when the pattern has such a short list.
    pub fn required_strings(&self) -> Option<Vec<Vec<u8>>> {
        match &self.literal {
            Some(literal) if !literal.is_empty() => Some(vec![literal.as_bytes().to_vec()]),
            Some(_) => None,
            None => self.analysis().required.first().cloned(),
        }
    }

    /// Whether `text` holds the strings every match needs. When it does not, neither `text`
    /// nor any part of it can match: a paragraph is ruled out before its sentences are searched
    /// one by one. Compiles no regex.
    pub fn may_match_within(&self, text: &str) -> bool {
        match &self.literal {
            Some(literal) => {
                literal.is_empty() || self.finder(literal).find(text.as_bytes()).is_some()
            }
            None => self.analysis().admits(text),
        }
    }

    /// The searcher for the plain-text pattern `literal`.
    fn finder(&self, literal: &str) -> &memchr::memmem::Finder<'static> {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(literal.as_bytes()).into_owned())
    }

    /// The way to search `text`, or `None` when it cannot hold a match.
    #[inline]
    fn engine(&self, text: &str) -> Option<Engine<'_>> {
        if let Some(literal) = &self.literal {
            if literal.is_empty() {
                return Some(Engine::Empty);
            }
            return Some(Engine::Literal(self.finder(literal)));
        }
        // Once compiled in full, the regex's own prefilter is as quick as the gates.
        if self.regex.is_fully_compiled() {
            return Some(Engine::Regex(&self.regex));
        }
        let analysis = self.analysis();
        if !analysis.admits(text) {
            return None;
        }
        match analysis.set() {
            Some(set) => Some(Engine::Set(set)),
            None => Some(Engine::Regex(&self.regex)),
        }
    }

    /// The gate whose lines to search, when `text` is searched a line at a time.
    #[inline]
    fn line_gate(&self, text: &str) -> Option<&LiteralSet> {
        if text.len() <= LINES_ABOVE || self.literal.is_some() || self.regex.is_fully_compiled() {
            return None;
        }
        let analysis = self.analysis();
        analysis.gates().first().filter(|_| analysis.line_local)
    }

    pub fn is_match(&self, text: &str) -> bool {
        if let Some(gate) = self.line_gate(text) {
            return lines_with(text, gate).any(|(_, line)| self.is_match_in(line));
        }
        self.is_match_in(text)
    }

    fn is_match_in(&self, text: &str) -> bool {
        match self.engine(text) {
            None => false,
            Some(Engine::Empty) => true,
            Some(Engine::Literal(finder)) => finder.find(text.as_bytes()).is_some(),
            Some(Engine::Set(set)) => set.is_match(text),
            Some(Engine::Regex(regex)) => regex.is_match(text),
        }
    }

    /// The leftmost match in `text`.
    #[inline]
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        if let Some(gate) = self.line_gate(text) {
            return lines_with(text, gate)
                .find_map(|(at, line)| Some(shifted(self.find_in(line)?, at)));
        }
        self.find_in(text)
    }

    #[inline]
    fn find_in(&self, text: &str) -> Option<Range<usize>> {
        match self.engine(text)? {
            Engine::Empty => Some(0..0),
            Engine::Literal(finder) => finder
                .find(text.as_bytes())
                .map(|i| i..i + finder.needle().len()),
            Engine::Set(set) => set.find_at(text, 0),
            Engine::Regex(regex) => regex.find(text),
        }
    }

    /// The matches each line of `text` holds when searched on its own (lines end at `\n`, and
    /// a `\r` before it is not part of the line), left to right: no match spans a line break.
    pub fn find_all_in_lines(&self, text: &str) -> Vec<Range<usize>> {
        if self.literal.is_some() {
            let mut found = self.find_all(text);
            found.retain(|r| !text[r.clone()].contains(['\n', '\r']));
            return found;
        }
        let in_line = |(at, line): (usize, &str)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            self.find_all(line).into_iter().map(move |r| shifted(r, at))
        };
        match self.analysis().gates().first() {
            Some(gate) => lines_with(text, gate).flat_map(in_line).collect(),
            None => all_lines(text).flat_map(in_line).collect(),
        }
    }

    /// Byte ranges of the non-overlapping matches in `text`, left to right.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        match self.engine(text) {
            None => Vec::new(),
            Some(Engine::Empty) => Vec::new(),
            Some(Engine::Literal(finder)) => {
                let len = finder.needle().len();
                let mut found = Vec::new();
                let mut at = 0;
                while let Some(i) = finder.find(&text.as_bytes()[at..]) {
                    found.push(at + i..at + i + len);
                    at += i + len;
                }
                found
            }
            Some(Engine::Set(set)) => set.find_all(text),
            Some(Engine::Regex(regex)) => regex.find_iter(text).filter(|m| !m.is_empty()).collect(),
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

#[cfg(test)]
thread_local! {
    /// Sources of the patterns made on this thread, while [`record_built`] runs.
    static BUILT: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// The sources of the patterns `make` makes.
#[cfg(test)]
fn record_built(make: impl FnOnce()) -> Vec<String> {
    BUILT.set(Some(Vec::new()));
    make();
    BUILT.take().unwrap_or_default()
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.as_str())
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
    use summary::line_local;

    #[test]
    fn a_text_without_the_strings_a_match_needs_is_ruled_out() {
        let literal = Pattern::new("七五普法", false).unwrap();
        let regex = Pattern::new(r"纲要\s*[（(]\s*20[0-9]{2}", false).unwrap();
        assert!(!literal.may_match_within("深入开展八五普法。"));
        assert!(literal.may_match_within("回顾七五普法。"));
        assert!(!regex.may_match_within("落实规划（2021年）。"));
        assert!(regex.may_match_within("落实纲要（2015年）。"));
    }

    proptest::proptest! {
        /// A text ruled out rules out every part of it, anchors and all; a text with a match
        /// is never ruled out.
        #[test]
        fn a_text_ruled_out_holds_no_match_in_any_part(
            text in "[x0-9 。年月日《》（）()七五八普法纲要问题不足法治建设报告]{0,40}",
            pattern in proptest::sample::select(vec![
                "七五普法", r#"^\s*七五[”"]?\s*普法"#, r"纲要\s*[（(]\s*20[0-9]{2}", r"(?m)报告$",
                r"存在.{0,3}(问题|不足)", "法治",
            ]),
        ) {
            let pattern = Pattern::new(pattern, false).unwrap();
            if !pattern.may_match_within(&text) {
                proptest::prop_assert!(!pattern.is_match(&text));
                for part in text.split('。') {
                    proptest::prop_assert!(!pattern.is_match(part), "{part}");
                }
            }
        }

        /// Long texts searched a line at a time while the regex is light give what a search
        /// of the whole text gives.
        #[test]
        fn line_by_line_search_finds_what_the_whole_text_search_finds(
            text in "[x0-9 \t\r\n年月日《》（）()×Ｘ存在问题不足法治建设报告妥否请批示]{1,80}",
            pattern in proptest::sample::select(vec![
                r"存在.{0,3}(问题|不足)", r"(?mR)^\s*法治", r"(?m)[x×Ｘ]{2,}$", r"《([^《》\n]+)》",
                r"[（(]\s*[）)]", r"(?mR)20[0-9x]{2}年$", r"^法治", r"报告$", r"(?s)问题.不足",
                r"(?mR)[^\n]报告$", r"(?m)妥否，请批示", r"建设\s*报告", r"(?mR)报告[^\n]*$",
            ]),
        ) {
            let text = text.repeat(LINES_ABOVE / text.len() + 1);
            let regex = regex::Regex::new(pattern).unwrap();
            let expected: Vec<Range<usize>> = regex
                .find_iter(&text)
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect();
            let p = Pattern::new(pattern, false).unwrap();
            proptest::prop_assert_eq!(p.find_all(&text), expected.clone());
            let p = Pattern::new(pattern, false).unwrap();
            proptest::prop_assert_eq!(p.find(&text), regex.find(&text).map(|m| m.range()));
            let p = Pattern::new(pattern, false).unwrap();
            proptest::prop_assert_eq!(p.is_match(&text), regex.is_match(&text));
        }
    }

    #[test]
    fn matches_in_lines_are_those_of_each_line_searched_alone() {
        let text = "正文\n\n  内部资料\r\n内部\n（\n）（ ）\r\n";
        for pattern in [
            "(?mR)^\\s*内部",
            "(?mR)[（(]\\s*[）)]",
            "(?mR)内部\\s*$",
            "内部",
        ] {
            let regex = regex::Regex::new(pattern).unwrap();
            let mut expected = Vec::new();
            let mut at = 0;
            for line in text.split('\n') {
                let bare = line.strip_suffix('\r').unwrap_or(line);
                expected.extend(regex.find_iter(bare).map(|m| m.start() + at..m.end() + at));
                at += line.len() + 1;
            }
            let found = Pattern::new(pattern, false)
                .unwrap()
                .find_all_in_lines(text);
            assert_eq!(found, expected, "{pattern}");
            assert!(
                found
                    .iter()
                    .all(|r| !text[r.clone()].contains(['\n', '\r']))
            );
        }
    }

    #[test]
    fn patterns_local_to_a_line_are_told_apart() {
        for (pattern, local) in [
            ("存在.{0,8}问题", true),
            ("(?mR)^\\s*内部", false),
            ("(?mR)^内部[^，]*$", false),
            ("(?mR)^内部[^，\\r\\n]*$", true),
            ("(?m)^内部.*$", true),
            ("^内部", false),
            ("问题$", false),
            ("(?s)问题.不足", false),
            ("问题\\n", false),
            ("(?mR)报告[^\\n]*$", false),
            ("(?mR)报告[^\\r\\n]*$", true),
        ] {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            assert_eq!(line_local(&hir), local, "{pattern}");
        }
        // Cut before its \n, a CRLF line would end in \r, where `$` matches in CRLF mode.
        let text = "工作报告\r\n".repeat(200);
        let pattern = "(?mR)报告[^\\n]*$";
        let expected: Vec<Range<usize>> = regex::Regex::new(pattern)
            .unwrap()
            .find_iter(&text)
            .map(|m| m.range())
            .collect();
        assert_eq!(
            Pattern::new(pattern, false).unwrap().find_all(&text),
            expected
        );
    }

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
            let regex = regex::Regex::new(pattern).unwrap();
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
    fn text_without_a_required_string_is_ruled_out_before_compiling() {
        for (pattern, required) in [
            (
                "(?m)^\\s*(绝密|机密|秘密)\\s*(★.*)?$",
                vec!["绝密", "机密", "秘密"],
            ),
            ("(?mR)^\\s*某(县|市|区|镇|乡|街道)", vec!["某"]),
            (
                "法治(政府)?建设.*(报告|总结)|依法行政.*(报告|总结)",
                vec!["依法行政", "法治建设", "法治政府建设"],
            ),
        ] {
            let p = Pattern::new(pattern, false).unwrap();
            let analysis = p.analysis();
            let set = analysis
                .gates()
                .first()
                .unwrap_or_else(|| panic!("{pattern}"));
            for literal in required {
                assert!(set.is_match(literal), "{pattern}: {literal}");
            }
            assert!(!p.is_match("全面推进依法治县"));
            assert!(!p.regex.is_compiled(), "{pattern} compiled without need");
        }
        // Every part's strings must be there: 「2022年」 has “20” and “年” but no x.
        let placeholder = Pattern::new("20([0-9][xX×Ｘ]|[xX×Ｘ][0-9xX×Ｘ])年", false).unwrap();
        assert!(!placeholder.is_match("2022年度报告"));
        assert!(!placeholder.regex.is_compiled());
        assert!(placeholder.is_match("20XX年度报告"));
        let secret = Pattern::new("(?m)^\\s*(绝密|机密|秘密)\\s*(★.*)?$", false).unwrap();
        assert_eq!(secret.find_all("正文\n 机密★1年\n"), vec![7..21]);
        for pattern in ["[0-9]+件", "受.{1,12}影响", ".*"] {
            let p = Pattern::new(pattern, false).unwrap();
            let usable = !p.analysis().required.is_empty();
            assert_eq!(usable, pattern != ".*", "{pattern}");
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
