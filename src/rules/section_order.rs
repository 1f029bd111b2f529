//! `section-order`: required parts out of the pack's order.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// Flags a part that comes after a part the pack orders after it (for the annual report:
/// measures, problems, first-responsible, plan — the order of the regulation's list).
pub struct SectionOrder;

static INFO: RuleInfo = RuleInfo {
    id: "section-order",
    severity: Severity::Info,
    summary: "各部分的先后顺序与规则包不一致",
    explain: "\
## 检查什么
必备部分的先后顺序与规则包的 order 不一致。年度报告的顺序是：主要举措和成效 → 存在的不足和原因
→ 党政主要负责人履行第一责任人职责情况 → 下一年度主要安排。同一部分在后面再次出现（如整篇报告
被粘贴了两遍）也会提示。

## 为什么
《法治政府建设与责任落实督察工作规定》按这一顺序列出报告内容，审阅者按这一顺序核对。
有的地方惯例把“第一责任人”部分放在最前面，这不算错误，所以默认只是提示（info）。

## 错误示例
    一、主要举措和成效
    二、2024年工作计划
    三、存在的不足和原因

## 正确示例
    一、主要举措和成效
    二、存在的不足和原因
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    四、2024年工作计划

## 配置
    [rules]
    section-order = \"off\"
",
    options: &[],
};

impl Rule for SectionOrder {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let rank = |part: usize| cx.pack.order.iter().position(|&p| p == part);
        let mut found = Vec::new();
        let mut latest: Option<(usize, usize)> = None; // (rank, part) of the furthest part so far
        let mut previous_part = None;
        for occurrence in &cx.structure.occurrences {
            let Some(r) = rank(occurrence.part) else {
                continue;
            };
            if previous_part == Some(occurrence.part) {
                continue;
            }
            previous_part = Some(occurrence.part);
            match latest {
                Some((latest_rank, latest_part)) if latest_rank > r => {
                    let here = &cx.pack.parts[occurrence.part];
                    let before = &cx.pack.parts[latest_part];
                    let span = occurrence.heading.unwrap_or(occurrence.span);
                    found.push(
                        Diagnostic::new(
                            INFO.id,
                            span,
                            format!("“{}”部分应排在“{}”部分之前", here.name, before.name),
                        )
                        .label("顺序不对")
                        .help(format!(
                            "按规定的顺序排列：{}",
                            cx.pack
                                .order
                                .iter()
                                .map(|&p| cx.pack.parts[p].name.as_str())
                                .collect::<Vec<_>>()
                                .join(" → ")
                        )),
                    );
                }
                Some((latest_rank, _)) if latest_rank >= r => {}
                _ => latest = Some((r, occurrence.part)),
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_when_the_plan_comes_before_the_problems() {
        let text = "一、主要举措和成效\n正文。\n二、2024年工作计划\n计划。\n三、存在的不足和原因\n由于。\n";
        let found = run(&SectionOrder, text);
        assert_eq!(flagged(text, &found), vec!["三、存在的不足和原因"]);
        assert_eq!(found[0].message, "“存在的不足和原因”部分应排在“下一年度主要安排”部分之前");
    }

    #[test]
    fn silent_in_the_regulation_order() {
        let text = "一、主要举措和成效\n正文。\n二、存在的不足和原因\n由于。\n三、主要负责人履行第一责任人职责情况\n主持。\n四、2024年工作计划\n计划。\n";
        assert!(run(&SectionOrder, text).is_empty());
    }
}
