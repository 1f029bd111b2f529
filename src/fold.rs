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
//!   passage is to be deleted, not mended or moved.
//!
//! Only findings of the absorbing kind absorb: when a user turns `date-format` or
//! `duplicate-text` off, the other findings are reported as before.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

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
];

/// Folded rules whose safe fix the absorbing finding takes over when it has none of its own.
const CARRIES_FIX: &[&str] = &["year-range"];

/// Drop the findings that fold into another finding (see the module documentation).
pub fn fold(diagnostics: &mut Vec<Diagnostic>) {
    let mut absorbing: Vec<(Span, &'static [&'static str])> = Vec::new();
    for d in diagnostics.iter() {
        if let Some((_, folded)) = FOLDS.iter().find(|(rule, _)| *rule == d.rule) {
            absorbing.push((d.span, folded));
        }
    }
    if absorbing.is_empty() {
        return;
    }
    let absorber = |d: &Diagnostic| {
        absorbing.iter().position(|(span, folded)| {
            folded.contains(&d.rule) && span.start <= d.span.start && d.span.start < span.end
        })
    };
    let mut carried: Vec<(Span, crate::diagnostic::Fix)> = Vec::new();
    diagnostics.retain(|d| match absorber(d) {
        Some(i) => {
            if CARRIES_FIX.contains(&d.rule)
                && let Some(fix) = &d.fix
            {
                carried.push((absorbing[i].0, fix.clone()));
            }
            false
        }
        None => true,
    });
    for (span, fix) in carried {
        if let Some(d) = diagnostics
            .iter_mut()
            .find(|d| d.span == span && d.fix.is_none() && FOLDS.iter().any(|(r, _)| *r == d.rule))
        {
            d.fix = Some(fix);
        }
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
