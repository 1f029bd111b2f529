//! Applying safe fixes: each fix's edits are applied together or not at all, a fix whose edits
//! overlap an earlier accepted fix is left for the next pass, and passes repeat (re-checking the
//! text each time) until no fix is left, so that fixing twice changes nothing the second time.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Edit};
use crate::prose::chars::{half_width_alnum, is_han};
use crate::source::{Source, Span};
use crate::{FileReport, check};
use std::collections::BTreeMap;

/// More passes than any real document needs; a safeguard against fixes that undo each other.
pub const MAX_PASSES: usize = 10;

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

fn edit_is_safe(text: &str, rule: &str, edit: &Edit) -> bool {
    let span = edit.span;
    if span.start > span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return false;
    }
    if rule == DELETES_DEBRIS && edit.replacement.is_empty() {
        return true;
    }
    significant(&text[span.range()]).eq(significant(&edit.replacement))
}

fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// Apply every fix of `diagnostics` that is safe and does not overlap an earlier one.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> Applied {
    let mut fixes: Vec<(&'static str, Vec<&Edit>)> = diagnostics
        .iter()
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            (!edits.is_empty()).then_some((d.rule, edits))
        })
        .collect();
    fixes.sort_by_key(|(rule, edits)| (edits[0].span.start, edits[0].span.end, *rule));

    let mut accepted: Vec<&Edit> = Vec::new();
    let mut rules = Vec::new();
    let mut skipped = 0;
    for (rule, edits) in fixes {
        let safe = edits.iter().all(|e| edit_is_safe(text, rule, e));
        let own_overlap = edits
            .windows(2)
            .any(|pair| overlaps(pair[0].span, pair[1].span));
        let clash = edits
            .iter()
            .any(|e| accepted.iter().any(|a| overlaps(a.span, e.span)));
        if !safe || own_overlap || clash {
            skipped += 1;
            continue;
        }
        accepted.extend(edits);
        rules.push(rule);
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in accepted {
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
        let as_written: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix.as_ref().is_some_and(|fix| {
                    fix.edits
                        .iter()
                        .all(|e| raw.get(e.span.range()) == report.source.text.get(e.span.range()))
                })
            })
            .cloned()
            .collect();
        let applied = apply(&raw, &as_written);
        if applied.rules.is_empty() {
            break;
        }
        passes += 1;
        for rule in applied.rules {
            *counts.entry(rule).or_insert(0) += 1;
        }
        raw = applied.text;
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
        let applied = apply(text, &found);
        assert_eq!(applied.text, "2020年，我镇法治");
        assert_eq!(applied.rules, vec!["punctuation-width", "cjk-spacing"]);
        assert_eq!(applied.skipped, 1);
    }

    #[test]
    fn refuses_fixes_that_change_characters_or_numbers() {
        let text = "共办理12件案件";
        let at = text.find("12").unwrap();
        for bad in ["13", "", "十二"] {
            let applied = apply(text, &[edit("punctuation-width", at, at + 2, bad)]);
            assert_eq!(applied.text, text, "{bad}");
            assert_eq!(applied.skipped, 1);
        }
        let full = "共办理１２件";
        let at = full.find('１').unwrap();
        let applied = apply(full, &[edit("punctuation-width", at, at + 6, "12")]);
        assert_eq!(applied.text, "共办理12件");
        let debris = apply("关闭窗口\n正文", &[edit("paste-artifact", 0, 13, "")]);
        assert_eq!(debris.text, "正文");
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
