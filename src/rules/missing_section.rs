//! `missing-section`: a required part of the pack is not in the report as a section.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::LineKind;
use crate::source::Span;
use crate::structure::Via;
use crate::tiered::TieredRegex;

/// Flags each required part of the pack (for the annual report: measures, problems,
/// first-responsible, next-year plan) that no section heading names. A phrase in body text is
/// not a section. A closing paragraph that carries the part ("下一步，我县将……") counts, with a
/// remark that it is not a section. JSON `data.section` is the part id.
pub struct MissingSection;

static INFO: RuleInfo = RuleInfo {
    id: "missing-section",
    severity: Severity::Error,
    summary: "缺少规则包要求的部分（如“存在的不足和原因”）",
    explain: "\
## 检查什么
规则包列出的必备部分，在报告中没有对应的章节标题。年度法治政府建设报告的必备部分是：
主要举措和成效、存在的不足和原因、党政主要负责人履行推进法治建设第一责任人职责情况、
下一年度主要安排。各部分按一级标题（一、二、……）识别；第一部分之前、“存在的不足”之前的
专题性一级标题（如“一、加强党对法治政府建设的领导”）都算作“主要举措和成效”。
正文中只是提到某个词（如“强化‘第一责任人’思想”）不算有这一部分。
以“下一步，我县将……”开头的结尾段落可以算作下一年度安排，但会提示它不是单独的部分。

## 为什么
《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）规定年度报告应当包括上述内容。
缺少“第一责任人”部分和只报成绩、不报不足，是报告被退回的最常见原因。

## 错误示例
    一、主要举措和成效
    ……
    二、2024年工作计划

## 正确示例
    一、主要举措和成效
    二、存在的不足和原因
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    四、2024年工作安排

## 配置
必备部分和标题的写法在规则包（rules/*.toml 的 [[parts]]）中定义，可以自己写规则包。
    [rules]
    missing-section = \"warning\"
",
    options: &[],
};

impl Rule for MissingSection {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if let Some(unbroken) = unbroken_text(cx) {
            return vec![unbroken];
        }
        let mut found = Vec::new();
        for (index, part) in cx.pack.parts.iter().enumerate() {
            if !part.required {
                continue;
            }
            let occurrences: Vec<_> = cx.structure.of_part(index).collect();
            if let Some(closing) = occurrences.iter().find(|o| o.via == Via::ClosingParagraph)
                && occurrences.len() == 1
            {
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        first_line_of(cx, closing.span),
                        format!("“{}”只是结尾的一段话，不是单独的部分", part.name),
                    )
                    .label("这段话被算作这一部分")
                    .help(format!("建议单列一个一级标题，如“X、{}”", part.name))
                    .data("section", part.id.clone())
                    .remark(),
                );
                continue;
            }
            if !occurrences.is_empty() {
                continue;
            }
            let (span, label) = insertion_point(cx, index);
            found.push(
                Diagnostic::new(INFO.id, span, format!("缺少“{}”部分", part.name))
                    .label(label)
                    .help(format!(
                        "单列一个一级标题写明{}，如“X、{}”",
                        part.name, part.name
                    ))
                    .data("section", part.id.clone()),
            );
        }
        found
    }
}

/// A top-level heading number right after the end of a sentence, inside a paragraph.
static INLINE_HEADING: TieredRegex = TieredRegex::new(r"[。；！？]\s*([一二三四五六七八九十]{1,3}、)");

/// A text that lost its line breaks (a page copied without them): no section heading, and
/// top-level headings inside its paragraphs. Its parts cannot be told, so instead of one finding
/// per part, one says what happened.
fn unbroken_text(cx: &Context) -> Option<Diagnostic> {
    if !cx.doc.sections.is_empty() {
        return None;
    }
    let text = cx.source.text.as_str();
    cx.doc.paragraphs.iter().find_map(|paragraph| {
        let inside = &text[paragraph.range()];
        let markers: Vec<_> = INLINE_HEADING
            .captures_iter(inside)
            .filter_map(|c| c.range(1))
            .collect();
        let first = markers.first()?.clone();
        (markers.len() >= 2).then(|| {
            let span = Span::new(paragraph.start + first.start, paragraph.start + first.end);
            Diagnostic::new(
                INFO.id,
                span,
                format!(
                    "全文没有分段：{} 个一级标题（如“{}”）夹在段落中间，无法识别报告的各个部分",
                    markers.len(),
                    &inside[first]
                ),
            )
            .label("标题前缺少换行")
            .help("从网页或 PDF 复制时丢失了换行；请按原文在每个标题和段落前恢复换行后再检查")
        })
    })
}

fn first_line_of(cx: &Context, span: Span) -> Span {
    let text = cx.source.slice(span);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Span::new(span.start, span.start + end)
}

/// Where the missing part should go: before the first present part that the pack orders after
/// it, else after the last section, else at the first line.
fn insertion_point(cx: &Context, missing: usize) -> (Span, String) {
    let order = &cx.pack.order;
    if let Some(rank) = order.iter().position(|&p| p == missing) {
        let later = cx.structure.occurrences.iter().find(|o| {
            order
                .iter()
                .position(|&p| p == o.part)
                .is_some_and(|r| r > rank)
        });
        if let Some(next) = later {
            let span = next.heading.unwrap_or_else(|| first_line_of(cx, next.span));
            return (span, "应在这一部分之前".to_string());
        }
    }
    if let Some(last) = cx.doc.sections.last() {
        return (last.heading.span, "最后一个一级标题；缺少的部分应在其后".to_string());
    }
    let first = cx
        .doc
        .lines
        .iter()
        .find(|l| !matches!(l.kind, LineKind::Blank | LineKind::Debris))
        .map_or(Span::new(0, 0), |l| l.span);
    (first, "报告中没有任何章节标题".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    const FULL: &str = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\n二、存在的不足和原因\n由于认识不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n主持研究。\n四、2024年工作安排\n安排。\n";

    #[test]
    fn silent_when_every_part_is_there() {
        assert!(run(&MissingSection, FULL).is_empty());
    }

    #[test]
    fn a_text_without_line_breaks_gets_one_finding_not_one_per_part() {
        let unbroken = "某县2023年法治政府建设情况报告 2023年，我县全面推进依法行政，法治政府建设取得新成效。一、主要举措和成效（一）加强组织领导。全年召开会议3次。二、存在的不足和原因 基层力量薄弱。\n";
        let found = run(&MissingSection, unbroken);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("全文没有分段：2 个一级标题"), "{}", found[0].message);
        // One heading number in running text is a list, not a lost line break.
        let listed = "某县人民政府关于2023年度法治政府建设情况的报告\n全年办结案件。一、二、三季度均按期报送。\n";
        assert!(run(&MissingSection, listed).iter().all(|d| d.message.starts_with("缺少")));
    }

    #[test]
    fn fires_for_a_part_only_mentioned_in_body_text() {
        let text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n强化法治工作“第一责任人”思想。\n二、存在的不足和原因\n由于认识不足。\n三、2024年工作安排\n安排。\n";
        let found = run(&MissingSection, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "缺少“党政主要负责人履行推进法治建设第一责任人职责情况”部分");
        assert_eq!(found[0].datum("section"), "first_responsible");
        assert_eq!(&text[found[0].span.range()], "三、2024年工作安排");
    }

    #[test]
    fn thematic_sections_are_measures_and_a_closing_paragraph_is_a_plan() {
        let text = "今年以来，我县全力推进依法治县工作，取得积极成效，现将有关情况报告如下，请审阅为盼。\n一、全面加强党对法治政府建设的领导\n正文。\n二、依法全面履行政府职能\n正文。\n下一步,我县将继续推进法治政府建设。\n";
        let found = run(&MissingSection, text);
        let sections: Vec<_> = found.iter().map(|d| (d.datum("section").as_str().unwrap(), d.remark)).collect();
        assert_eq!(
            sections,
            vec![("problems", false), ("first_responsible", false), ("next_year_plan", true)]
        );
    }
}
