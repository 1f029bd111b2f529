//! Last year's report, read as such: among the reference documents of a run, the same body's
//! report for an earlier year, found by the body and year each title names, and what the rules
//! `carried-over-problems`, `repeated-figures` and `untaken-plan-items` compare with it.

pub mod figures;
pub mod key;
pub mod plan;
pub mod shortcomings;

pub use key::ReportKey;

use crate::config::pack::Pack;
use crate::parse::Document;
use crate::source::Source;
use crate::structure::Structure;
use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

/// For each draft, the same body's latest report of an earlier year among `references`: the
/// titles of the drafts are read, then those of the references that name one of the drafts'
/// bodies among their first lines (a search of every reference for all the names at once,
/// far cheaper than reading its title), then [`earlier_reports`].
pub fn earlier_in(drafts: &[&Source], references: &[Arc<Source>]) -> Vec<Option<Arc<Source>>> {
    use rayon::prelude::*;
    let draft_keys: Vec<Option<ReportKey>> = drafts.par_iter().map(|d| key::of_source(d)).collect();
    // Any name of a body holds its shortest name, and so does any name of the same body.
    let mut shortest: Vec<&str> = draft_keys
        .iter()
        .flatten()
        .filter_map(|k| names(&k.body).last())
        .collect();
    shortest.sort_unstable();
    shortest.dedup();
    let finder = match aho_corasick::AhoCorasick::new(&shortest) {
        Ok(finder) if !shortest.is_empty() => finder,
        _ => return vec![None; drafts.len()],
    };
    let reference_keys: Vec<Option<ReportKey>> = references
        .par_iter()
        .map(|r| {
            finder
                .is_match(&key::compact(key::head(&r.text)))
                .then(|| key::of_source(r))
                .flatten()
        })
        .collect();
    earlier_reports(&draft_keys, &reference_keys)
        .into_iter()
        .map(|found| found.map(|i| references[i].clone()))
        .collect()
}

/// For each draft key, the index of the latest reference of the same body and an earlier year
/// (the first given of equals). References are indexed by their body once; each draft is
/// looked up under its body and the shorter names of it, so the work is linear in the
/// references and the drafts. A body name that could be either of two different bodies
/// (朝阳区, with 北京市朝阳区 and 长春市朝阳区 among the references) finds none.
pub fn earlier_reports(
    drafts: &[Option<ReportKey>],
    references: &[Option<ReportKey>],
) -> Vec<Option<usize>> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in references.iter().enumerate() {
        if let Some(key) = key {
            for name in names(&key.body) {
                by_name.entry(name).or_default().push(i);
            }
        }
    }
    drafts
        .iter()
        .map(|draft| {
            let draft = draft.as_ref()?;
            let mut found: Vec<usize> = names(&draft.body)
                .filter_map(|name| by_name.get(name))
                .flatten()
                .copied()
                .filter(|&i| {
                    let reference = references[i]
                        .as_ref()
                        .expect("indexed references have keys");
                    key::same_body(&draft.body, &reference.body)
                })
                .collect();
            found.sort_unstable();
            found.dedup();
            let key_of = |i: usize| {
                references[i]
                    .as_ref()
                    .expect("indexed references have keys")
            };
            let one_body = found.iter().all(|&a| {
                found
                    .iter()
                    .all(|&b| key::same_body(&key_of(a).body, &key_of(b).body))
            });
            if !one_body {
                return None;
            }
            found
                .into_iter()
                .filter(|&i| key_of(i).year < draft.year)
                .min_by_key(|&i| (std::cmp::Reverse(key_of(i).year), i))
        })
        .collect()
}

/// A body's name and the shorter names it may go by: each tail that follows the name of an
/// area (江州市青石县云岭镇 → 青石县云岭镇, 云岭镇).
fn names(body: &str) -> impl Iterator<Item = &str> {
    std::iter::once(body).chain(
        body.char_indices()
            .filter(|(_, c)| matches!(c, '省' | '市' | '州' | '盟' | '区' | '县' | '旗'))
            .map(move |(i, c)| &body[i + c.len_utf8()..])
            .filter(|tail| tail.chars().count() >= 2),
    )
}

/// An earlier report of the draft's body, parsed with the draft's pack.
pub struct PreviousReport {
    pub source: Arc<Source>,
    pub document: Document,
    pub structure: Structure,
    /// The year its title names.
    pub year: i32,
}

impl PreviousReport {
    /// Parse `source` as a report of `pack`; `None` when its title names no year.
    pub fn analyse(source: Arc<Source>, pack: &Pack) -> Option<PreviousReport> {
        let document = crate::parse::parse_page(&source.text, &source.origin.headings, pack);
        let year = crate::year::first_year(&document.title.as_ref()?.text)?;
        let structure = Structure::of(&source, &document, pack);
        Some(PreviousReport {
            source,
            document,
            structure,
            year,
        })
    }

    /// Where `span` stands in the report, for a message: 「2022.txt 第3—5行」.
    pub fn place(&self, span: crate::source::Span) -> String {
        let first = self.source.position(span.start).line + 1;
        let last = self.source.position(span.end.max(span.start + 1) - 1).line + 1;
        if first >= last {
            format!("{} 第{first}行", self.source.name)
        } else {
            format!("{} 第{first}—{last}行", self.source.name)
        }
    }

    /// The first line of `span` (1-based).
    pub fn line(&self, span: crate::source::Span) -> usize {
        self.source.position(span.start).line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(body: &str, year: i32) -> Option<ReportKey> {
        Some(ReportKey {
            body: body.to_string(),
            year,
        })
    }

    #[test]
    fn the_latest_earlier_report_of_the_same_body() {
        let references = [
            key("青石县", 2021),
            key("白沙县", 2022),
            key("江州市青石县", 2022),
            key("青石县", 2023),
            None,
        ];
        let drafts = [
            key("青石县", 2023),
            key("白沙县", 2022),
            key("黄河县", 2023),
            None,
        ];
        assert_eq!(
            earlier_reports(&drafts, &references),
            vec![Some(2), None, None, None]
        );
    }

    #[test]
    fn references_are_found_however_their_titles_are_laid_out() {
        let report = |title: &str| {
            Arc::new(Source::new(
                "r.txt",
                format!(
                    "{title}\n市司法局：\n今年以来，我们推进依法行政。\n一、主要举措和成效\n正文。\n"
                ),
            ))
        };
        let draft = Source::new(
            "d.txt",
            "青石县人民政府关于2023年度法治政府建设情况的报告\n正文。\n",
        );
        let references = [
            report("白沙县人民政府关于2022年度法治政府建设情况的报告"),
            report("江州市青石县\n2021年度法治政府建设情况报告"),
            report("青 石 县 2022 年法治政府建设情况报告"),
        ];
        let found = earlier_in(&[&draft], &references);
        assert!(Arc::ptr_eq(found[0].as_ref().unwrap(), &references[2]));
        let found = earlier_in(&[&draft], &references[..2]);
        assert!(Arc::ptr_eq(found[0].as_ref().unwrap(), &references[1]));
        assert!(earlier_in(&[&draft], &references[..1])[0].is_none());
    }

    #[test]
    fn a_name_two_bodies_share_finds_neither() {
        let references = [key("北京市朝阳区", 2022), key("长春市朝阳区", 2022)];
        assert_eq!(
            earlier_reports(&[key("朝阳区", 2023)], &references),
            vec![None]
        );
        assert_eq!(
            earlier_reports(&[key("北京市朝阳区", 2023)], &references),
            vec![Some(0)]
        );
    }
}
