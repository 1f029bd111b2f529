//! `approximate-number`: a precise figure written as an estimate (108余次), or 约……左右.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::numbers::{Kind, Quantity};

/// Reads every number in the body paragraphs and flags two things GB/T 15835-2011 warns about:
/// an approximation word (余, 多, 左右, 约, 近) attached to a figure too precise to be an
/// estimate (108, 15, 99.6), and 约/近 together with 左右 (the same meaning twice). A figure
/// that ends in zero (2820余次, 35600余件) and a whole number or one decimal of 万 or 亿
/// (392万余人次, 约78.9万个) are rounded already.
pub struct ApproximateNumber;

static INFO: RuleInfo = RuleInfo {
    id: "approximate-number",
    severity: Severity::Info,
    summary: "精确数字加了“余/多/左右/约/近”（如“108余次”），或“约……左右”重复",
    explain: "\
## 检查什么
- 精确到个位的数字后面加“余”“多”“左右”，前面加“约”“近”：“108余次”“15余人”“约99.6%”“约78.93万个”。
  末位是 0 的数已是概数（“30余件”“2820余次”“35600余件”“5500余元”），以“万”“亿”为单位的整数或
  一位小数也是通常的约数写法（“392万余人次”“约78.9万个”“18万余册”），不提示；
- “约”“近”与“左右”同时使用：“约100人左右”。

## 为什么
GB/T 15835-2011《出版物上数字用法》规定约数用“余”“多”“左右”等表示，约数应是整数位的概数
（“30余人”“3000多元”）；“108余次”既像精确数又像约数，读者无法判断真实数字。
“约”与“左右”同义，同时使用属于语义重复（GB/T 15835-2011 所附示例即“约……左右”的误用）。

## 错误示例
    累计开展宣传活动108余次。
    参加培训约100人左右。

## 正确示例
    累计开展宣传活动108次。（或“100余次”）
    参加培训约100人。

## 配置
    [rules]
    approximate-number = \"off\"
",
    options: &[],
};

const ESTIMATE_WORDS: &[&str] = &["余", "多", "左右", "上下", "许", "约", "大约", "近", "将近"];
const ABOUT_BEFORE: &[&str] = &["约", "大约", "近", "将近"];
const ABOUT_AFTER: &[&str] = &["左右", "上下"];

/// The round figure a precise one approximates: 108 → 100, 2820 → 2800, 15 → 10.
fn round_down(value: f64) -> f64 {
    let digits = value.abs().log10().floor() as i32 + 1;
    let magnitude = 10f64.powi((digits - 2).max(1));
    (value / magnitude).floor() * magnitude
}

fn written_without(q: &Quantity, cx: &Context) -> String {
    let mut text = cx.source.slice(q.span).to_string();
    for approx in q.approx.iter().rev() {
        let start = approx.span.start - q.span.start;
        let end = approx.span.end - q.span.start;
        text.replace_range(start..end, "");
    }
    text.trim().to_string()
}

impl Rule for ApproximateNumber {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for q in cx.paragraph_quantities().iter().flatten() {
                if q.approx.is_empty() || q.upper.is_some() {
                    continue;
                }
                let words = q.approx_words();
                let written = cx.source.slice(q.span);
                let about_before = words.iter().find(|w| ABOUT_BEFORE.contains(w));
                let about_after = words.iter().find(|w| ABOUT_AFTER.contains(w));
                if let (Some(before), Some(after)) = (about_before, about_after) {
                    found.push(
                        Diagnostic::new(
                            INFO.id,
                            q.span,
                            format!("“{written}”中“{before}”与“{after}”意思重复"),
                        )
                        .label("约数重复表达")
                        .help(format!("只保留一个，如“{before}{}”", written_without(q, cx))),
                    );
                    continue;
                }
                let estimate = words.iter().find(|w| ESTIMATE_WORDS.contains(w));
                let countable = matches!(q.kind, Kind::Count | Kind::Percent);
                let (Some(word), true, true) = (estimate, countable, q.looks_precise()) else {
                    continue;
                };
                let exact = written_without(q, cx);
                let unit = q.unit.clone().unwrap_or_default();
                let help = if q.kind == Kind::Count && q.decimals() == 0 && q.value >= 20.0 {
                    format!(
                        "确数写“{exact}”；约数写整数位的概数，如“{}余{unit}”",
                        round_down(q.value)
                    )
                } else {
                    format!("确数写“{exact}”，去掉“{word}”")
                };
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        q.span,
                        format!("“{written}”是精确数字，不宜再加“{word}”"),
                    )
                    .label("精确数字加了约数词")
                    .help(help),
                );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn found(body: &str) -> Vec<String> {
        let text = format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n{body}\n");
        flagged(&text, &run(&ApproximateNumber, &text))
    }

    #[test]
    fn fires_on_precise_estimates_and_doubled_approximation() {
        assert_eq!(found("累计开展“宪法进企业”活动108余次。"), vec!["108余次"]);
        assert_eq!(found("参加培训约100人左右。"), vec!["约100人左右"]);
    }

    #[test]
    fn near_miss_round_estimates() {
        assert!(found("检查经营单位480余家，罚款5500余元，发放资料18万余册，培养调解员1600多名，总投资约3.6亿元，近三年累计受理。").is_empty());
        assert!(found("开展宣传2820余次，受理咨询35600余件，惠及群众约78.9万个家庭。").is_empty());
        assert_eq!(found("开展宣传2821余次。"), vec!["2821余次"]);
    }

    #[test]
    fn rounds_down_for_the_suggestion() {
        assert_eq!(round_down(108.0), 100.0);
        assert_eq!(round_down(2820.0), 2800.0);
        assert_eq!(round_down(15.0), 10.0);
    }
}
