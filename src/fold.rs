//! Findings that follow from another finding fold into it, so that one defect is reported once.
//!
//! Rules run independently; this step runs after them, on the findings of one document:
//! - a span of years with its dash lost inside a policy name that `policy-name` reports
//!   (《纲要（20212025年）》) is that finding, which takes over the `year-range` fix;
//! - the spaces of a 成文日期 that `date-format` reports (「2021 年 1 月 8 日」) are part of that
//!   finding, not `cjk-spacing` findings of their own;
//! - 「截止目前」 reported by `vague-period` (write 截至2022年底) is not also a `nonstandard-term`
//!   finding (截止 → 截至): the one suggestion mends both;
//! - inside a passage that `duplicate-text` reports as a repeat, the findings about the repeat's
//!   own layout, numbering, figures and order (`hard-wrap`, `heading-numbering`,
//!   `missing-statistics`, `section-order`, `list-marker`, `empty-section`) are dropped: the
//!   passage is to be deleted, not mended or moved;
//! - a passage `copied-text` finds inside the 存在的不足 that `carried-over-problems` reports as
//!   last year's is that finding: the part is to be written anew, not only the passage.
//!
//! Only findings of the absorbing kind absorb: when a user turns `date-format` or
//! `duplicate-text` off, the other findings are reported as before.

use crate::diagnostic::Diagnostic;
use crate::source::Span;
use std::collections::HashMap;

/// Which findings fold into which: (absorbing rule, rules whose findings inside it fold).
const FOLDS: &[(&str, &[&str])] = &[
    // 《纲要（20212025年）》: the name is wrong and the dash lost, one finding; the year range's
    // safe fix goes with it (see [`CARRIES_FIX`]).
    ("policy-name", &["year-range"]),
    ("date-format", &["cjk-spacing"]),
    // 「截止目前」: the vague cut-off's suggestion (截至2022年底) mends the 截止 too.
    ("vague-period", &["nonstandard-term"]),
    (
        "duplicate-text",
        &[
            "hard-wrap",
            "heading-numbering",
            "missing-statistics",
            "section-order",
            "list-marker",
            "empty-section",
        ],
    ),
    ("carried-over-problems", &["copied-text"]),
];

/// Folded rules whose safe fix the absorbing finding takes over when it has none of its own.
const CARRIES_FIX: &[&str] = &["year-range"];

/// Drop the findings that fold into another finding (see the module documentation). Linear in
/// the findings (after sorting): a megabyte of text has tens of thousands of each.
pub fn fold(diagnostics: &mut Vec<Diagnostic>) {
    let mut absorbers: Vec<Absorbers> = Vec::new();
    for d in diagnostics.iter() {
        let Some((_, folded)) = FOLDS.iter().find(|(rule, _)| *rule == d.rule) else {
            continue;
        };
        for &rule in *folded {
            match absorbers.iter_mut().find(|a| a.folded == rule) {
                Some(a) => a.spans.push(d.span),
                None => absorbers.push(Absorbers {
                    folded: rule,
                    spans: vec![d.span],
                    reach: Vec::new(),
                }),
            }
        }
    }
    if absorbers.is_empty() {
        return;
    }
    for a in &mut absorbers {
        a.prepare();
    }
    let mut carried: Vec<(Span, crate::diagnostic::Fix)> = Vec::new();
    diagnostics.retain(|d| {
        let Some(span) = absorbers
            .iter()
            .find(|a| a.folded == d.rule)
            .and_then(|a| a.absorbing(d.span.start))
        else {
            return true;
        };
        if CARRIES_FIX.contains(&d.rule)
            && let Some(fix) = &d.fix
        {
            carried.push((span, fix.clone()));
        }
        false
    });
    if carried.is_empty() {
        return;
    }
    let mut takers: HashMap<Span, usize> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if d.fix.is_none() && FOLDS.iter().any(|(r, _)| *r == d.rule) {
            takers.entry(d.span).or_insert(i);
        }
    }
    for (span, fix) in carried {
        if let Some(i) = takers.remove(&span) {
            diagnostics[i].fix = Some(fix);
        }
    }
}

/// The spans of the findings a rule's findings fold into, sorted by start, with the furthest
/// reaching span among each prefix: which one holds an offset is a binary search.
struct Absorbers {
    folded: &'static str,
    spans: Vec<Span>,
    /// `reach[i]`: the span of `spans[..=i]` that ends last.
    reach: Vec<Span>,
}

impl Absorbers {
    fn prepare(&mut self) {
        self.spans.sort_by_key(|s| (s.start, s.end));
        let mut furthest: Option<Span> = None;
        self.reach = self
            .spans
            .iter()
            .map(|&span| {
                let best = match furthest {
                    Some(f) if f.end >= span.end => f,
                    _ => span,
                };
                furthest = Some(best);
                best
            })
            .collect();
    }

    /// A span that starts at or before `offset` and ends after it.
    fn absorbing(&self, offset: usize) -> Option<Span> {
        let started = self.spans.partition_point(|s| s.start <= offset);
        let reach = *self.reach.get(started.checked_sub(1)?)?;
        (offset < reach.end).then_some(reach)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &'static str, start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(rule, Span::new(start, end), "")
    }

    #[test]
    fn folds_the_spaces_of_a_reported_date_and_the_findings_inside_a_repeat() {
        let mut found = vec![
            finding("date-format", 100, 120),
            finding("cjk-spacing", 104, 105),
            finding("cjk-spacing", 130, 131),
            finding("duplicate-text", 200, 400),
            finding("hard-wrap", 250, 260),
            finding("section-order", 200, 220),
            finding("punctuation-width", 300, 301),
        ];
        fold(&mut found);
        let left: Vec<_> = found.iter().map(|d| (d.rule, d.span.start)).collect();
        assert_eq!(
            left,
            [
                ("date-format", 100),
                ("cjk-spacing", 130),
                ("duplicate-text", 200),
                ("punctuation-width", 300)
            ]
        );
    }

    #[test]
    fn a_folded_year_range_gives_its_fix_to_the_policy_name() {
        let fix = crate::diagnostic::Fix {
            description: "".into(),
            edits: vec![],
        };
        let mut found = vec![
            finding("policy-name", 10, 60),
            finding("year-range", 30, 38).with_fix(fix.clone()),
        ];
        fold(&mut found);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fix, Some(fix));
    }

    #[test]
    fn keeps_everything_when_nothing_absorbs() {
        let mut found = vec![
            finding("cjk-spacing", 104, 105),
            finding("hard-wrap", 250, 260),
        ];
        fold(&mut found);
        assert_eq!(found.len(), 2);
    }
}
