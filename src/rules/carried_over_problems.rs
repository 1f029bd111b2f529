//! `carried-over-problems`: the 存在的不足 of last year's report, carried over (nearly) word for
//! word.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::previous::PreviousReport;
use crate::previous::shortcomings::{covered_share, folded_len};
use crate::source::{Source, Span};
use crate::structure::Structure;
use serde_json::json;

/// Compares the shortcomings part (`problems`) with the same part of the same body's report
/// for an earlier year, when the reference documents hold one (see [`crate::previous`]).
///
/// Measure: the share of the characters of this year's part (folded as copy detection folds
/// text: no spaces, punctuation or line breaks; 一 to 九 read as digits) that stand in a run of
/// at least [`RUN`](crate::previous::shortcomings::RUN) (8) characters also found in last year's part — and the same the other way
/// round, for a part that repeats last year's list and adds to it. Eight characters is longer
/// than the short phrases every report of the genre shares (法治意识不强, 有待进一步提高), so
/// two bodies' parts written independently cover little of each other, while a sentence with
/// its year or a figure changed is still counted outside the changed characters. The finding
/// is made at a share of 80 % (`min-share`): a part rewritten in places stays above it, one
/// that keeps only last year's headings of problems falls below.
pub struct CarriedOverProblems;

/// The pack part that lists the shortcomings.
const PROBLEMS_PART: &str = "problems";
/// Shortest part compared, in folded characters (the pack's `min-chars` of the part).
const MIN_CHARS: usize = 30;
const DEFAULT_MIN_SHARE: usize = 80;

static INFO: RuleInfo = RuleInfo {
    id: "carried-over-problems",
    severity: Severity::Warning,
    summary: "“存在的不足”与往年报告基本相同，没有写整改情况",
    explain: "\
## 检查什么
参考文件（--corpus 或配置文件的 corpus）中有同一单位往年的报告时（按标题中的单位名称和年度
认定：“××县人民政府”与“××县”是同一单位，“甲县”与“乙县”不是），把本报告的“存在的不足”
与最近一年报告的同一部分比较：八成以上的文字相同（逐字相同的连续8个字以上才计入，不计空格、
标点和换行），就提示这一部分是照搬去年的。去年的不足原样写进今年的报告、又加了几条的，也会提示。

## 为什么
《法治政府建设与责任落实督察工作规定》要求年度报告写明存在的不足和原因。去年的不足今年
原样再写一遍，说明要么没有整改，要么没有认真查找今年的问题，督察中常被追问“整改情况如何”。

## 错误示例
    三、存在的不足
    一是部分干部运用法治思维的能力还不强……（与2022年度报告逐字相同）

## 正确示例
    三、存在的不足
    去年报告指出的执法人员培训不足问题，今年已组织培训6期，基本解决；仍存在的问题是……

## 配置
    corpus = [\"archive/**/*.txt\"]     # 往年的报告
    [rules]
    carried-over-problems = { severity = \"warning\", min-share = 80 }
",
    options: &[OptionSpec {
        name: "min-share",
        kind: OptionKind::Integer,
        doc: "与往年相同的文字至少占多少（百分数）才报告，默认 80",
    }],
};

impl Rule for CarriedOverProblems {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let Some(previous) = cx.previous else {
            return Vec::new();
        };
        let Some(part) = cx.pack.parts.iter().position(|p| p.id == PROBLEMS_PART) else {
            return Vec::new();
        };
        let min_share = options.integer("min-share", DEFAULT_MIN_SHARE) as f64 / 100.0;
        let Some((this_span, this_text)) = part_text(cx.source, cx.structure, part) else {
            return Vec::new();
        };
        let Some((last_span, last_text)) =
            part_text(&previous.source, &previous.structure, part)
        else {
            return Vec::new();
        };
        if folded_len(&this_text) < MIN_CHARS || folded_len(&last_text) < MIN_CHARS {
            return Vec::new();
        }
        let this_share = covered_share(&this_text, &last_text);
        let last_share = covered_share(&last_text, &this_text);
        if this_share.max(last_share) < min_share {
            return Vec::new();
        }
        vec![finding(previous, part_name(previous, last_span), this_span, last_span, this_share, last_share)]
    }
}

/// The spans of a part's occurrences, covered, and the text of their bodies (headings left
/// out), joined.
fn part_text(source: &Source, structure: &Structure, part: usize) -> Option<(Span, String)> {
    let mut span: Option<Span> = None;
    let mut text = String::new();
    for occurrence in structure.of_part(part) {
        let start = occurrence.heading.map_or(occurrence.span.start, |h| h.end);
        text.push_str(&source.text[start.min(occurrence.span.end)..occurrence.span.end]);
        text.push('\n');
        span = Some(span.map_or(occurrence.span, |s| s.cover(occurrence.span)));
    }
    span.map(|s| (s, text))
}

/// How last year's report headed the part (存在的问题和不足), else 存在的不足.
fn part_name(previous: &PreviousReport, span: Span) -> String {
    previous
        .document
        .all_sections()
        .into_iter()
        .find(|s| s.span.start == span.start)
        .map_or_else(|| "存在的不足".to_string(), |s| s.heading.text.clone())
}

fn finding(
    previous: &PreviousReport,
    name: String,
    this_span: Span,
    last_span: Span,
    this_share: f64,
    last_share: f64,
) -> Diagnostic {
    let percent = |share: f64| (share * 100.0).floor() as u32;
    let year = previous.year;
    let (message, label) = if this_share >= last_share {
        (
            format!("与{year}年度报告的“{name}”基本相同，整改情况如何？"),
            format!("{}%的文字与{year}年度报告相同", percent(this_share)),
        )
    } else {
        (
            format!("{year}年度报告的“{name}”原样写在这里，整改情况如何？"),
            format!("{year}年度报告这一部分的{}%写在这里", percent(last_share)),
        )
    };
    let start = previous.source.position(last_span.start);
    let end = previous.source.position(last_span.end);
    Diagnostic::new(INFO.id, this_span, message)
        .label(label)
        .note(format!("{year}年度报告的这一部分：{}", previous.place(last_span)))
        .help("写明去年指出的不足整改了哪些、效果如何，今年仍然存在的说明原因，再查找今年新出现的问题")
        .data("previous", previous.source.name.clone())
        .data("previous_year", year)
        .data(
            "previous_range",
            json!({
                "start": { "line": start.line + 1, "column": start.char_column + 1 },
                "end": { "line": end.line + 1, "column": end.char_column + 1 },
            }),
        )
        .data("share", (this_share * 1000.0).round() / 1000.0)
        .data("previous_share", (last_share * 1000.0).round() / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_with_previous;

    const LAST: &str = "青石县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件36件。\n二、存在的问题和不足\n一是部分干部运用法治思维解决实际问题的能力还不强。二是行政执法人员培训不够系统，执法规范化水平有待提高。\n三、2023年工作安排\n加强执法培训。\n";

    #[test]
    fn fires_on_last_years_shortcomings_with_the_year_changed() {
        let this = LAST.replace("2022", "2023").replace("2023年工作安排", "2024年工作安排");
        let found = run_with_previous(&CarriedOverProblems, &this, LAST);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "与2022年度报告的“存在的问题和不足”基本相同，整改情况如何？"
        );
        assert!(this[found[0].span.range()].starts_with("二、存在的问题和不足"));
        assert_eq!(found[0].datum("previous"), "last.txt");
    }

    #[test]
    fn silent_on_shortcomings_written_anew() {
        let this = LAST.replace("2022", "2023").replace(
            "一是部分干部运用法治思维解决实际问题的能力还不强。二是行政执法人员培训不够系统，执法规范化水平有待提高。",
            "一是村级法律顾问作用发挥不充分，群众知晓率偏低。二是综合执法队伍仅有5人，难以覆盖全县。",
        );
        assert!(run_with_previous(&CarriedOverProblems, &this, LAST).is_empty());
    }
}
