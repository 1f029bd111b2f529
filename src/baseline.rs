//! Baselines: the findings a team has accepted, recorded so that later runs report only new
//! ones. For formats without comments (.txt, .docx), where suppression comments cannot be
//! written.
//!
//! A finding is recorded by a fingerprint of its rule, the path of section headings it sits
//! under (heading text without numbers) and the text it points at with spaces removed. Line
//! numbers and offsets are not part of it, so a finding keeps its fingerprint when text is
//! added above it, when sections are renumbered, or when the draft moves from .txt to .docx.
//! Identical findings are counted.

use crate::FileReport;
use crate::diagnostic::Diagnostic;
use crate::parse::{self, Document, Section};
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

pub const VERSION: u32 = 1;

/// One recorded finding (or several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    /// 16 hex digits: FNV-1a of rule, section path and normalised snippet.
    pub fingerprint: String,
    /// Section headings from the top, joined with " > " (for people reading the file).
    pub section: String,
    /// The start of the text the finding points at (for people reading the file).
    pub snippet: String,
    pub count: usize,
}

/// The baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Entries by file: its path from the baseline's folder (as the CLI records them), or the
    /// name shown in the output.
    pub files: BTreeMap<String, Vec<Entry>>,
}

/// FNV-1a, 64 bits: stable across versions and platforms, unlike `DefaultHasher`.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0x1F;
            hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    hash
}

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !parse::text::is_space(*c))
        .collect()
}

/// Headings of the sections containing `offset`, outermost first.
fn section_path(doc: &Document, offset: usize) -> String {
    let mut path = Vec::new();
    let mut level: &[Section] = &doc.sections;
    while let Some(section) = level
        .iter()
        .find(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1))
    {
        path.push(section.heading.text.as_str());
        level = &section.children;
    }
    path.join(" > ")
}

/// The fingerprint of a finding, with its section path and snippet.
pub fn fingerprint(source: &Source, doc: &Document, d: &Diagnostic) -> (String, String, String) {
    let section = section_path(doc, d.span.start);
    let snippet = normalise(source.slice(d.span));
    // A finding about something absent points at nothing: its message says what.
    let key = if snippet.is_empty() {
        d.message.chars().filter(|c| !c.is_ascii_digit()).collect()
    } else {
        snippet.clone()
    };
    let hash = fnv1a(&[d.rule, &section, &key]);
    let shown: String = snippet.chars().take(40).collect();
    (format!("{hash:016x}"), section, shown)
}

fn entries(report: &FileReport) -> Vec<Entry> {
    let doc = parse::parse_with(&report.source.text, &report.source.origin.headings);
    let mut out: Vec<Entry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for d in &report.diagnostics {
        let (fingerprint, section, snippet) = fingerprint(&report.source, &doc, d);
        match index.get(&fingerprint) {
            Some(&i) => out[i].count += 1,
            None => {
                index.insert(fingerprint.clone(), out.len());
                out.push(Entry {
                    rule: d.rule.to_string(),
                    fingerprint,
                    section,
                    snippet,
                    count: 1,
                });
            }
        }
    }
    out
}

impl Baseline {
    /// Every finding of the reports, each file's under `key(report)`.
    pub fn record(reports: &[FileReport], key: impl Fn(&FileReport) -> String) -> Baseline {
        Baseline {
            version: VERSION,
            files: reports
                .iter()
                .map(|r| (key(r), entries(r)))
                .filter(|(_, e)| !e.is_empty())
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.files.values().flatten().map(|e| e.count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        text
    }

    /// Whether a file's text is a baseline (of any version): a JSON object with a numeric
    /// `version` and an object of `files`, and nothing else. `--write-baseline` replaces only
    /// such a file.
    pub fn recognise(text: &str) -> bool {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => {
                map.len() == 2
                    && map.get("version").is_some_and(serde_json::Value::is_u64)
                    && map.get("files").is_some_and(serde_json::Value::is_object)
            }
            _ => false,
        }
    }

    /// Read a baseline file's text; the error is Chinese.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("基线文件格式不对（第 {} 行：{e}）", e.line()))?;
        if baseline.version != VERSION {
            return Err(format!(
                "基线文件的版本 {} 不受支持（应为 {VERSION}）",
                baseline.version
            ));
        }
        Ok(baseline)
    }

    /// Remove the findings the baseline records for the file from its report: those under the
    /// first of `keys` it has, else under the name shown (baselines recorded by name); returns
    /// how many were removed.
    pub fn filter(&self, report: &mut FileReport, keys: &[String]) -> usize {
        let Some(recorded) = keys
            .iter()
            .find_map(|key| self.files.get(key))
            .or_else(|| self.files.get(&report.source.name))
        else {
            return 0;
        };
        let mut remaining: HashMap<&str, usize> = HashMap::new();
        for entry in recorded {
            *remaining.entry(entry.fingerprint.as_str()).or_default() += entry.count;
        }
        let doc = parse::parse_with(&report.source.text, &report.source.origin.headings);
        let before = report.diagnostics.len();
        let source = &report.source;
        report.diagnostics.retain(|d| {
            let (fingerprint, _, _) = fingerprint(source, &doc, d);
            match remaining.get_mut(fingerprint.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        before - report.diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    const REPORT: &str = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n今年以来，我县做了很多工作。\n二、存在的不足和原因\n由于认识不足。\n";

    fn report(text: &str) -> FileReport {
        crate::check(Source::new("a.txt", text), &Settings::default())
    }

    #[test]
    fn fingerprints_survive_moved_lines_and_renumbering() {
        let before = report(REPORT);
        assert!(!before.diagnostics.is_empty());
        let baseline = Baseline::record(std::slice::from_ref(&before), |r| r.source.name.clone());
        let moved = REPORT.replace(
            "一、主要举措和成效\n",
            "前言部分新增一段文字。\n\n一、主要举措和成效\n",
        );
        let mut after = report(&moved);
        let total = after.diagnostics.len();
        assert_eq!(baseline.filter(&mut after, &["a.txt".to_string()]), total);
        assert!(after.diagnostics.is_empty());
        // A new finding is kept.
        let mut changed = report(&REPORT.replace("做了很多工作", "做了很多工作。去年以来也是"));
        baseline.filter(&mut changed, &["elsewhere/a.txt".to_string()]);
        assert!(changed.diagnostics.iter().any(|d| d.rule == "vague-period"));
    }

    #[test]
    fn files_are_found_by_key_then_by_the_name_shown() {
        let before = report(REPORT);
        let total = before.diagnostics.len();
        let by_key = Baseline::record(std::slice::from_ref(&before), |_| {
            "../drafts/a.txt".to_string()
        });
        assert_eq!(
            by_key.filter(&mut report(REPORT), &["../drafts/a.txt".to_string()]),
            total
        );
        assert_eq!(
            by_key.filter(&mut report(REPORT), &["other/a.txt".to_string()]),
            0
        );
        let by_name = Baseline::record(std::slice::from_ref(&before), |r| r.source.name.clone());
        assert_eq!(
            by_name.filter(&mut report(REPORT), &["../drafts/a.txt".to_string()]),
            total
        );
    }

    #[test]
    fn round_trips_as_json() {
        let baseline = Baseline::record(&[report(REPORT)], |r| r.source.name.clone());
        assert_eq!(Baseline::parse(&baseline.to_json()).unwrap(), baseline);
        assert!(Baseline::parse("{}").is_err());
        assert!(
            Baseline::parse("{\"version\": 9, \"files\": {}}")
                .unwrap_err()
                .contains("版本")
        );
    }
}
