//! `missing-statistics`: a leaf subsection of the measures part states no quantitative fact.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::numbers::count_statistics;
use crate::parse::text::content_chars_up_to;
use crate::source::Span;

/// For every part with `min-figures` in the pack, or marked `reports-results` (the measures part
/// of the annual report, the 工作情况 part of a 人大 investigation report), each leaf subsection
/// must state at least that many counts, amounts, rates or dates. Subsections
/// that are themselves another part (a nested 第一责任人 section) are left to that part.
pub struct MissingStatistics;

static INFO: RuleInfo = RuleInfo {
    id: "missing-statistics",
    severity: Severity::Warning,
    summary: "“主要举措和成效”中的某一小节没有任何数据（次数、数量、金额、比率或日期）",
    explain: "\
## 检查什么
报告成效的部分（年度报告的“主要举措和成效”、人大调查报告的“工作情况”等规则包中标明
reports-results 的部分）的每个最下级小节（没有下级标题的小节），至少要有规则包规定数量（默认1个）的
量化事实：次数、件数、人数、金额、比率或带月份的日期（“审查规范性文件9件”“办结率100%”
“2023年12月述法”）。年份本身（“2023年”）、固定说法（“八五普法”“三项制度”“四个亲自”）不算数据。

## 为什么
《法治政府建设与责任落实督察工作规定》要求年度报告写明上一年度推进法治政府建设的“主要举措和
成效”；成效要用可核对的事实说明。只有“高度重视、扎实推进、成效明显”而没有任何数据的小节，
是督察和审阅中最常见的退改理由。GB/T 15835-2011 规定统计数字用阿拉伯数字书写，便于核对。

## 错误示例
    （三）提质量，不断提升依法行政效率
    加强重点领域法律宣传，强化生态文明与环境保护领域的法律法规宣传，依法规范网络行为。

## 正确示例
    （三）提质量，不断提升依法行政效率
    围绕生态环境保护等重点领域开展法治宣传32场，发放宣传资料1.2万份，覆盖群众6000余人次。

## 配置
规则包中的部分标明 reports-results = true 即受本规则检查，min-figures 给出要求（默认 1）；
配置文件可以覆盖（0 表示不检查）：
    [rules]
    missing-statistics = { severity = \"info\", min-figures = 1 }
",
    options: &[OptionSpec {
        name: "min-figures",
        kind: OptionKind::Integer,
        doc: "每个最下级小节至少应有的数据个数（覆盖规则包中的 min-figures；0 表示不检查）",
    }],
};

impl Rule for MissingStatistics {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let vocabulary = cx.pack.vocabulary();
        let sections = cx.doc.all_sections();
        let mut found = Vec::new();
        for (index, part) in cx.pack.parts.iter().enumerate() {
            let Some(pack_min) = part.min_figures else {
                continue;
            };
            let min = options.integer("min-figures", pack_min);
            if min == 0 {
                continue;
            }
            for occurrence in cx.structure.of_part(index) {
                let Some(heading) = occurrence.heading else {
                    continue;
                };
                let Some(section) = sections.iter().find(|s| s.heading.span == heading) else {
                    continue;
                };
                for leaf in section.walk() {
                    if !leaf.children.is_empty() {
                        continue;
                    }
                    if cx
                        .structure
                        .part_of_section(leaf)
                        .is_some_and(|p| p != index)
                    {
                        continue;
                    }
                    let body = cx.source.slice(leaf.body);
                    if content_chars_up_to(body, 20) < 20 {
                        // Empty or nearly empty: empty-section reports it.
                        continue;
                    }
                    // Most sections have their figures in plain sight: the numbers already read
                    // from the document's paragraphs settle it.
                    if statistics_in_paragraphs(cx, leaf.body) >= min {
                        continue;
                    }
                    // PDF copies break lines inside numbers (「2\n次」): read the body joined.
                    let joined: String = body.chars().filter(|c| *c != '\n' && *c != '\r').collect();
                    let count = count_statistics(&joined, vocabulary);
                    if count >= min {
                        continue;
                    }
                    let title = &leaf.heading.text;
                    let message = if count == 0 {
                        format!("“{title}”一节没有任何数据（次数、数量、金额、比率或日期）")
                    } else {
                        format!("“{title}”一节只有{count}个数据，少于要求的{min}个")
                    };
                    found.push(
                        Diagnostic::new(INFO.id, leaf.heading.span, message)
                            .label("这一小节缺少量化事实")
                            .help(format!(
                                "用数字写明“{}”的举措和成效，如开展了多少次、办理了多少件、比率是多少",
                                part.name
                            ))
                            .data("section", part.id.clone())
                            .data("figures", count),
                    );
                }
            }
        }
        found
    }
}

/// Statistics among the numbers of the document's paragraphs that lie within `body`.
fn statistics_in_paragraphs(cx: &Context, body: Span) -> usize {
    let paragraphs = &cx.doc.paragraphs;
    let from = paragraphs.partition_point(|p| p.start < body.start);
    let to = paragraphs.partition_point(|p| p.start < body.end);
    cx.paragraph_quantities()[from..to.max(from)]
        .iter()
        .zip(&paragraphs[from..to.max(from)])
        .filter(|(_, p)| p.end <= body.end)
        .flat_map(|(quantities, _)| quantities)
        .filter(|q| q.is_statistic())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn report(measures: &str) -> String {
        format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、2023年法治政府建设主要举措和成效\n{measures}\n二、存在的不足和原因\n由于认识不足。\n三、2024年工作安排\n安排。\n")
    }

    #[test]
    fn fires_on_a_leaf_without_figures() {
        let text = report("（一）加强法治宣传。\n加强重点领域法律宣传，强化生态环境保护领域的法律法规宣传，依法规范网络行为。\n（二）化解矛盾纠纷。\n调解矛盾纠纷1580件，调解成功1552件。");
        let found = run(&MissingStatistics, &text);
        assert_eq!(flagged(&text, &found), vec!["（一）加强法治宣传。"]);
        assert!(found[0].message.contains("没有任何数据"));
    }

    #[test]
    fn judges_every_part_that_reports_results() {
        let text = "某市人大常委会关于全市法治政府建设工作情况的调查报告\n一、工作情况\n（一）依法全面履行政府职能\n市政府梳理调整政府部门权责清单，更新办事指南和业务手册，推行一窗受理和网上办理。\n（二）严格规范公正文明执法\n全市评查行政执法案卷318卷，纠正问题案卷27卷。\n二、存在问题\n执法力量不足，部分执法人员业务能力不强。\n三、工作建议\n加强执法队伍建设，完善考核办法，压实工作责任。\n";
        let found = crate::rules::testing::run_with(&MissingStatistics, text, Some("npc-investigation"));
        assert_eq!(flagged(text, &found), vec!["（一）依法全面履行政府职能"]);
    }

    #[test]
    fn near_miss_fixed_terms_do_not_count_but_dates_do() {
        let text = report("（一）落实三项制度。\n全面落实“三项制度”，坚持“四个亲自”，推进“一网通办”，于2023年12月完成全部执法人员轮训。");
        assert!(run(&MissingStatistics, &text).is_empty());
        let text = report("（一）落实三项制度。\n全面落实“三项制度”，坚持“四个亲自”，推进“一网通办”，认真贯彻八五普法规划。");
        assert_eq!(run(&MissingStatistics, &text).len(), 1);
    }
}
