//! `untaken-plan-items`: items of last year's plan that this year's report does not take up.

use super::{Context, Options, Rule, RuleInfo};
use crate::copies::fold_str;
use crate::diagnostic::{Diagnostic, Severity};
use crate::previous::plan::{self, PlanItem};
use crate::source::Span;
use serde_json::json;

/// Reads the next-year plan of the same body's report for the year before (when the reference
/// documents hold it, see [`crate::previous`]) item by item, and lists in one remark the items
/// this year's report never comes back to.
///
/// Matching is by key terms, and lenient so that an item is listed only when it is plainly
/// absent: an item's key terms are what is left of its topic (its heading, else its first
/// sentence) once the pack's `stock-phrases` and `common-words`, function characters, numbers
/// and punctuation are taken out; the item is taken up when one paragraph or heading of this
/// year's report, its own plan left out, holds at least half of them. See
/// [`crate::previous::plan`].
pub struct UntakenPlanItems;

/// The pack part that holds the plan.
const PLAN_PART: &str = "next_year_plan";
/// Items named in the message itself; the notes list every one.
const NAMED: usize = 3;

static INFO: RuleInfo = RuleInfo {
    id: "untaken-plan-items",
    severity: Severity::Info,
    summary: "去年报告中的工作安排，今年的报告没有提到",
    explain: "\
## 检查什么
参考文件（--corpus 或配置文件的 corpus）中有同一单位上一年度的报告时（按标题中的单位名称和年度
认定），逐项读出其中“下一年度工作安排”的各项计划（小标题、“一是、二是”或逐段、逐句），
把本报告从头到尾（本报告自己的工作安排除外）都没有提到的几项，列在一条提示中。

怎样算“提到”：取每项计划的关键词语——它的小标题（小标题太笼统时加上第一句）去掉规则包中的
套话（stock-phrases）和常用词（common-words，如“加强”“推进”“进一步”“工作”“法治”），
再去掉“的”“和”等虚词、数字和标点后剩下的词语，如“（二）进一步强化执法人员资格培训”的
关键词语是“执法人员”“资格培训”。本报告中只要有一段文字或一个标题含有其中至少一半，就算提到了。
这样判断偏于宽松：只有明显没有提到的计划才会列出；去掉常用词后什么也不剩的计划不作判断。

## 为什么
年度报告要写明上一年度部署的工作落实得怎样。去年计划要做的事，今年的报告只字未提，审阅时
往往会追问落实情况。

## 错误示例
    2022年度报告：三、2023年工作安排 （二）推进镇村调解组织规范化建设……
    2023年度报告：全文没有提到调解组织

## 正确示例
    在成效部分写明：按照年初部署，全镇12个村调解委员会全部完成规范化建设……

## 配置
    corpus = [\"archive/**/*.txt\"]     # 往年的报告
    [rules]
    untaken-plan-items = \"off\"
",
    options: &[],
};

impl Rule for UntakenPlanItems {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let Some(previous) = cx.previous else {
            return Vec::new();
        };
        // The plan of a report older than last year's is for a year before this one.
        if cx.report_year != Some(previous.year + 1) {
            return Vec::new();
        }
        let Some(part) = cx.pack.parts.iter().position(|p| p.id == PLAN_PART) else {
            return Vec::new();
        };
        let items = plan::items(
            &previous.source,
            &previous.document,
            &previous.structure,
            part,
            &cx.pack.stock_phrases,
            &cx.pack.common_words,
        );
        if items.is_empty() {
            return Vec::new();
        }
        let own_plan: Vec<Span> = cx.structure.of_part(part).map(|o| o.span).collect();
        let outside = |span: &Span| {
            !own_plan
                .iter()
                .any(|p| p.start <= span.start && span.end <= p.end)
        };
        let mut paragraphs: Vec<String> = cx
            .doc
            .paragraphs
            .iter()
            .filter(|p| outside(p))
            .map(|p| fold_str(cx.source.slice(*p)))
            .collect();
        paragraphs.extend(
            cx.doc
                .all_sections()
                .into_iter()
                .filter(|s| outside(&s.heading.span))
                .map(|s| fold_str(&s.heading.text)),
        );
        let untaken: Vec<&PlanItem> = items
            .iter()
            .filter(|item| !plan::taken_up(item, &paragraphs))
            .collect();
        if untaken.is_empty() {
            return Vec::new();
        }
        vec![remark(cx, previous, &untaken)]
    }
}

fn remark(cx: &Context, previous: &crate::previous::PreviousReport, untaken: &[&PlanItem]) -> Diagnostic {
    let year = previous.year;
    let named: Vec<String> = untaken
        .iter()
        .take(NAMED)
        .map(|item| format!("“{}”", item.label))
        .collect();
    let more = if untaken.len() > NAMED { "等" } else { "" };
    let span = cx
        .doc
        .title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| first_line(&cx.source.text));
    let mut diagnostic = Diagnostic::new(
        INFO.id,
        span,
        format!(
            "{year}年度报告安排的{}项工作本报告没有提到：{}{more}",
            untaken.len(),
            named.join("、")
        ),
    )
    .label("去年的工作安排落实得怎样？");
    for item in untaken {
        diagnostic = diagnostic.note(format!(
            "{}：{}（关键词语：{}）",
            previous.place(item.span),
            item.label,
            item.terms.join("、")
        ));
    }
    diagnostic
        .help("逐项写明去年安排的工作落实得怎样：做了的写明做法和成效，没有做的说明原因。判断“提到”的方法：本报告中有一段文字或一个标题含有该项计划至少一半的关键词语（去掉“加强”“推进”“工作”等常用词和套话后剩下的词语）")
        .data("previous", previous.source.name.clone())
        .data("previous_year", year)
        .data(
            "items",
            untaken
                .iter()
                .map(|item| {
                    json!({
                        "line": previous.line(item.span),
                        "text": item.label,
                        "terms": item.terms,
                    })
                })
                .collect::<Vec<_>>(),
        )
}

fn first_line(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_with_previous;

    const LAST: &str = "青石县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件36件。\n二、存在的问题和不足\n执法培训不够系统。\n三、2023年工作安排\n（一）强化执法人员资格培训\n组织全县执法人员参加培训。\n（二）推进镇村调解组织规范化建设\n完善调解制度。\n（三）进一步加强法治建设工作\n持续推进各项工作。\n";

    const THIS: &str = "青石县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n组织全县执法人员参加资格考试，通过率95%。办理行政复议案件41件。\n二、存在的问题和不足\n村级法律顾问作用发挥不充分。\n三、2024年工作安排\n推进镇村调解组织规范化建设。\n";

    #[test]
    fn lists_the_plan_items_nothing_in_this_years_report_takes_up() {
        let found = run_with_previous(&UntakenPlanItems, THIS, LAST);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "2022年度报告安排的1项工作本报告没有提到：“推进镇村调解组织规范化建设”"
        );
        assert!(THIS[found[0].span.range()].starts_with("青石县人民政府"));
        assert!(found[0].notes[0].contains("last.txt 第9行"), "{:?}", found[0].notes);
    }

    #[test]
    fn silent_when_every_item_is_taken_up_or_the_year_is_not_the_one_before() {
        let this = THIS.replace("村级法律顾问作用发挥不充分", "镇村调解组织规范化建设进展不平衡");
        assert!(run_with_previous(&UntakenPlanItems, &this, LAST).is_empty());
        let later = THIS.replace("2023年度", "2024年度").replace("2024年工作安排", "2025年工作安排");
        assert!(run_with_previous(&UntakenPlanItems, &later, LAST).is_empty());
    }
}
