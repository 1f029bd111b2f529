//! `vague-period`: 今年 / 去年 / 今年以来 where an annual report must name the year.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// Looks for the pack's `[[vague-periods]]` terms (longest first) in the paragraphs and headings.
/// A term right after a written year (2022年上半年) is not vague. The suggestion names the year
/// meant, relative to the reporting year, one year later inside the next-year plan.
pub struct VaguePeriod;

static INFO: RuleInfo = RuleInfo {
    id: "vague-period",
    severity: Severity::Warning,
    summary: "用“今年”“去年”“今年以来”“上半年”代替了报告年度",
    explain: "\
## 检查什么
正文和标题中的“今年以来”“今年”“去年”“前年”“上半年”等相对时间。年度报告在次年年初成文、
公开后长期可查，“今年”指哪一年无从判断。已写明年份的（“2022年上半年”）不提示。
“截至目前”“截止目前”“目前”“至今”作为数据的截止时间（“截至目前，共受理案件56件”）同样指代不明，
应写“截至2022年底”；这类词只在同一句中有数据时提示，“下一年度安排”部分中不提示。
词表在规则包的 [[vague-periods]] 中（cut-off = true 的词按数据截止时间判断）。

## 为什么
《法治政府建设与责任落实督察工作规定》要求报告“上一年度”的情况，报告需在次年报送并向社会公开；
GB/T 9704-2012 对公文的要求是表述准确、时间明确。报告写于次年，“今年以来”在读者看来恰恰指错了年份。

## 错误示例
    今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导……

    截至目前，全县共受理行政复议案件56件。

## 正确示例
    2022年以来，我县坚持以习近平新时代中国特色社会主义思想为指导……
    截至2022年底，全县共受理行政复议案件56件。

## 配置
词表在规则包中；关闭：
    [rules]
    vague-period = \"off\"
",
    options: &[],
};

/// The part whose text is about the year after the reporting year.
const PLAN_PART: &str = "next_year_plan";

impl Rule for VaguePeriod {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let terms = &cx.pack.vague_periods;
        if terms.is_empty() {
            return Vec::new();
        }
        let mut scopes: Vec<Span> = cx.doc.paragraphs.clone();
        scopes.extend(cx.doc.all_sections().iter().map(|s| s.heading.text_span));
        if let Some(title) = &cx.doc.title {
            scopes.extend(title.lines.iter().copied());
        }
        scopes.sort();
        scopes.dedup();
        let plan = cx.pack.part_index(PLAN_PART);
        let mut found = Vec::new();
        for scope in scopes {
            let text = cx.source.slice(scope);
            let mut matches = cx.pack.vague_period_terms.find(text);
            // Longest first at each place; a term that stands hides those it overlaps.
            matches.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
            let mut taken_until = 0;
            for (found_at, index) in matches {
                if found_at.start < taken_until {
                    continue;
                }
                let term = &terms[index];
                let at = found_at.start;
                let before = text[..at].trim_end();
                let dated = before.ends_with(['年', '度']) || before.ends_with("过");
                let start = scope.start + at;
                let after = &text[at + term.term.len()..];
                let inside_a_word = term.not_after.iter().any(|w| before.ends_with(w.as_str()))
                    || term.not_before.iter().any(|w| after.starts_with(w.as_str()));
                if dated || inside_a_word {
                    continue;
                }
                taken_until = found_at.end;
                let span = Span::new(start, start + term.term.len());
                let in_plan = plan.is_some_and(|p| {
                    cx.structure
                        .of_part(p)
                        .any(|o| o.span.start <= span.start && span.end <= o.span.end)
                });
                if term.cut_off
                    && (in_plan || !sentence_states_a_figure(cx, scope, span))
                {
                    continue;
                }
                let help = match cx.report_year {
                    Some(year) => {
                        let meant = year + term.year_offset + i32::from(in_plan);
                        format!(
                            "写明具体年份，如“{}”",
                            term.suggestion.replace("{year}", &meant.to_string())
                        )
                    }
                    None => "写明具体年份（如“2023年以来”），不用相对时间".to_string(),
                };
                let message = if term.cut_off {
                    format!("“{}”指代不明：年度报告中的数据应写明截止日期", term.term)
                } else {
                    format!("“{}”指代不明：年度报告应写明具体年份", term.term)
                };
                found.push(
                    Diagnostic::new(INFO.id, span, message)
                    .label("相对时间")
                    .help(help),
                );
            }
        }
        found
    }
}

/// Whether the sentence of `scope` around `span` (between 。；！？ or line ends) states a count,
/// amount or rate.
fn sentence_states_a_figure(cx: &Context, scope: Span, span: Span) -> bool {
    let text = cx.source.slice(scope);
    let (at, end) = (span.start - scope.start, span.end - scope.start);
    let is_stop = |c: char| matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n');
    let from = text[..at].rfind(is_stop).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let to = text[end..].find(is_stop).map_or(text.len(), |i| end + i);
    let sentence = Span::new(scope.start + from, scope.start + to);
    crate::numbers::extract_in(&cx.source.text, sentence, cx.pack.vocabulary())
        .iter()
        .any(|q| q.is_statistic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_this_year_and_suggests_the_reporting_year() {
        let text = "某县人民政府关于2022年度法治政府建设情况的报告\n今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政，与去年相比成效明显。\n一、主要举措和成效\n正文。\n";
        let found = run(&VaguePeriod, text);
        assert_eq!(flagged(text, &found), vec!["今年以来", "去年"]);
        assert_eq!(found[0].help.as_deref(), Some("写明具体年份，如“2022年以来”"));
        assert_eq!(found[1].help.as_deref(), Some("写明具体年份，如“2021年”"));
    }

    #[test]
    fn fires_on_an_undated_cut_off_for_figures() {
        let text = "某县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n截至目前，全县共受理行政复议案件56件。调解组织成立至今已调解纠纷1280件。完成项目前期工作12项，截至今年6月办结30件。\n二、存在的不足和原因\n原因是培训不足。\n";
        let found = run(&VaguePeriod, text);
        assert_eq!(flagged(text, &found), vec!["截至目前", "至今", "今年"]);
        assert_eq!(found[0].help.as_deref(), Some("写明具体年份，如“截至2022年底”"));
    }

    #[test]
    fn near_miss_a_cut_off_without_figures_or_in_the_plan() {
        let text = "某县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n目前，全县行政执法三项制度运行平稳。\n二、存在的不足和原因\n原因是培训不足。\n三、2023年工作安排\n目前已启动的5个示范项目将于年内完成。\n";
        let found = run(&VaguePeriod, text);
        assert!(found.is_empty(), "{:?}", flagged(text, &found));
    }

    #[test]
    fn near_miss_years_written_out() {
        let text = "某县人民政府关于2022年度法治政府建设情况的报告\n2022年以来，我县全面推进依法行政，2022年上半年完成机构改革，过去一年成效明显。\n一、主要举措和成效\n正文。\n";
        assert!(run(&VaguePeriod, text).is_empty());
    }
}
