//! `year-range`: a span of years joined by a hyphen or by nothing (「(2021-2025年)」,
//! 「(20212025年)」) instead of the 一字线 (「2021—2025年」).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

/// GB/T 15834-2011 4.13.3.2: the 连接号 of a span of time is the 一字线 (2021—2025年). Reported
/// when two four-digit numbers, each a plausible year (1900–2099) and the second later than the
/// first, are joined by a hyphen, a minus sign or an en dash, or written together with nothing
/// between (the dash lost in a copy), and the span is followed by 年 or closed by a bracket right
/// after — 「2021-12-31」, 「2021-2022学年」, a phone number or a code are not spans of years.
pub struct YearRange;

static INFO: RuleInfo = RuleInfo {
    id: "year-range",
    severity: Severity::Warning,
    summary: "年份起止没有用一字线“—”连接（2021-2025年、20212025年）",
    explain: "\
## 检查什么
表示起止年份的两个四位数年份，中间用了连字符“-”、减号“－”、短横“–”，或连接号丢失写在一起：
“（2021-2025年）”“（20212025年）”。两个数都像年份（1900—2099）、后一个大于前一个、后面紧跟“年”
或右括号时才提示；“2021-12-31”这样的日期、“2021-2022学年”、电话号码和编号不提示。

## 为什么
GB/T 15834-2011《标点符号用法》4.13.3.2：标示时间、地域等的起止用一字线（“2021—2025年”）。
连字符是外文和编号用的；年份连在一起（“20212025年”）是复制时丢了连接号，读者无法看懂。

## 错误示例
    《法治政府建设实施纲要(2021-2025年)》
    《法治政府建设实施纲要（20212025年）》

## 正确示例
    《法治政府建设实施纲要（2021—2025年）》

## 配置
--fix 把连字符换成（或在两个年份之间加上）一字线“—”，不改动数字；括号的全角半角由
punctuation-width 处理。关闭：

    [rules]
    year-range = \"off\"
",
    options: &[],
};

const HYPHENS: &[char] = &['-', '－', '–', '‐', '‑'];

fn plausible_year(digits: &str) -> Option<u32> {
    let year: u32 = digits.parse().ok()?;
    (1900..=2099).contains(&year).then_some(year)
}

/// Whether the span of years ends where a span of years ends: before 年 or a closing bracket.
fn ends_as_years(rest: &str) -> bool {
    rest.starts_with(['年', ')', '）', ']', '】'])
}

impl Rule for YearRange {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        for (_, line) in prose.lines() {
            let line_text = &text[line.range()];
            let bytes = line_text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
                    i += 1;
                    continue;
                }
                let run_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let run = &line_text[i..run_end];
                let candidate = if run.len() == 8 {
                    // 20212025年: the dash lost.
                    Some((i + 4, i + 4, &run[..4], &run[4..], run_end))
                } else if run.len() == 4 {
                    let rest = &line_text[run_end..];
                    rest.chars().next().filter(|c| HYPHENS.contains(c)).and_then(|h| {
                        let second = run_end + h.len_utf8();
                        let digits = line_text[second..].bytes().take_while(u8::is_ascii_digit).count();
                        (digits == 4).then(|| {
                            (run_end, second, run, &line_text[second..second + 4], second + 4)
                        })
                    })
                } else {
                    None
                };
                i = run_end;
                let Some((gap_start, gap_end, first, second, end)) = candidate else {
                    continue;
                };
                let (Some(from), Some(to)) = (plausible_year(first), plausible_year(second)) else {
                    continue;
                };
                if to <= from || !ends_as_years(&line_text[end..]) {
                    continue;
                }
                let whole = Span::new(line.start + (gap_start - 4), line.start + end);
                let gap = Span::new(line.start + gap_start, line.start + gap_end);
                if prose.touches_verbatim(whole) {
                    continue;
                }
                let written = &text[whole.range()];
                let what = if gap.is_empty() { "之间缺少连接号" } else { "之间应用一字线" };
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        whole,
                        format!("年份起止“{written}”{what}，应为“{from}—{to}”"),
                    )
                    .label("应为一字线“—”")
                    .help("GB/T 15834：标示时间的起止用一字线“—”（--fix 可自动改正）")
                    .data("from", from)
                    .data("to", to)
                    .with_fix(Fix {
                        description: format!("改为“{from}—{to}”").into(),
                        edits: vec![Edit {
                            span: gap,
                            replacement: "—".into(),
                        }],
                    }),
                );
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
    fn fires_on_a_hyphen_or_a_lost_dash_between_years() {
        let text = "一、主要举措和成效\n落实《某省法治政府建设规划(2021-2025年)》和《某县实施方案（20222025年）》，编制2023–2027年规划。\n";
        let found = run(&YearRange, text);
        assert_eq!(flagged(text, &found), vec!["2021-2025", "20222025", "2023–2027"]);
        assert_eq!(found[1].message, "年份起止“20222025”之间缺少连接号，应为“2022—2025”");
        let fix = found[1].fix.as_ref().unwrap();
        assert_eq!((fix.edits[0].span.len(), fix.edits[0].replacement.as_ref()), (0, "—"));
    }

    #[test]
    fn near_miss_dates_school_years_codes_and_right_dashes() {
        let text = "一、主要举措和成效\n于2021-12-31前完成，2021-2022学年开课，热线12345678，编号20252021年，（2021—2025年）规划，电话0871-2025年。\n";
        let found = run(&YearRange, text);
        assert!(found.is_empty(), "{:?}", flagged(text, &found));
    }
}
