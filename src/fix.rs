//! Applying safe fixes: each fix's edits are applied together or not at all, a fix whose edits
//! overlap an earlier accepted fix is left for the next pass, and passes repeat (re-checking the
//! text each time) until no fix is left, so that fixing twice changes nothing the second time.
//!
//! Every fix passes the [`Guard`] first, whichever rule made it: it keeps each Han character,
//! letter and digit, changes nothing that is not prose (addresses, file names, code, link
//! destinations: [`crate::prose::verbatim`]), adds or removes no bracket, and never changes the
//! width of one half of a pair of brackets without the other. A fix that fails is not applied,
//! and its finding is reported without it.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Edit};
use crate::prose::chars::{chars_led_by, half_width_alnum, is_han, lead_bytes};
use crate::prose::verbatim::Verbatim;
use crate::source::{Source, Span};
use crate::{FileReport, check};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// More passes than any real document needs; a safeguard against fixes that undo each other.
pub const MAX_PASSES: usize = 10;

/// How a finding's advice says that `--fix` corrects it: rules end their advice with
/// 「（--fix 可自动改正）」, 「（--fix 可自动删除）」 or 「（--fix 可自动连接）」.
pub const FIX_HINT: &str = "（--fix 可自动";

/// What replaces the [`FIX_HINT`] parenthesis for a Word document, which `--fix` does not
/// rewrite: its fixes are offered as tracked changes in a reviewed copy.
pub const DOCX_FIX_HINT: &str = "（可在 --format docx 生成的审阅副本中以修订方式改正）";

/// What replaces the [`FIX_HINT`] parenthesis for a PDF, which is never rewritten.
pub const PDF_FIX_HINT: &str = "（PDF 不能自动改正，请在原始的 Word 或 WPS 文档中修改）";

/// The parenthesis that names `--fix`, for a document `--fix` does not rewrite; `None` for
/// the formats it does.
pub fn fix_hint_for(format: crate::source::Format) -> Option<&'static str> {
    match format {
        crate::source::Format::Docx => Some(DOCX_FIX_HINT),
        crate::source::Format::Pdf => Some(PDF_FIX_HINT),
        _ => None,
    }
}

/// Advice that names `--fix`, reworded with `hint` for a document `--fix` does not rewrite.
pub fn reword_fix_hints(diagnostics: &mut [Diagnostic], hint: &str) {
    for d in diagnostics {
        let Some(help) = &mut d.help else {
            continue;
        };
        let Some(start) = help.find(FIX_HINT) else {
            continue;
        };
        let end = help[start..]
            .find('）')
            .map_or(help.len(), |close| start + close + '）'.len_utf8());
        let mut reworded = help[..start].to_string();
        reworded.push_str(hint);
        reworded.push_str(&help[end..]);
        *help = reworded.into();
    }
}

/// The rule whose fix removes text on purpose (web debris); every other fix must keep each Han
/// character, digit and letter.
const DELETES_DEBRIS: &str = "paste-artifact";

/// The result of one pass over a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// The rule of each fix applied, in text order.
    pub rules: Vec<&'static str>,
    /// Fixes left out because they overlapped an earlier fix or were not safe.
    pub skipped: usize,
}

/// The characters a safe fix must keep: Han characters, digits and letters (full-width ones
/// folded to half-width).
fn significant(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| half_width_alnum(c).unwrap_or(c))
        .filter(|c| is_han(*c) || c.is_alphanumeric())
}

/// The kind of a bracket and whether it opens; the half- and full-width forms of a bracket are
/// one kind. Straight quotes, which neither open nor close, are not brackets.
fn bracket(c: char) -> Option<(u8, bool)> {
    Some(match c {
        '(' | '（' => (0, true),
        ')' | '）' => (0, false),
        '[' | '［' => (1, true),
        ']' | '］' => (1, false),
        '{' | '｛' => (2, true),
        '}' | '｝' => (2, false),
        '《' => (3, true),
        '》' => (3, false),
        '〈' => (4, true),
        '〉' => (4, false),
        '【' => (5, true),
        '】' => (5, false),
        '〔' => (6, true),
        '〕' => (6, false),
        '「' => (7, true),
        '」' => (7, false),
        '『' => (8, true),
        '』' => (8, false),
        '“' => (9, true),
        '”' => (9, false),
        '‘' => (10, true),
        '’' => (10, false),
        '〖' => (11, true),
        '〗' => (11, false),
        _ => return None,
    })
}

/// The first bytes of the characters [`bracket`] knows.
const BRACKET_LEADS: [bool; 256] = lead_bytes(b"()[]{}\xE2\xE3\xEF");

/// The brackets of `text` with their byte offsets.
fn brackets(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    chars_led_by(text, &BRACKET_LEADS).filter(|&(_, c)| bracket(c).is_some())
}

/// Why a fix is not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An edit outside the text, or not on character boundaries.
    OutOfBounds,
    /// Two edits of the fix overlap.
    Overlapping,
    /// It would change a Han character, a letter or a digit.
    Characters,
    /// It would change an address, a file name, code or markup.
    Verbatim,
    /// It would add or remove a bracket.
    Brackets,
    /// It would make the two halves of a pair of brackets differ in width.
    SplitsPair,
}

/// What every fix must keep of the text it is applied to.
pub struct Guard<'t> {
    text: &'t str,
    verbatim: &'t Verbatim,
    /// Each bracket that has a partner, with the partner's offset, sorted; worked out when a fix
    /// first changes a bracket.
    partners: OnceLock<Vec<(usize, usize)>>,
}

impl<'t> Guard<'t> {
    /// `verbatim`: what is not prose in `text` (for Markdown, found by the reader in the text as
    /// written; the offsets are the same).
    pub fn new(text: &'t str, verbatim: &'t Verbatim) -> Guard<'t> {
        Guard {
            text,
            verbatim,
            partners: OnceLock::new(),
        }
    }

    /// Brackets paired line by line, as the rules pair them, leaving out those in addresses,
    /// file names and code. A closing bracket pairs with the nearest opening one of its kind;
    /// those opened after it are left unpaired.
    fn partners(&self) -> &[(usize, usize)] {
        self.partners.get_or_init(|| {
            let mut out = Vec::new();
            let mut open: Vec<(u8, usize)> = Vec::new();
            let mut line_start = 0;
            for line in self.text.split_inclusive(['\n', '\r']) {
                open.clear();
                for (offset, c) in brackets(line) {
                    let at = line_start + offset;
                    if self.verbatim.contains(at) {
                        continue;
                    }
                    let (kind, opening) = bracket(c).expect("a bracket");
                    if opening {
                        open.push((kind, at));
                    } else if let Some(i) = open.iter().rposition(|&(k, _)| k == kind) {
                        let (_, o) = open[i];
                        open.truncate(i);
                        out.push((o, at));
                        out.push((at, o));
                    }
                }
                line_start += line.len();
            }
            out.sort_unstable();
            out
        })
    }

    fn partner(&self, offset: usize) -> Option<usize> {
        let partners = self.partners();
        partners
            .binary_search_by_key(&offset, |&(o, _)| o)
            .ok()
            .map(|i| partners[i].1)
    }

    /// Whether the fix `edits` of `rule` may be applied. `earlier`: the brackets whose width
    /// fixes accepted before it change (offset, new character). Returns the brackets whose
    /// width this fix changes.
    pub fn check(
        &self,
        rule: &str,
        edits: &[&Edit],
        earlier: &BTreeMap<usize, char>,
    ) -> Result<Vec<(usize, char)>, Refusal> {
        let text = self.text;
        let mut sorted: Vec<&Edit> = edits.to_vec();
        sorted.sort_by_key(|e| (e.span.start, e.span.end));
        if sorted
            .windows(2)
            .any(|pair| overlaps(pair[0].span, pair[1].span))
        {
            return Err(Refusal::Overlapping);
        }
        let mut changes: Vec<(usize, char)> = Vec::new();
        for edit in sorted {
            let span = edit.span;
            if span.start > span.end
                || span.end > text.len()
                || !text.is_char_boundary(span.start)
                || !text.is_char_boundary(span.end)
            {
                return Err(Refusal::OutOfBounds);
            }
            let old = &text[span.range()];
            let new = edit.replacement.as_ref();
            if rule == DELETES_DEBRIS && new.is_empty() {
                // Whole lines of web debris go, addresses in them too, but never part of
                // something that is not prose.
                if self
                    .verbatim
                    .meeting(span)
                    .any(|v| v.start < span.start || v.end > span.end)
                {
                    return Err(Refusal::Verbatim);
                }
                continue;
            }
            if !significant(old).eq(significant(new)) {
                return Err(Refusal::Characters);
            }
            if self.verbatim.overlaps(span) {
                return Err(Refusal::Verbatim);
            }
            let mut after = brackets(new);
            for (offset, was) in brackets(old) {
                match after.next() {
                    Some((_, now)) if bracket(now) == bracket(was) => {
                        if now != was {
                            changes.push((span.start + offset, now));
                        }
                    }
                    _ => return Err(Refusal::Brackets),
                }
            }
            if after.next().is_some() {
                return Err(Refusal::Brackets);
            }
        }
        let wide = |c: char| !c.is_ascii();
        for &(at, now) in &changes {
            let Some(partner) = self.partner(at) else {
                continue;
            };
            let partner_now = changes
                .iter()
                .find(|&&(o, _)| o == partner)
                .map(|&(_, c)| c)
                .or_else(|| earlier.get(&partner).copied())
                .unwrap_or_else(|| text[partner..].chars().next().expect("a bracket"));
            if wide(partner_now) != wide(now) {
                return Err(Refusal::SplitsPair);
            }
        }
        Ok(changes)
    }
}

/// Take the fix off each finding whose fix the [`Guard`] refuses: the finding stays, without a
/// fix to offer.
pub fn drop_unsafe_fixes(source: &Source, diagnostics: &mut [Diagnostic]) {
    if diagnostics.iter().all(|d| d.fix.is_none()) {
        return;
    }
    let guard = Guard::new(&source.text, source.verbatim());
    let none = BTreeMap::new();
    for d in diagnostics {
        let refused = d.fix.as_ref().is_some_and(|fix| {
            let edits: Vec<&Edit> = fix.edits.iter().collect();
            guard.check(d.rule, &edits, &none).is_err()
        });
        if refused {
            d.fix = None;
        }
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// The edits accepted so far, by start: no two of them [`overlaps`], so two never share a
/// start, and whether a new span meets one of them is a look at its neighbours.
#[derive(Default)]
struct Accepted<'d> {
    edits: BTreeMap<usize, &'d Edit>,
}

impl<'d> Accepted<'d> {
    fn meets(&self, span: Span) -> bool {
        // The last edit starting before `span`, and the first starting at or after it: the
        // edits are disjoint, so any other that overlaps `span` lies between those two.
        let before = self.edits.range(..span.start).next_back();
        let after = self.edits.range(span.start..).next();
        before
            .into_iter()
            .chain(after)
            .any(|(_, a)| overlaps(a.span, span))
    }

    fn insert(&mut self, edit: &'d Edit) {
        self.edits.insert(edit.span.start, edit);
    }
}

/// Apply every fix of `diagnostics` that the [`Guard`] allows and that does not overlap an
/// earlier one. `verbatim`: what is not prose in `text`.
pub fn apply<'a>(
    text: &str,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    verbatim: &Verbatim,
) -> Applied {
    let guard = Guard::new(text, verbatim);
    let mut fixes: Vec<(&'static str, Vec<&Edit>)> = diagnostics
        .into_iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            (!edits.is_empty()).then_some((d.rule, edits))
        })
        .collect();
    fixes.sort_by_key(|(rule, edits)| (edits[0].span.start, edits[0].span.end, *rule));

    let mut accepted = Accepted::default();
    let mut widths: BTreeMap<usize, char> = BTreeMap::new();
    let mut rules = Vec::new();
    let mut skipped = 0;
    for (rule, edits) in fixes {
        let clash = edits.iter().any(|e| accepted.meets(e.span));
        let checked = if clash {
            Err(Refusal::Overlapping)
        } else {
            guard.check(rule, &edits, &widths)
        };
        match checked {
            Ok(changes) => {
                widths.extend(changes);
                for edit in edits {
                    accepted.insert(edit);
                }
                rules.push(rule);
            }
            Err(_) => skipped += 1,
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in accepted.edits.into_values() {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Applied {
        text: out,
        rules,
        skipped,
    }
}

/// A document after fixing.
pub struct Fixed {
    /// The fixed text, as it is to be written.
    pub text: String,
    /// The findings that remain, against the fixed text as the rules read it.
    pub report: FileReport,
    /// How many fixes of each rule were applied.
    pub counts: BTreeMap<&'static str, usize>,
    /// How many passes applied something.
    pub passes: usize,
}

impl Fixed {
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Check `source`, apply its safe fixes, and repeat on the fixed text until nothing is left to
/// fix (at most [`MAX_PASSES`] times).
pub fn fix(source: Source, settings: &Settings) -> Fixed {
    let name = source.name.clone();
    // A text read through a fold (traditional characters) is fixed as written.
    let written = source.origin.shown.unwrap_or(source.text);
    fix_with(written, settings, |text| Source::new(name.clone(), text))
}

/// [`fix`] for a document the rules read through a reader (Markdown with its markup blanked):
/// `read` turns the raw text into the source the rules check, byte for byte the same length. An
/// edit is applied to the raw text only where the reader kept the text as written, so markup
/// is never touched.
pub fn fix_with(mut raw: String, settings: &Settings, read: impl Fn(String) -> Source) -> Fixed {
    let mut report = check(read(raw.clone()), settings);
    let mut counts = BTreeMap::new();
    let mut passes = 0;
    while passes < MAX_PASSES {
        let as_written = report.diagnostics.iter().filter(|d| {
            d.fix.as_ref().is_some_and(|fix| {
                fix.edits
                    .iter()
                    .all(|e| raw.get(e.span.range()) == report.source.text.get(e.span.range()))
            })
        });
        let applied = apply(&raw, as_written, report.source.verbatim());
        if applied.rules.is_empty() {
            break;
        }
        passes += 1;
        for rule in applied.rules {
            *counts.entry(rule).or_insert(0) += 1;
        }
        raw = applied.text;
        // The last pass's findings go before the next pass makes its own: a page pasted
        // without line breaks has a million of them.
        drop(report);
        report = check(read(raw.clone()), settings);
    }
    Fixed {
        text: raw,
        report,
        counts,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    #[test]
    fn advice_for_a_word_document_names_the_reviewed_copy_not_fix() {
        let text =
            "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n我们加强了领导,完善了制度。\n";
        let advice = |format| {
            let origin = crate::source::Origin {
                format,
                ..Default::default()
            };
            let source = Source::with_origin("a".to_string(), text.to_string(), origin);
            crate::check(source, &Settings::default())
                .diagnostics
                .iter()
                .find(|d| d.rule == "punctuation-width")
                .and_then(|d| d.help.clone())
                .expect("the half-width comma is found")
        };
        let word = advice(crate::source::Format::Docx);
        assert!(
            word.contains(DOCX_FIX_HINT) && !word.contains("--fix"),
            "{word}"
        );
        assert!(advice(crate::source::Format::Pdf).contains(PDF_FIX_HINT));
        assert!(advice(crate::source::Format::Text).contains(FIX_HINT));
    }

    fn edit(rule: &'static str, start: usize, end: usize, replacement: &str) -> Diagnostic {
        let span = Span::new(start, end);
        Diagnostic::new(rule, span, "m").with_fix(Fix {
            description: "d".into(),
            edits: vec![Edit {
                span,
                replacement: replacement.to_string().into(),
            }],
        })
    }

    fn plain(text: &str) -> Verbatim {
        Verbatim::of(text, &[])
    }

    fn pair(rule: &'static str, edits: &[(usize, usize, &str)]) -> Diagnostic {
        let span = Span::new(edits[0].0, edits[0].1);
        Diagnostic::new(rule, span, "m").with_fix(Fix {
            description: "d".into(),
            edits: edits
                .iter()
                .map(|&(start, end, r)| Edit {
                    span: Span::new(start, end),
                    replacement: r.to_string().into(),
                })
                .collect(),
        })
    }

    #[test]
    fn applies_edits_and_skips_the_later_of_two_overlapping_fixes() {
        let text = "2020年,我镇 法治";
        let comma = text.find(',').unwrap();
        let space = text.find(' ').unwrap();
        let found = vec![
            edit("punctuation-width", comma, comma + 1, "，"),
            edit("cjk-spacing", space, space + 1, ""),
            edit("other", comma, space, ","),
        ];
        let applied = apply(text, &found, &plain(text));
        assert_eq!(applied.text, "2020年，我镇法治");
        assert_eq!(applied.rules, vec!["punctuation-width", "cjk-spacing"]);
        assert_eq!(applied.skipped, 1);
    }

    proptest::proptest! {
        /// The accepted edits answer "does this span meet one of them" as a scan of all of
        /// them would, empty spans (insertions) included.
        #[test]
        fn accepted_edits_are_met_as_a_scan_finds(
            spans in proptest::collection::vec((0usize..40, 0usize..4), 0..30),
            probes in proptest::collection::vec((0usize..44, 0usize..4), 1..20),
        ) {
            let edits: Vec<Edit> = spans
                .iter()
                .map(|&(start, len)| Edit {
                    span: Span::new(start, start + len),
                    replacement: "".into(),
                })
                .collect();
            let mut accepted = Accepted::default();
            let mut scanned: Vec<Span> = Vec::new();
            for edit in &edits {
                let scan = scanned.iter().any(|a| overlaps(*a, edit.span));
                proptest::prop_assert_eq!(accepted.meets(edit.span), scan);
                if !scan {
                    accepted.insert(edit);
                    scanned.push(edit.span);
                }
            }
            for (start, len) in probes {
                let span = Span::new(start, start + len);
                let scan = scanned.iter().any(|a| overlaps(*a, span));
                proptest::prop_assert_eq!(accepted.meets(span), scan);
            }
        }
    }

    #[test]
    fn refuses_fixes_that_change_characters_or_numbers() {
        let text = "共办理12件案件";
        let at = text.find("12").unwrap();
        for bad in ["13", "", "十二"] {
            let applied = apply(
                text,
                &[edit("punctuation-width", at, at + 2, bad)],
                &plain(text),
            );
            assert_eq!(applied.text, text, "{bad}");
            assert_eq!(applied.skipped, 1);
        }
        let full = "共办理１２件";
        let at = full.find('１').unwrap();
        let applied = apply(
            full,
            &[edit("punctuation-width", at, at + 6, "12")],
            &plain(full),
        );
        assert_eq!(applied.text, "共办理12件");
        let text = "关闭窗口\n正文";
        let debris = apply(text, &[edit("paste-artifact", 0, 13, "")], &plain(text));
        assert_eq!(debris.text, "正文");
    }

    #[test]
    fn refuses_fixes_that_change_addresses_file_names_or_code() {
        let text = "详见https://a.cn/x,y,邮箱a@b.cn,附件报告(终稿).docx,运行`f(x)`";
        let markup = [Span::new(text.find('`').unwrap(), text.len())];
        let verbatim = Verbatim::of(text, &markup);
        let guard = Guard::new(text, &verbatim);
        let none = BTreeMap::new();
        let check = |start: usize, end: usize, r: &str| {
            let e = Edit {
                span: Span::new(start, end),
                replacement: r.to_string().into(),
            };
            guard.check("punctuation-width", &[&e], &none)
        };
        let url_comma = text.find("x,y").unwrap() + 1;
        assert_eq!(
            check(url_comma, url_comma + 1, "，"),
            Err(Refusal::Verbatim)
        );
        // Inserting inside an address changes it; next to it does not.
        assert_eq!(check(url_comma, url_comma, " "), Err(Refusal::Verbatim));
        assert!(check(url_comma + 2, url_comma + 2, " ").is_ok());
        // The commas after the address and the e-mail are prose.
        let after = url_comma + 2;
        assert_eq!(&text[after..after + 1], ",");
        assert!(check(after, after + 1, "，").is_ok());
        let paren = text.find("(终稿)").unwrap();
        assert_eq!(
            guard.check(
                "punctuation-width",
                &[
                    &Edit {
                        span: Span::new(paren, paren + 1),
                        replacement: "（".into()
                    },
                    &Edit {
                        span: Span::new(paren + 7, paren + 8),
                        replacement: "）".into()
                    },
                ],
                &none
            ),
            Err(Refusal::Verbatim)
        );
        let code = text.find("f(x)").unwrap() + 1;
        assert_eq!(check(code, code + 1, "（"), Err(Refusal::Verbatim));
    }

    #[test]
    fn widens_both_halves_of_a_pair_or_neither() {
        let text = "我镇(一)强化领导，(二)落实（三)制度";
        let first = text.find('(').unwrap();
        let first_close = text.find(')').unwrap();
        let one_half = apply(
            text,
            &[
                edit("punctuation-width", first, first + 1, "（"),
                edit("punctuation-width", first_close, first_close + 1, "）"),
            ],
            &plain(text),
        );
        assert_eq!(
            one_half.text, text,
            "two fixes of one half each: neither applied"
        );
        assert_eq!(one_half.skipped, 2);

        let second = text.find("(二)").unwrap();
        let third_close = text.rfind(')').unwrap();
        let both = apply(
            text,
            &[
                pair(
                    "punctuation-width",
                    &[
                        (first, first + 1, "（"),
                        (first_close, first_close + 1, "）"),
                    ],
                ),
                // Its partner is full-width already.
                edit("punctuation-width", third_close, third_close + 1, "）"),
                // Half of the second pair only.
                edit("punctuation-width", second, second + 1, "（"),
            ],
            &plain(text),
        );
        assert_eq!(both.text, "我镇（一）强化领导，(二)落实（三）制度");
        assert_eq!(both.skipped, 1);
    }

    #[test]
    fn refuses_fixes_that_add_or_remove_brackets() {
        let text = "我镇(一)强化领导，好";
        let open = text.find('(').unwrap();
        let comma = text.find('，').unwrap();
        for (start, end, r) in [
            (open, open + 1, ""),
            (comma, comma + 3, "（"),
            (open, open + 1, "《"),
        ] {
            let applied = apply(text, &[edit("cjk-spacing", start, end, r)], &plain(text));
            assert_eq!(applied.text, text, "{r:?}");
        }
    }

    #[test]
    fn debris_goes_whole_with_its_addresses_never_in_part() {
        let text = "正文。\n网址：www.example.gov.cn\n";
        let start = text.find('\n').unwrap();
        let whole = apply(
            text,
            &[edit("paste-artifact", start, text.len(), "")],
            &plain(text),
        );
        assert_eq!(whole.text, "正文。");
        let cut = text.find("gov").unwrap();
        let part = apply(
            text,
            &[edit("paste-artifact", start, cut, "")],
            &plain(text),
        );
        assert_eq!(part.text, text);
    }

    #[test]
    fn a_refused_fix_leaves_its_finding_without_the_fix() {
        let text = "详见https://a.cn/x,y说明";
        let comma = text.find(',').unwrap();
        let source = Source::new("t.txt", text);
        let mut found = vec![
            edit("punctuation-width", comma, comma + 1, "，"),
            edit("cjk-spacing", 0, 0, ""),
        ];
        drop_unsafe_fixes(&source, &mut found);
        assert!(found[0].fix.is_none());
        assert!(found[1].fix.is_some());
    }

    #[test]
    fn fixing_is_idempotent() {
        let text = "某县人民政府关于 2023 年度法治政府建设情况的报告\n一、主要举措和成效\n2023年,我县(一)强化领导:全年办结 １２ 件。紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。\n";
        let settings = Settings::default();
        let once = fix(Source::new("t.txt", text), &settings);
        assert!(once.total() > 5, "{:?}", once.counts);
        let fixed = once.report.source.text.clone();
        assert!(fixed.contains("关于2023年度"), "{fixed}");
        assert!(
            fixed.contains("2023年，我县（一）强化领导：全年办结12件"),
            "{fixed}"
        );
        assert!(fixed.contains("依法行政水平。"), "{fixed}");
        let twice = fix(Source::new("t.txt", fixed.clone()), &settings);
        assert_eq!(twice.total(), 0);
        assert_eq!(twice.report.source.text, fixed);
        assert!(twice.report.diagnostics.iter().all(|d| d.fix.is_none()));
    }
}
