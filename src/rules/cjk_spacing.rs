//! `cjk-spacing`: spaces inside Chinese text, between Chinese and numbers, or beside Chinese
//! punctuation (「2019 年」 from PDF or Word export).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::parse::LineKind;
use crate::prose::chars::{
    chars_led_by, chinese_half_width, is_cjk_punct, is_han, is_space, lead_bytes,
};
use crate::source::Span;

/// Chinese official documents put no space between Han characters, between Han characters and
/// numbers, or next to full-width punctuation — the opposite of the English-style spacing some
/// typography tools insert. Indentation, trailing spaces, spaces between Chinese and Latin
/// words, the space before the date of a 印发 line and spaces inside code and markup are left
/// alone.
pub struct CjkSpacing;

static INFO: RuleInfo = RuleInfo {
    id: "cjk-spacing",
    severity: Severity::Warning,
    summary: "汉字之间、汉字与数字之间或标点前后有多余的空格，可自动删除",
    explain: "\
## 检查什么
一行文字中间的空格（半角空格、全角空格、不间断空格、制表符），如果它：
- 夹在两个汉字之间（“法治 政府”）；
- 夹在汉字和数字之间（“2019 年”“关于 2019 年度”）；
- 紧挨着全角标点（“报告如下： 一是”““ 12345 ””“〔 2020 〕”），或紧挨着应改为全角的半角标点；
- 夹在数字和百分号之间（“98.3 %”）。
行首缩进、行末空格、汉字与英文单词之间的空格（“浦东 E 家园”）、印发机关和印发日期之间的空格，以及
Markdown 代码、HTML 中的空格不在此列。

## 为什么
GB/T 15834-2011、GB/T 15835-2011 的中文排版不在汉字、数字和标点之间加空格，字距由排版统一处理。
“2019 年”这类空格多是从 PDF、Word 导出时带入的。这与某些排版工具在中英文之间加空格的英文式习惯相反。

## 错误示例
    金杨新村街道关于 2019 年度法治政府建设情况的报告

## 正确示例
    金杨新村街道关于2019年度法治政府建设情况的报告

## 配置
--fix 会删除这些空格（只删空格，不改动文字）。同类问题很多时，文本输出只显示第一处并注明总数。关闭：

    [rules]
    cjk-spacing = \"off\"
",
    options: &[],
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Punct,
    Digit,
    Percent,
    Other,
}

fn class(c: char, converted: bool) -> Class {
    if converted || is_cjk_punct(c) {
        Class::Punct
    } else if is_han(c) {
        Class::Han
    } else if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        Class::Digit
    } else if matches!(c, '%' | '％' | '‰') {
        Class::Percent
    } else {
        Class::Other
    }
}

/// What lies on both sides of the space, for the message; `None` when the space is allowed.
fn kind(left: Class, right: Class) -> Option<&'static str> {
    use Class::*;
    match (left, right) {
        (Han, Han) => Some("汉字之间"),
        (Han, Digit) | (Digit, Han) => Some("汉字与数字之间"),
        (Punct, _) | (_, Punct) => Some("标点前后"),
        (Digit, Percent) => Some("数字与百分号之间"),
        _ => None,
    }
}

impl Rule for CjkSpacing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        for (index, line) in prose.lines() {
            let line_text = &text[line.range()];
            if line_text.is_ascii() {
                continue;
            }
            let runs = space_runs(line_text);
            if runs.is_empty() {
                continue;
            }
            let verbatim = prose.verbatim.within(line);
            let converted: Vec<usize> = chinese_half_width(line_text, &verbatim)
                .into_iter()
                .map(|w| w.offset)
                .collect();
            let issuance = cx.doc.lines[index].kind == LineKind::Issuance;
            for (run_start, run_end) in runs {
                if run_start == 0
                    || run_end == line_text.len()
                    || verbatim.iter().any(|r| r.start < run_end && run_start < r.end)
                {
                    continue;
                }
                let l = line_text[..run_start].chars().next_back().expect("a character");
                let (lo, ro) = (run_start - l.len_utf8(), run_end);
                let r = line_text[ro..].chars().next().expect("a character");
                let left = class(l, converted.binary_search(&lo).is_ok());
                let right = class(r, converted.binary_search(&ro).is_ok());
                let Some(what) = kind(left, right) else {
                    continue;
                };
                // 印发 line: 印发机关 and 印发日期 are separated by a space (GB/T 9704).
                if issuance
                    && left == Class::Han
                    && right == Class::Digit
                    && line_text[ro..].bytes().take(4).all(|b| b.is_ascii_digit())
                {
                    continue;
                }
                let span = Span::new(line.start + run_start, line.start + ro);
                let mut before: Vec<char> = line_text[..run_start].chars().rev().take(4).collect();
                before.reverse();
                let before: String = before.into_iter().collect();
                let after: String = line_text[ro..].chars().take(4).collect();
                let spaces = &text[span.range()];
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!("{what}不应有空格：“{before}{spaces}{after}”"),
                    )
                    .label("多余的空格")
                    .help("中文排版不在汉字、数字和标点之间加空格（--fix 可自动删除）")
                    .with_fix(Fix {
                        description: "删除多余的空格".into(),
                        edits: vec![Edit {
                            span,
                            replacement: "".into(),
                        }],
                    }),
                );
            }
        }
        found
    }
}

/// Byte ranges of the runs of spaces in a line, in order.
fn space_runs(line: &str) -> Vec<(usize, usize)> {
    // ' ', tab, and the first bytes of U+00A0, U+2002, U+2003, U+3000 and U+FEFF.
    const LEADS: [bool; 256] = lead_bytes(&[b' ', b'\t', 0xC2, 0xE2, 0xE3, 0xEF]);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (offset, c) in chars_led_by(line, &LEADS).filter(|&(_, c)| is_space(c)) {
        let end = offset + c.len_utf8();
        match runs.last_mut() {
            Some(run) if run.1 == offset => run.1 = end,
            _ => runs.push((offset, end)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_spaces_around_numbers_and_punctuation() {
        let text = "某街道关于 2019 年度法治政府建设情况的报告\n一、主要举措\n办结率 100% 。 受理网上申请 3 起,会议 , 认真\n";
        let found = run(&CjkSpacing, text);
        assert_eq!(found.len(), 9, "{:?}", flagged(text, &found));
        assert_eq!(found[0].message, "汉字与数字之间不应有空格：“街道关于 2019”");
        assert!(found.iter().all(|d| flagged(text, std::slice::from_ref(d))[0].trim().is_empty()));
    }

    #[test]
    fn silent_on_indentation_latin_words_and_issuance_lines() {
        let text = "一、主要举措\n　　浦东 E 家园 APP 上线，Windows 系统。  \n某街道党政办公室 2020年1月15日印发\n";
        assert!(run(&CjkSpacing, text).is_empty(), "{:?}", run(&CjkSpacing, text));
    }

    #[test]
    fn silent_inside_code_and_markup() {
        let md = "# 一、主要举措\n\n运行`法治 政府`命令，<span title=\"法治 政府\">标签</span>。\n\n    缩进代码 一 二\n\n```\n围栏代码 一 二\n```\n";
        let found = crate::rules::testing::run_markdown(&CjkSpacing, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        // The same spaces in prose are reported.
        let md = "# 一、主要举措\n\n法治 政府，[法治 政府](https://a.cn)。\n";
        let found = crate::rules::testing::run_markdown(&CjkSpacing, md);
        assert_eq!(found.len(), 2, "{:?}", flagged(md, &found));
    }
}
