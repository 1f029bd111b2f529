//! Whether a document is a report some pack describes, when no pack was chosen for it. A
//! notice, a memo or a repository's README in a folder of reports is not held to a report's
//! required parts: it gets one `document-kind` remark instead.

use crate::config::pack::Pack;
use crate::parse::{Document, LineKind};
use crate::source::Source;
use crate::structure::Structure;
use std::sync::Arc;

/// How the document was recognised as a report, or that it was not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recognition {
    /// The user chose the pack: the document is checked as that kind.
    Chosen,
    /// A pack's detection patterns match the title.
    Title,
    /// Headings name parts of the pack.
    Parts,
    /// No title, but the first headings or paragraphs say what the report is about.
    Opening,
    /// The title names another kind of document (通知, 意见, 方案 …).
    OtherKind,
    /// Neither the title nor the structure nor the opening match any pack.
    Unknown,
}

impl Recognition {
    pub fn is_report(self) -> bool {
        matches!(
            self,
            Recognition::Chosen | Recognition::Title | Recognition::Parts | Recognition::Opening
        )
    }
}

/// The 文种 of documents that are not reports: the statutory kinds of the 党政机关公文处理工作
/// 条例 other than 报告, and the kinds of plans and rules that are issued as attachments.
const OTHER_KINDS: &[&str] = &[
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "请示", "批复", "议案",
    "函", "纪要", "方案", "办法", "规定", "细则", "规则", "要点", "计划", "规划", "清单", "指引",
    "解读",
];

/// Lines from the top among which a document without a report's title names its kind.
const HEADLINE_LINES: usize = 4;
/// Longest line, in characters, read as a document's headline.
const MAX_HEADLINE_CHARS: usize = 80;

/// Lines of text or headings, from the top, in which a report without a title says what it is
/// about.
const OPENING_LINES: usize = 5;

pub fn recognise(
    source: &Source,
    doc: &Document,
    structure: &Structure,
    packs: &[Arc<Pack>],
    chosen: bool,
) -> Recognition {
    if chosen {
        return Recognition::Chosen;
    }
    if doc
        .title
        .as_ref()
        .is_some_and(|t| packs.iter().any(|p| p.detects(&t.text)))
    {
        return Recognition::Title;
    }
    let text = &source.text;
    // A title the report reader did not take as one (it names another kind) stands among the
    // first lines, possibly under page chrome or as the site's copy of it.
    let other_kind = doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Debris))
        .map(|l| text[l.span.range()].trim())
        .filter(|l| !l.is_empty())
        .take(HEADLINE_LINES)
        .filter(|l| {
            l.chars().count() <= MAX_HEADLINE_CHARS
                && !crate::page::shape::has_sentence_punctuation(l)
        })
        .any(|h| {
            let h = h.trim_end_matches(['。', '.']);
            OTHER_KINDS.iter().any(|k| h.ends_with(k))
        });
    if doc.title.is_none() && other_kind {
        return Recognition::OtherKind;
    }
    let named = |via| {
        matches!(
            via,
            crate::structure::Via::Heading | crate::structure::Via::Nested
        )
    };
    if structure.occurrences.iter().any(|o| named(o.via)) {
        return Recognition::Parts;
    }
    let opening = || {
        doc.lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
            .map(|l| text[l.span.range()].trim())
            .filter(|l| !l.is_empty())
            .take(OPENING_LINES)
    };
    if doc.title.is_none()
        && opening().any(|l| mostly_chinese(l) && packs.iter().any(|p| p.is_about(l)))
    {
        return Recognition::Opening;
    }
    Recognition::Unknown
}

/// Whether at least two thirds of the line's visible characters are Chinese: a report's
/// paragraph, not a line of English that names the report in passing.
fn mostly_chinese(line: &str) -> bool {
    let visible = line.chars().filter(|c| !c.is_whitespace()).count();
    let han = line
        .chars()
        .filter(|&c| crate::prose::chars::is_chinese(c) || c.is_ascii_digit())
        .count();
    visible > 0 && han * 3 >= visible * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::packs;

    fn recognition(text: &str) -> Recognition {
        let source = Source::new("test.txt", text);
        let doc = crate::parse::parse(text);
        let pack = packs::builtin_named(packs::DEFAULT_PACK).unwrap();
        let structure = Structure::of(&source, &doc, &pack);
        recognise(&source, &doc, &structure, packs::builtin(), false)
    }

    #[test]
    fn a_report_is_recognised_by_its_title_its_parts_or_its_opening() {
        let titled = "某县人民政府关于2023年度法治政府建设情况的报告\n正文。\n";
        assert_eq!(recognition(titled), Recognition::Title);
        let parts = "2023年，我县各项工作稳步推进。\n一、存在的不足和原因\n基层力量不足。\n";
        assert_eq!(recognition(parts), Recognition::Parts);
        let opening = "今年以来，我县全力推进依法行政各项工作，现将情况汇报如下。\n一、加强组织领导\n正文。\n";
        assert_eq!(recognition(opening), Recognition::Opening);
    }

    #[test]
    fn a_notice_a_memo_and_english_text_are_not_reports() {
        let notice = "关于报送2024年度法治政府建设情况报告的通知\n各单位：\n现将有关事项通知如下。\n一、报送内容\n";
        assert_eq!(recognition(notice), Recognition::OtherKind);
        let memo = "说明\n这个文件夹存放各单位报送的材料。\n";
        assert_eq!(recognition(memo), Recognition::Unknown);
        let under_chrome = "首页 > 文章中心 > 正文\n\n增强法治政府建设的意见\n\n前言：本站精心整理了这篇文章。\n\n增强法治政府建设的意见\n各镇人民政府：\n一、充分认识重要意义\n";
        assert_eq!(recognition(under_chrome), Recognition::OtherKind);
        let reading = "【文字解读】《某区关于2024年法治政府建设情况的报告》文件解读\n一、背景依据\n全面依法治国是国家治理的一场深刻革命。\n";
        assert_eq!(recognition(reading), Recognition::OtherKind);
        let english = "# reports\nDrafts of the 法治政府建设情况报告 of each year live here.\n";
        assert_eq!(recognition(english), Recognition::Unknown);
    }
}
