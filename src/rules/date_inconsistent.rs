//! `date-inconsistent`: dates that contradict the reporting period.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::year::{first_year, period_end, range_start_year};
use crate::tiered::TieredRegex;

/// Four contradictions: the 成文日期 before the reported period's last month (a year's report
/// dated in its November); an 印发 date before the 成文日期; the next-year plan headed with a
/// year other than reporting year + 1; a heading (or the opening) about the year's work naming
/// another year than the title. Checks against the reporting year only when that year was not
/// itself read from the 成文日期.
pub struct DateInconsistent;

static INFO: RuleInfo = RuleInfo {
    id: "date-inconsistent",
    severity: Severity::Error,
    summary: "日期与报告期间矛盾（成文早于期末、印发早于成文、计划年份不对、标题与正文年份不一）",
    explain: "\
## 检查什么
- 成文日期早于所报告期间的最后一个月（如2023年度的报告落款“2023年10月20日”）；
- 印发日期早于成文日期（“2020年1月8日”成文，“2019年1月15日印发”）；
- “下一年度安排”部分的标题年份不是报告年度的下一年（2022年度报告写“2022年工作计划”）；
- 标题的年份与正文部分标题、开头段的年份不一致（标题“2023年度”，正文“一、2022年工作情况”）。
报告年度取自 --year、配置文件的 year，或从标题、正文推断；只从成文日期推断时不检查前三项以外的内容。

## 为什么
《法治政府建设与责任落实督察工作规定》要求每年报告“上一年度”的情况和“下一年度”的安排；
GB/T 9704-2012 规定成文日期为发文机关负责人签发或会议通过的日期，印发日期不可能早于成文日期。
年份前后不一通常是套用上一年报告时漏改，会让读者无法判断报告的是哪一年。

## 错误示例
    金杨新村街道办事处
    2020年1月8日
    金杨新村街道党政办公室 2019年1月15日印发

## 正确示例
    金杨新村街道办事处
    2020年1月8日
    金杨新村街道党政办公室 2020年1月15日印发

## 配置
报告年度无法推断时用 --year 或配置文件中的 year 指定；关闭：
    [rules]
    date-inconsistent = \"off\"
",
    options: &[],
};

const PLAN_PART: &str = "next_year_plan";

static DATE: TieredRegex =
    TieredRegex::new(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日");

fn ymd_text((y, m, d): (u32, u32, u32)) -> String {
    format!("{y}年{m}月{d}日")
}

impl Rule for DateInconsistent {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let signature = cx.doc.signature.as_ref();
        let signed = signature.and_then(|s| s.ymd);
        let independent = cx
            .year_source
            .is_some_and(|s| s.independent_of_signature());

        // 成文日期 before the period's last month.
        if let (Some(signature), Some((y, m, d)), Some(year), true) =
            (signature, signed, cx.report_year, independent)
        {
            let (end_month, end_day) = period_end(cx.doc.title.as_ref().map(|t| t.text.as_str()));
            let signed_key = (y as i32, m);
            if signed_key < (year, end_month) {
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        signature.date,
                        format!(
                            "成文日期{}早于所报告期间的结束（{year}年{end_month}月{end_day}日）",
                            ymd_text((y, m, d))
                        ),
                    )
                    .label("报告期间尚未结束")
                    .help(format!(
                        "核对成文日期或报告年度：{year}年度的报告应在{}年初成文",
                        year + 1
                    )),
                );
            }
        }

        // 印发 before 成文.
        if let (Some(signature), Some(signed)) = (signature, signed) {
            for &line in &cx.doc.issuance {
                let text = cx.source.slice(line);
                let Some(c) = DATE.captures(text) else {
                    continue;
                };
                let parse = |i: usize| c.get(i).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
                let issued = (parse(1), parse(2), parse(3));
                if issued >= signed {
                    continue;
                }
                let whole = c.range(0).expect("whole match");
                let span = Span::new(line.start + whole.start, line.start + whole.end);
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!(
                            "印发日期{}早于成文日期{}",
                            ymd_text(issued),
                            ymd_text(signed)
                        ),
                    )
                    .label("印发不可能早于成文")
                    .secondary(signature.date, "成文日期")
                    .help("核对印发日期的年份，通常是沿用上一年的版记时漏改"),
                );
            }
        }

        let Some(year) = cx.report_year else {
            return found;
        };

        // The plan's heading names report year + 1.
        let plan_from_heading = cx.year_source == Some(crate::year::YearSource::PlanHeading);
        if let (Some(plan), false) = (cx.pack.part_index(PLAN_PART), plan_from_heading) {
            let sections = cx.doc.all_sections();
            for occurrence in cx.structure.of_part(plan) {
                let (text, span) = match occurrence.heading {
                    Some(heading) => match sections.iter().find(|s| s.heading.span == heading) {
                        Some(section) => (section.heading.text.as_str(), heading),
                        None => continue,
                    },
                    None => (cx.source.slice(occurrence.span), occurrence.span),
                };
                let Some(named) = range_start_year(text) else {
                    continue;
                };
                if named == year + 1 {
                    continue;
                }
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!(
                            "下一年度安排写的是{named}年，但这是{year}年度的报告，应为{}年",
                            year + 1
                        ),
                    )
                    .label("计划年份不对")
                    .help(format!("改为“{}年”，或核对报告年度", year + 1)),
                );
            }
        }

        // Title year against the headings and the opening.
        let Some(title_year) = cx.doc.title.as_ref().and_then(|t| first_year(&t.text)) else {
            return found;
        };
        let title_span = cx.doc.title.as_ref().map(|t| t.span);
        let mut candidates: Vec<Span> = Vec::new();
        for section in &cx.doc.sections {
            let part = cx.structure.part_of_section(section);
            if part.is_none() || part == cx.pack.part_index(PLAN_PART) {
                continue;
            }
            candidates.push(section.heading.text_span);
        }
        if let Some(opening) = cx.doc.opening {
            candidates.push(opening);
        }
        for span in candidates {
            let text = cx.source.slice(span);
            let Some(named) = range_start_year(text) else {
                continue;
            };
            let after = text.trim_start();
            let year_end = after.find('年').map_or(0, |i| i + '年'.len_utf8());
            let rest = &after[year_end..];
            // 「2024年1月，根据……通知」 dates an event; only a bare year names the period.
            let dated_event = rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
            if named == title_year
                || dated_event
                || rest.starts_with("以来")
                || rest.starts_with('起')
            {
                continue;
            }
            let lead = text.len() - after.len();
            let year_span = Span::new(span.start + lead, span.start + lead + year_end);
            let mut diagnostic = Diagnostic::new(
                INFO.id,
                year_span,
                format!("这里写的是{named}年，与标题的{title_year}年度不一致"),
            )
            .label("年份与标题不一致")
            .help("核对年份：通常是套用往年报告时漏改");
            if let Some(title_span) = title_span {
                diagnostic = diagnostic.secondary(title_span, "标题");
            }
            found.push(diagnostic);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    const BODY: &str = "二、存在的不足和原因\n由于认识不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n主持专题研究4次。\n";

    fn report(title_year: &str, heading: &str, plan: &str, date: &str, tail: &str) -> String {
        format!("某县人民政府关于{title_year}年度法治政府建设情况的报告\n一、{heading}\n办理案件12件。\n{BODY}四、{plan}\n安排。\n某县人民政府\n{date}\n{tail}")
    }

    #[test]
    fn fires_on_issuance_before_signing_and_a_wrong_plan_year() {
        let text = report("2019", "主要做法和成效", "2020年工作计划", "2020年1月8日", "某县人民政府办公室 2019年1月15日印发\n");
        assert_eq!(flagged(&text, &run(&DateInconsistent, &text)), vec!["2019年1月15日"]);
        let text = report("2023", "主要做法和成效", "2023年工作计划", "2024年1月8日", "");
        assert_eq!(flagged(&text, &run(&DateInconsistent, &text)), vec!["四、2023年工作计划"]);
    }

    #[test]
    fn fires_on_a_heading_year_and_an_early_date() {
        let text = report("2023", "2022年法治政府建设工作情况", "2024年工作计划", "2024年1月8日", "");
        assert_eq!(flagged(&text, &run(&DateInconsistent, &text)), vec!["2022年"]);
        let text = report("2023", "主要做法和成效", "2024年工作计划", "2023年10月20日", "");
        assert_eq!(flagged(&text, &run(&DateInconsistent, &text)), vec!["2023年10月20日"]);
    }

    #[test]
    fn near_miss_consistent_dates() {
        let text = report("2023", "2023年法治政府建设工作情况", "2024年工作计划", "2023年12月28日", "某县人民政府办公室 2024年1月15日印发\n");
        assert!(run(&DateInconsistent, &text).is_empty());
    }
}
