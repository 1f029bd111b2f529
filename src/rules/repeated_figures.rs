//! `repeated-figures`: results stated with the figures of last year's report.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::Document;
use crate::previous::figures::{self, Sentence};
use crate::source::{Source, Span};
use crate::structure::Structure;
use serde_json::json;

/// Compares the figures of this year's results (the parts with `reports-results`) with those
/// of the same body's report for an earlier year, when the reference documents hold one (see
/// [`crate::previous`]).
///
/// A sentence is reported when it states, about the same things, the counts, amounts or rates
/// of one sentence of last year's results: two such figures, or one written too precisely to
/// be a coincidence of round numbers (36件, 98.6% — not 30件 or 95%). A figure is a count,
/// amount or rate of at least ten (or with decimals); durations, dates, years and rates of
/// 100 % are left out (出庭应诉率100% is true year after year). "The same thing" is read from
/// the figure's clause with the figure left out: the two clauses share at least half of their
/// character pairs (办理行政复议案件 and 共办理行政复议案件 do; 发放宣传资料 and 办理行政复议案件
/// do not).
pub struct RepeatedFigures;

static INFO: RuleInfo = RuleInfo {
    id: "repeated-figures",
    severity: Severity::Warning,
    summary: "成效中的数字与往年报告相同",
    explain: "\
## 检查什么
参考文件（--corpus 或配置文件的 corpus）中有同一单位往年的报告时（按标题中的单位名称和年度
认定），把本报告“主要举措和成效”中的数字与最近一年报告的成效比较：一句话中说同一件事的数字
与去年某一句相同——两个以上，或者一个不像约数的精确数字（如“36件”“98.6%”，不包括“30件”
“95%”这样的整数）——就提示这句话，并给出去年的原句。
比较的数字是十以上的件数、人次、金额和比率；年份、日期、期限和100%不比较（“出庭应诉率100%”
每年都可能如此）。“同一件事”指数字所在分句的其余文字大体相同（如“办理行政复议案件”）。

## 为什么
《法治政府建设与责任落实督察工作规定》要求年度报告如实反映本年度的工作。成效数字与去年一字
不差，多半是沿用了去年的报告，没有更新数据。

## 错误示例
    2023年，全县办理行政复议案件36件，行政诉讼案件应诉52件。（2022年度报告也是36件、52件）

## 正确示例
    2023年，全县办理行政复议案件41件，同比增长13.9%；行政诉讼案件应诉47件。

## 配置
    corpus = [\"archive/**/*.txt\"]     # 往年的报告
    [rules]
    repeated-figures = \"off\"
",
    options: &[],
};

impl Rule for RepeatedFigures {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let Some(previous) = cx.previous else {
            return Vec::new();
        };
        let vocabulary = cx.pack.vocabulary();
        let this = results(cx.source, cx.doc, cx.structure, cx.pack, vocabulary);
        if this.is_empty() {
            return Vec::new();
        }
        let last = results(
            &previous.source,
            &previous.document,
            &previous.structure,
            cx.pack,
            vocabulary,
        );
        let year = previous.year;
        figures::repeats(&this, &last)
            .into_iter()
            .map(|repeat| {
                let line = previous.line(repeat.previous);
                let said: String = previous.source.text[repeat.previous.range()].trim().to_string();
                let start = previous.source.position(repeat.previous.start);
                let end = previous.source.position(repeat.previous.end);
                Diagnostic::new(
                    INFO.id,
                    repeat.sentence,
                    format!(
                        "这句的数字（{}）与{year}年度报告第{line}行相同，是否沿用了去年的数据？",
                        repeat.figures.join("、")
                    ),
                )
                .label("与去年相同的数字")
                .note(format!("{year}年度报告（{}）：{said}", previous.place(repeat.previous)))
                .help("核对本年度的实际数字并改正；确实与去年相同的，写明“与上年持平”")
                .data("previous", previous.source.name.clone())
                .data("previous_year", year)
                .data(
                    "previous_range",
                    json!({
                        "start": { "line": start.line + 1, "column": start.char_column + 1 },
                        "end": { "line": end.line + 1, "column": end.char_column + 1 },
                    }),
                )
                .data("figures", repeat.figures)
            })
            .collect()
    }
}

/// The sentences with figures in the parts of a report that state results.
fn results(
    source: &Source,
    document: &Document,
    structure: &Structure,
    pack: &crate::config::pack::Pack,
    vocabulary: &crate::numbers::Vocabulary,
) -> Vec<Sentence> {
    let mut paragraphs: Vec<Span> = Vec::new();
    for (index, part) in pack.parts.iter().enumerate() {
        if !part.reports_results {
            continue;
        }
        for occurrence in structure.of_part(index) {
            paragraphs.extend(document.paragraphs_in(occurrence.span).map(|(_, p)| p));
        }
    }
    paragraphs.sort_by_key(|p| p.start);
    paragraphs.dedup();
    figures::sentences(&source.text, &paragraphs, vocabulary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run_with_previous};

    const LAST: &str = "青石县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n2022年，全县共办理行政复议案件36件，行政诉讼案件应诉52件。全年调解矛盾纠纷1180件。\n二、存在的问题和不足\n执法培训不够系统。\n三、2023年工作安排\n加强执法培训。\n";

    #[test]
    fn fires_on_last_years_figures_about_the_same_things() {
        let this = "青石县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n2023年，全县办理行政复议案件36件，行政诉讼案件应诉52件。全年调解矛盾纠纷1324件。\n二、存在的问题和不足\n执法培训不够系统。\n三、2024年工作安排\n加强执法培训。\n";
        let found = run_with_previous(&RepeatedFigures, this, LAST);
        assert_eq!(
            flagged(this, &found),
            vec!["2023年，全县办理行政复议案件36件，行政诉讼案件应诉52件"]
        );
        assert!(found[0].message.contains("36件、52件"), "{}", found[0].message);
        assert!(found[0].message.contains("2022年度报告第3行"), "{}", found[0].message);
    }

    #[test]
    fn silent_on_new_figures() {
        let this = LAST.replace("2022", "2023").replace("36件", "41件").replace("52件", "47件").replace("1180件", "1324件");
        assert!(run_with_previous(&RepeatedFigures, &this, LAST).is_empty());
    }
}
