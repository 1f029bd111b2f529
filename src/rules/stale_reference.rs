//! `stale-reference`: a reference superseded (or not yet existing) for the reporting year.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::numbers::sentences;
use crate::source::Span;

/// Matches the pack's `[[stale-references]]` in every paragraph and heading. Each entry is current
/// for a range of reporting years (`from`, `until`); in the next-year plan the year that counts is
/// the year after. A sentence that also matches one of the entry's `unless` patterns (the newer
/// reference, 收官, 总结 …) mentions it historically and is left alone.
pub struct StaleReference;

static INFO: RuleInfo = RuleInfo {
    id: "stale-reference",
    severity: Severity::Warning,
    summary: "引用了对报告年度已经过时（或当时尚未出现）的文件、会议或提法",
    explain: "\
## 检查什么
规则包 [[stale-references]] 表中的文件、会议和提法，与报告年度比较：
- 已被取代仍作为现行依据引用：2021年以后的报告引用《法治政府建设实施纲要（2015—2020年）》，
  2020年以后仍写“七五普法”，二十大召开后的安排仍以“党的十九大精神”为最新指导；
- 报告年度时尚未出现：2019年度的报告写“习近平法治思想”（2020年11月提出）。
同一句中出现新的提法或“总结”“收官”等回顾性词语时，只在被取代后的第一年不提示（那一年做总结是
当年的工作）；再往后，或者写在下一年度的工作安排里，仍然提示。“下一年度安排”部分按下一年判断。

## 为什么
《法治政府建设与责任落实督察工作规定》要求报告对照党中央、国务院的最新部署；引用过时的纲要或
规划说明报告套用了旧稿，引用尚未出现的提法说明年份写错。中共中央、国务院2021年8月印发
《法治政府建设实施纲要（2021—2025年）》，“八五”普法规划覆盖2021—2025年，党的二十大于2022年10月召开。

## 错误示例
    （2021年度报告）认真落实《法治政府建设实施纲要（2015—2020年）》，深入开展七五普法。

## 正确示例
    （2021年度报告）认真落实《法治政府建设实施纲要（2021—2025年）》，深入开展八五普法。

## 配置
对照表在规则包的 [[stale-references]] 中，可以增补，不需要改代码；报告年度无法推断时用 --year。
    [rules]
    stale-reference = \"off\"
",
    options: &[],
};

const PLAN_PART: &str = "next_year_plan";

impl Rule for StaleReference {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let (Some(year), false) = (cx.report_year, cx.pack.stale_references.is_empty()) else {
            return Vec::new();
        };
        let mut scopes: Vec<Span> = cx.doc.paragraphs.clone();
        scopes.extend(cx.doc.all_sections().iter().map(|s| s.heading.text_span));
        scopes.sort();
        scopes.dedup();
        let plan = cx.pack.part_index(PLAN_PART);
        let mut found = Vec::new();
        for scope in scopes {
            // A reference a paragraph cannot hold is in none of its sentences.
            let scope_text = cx.source.slice(scope);
            let candidates: Vec<_> = cx
                .pack
                .stale_references
                .iter()
                .filter(|entry| entry.pattern.may_match_within(scope_text))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            for sentence in sentences(&cx.source.text, scope) {
                let text = cx.source.slice(sentence);
                for entry in &candidates {
                    let Some(m) = entry.pattern.find(text) else {
                        continue;
                    };
                    let span = Span::new(sentence.start + m.start, sentence.start + m.end);
                    let in_plan = plan.is_some_and(|p| {
                        cx.structure
                            .of_part(p)
                            .any(|o| o.span.start <= span.start && span.end <= o.span.end)
                    });
                    let effective = year + i32::from(in_plan);
                    // Summing up a superseded plan is current work the year after it ends, not
                    // in the years after that, nor in a plan for them.
                    let historical = entry.unless.iter().any(|u| u.is_match(text))
                        && entry.until.is_none_or(|until| effective <= until + 1);
                    if historical {
                        continue;
                    }
                    let which = if in_plan {
                        format!("{effective}年的工作安排")
                    } else {
                        format!("{year}年度的报告")
                    };
                    let cited = &text[m.clone()];
                    let (message, label) = if entry.until.is_some_and(|until| effective > until) {
                        (
                            format!("“{cited}”对{which}已经过时"),
                            "已被取代".to_string(),
                        )
                    } else if entry.from.is_some_and(|from| effective < from) {
                        (
                            format!("“{cited}”在{which}所涉时间尚未出现"),
                            "当时尚未出现".to_string(),
                        )
                    } else {
                        continue;
                    };
                    let help = match &entry.replacement {
                        Some(replacement) => format!("改为{replacement}，或核对报告年度"),
                        None => "核对报告年度，或删去这一引用".to_string(),
                    };
                    found.push(
                        Diagnostic::new(INFO.id, span, message)
                            .label(label)
                            .note(entry.note.clone())
                            .help(help)
                            .data("reference", entry.name.clone()),
                    );
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn report(year: &str, body: &str) -> String {
        format!("某县人民政府关于{year}年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n二、存在的不足和原因\n由于认识不足。\n")
    }

    #[test]
    fn fires_on_superseded_and_anachronistic_references() {
        let text = report("2021", "认真落实《法治政府建设实施纲要（2015—2020年）》，深入开展“七五”普法。");
        assert_eq!(
            flagged(&text, &run(&StaleReference, &text)),
            vec!["法治政府建设实施纲要（2015—2020年）", "七五”普法"]
        );
        let text = report("2019", "组织学习习近平法治思想。");
        assert_eq!(flagged(&text, &run(&StaleReference, &text)), vec!["习近平法治思想"]);
    }

    #[test]
    fn fires_on_summing_up_a_superseded_plan_in_next_years_plan() {
        let text = format!(
            "{}三、2022年工作计划\n深入总结“七五”普法和“八五”普法部署。\n",
            report("2021", "全年开展普法活动12场。")
        );
        assert_eq!(flagged(&text, &run(&StaleReference, &text)), vec!["七五”普法"]);
        let later = report("2023", "深入总结“七五”普法成果。");
        assert_eq!(flagged(&later, &run(&StaleReference, &later)), vec!["七五”普法"]);
    }

    #[test]
    fn near_miss_historical_mentions_and_current_years() {
        let text = report("2021", "深入总结“七五”普法和“八五”普法部署。");
        assert!(run(&StaleReference, &text).is_empty());
        let text = report("2020", "认真落实《法治政府建设实施纲要（2015—2020年）》，深入开展七五普法。");
        assert!(run(&StaleReference, &text).is_empty());
    }
}
