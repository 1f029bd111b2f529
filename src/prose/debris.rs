//! Web and PDF debris: lines that are not part of the report (breadcrumbs, footers, portal
//! metadata tables, page numbers), found with the pack's `[[paste-artifacts]]` patterns.

use crate::config::literals::LiteralSet;
use crate::config::pack::ArtifactKind;
use crate::parse::{Line, LineKind};
use crate::source::Span;
use std::ops::Range;

/// Longest line, in characters, that can be debris: a longer line is a paragraph.
const MAX_DEBRIS_CHARS: usize = 100;

/// Consecutive debris lines (blank lines between them allowed): reported once, deleted whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Index into the pack's artifact kinds, of the first line that is debris on its own.
    pub kind: usize,
    /// Line indices, first to last (blank lines inside included).
    pub lines: Range<usize>,
    /// From the first debris character to the last.
    pub span: Span,
    /// What a fix deletes: the whole lines with their line endings, and the blank lines that
    /// would be left dangling at the start or end of the file.
    pub delete: Span,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    /// Debris on its own, of this kind.
    Strong(usize),
    /// Debris only next to other debris.
    Near,
}

fn trimmed(text: &str, span: Span) -> Span {
    let (s, e) = crate::parse::text::trimmed_range(&text[span.range()]);
    Span::new(span.start + s, span.start + e)
}

fn mark(content: &str, kinds: &[ArtifactKind], filter: Option<&LiteralSet>) -> Mark {
    if content.is_empty()
        || content.len() > 4 * MAX_DEBRIS_CHARS
        || content.chars().count() > MAX_DEBRIS_CHARS
        || filter.is_some_and(|f| !f.is_match(content))
    {
        return Mark::None;
    }
    if let Some(k) = kinds
        .iter()
        .position(|k| k.lines.iter().any(|p| p.is_match(content)))
    {
        return Mark::Strong(k);
    }
    if kinds
        .iter()
        .any(|k| k.near.iter().any(|p| p.is_match(content)))
    {
        return Mark::Near;
    }
    Mark::None
}

/// Where the line after `line` starts (or the end of the text).
fn next_start(text: &str, lines: &[Line], line: usize) -> usize {
    lines.get(line + 1).map_or(text.len(), |l| l.span.start)
}

/// The debris blocks of a document, in order. `filter`, when given, finds a string in every
/// line that some pattern of `kinds` matches (see `Pack::artifact_filter`).
pub fn blocks(
    text: &str,
    lines: &[Line],
    kinds: &[ArtifactKind],
    filter: Option<&LiteralSet>,
) -> Vec<Block> {
    if kinds.is_empty() {
        return Vec::new();
    }
    let marks: Vec<Mark> = lines
        .iter()
        .map(|l| match l.kind {
            LineKind::Blank | LineKind::Heading => Mark::None,
            _ => mark(&text[trimmed(text, l.span).range()], kinds, filter),
        })
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if marks[i] == Mark::None {
            i += 1;
            continue;
        }
        // A run of marked lines, blank lines between them allowed.
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < lines.len() {
            match (lines[j].kind, marks[j]) {
                (LineKind::Blank, _) => j += 1,
                (_, Mark::None) => break,
                _ => {
                    last = j;
                    j += 1;
                }
            }
        }
        i = last + 1;
        let Some(kind) = marks[first..=last].iter().find_map(|m| match m {
            Mark::Strong(k) => Some(*k),
            _ => None,
        }) else {
            continue;
        };
        let span = Span::new(
            trimmed(text, lines[first].span).start,
            trimmed(text, lines[last].span).end,
        );
        let content_before = lines[..first].iter().any(|l| l.kind != LineKind::Blank);
        let content_after = lines[last + 1..].iter().any(|l| l.kind != LineKind::Blank);
        let mut start = lines[first].span.start;
        let mut end = next_start(text, lines, last);
        if !content_after {
            // Footer: take the blank lines above it too, so the file ends with the report.
            let previous = lines[..first]
                .iter()
                .rposition(|l| l.kind != LineKind::Blank);
            if let Some(p) = previous {
                start = next_start(text, lines, p);
            }
            end = text.len();
        } else if !content_before {
            // Header: take the blank lines below it too, so the file starts with the report.
            let following = lines[last + 1..]
                .iter()
                .position(|l| l.kind != LineKind::Blank)
                .map(|p| last + 1 + p);
            if let Some(f) = following {
                end = lines[f].span.start;
            }
        }
        blocks.push(Block {
            kind,
            lines: first..last + 1,
            span,
            delete: Span::new(start.min(span.start), end.max(span.end)),
        });
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::packs;

    fn blocks_of(text: &str) -> Vec<(String, String, String)> {
        let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
        let doc = crate::parse::parse(text);
        blocks(
            text,
            &doc.lines,
            pack.paste_artifacts(),
            pack.artifact_filter(),
        )
        .into_iter()
        .map(|b| {
            (
                pack.paste_artifacts()[b.kind].name.clone(),
                text[b.span.range()].to_string(),
                text[b.delete.range()].to_string(),
            )
        })
        .collect()
    }

    #[test]
    fn finds_footers_breadcrumbs_and_metadata_tables_as_blocks() {
        let text = "当前位置: 首页>>报告公告>>正文\n某县关于2021年法治政府建设情况的报告\n一、工作情况\n正文。\n\n关闭窗口\n\n主办:某县人民政府\u{a0}\n\u{a0}联系电话:0876-1234567\nICP备案号:滇ICP备17009552号\n";
        let found = blocks_of(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "网页导航（面包屑）");
        assert_eq!(found[0].2, "当前位置: 首页>>报告公告>>正文\n");
        assert_eq!(
            found[1].1,
            "关闭窗口\n\n主办:某县人民政府\u{a0}\n\u{a0}联系电话:0876-1234567\nICP备案号:滇ICP备17009552号"
        );
        assert!(found[1].2.starts_with("\n关闭窗口"), "{:?}", found[1].2);
        assert!(found[1].2.ends_with("号\n"));

        let table = "索引号 | XE1000000-2020-001 | ||\n信息名称 | 某街道报告 | ||\n公开类别 | 主动公开 | 发布时间 | 2020-01-16 |\n某街道关于2019年度法治政府建设情况的报告\n正文。\n";
        let found = blocks_of(table);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "门户网站信息公开元数据表");
        assert!(found[0].2.ends_with("|\n"));
    }

    #[test]
    fn a_contact_line_alone_is_not_debris() {
        let text = "一、工作情况\n正文。\n联系人：张明，联系电话：0876-1234567\n主办：县司法局\n";
        assert!(blocks_of(text).is_empty());
        let page = "正文第一页。\n— 3 —\n正文第二页。\n";
        assert_eq!(blocks_of(page)[0].1, "— 3 —");
    }
}
