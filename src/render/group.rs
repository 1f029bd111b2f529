//! Folding many findings of one kind (a draft typed with half-width commas throughout has
//! hundreds) into the first of them: in the text output by kind and file, with a count; in
//! concise and JSON output, with `--group paragraph`, by rule and paragraph (otherwise they keep
//! every occurrence).

use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use std::collections::{BTreeMap, HashMap};

/// Rules whose findings come by the hundred (one per comma, per space, per broken line).
pub const FOLDED_RULES: &[&str] = &[
    "punctuation-width",
    "cjk-spacing",
    "hard-wrap",
    "list-marker",
    "repeated-word",
    "bracket-pairing",
    "nonstandard-term",
    "placeholder",
    "enumeration-comma",
    "year-range",
];

/// More findings of one kind than this in one file are folded.
pub const FOLD_ABOVE: usize = 3;

/// How many line numbers a folded note lists.
const LINES_LISTED: usize = 8;

/// One finding to show, with the note that stands for the findings folded into it.
pub struct Shown<'a> {
    pub diagnostic: &'a Diagnostic,
    pub folded: Option<String>,
}

/// The findings to show, in order: of a foldable rule, findings that share a label (their kind:
/// 「应为“，”」, 「多余的空格」) are shown once when there are more than [`FOLD_ABOVE`].
pub fn fold<'a>(source: &Source, diagnostics: &'a [Diagnostic]) -> Vec<Shown<'a>> {
    let key = |d: &'a Diagnostic| (d.rule, d.label.as_ref());
    // Few kinds, many findings: an ordered map of short keys beats hashing each finding's.
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if FOLDED_RULES.contains(&d.rule) {
            groups.entry(key(d)).or_default().push(i);
        }
    }
    let mut shown = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        let members = if FOLDED_RULES.contains(&d.rule) {
            groups.get(&key(d)).filter(|m| m.len() > FOLD_ABOVE)
        } else {
            None
        };
        let Some(members) = members else {
            shown.push(Shown {
                diagnostic: d,
                folded: None,
            });
            continue;
        };
        if members[0] != i {
            continue;
        }
        let mut lines: Vec<usize> = members
            .iter()
            .map(|&m| source.line_index.line_of(diagnostics[m].span.start) + 1)
            .collect();
        lines.dedup();
        let listed: Vec<String> = lines
            .iter()
            .take(LINES_LISTED)
            .map(usize::to_string)
            .collect();
        let more = if lines.len() > LINES_LISTED {
            "等"
        } else {
            ""
        };
        let fixable = members.iter().all(|&m| diagnostics[m].fix.is_some());
        let note = format!(
            "同类问题本文件共 {} 处，分布在 {} 行（第 {} 行{more}）；这里只显示第一处，--format concise 或 json 列出每一处{}",
            members.len(),
            lines.len(),
            listed.join("、"),
            if fixable {
                "，--fix 可一次改正全部"
            } else {
                ""
            }
        );
        shown.push(Shown {
            diagnostic: d,
            folded: Some(note),
        });
    }
    shown
}

/// Findings of one rule, at one severity, in one paragraph: the first stands for the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Indices into the report's findings, in text order.
    pub first: usize,
    pub others: Vec<usize>,
}

/// The report's findings grouped by rule, severity and paragraph ([`FileReport::paragraphs`];
/// a finding outside every paragraph, on a blank line, is grouped with those of its line), in
/// the order of their first findings. A rule's finding and its remark (same rule, severity
/// info) are not folded together.
pub fn by_paragraph(report: &FileReport) -> Vec<Group> {
    let paragraphs = &report.paragraphs;
    let line_index = &report.source.line_index;
    let place = |offset: usize| -> Place {
        let at = paragraphs.partition_point(|p| p.start <= offset);
        match at.checked_sub(1).map(|i| (i, paragraphs[i])) {
            Some((i, p)) if offset <= p.end => Place::Paragraph(i),
            _ => Place::Line(line_index.line_of(offset)),
        }
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut found: HashMap<(&str, Severity, Place), usize> = HashMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let key = (d.rule, d.severity, place(d.span.start));
        match found.get(&key) {
            Some(&g) => groups[g].others.push(i),
            None => {
                found.insert(key, groups.len());
                groups.push(Group {
                    first: i,
                    others: Vec::new(),
                });
            }
        }
    }
    groups
}

/// Where a finding is, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Paragraph(usize),
    Line(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn groups_a_rule_by_paragraph_and_keeps_other_rules_and_paragraphs_apart() {
        let text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办结案件12件,调解纠纷30件,培训5次。\n全年开展督察3次,发现问题8个。\n";
        let report = crate::check(
            Source::new("a.txt", text),
            &crate::config::Settings::default(),
        );
        let commas: Vec<usize> = report
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(_, d)| d.rule == "punctuation-width")
            .map(|(i, _)| i)
            .collect();
        assert_eq!(commas.len(), 3, "{:?}", report.diagnostics);
        let groups = by_paragraph(&report);
        let of = |i: usize| {
            groups
                .iter()
                .find(|g| g.first == i || g.others.contains(&i))
        };
        assert_eq!(of(commas[0]).unwrap().others, vec![commas[1]]);
        assert_eq!(of(commas[2]).unwrap().first, commas[2], "another paragraph");
        assert!(of(commas[2]).unwrap().others.is_empty());
        // Every finding is in exactly one group.
        let total: usize = groups.iter().map(|g| 1 + g.others.len()).sum();
        assert_eq!(total, report.diagnostics.len());
        assert!(groups.iter().all(|g| g.others.iter().all(|&o| {
            let (a, b) = (&report.diagnostics[g.first], &report.diagnostics[o]);
            a.rule == b.rule && a.severity == b.severity
        })));
    }

    #[test]
    fn folds_many_findings_of_one_kind_into_the_first() {
        let text = "甲,乙,丙\n丁,戊\n己,庚";
        let source = Source::new("t.txt", text);
        let diagnostics: Vec<Diagnostic> = text
            .match_indices(',')
            .map(|(i, _)| {
                Diagnostic::new("punctuation-width", Span::new(i, i + 1), "m").label("应为“，”")
            })
            .chain([Diagnostic::new("missing-title", Span::new(0, 1), "t")])
            .collect();
        let shown = fold(&source, &diagnostics);
        assert_eq!(shown.len(), 2);
        let note = shown[0].folded.as_ref().unwrap();
        assert!(
            note.starts_with("同类问题本文件共 4 处，分布在 3 行（第 1、2、3 行）"),
            "{note}"
        );
        assert!(shown[1].folded.is_none());
        assert_eq!(
            fold(&source, &diagnostics[..3]).len(),
            3,
            "three are shown as they are"
        );
    }
}
