//! Findings that follow from another finding fold into it, so that one defect is reported once.
//!
//! Rules run independently; this step runs after them, on the findings of one document:
//! - the spaces of a 成文日期 that `date-format` reports (「2021 年 1 月 8 日」) are part of that
//!   finding, not `cjk-spacing` findings of their own;
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
    ("date-format", &["cjk-spacing"]),
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
    diagnostics.retain(|d| {
        !absorbing.iter().any(|(span, folded)| {
            folded.contains(&d.rule) && span.start <= d.span.start && d.span.start < span.end
        })
    });
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
    fn keeps_everything_when_nothing_absorbs() {
        let mut found = vec![
            finding("cjk-spacing", 104, 105),
            finding("hard-wrap", 250, 260),
        ];
        fold(&mut found);
        assert_eq!(found.len(), 2);
    }
}
