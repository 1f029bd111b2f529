//! The Markdown job summary a GitHub Actions run shows on its page (`$GITHUB_STEP_SUMMARY`):
//! the run's counts, each file's missing parts and findings, and the findings of each rule.

use crate::FileReport;
use crate::diagnostic::Severity;
use crate::structure::Presence;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Most files listed: a summary over GitHub's 1 MiB limit is not shown at all.
const MAX_FILES: usize = 200;

/// What the summary needs of one report, kept while the run streams its annotations.
#[derive(Debug, Clone)]
pub struct Row {
    name: String,
    missing: Vec<String>,
    counts: [usize; 3],
    by_rule: BTreeMap<&'static str, [usize; 3]>,
}

fn slot(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Row {
    pub fn of(report: &FileReport) -> Row {
        let mut counts = [0; 3];
        let mut by_rule: BTreeMap<&'static str, [usize; 3]> = BTreeMap::new();
        for d in &report.diagnostics {
            counts[slot(d.severity)] += 1;
            by_rule.entry(d.rule).or_default()[slot(d.severity)] += 1;
        }
        Row {
            name: report.source.name.clone(),
            missing: report
                .parts
                .iter()
                .filter(|p| p.presence == Presence::Missing)
                .map(|p| p.name.clone())
                .collect(),
            counts,
            by_rule,
        }
    }
}

/// A table cell: the text with the characters that would break the table escaped.
fn cell(text: &str) -> String {
    super::visible(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// The summary of a run, files with errors first.
pub fn render(rows: &[Row]) -> String {
    let mut total = [0; 3];
    let mut by_rule: BTreeMap<&'static str, [usize; 3]> = BTreeMap::new();
    let add = |sum: &mut [usize; 3], counts: &[usize; 3]| {
        for (s, c) in sum.iter_mut().zip(counts) {
            *s += c;
        }
    };
    for row in rows {
        add(&mut total, &row.counts);
        for (rule, counts) in &row.by_rule {
            add(by_rule.entry(rule).or_default(), counts);
        }
    }
    let mut out = String::from("## draftlint 检查结果\n\n");
    let _ = writeln!(
        out,
        "检查了 {} 个文件：{} 个错误，{} 个警告，{} 个提示。\n",
        rows.len(),
        total[0],
        total[1],
        total[2]
    );
    if rows.is_empty() {
        return out;
    }
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by(|a, b| b.counts.cmp(&a.counts).then_with(|| a.name.cmp(&b.name)));
    out.push_str("| 文件 | 缺少的部分 | 错误 | 警告 | 提示 |\n|---|---|---:|---:|---:|\n");
    for row in order.iter().take(MAX_FILES) {
        let missing = if row.missing.is_empty() {
            "—".to_string()
        } else {
            cell(&row.missing.join("、"))
        };
        let _ = writeln!(
            out,
            "| {} | {missing} | {} | {} | {} |",
            cell(&row.name),
            row.counts[0],
            row.counts[1],
            row.counts[2]
        );
    }
    if order.len() > MAX_FILES {
        let _ = writeln!(out, "\n另有 {} 个文件未列出。", order.len() - MAX_FILES);
    }
    if !by_rule.is_empty() {
        out.push_str("\n| 规则 | 错误 | 警告 | 提示 |\n|---|---:|---:|---:|\n");
        let mut rules: Vec<_> = by_rule.into_iter().collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        for (rule, counts) in rules {
            let _ = writeln!(
                out,
                "| `{rule}` | {} | {} | {} |",
                counts[0], counts[1], counts[2]
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, missing: &[&str], counts: [usize; 3]) -> Row {
        Row {
            name: name.to_string(),
            missing: missing.iter().map(|m| m.to_string()).collect(),
            counts,
            by_rule: BTreeMap::from([("missing-section", counts)]),
        }
    }

    #[test]
    fn files_with_errors_come_first_and_cells_stay_in_their_column() {
        let rows = [
            row("a.txt", &[], [0, 2, 0]),
            row("b|c.txt", &["存在的不足和原因"], [1, 0, 0]),
        ];
        let md = render(&rows);
        assert!(md.contains("检查了 2 个文件：1 个错误，2 个警告，0 个提示。"));
        let b = md
            .find("| b\\|c.txt | 存在的不足和原因 | 1 | 0 | 0 |")
            .unwrap();
        assert!(b < md.find("| a.txt | — | 0 | 2 | 0 |").unwrap());
        assert!(md.contains("| `missing-section` | 1 | 2 | 0 |"));
    }
}
