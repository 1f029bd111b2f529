//! `--format github`: GitHub Actions workflow commands, an annotation per finding (or per
//! rule, for one that fires many times in a file).

use super::Cursor;
use crate::FileReport;
use crate::diagnostic::Severity;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt::Write;

/// Escape a command's message (`%`, CR, LF).
/// GitHub's escaping of a workflow command's data (`%`, CR, LF); other control characters,
/// which the runner would pass to the log as they are, are written as escapes.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => super::push_visible(&mut out, c),
        }
    }
    out
}

/// Escape a property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The annotations of a run: every file's errors first, then its warnings and notices, each
/// level in the rule catalogue's order across all files (GitHub shows the first ten of each
/// level), files in the run's order within a rule.
pub fn render(reports: &[FileReport]) -> String {
    let mut ordered = Ordered::default();
    for report in reports {
        ordered.add(annotations(report));
    }
    ordered.into_string()
}

/// One workflow command, with its place in the run's order.
pub struct Annotation {
    rank: (Reverse<Severity>, usize),
    command: String,
}

/// The annotations of a run, held as the files are checked and written at the end in the
/// order of [`render`]. A file gives at most a few per rule and level, so this stays small.
#[derive(Default)]
pub struct Ordered {
    ranks: std::collections::BTreeMap<(Reverse<Severity>, usize), String>,
}

impl Ordered {
    pub fn add(&mut self, annotations: Vec<Annotation>) {
        for annotation in annotations {
            self.ranks
                .entry(annotation.rank)
                .or_default()
                .push_str(&annotation.command);
        }
    }

    pub fn into_string(self) -> String {
        self.ranks.into_values().collect()
    }
}

/// More findings of one rule in one file than this become one annotation: GitHub shows ten
/// annotations of each level per step, and a file's twentieth comma should not hide the others.
const GROUP_AFTER: usize = 3;
/// Lines named in a grouped annotation.
const LINES_NAMED: usize = 10;

/// A rule's place in the catalogue: structure first, typography last.
fn rule_weight(rule: &str) -> usize {
    static WEIGHTS: std::sync::OnceLock<HashMap<&'static str, usize>> = std::sync::OnceLock::new();
    let weights = WEIGHTS.get_or_init(|| {
        crate::rules::all()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.info().id, i))
            .collect()
    });
    weights.get(rule).copied().unwrap_or(usize::MAX)
}

/// The annotations of one report: errors first, then warnings and notices, each by the rule's
/// place in the catalogue; a rule that fires more than [`GROUP_AFTER`] times at one level is
/// one annotation at its first finding that names the other lines.
pub fn annotations(report: &FileReport) -> Vec<Annotation> {
    let diagnostics = &report.diagnostics;
    let positions: Vec<((usize, usize), (usize, usize))> = {
        let (mut starts, mut ends) = (Cursor::new(&report.source), Cursor::new(&report.source));
        diagnostics
            .iter()
            .map(|d| (starts.position(d.span.start), ends.position(d.span.end)))
            .collect()
    };
    let mut groups: HashMap<(&str, Severity), Vec<usize>> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        groups.entry((d.rule, d.severity)).or_default().push(i);
    }
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&i| {
        (
            Reverse(diagnostics[i].severity),
            rule_weight(diagnostics[i].rule),
            i,
        )
    });
    let mut out = Vec::new();
    for i in order {
        let d = &diagnostics[i];
        let group = &groups[&(d.rule, d.severity)];
        let grouped = group.len() > GROUP_AFTER;
        if grouped && group[0] != i {
            continue;
        }
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let ((line, column), (end_line, end_column)) = positions[i];
        let mut properties = format!(
            "file={},line={line},endLine={end_line}",
            escape_property(&report.source.name)
        );
        // Columns only on one-line spans: GitHub rejects them across lines.
        if line == end_line {
            let _ = write!(properties, ",col={column},endColumn={end_column}");
        }
        let _ = write!(properties, ",title={}", escape_property(d.rule));
        // Text from the document travels as one line: only our own line breaks separate the
        // help and the grouped lines.
        let mut message = super::visible(&d.message).into_owned();
        if let Some(help) = &d.help {
            message.push_str(&format!("\n建议：{}", super::visible(help)));
        }
        if grouped {
            let mut lines: Vec<usize> = group[1..].iter().map(|&k| positions[k].0.0).collect();
            lines.dedup();
            let named: Vec<String> = lines
                .iter()
                .take(LINES_NAMED)
                .map(usize::to_string)
                .collect();
            let more = if lines.len() > LINES_NAMED { "等" } else { "" };
            let _ = write!(
                message,
                "\n本文件共 {} 处同类问题，另见第 {}{more} 行",
                group.len(),
                named.join("、")
            );
        }
        out.push(Annotation {
            rank: (Reverse(d.severity), rule_weight(d.rule)),
            command: format!("::{command} {properties}::{}\n", escape_data(&message)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("100%\r\n下一行"), "100%25%0D%0A下一行");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("a\u{1b}]0;x\u{7}"), "a\\e]0;x\\a");
    }
}
