//! `punctuation-width`: half-width punctuation in Chinese text, full-width digits and letters.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::prose::chars::{chars_led_by, chinese_half_width, half_width_alnum, lead_bytes};
use crate::source::Span;
use std::borrow::Cow;

/// Half-width , ; : ? ! ( ) standing in Chinese text should be full-width (GB/T 15834); digits
/// and Latin letters should be half-width (GB/T 15835). Numbers (1,000; 10:58), English phrases,
/// web debris and what is not prose (addresses, file names, code and markup) are left alone. A
/// pair of parentheses is one finding whose fix widens both.
pub struct PunctuationWidth;

static INFO: RuleInfo = RuleInfo {
    id: "punctuation-width",
    severity: Severity::Warning,
    summary: "中文里用了半角标点，或数字、字母用了全角，可自动改正",
    explain: "\
## 检查什么
- 中文文字中的半角逗号“,”、分号“;”、冒号“:”、问号“?”、叹号“!”和括号“( )”，应为全角
  “，；：？！（）”；
- 全角的阿拉伯数字和拉丁字母（“２０２３”“ＡＰＰ”），应为半角。
不算错误的：数字中的逗号和冒号（1,000、10:58），网址、电子邮箱、文件名（报告(终稿).docx）和
代码（Markdown 的代码、链接地址、HTML）中的标点，两侧都不是中文的英文短语，以及从网页复制带入的
页脚等（由 paste-artifact 报告）。一对半角括号只要括住或紧挨着中文，就作为一处报告，两个括号
一起改为全角（“(http://…)”改为“（http://…）”，网址本身不动）；与全角括号配对的半角括号改为全角。

## 为什么
GB/T 15834-2011《标点符号用法》：中文文本使用全角标点。GB/T 15835-2011《出版物上数字用法》：
阿拉伯数字使用半角形式。半角标点夹在汉字中间，多是输入法切换失误，排版时间距不一。

## 错误示例
    2020年,我镇法治政府建设取得明显成效,现将有关情况报告如下:
    (一)强化组织领导

## 正确示例
    2020年，我镇法治政府建设取得明显成效，现将有关情况报告如下：
    （一）强化组织领导

## 配置
--fix 会逐个替换为全角（或半角）形式，不改动文字。同类问题很多时，文本输出只显示第一处并注明
总数；--format json 列出每一处及其修正。关闭：

    [rules]
    punctuation-width = \"off\"
",
    options: &[],
};

/// The finding's message; the usual marks have theirs written out, saving a string per finding
/// in drafts that have hundreds.
fn message(half: char, full: char) -> Cow<'static, str> {
    match half {
        ',' => "中文里用了半角逗号“,”，应为全角“，”".into(),
        ';' => "中文里用了半角分号“;”，应为全角“；”".into(),
        ':' => "中文里用了半角冒号“:”，应为全角“：”".into(),
        '(' => "中文里用了半角括号“(”，应为全角“（”".into(),
        ')' => "中文里用了半角括号“)”，应为全角“）”".into(),
        _ => format!("中文里用了半角{}“{half}”，应为全角“{full}”", name(half)).into(),
    }
}

fn fix_description(half: char, full: char) -> Cow<'static, str> {
    match half {
        ',' => "把“,”改为“，”".into(),
        ';' => "把“;”改为“；”".into(),
        ':' => "把“:”改为“：”".into(),
        '(' => "把“(”改为“（”".into(),
        ')' => "把“)”改为“）”".into(),
        _ => format!("把“{half}”改为“{full}”").into(),
    }
}

fn full_mark(full: char) -> Cow<'static, str> {
    match full {
        '，' => "，".into(),
        '；' => "；".into(),
        '：' => "：".into(),
        '（' => "（".into(),
        '）' => "）".into(),
        _ => full.to_string().into(),
    }
}

fn name(c: char) -> &'static str {
    match c {
        ',' => "逗号",
        ';' => "分号",
        ':' => "冒号",
        '?' => "问号",
        '!' => "叹号",
        _ => "括号",
    }
}

impl Rule for PunctuationWidth {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        for (_, line) in prose.lines() {
            let line_text = &text[line.range()];
            let verbatim = prose.verbatim.within(line);
            for w in chinese_half_width(line_text, &verbatim) {
                let start = line.start + w.offset;
                let half = line_text[w.offset..].chars().next().expect("a character");
                let span = Span::new(start, start + half.len_utf8());
                let edit = Edit {
                    span,
                    replacement: full_mark(w.full),
                };
                let diagnostic = match w.partner {
                    // The closing half of a pair goes with the finding for the opening one.
                    Some(partner) if partner < w.offset => continue,
                    Some(partner) => {
                        let close = Span::new(line.start + partner, line.start + partner + 1);
                        Diagnostic::new(INFO.id, span, "中文里用了半角括号“( )”，应为全角“（ ）”")
                            .label("应为全角括号")
                            .secondary(close, "与之配对的“)”")
                            .with_fix(Fix {
                                description: "把“( )”改为“（ ）”".into(),
                                edits: vec![
                                    edit,
                                    Edit {
                                        span: close,
                                        replacement: full_mark('）'),
                                    },
                                ],
                            })
                    }
                    None => Diagnostic::new(INFO.id, span, message(half, w.full))
                        .label(match w.full {
                            '（' | '）' => "应为全角括号",
                            '，' => "应为“，”",
                            '；' => "应为“；”",
                            '：' => "应为“：”",
                            '？' => "应为“？”",
                            '！' => "应为“！”",
                            _ => "应为全角标点",
                        })
                        .with_fix(Fix {
                            description: fix_description(half, w.full),
                            edits: vec![edit],
                        }),
                };
                found.push(
                    diagnostic.help("GB/T 15834：中文文本使用全角标点（--fix 可自动改正）"),
                );
            }
            found.extend(full_width_runs(line_text, line.start, &verbatim));
        }
        found
    }
}

/// Runs of full-width digits and letters in a line, outside the `verbatim` ranges (relative to
/// the line).
fn full_width_runs(line: &str, base: usize, verbatim: &[std::ops::Range<usize>]) -> Vec<Diagnostic> {
    if line.is_ascii() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut run: Option<(usize, String)> = None;
    let mut flush = |run: &mut Option<(usize, String)>, end: usize| {
        if let Some((start, half)) = run.take() {
            let span = Span::new(base + start, base + end);
            let full = &line[start..end];
            let digits = half.chars().all(|c| c.is_ascii_digit());
            let what = if digits { "数字" } else { "字母" };
            out.push(
                Diagnostic::new(
                    INFO.id,
                    span,
                    format!("全角{what}“{full}”应写作半角“{half}”"),
                )
                .label("应为半角")
                .help("GB/T 15835：阿拉伯数字和拉丁字母使用半角形式（--fix 可自动改正）")
                .with_fix(Fix {
                    description: format!("把“{full}”改为“{half}”").into(),
                    edits: vec![Edit {
                        span,
                        replacement: half.into(),
                    }],
                }),
            );
        }
    };
    // Full-width digits and letters (U+FF10–FF5A) start with byte EF.
    const LEADS: [bool; 256] = lead_bytes(&[0xEF]);
    let mut run_end = 0;
    for (i, c) in chars_led_by(line, &LEADS) {
        if verbatim.iter().any(|r| r.contains(&i)) {
            flush(&mut run, run_end);
            continue;
        }
        if i != run_end {
            flush(&mut run, run_end);
        }
        match half_width_alnum(c) {
            Some(h) => {
                run.get_or_insert_with(|| (i, String::new())).1.push(h);
                run_end = i + c.len_utf8();
            }
            None => flush(&mut run, i),
        }
    }
    flush(&mut run, run_end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn written_out_messages_say_what_the_general_one_says() {
        for half in [',', ';', ':', '(', ')', '?', '!'] {
            let full = crate::prose::chars::full_width(half).unwrap();
            assert_eq!(
                message(half, full),
                format!("中文里用了半角{}“{half}”，应为全角“{full}”", name(half))
            );
            assert_eq!(fix_description(half, full), format!("把“{half}”改为“{full}”"));
            assert_eq!(full_mark(full), full.to_string());
        }
    }

    #[test]
    fn fires_on_half_width_punctuation_and_full_width_digits() {
        let text = "一、主要举措\n2020年,我镇(一)强化领导:全年办结２３件。\n";
        let found = run(&PunctuationWidth, text);
        assert_eq!(flagged(text, &found), vec![",", "(", ":", "２３"]);
        assert_eq!(found[0].message, "中文里用了半角逗号“,”，应为全角“，”");
        assert_eq!(found[3].message, "全角数字“２３”应写作半角“23”");
        assert_eq!(found[3].fix.as_ref().unwrap().edits[0].replacement, "23");
    }

    #[test]
    fn a_pair_of_parentheses_is_one_finding_whose_fix_widens_both() {
        let text = "一、主要举措\n详见网站(http://www.example.gov.cn/a,b)获取,我镇(一)强化。\n";
        let found = run(&PunctuationWidth, text);
        assert_eq!(flagged(text, &found), vec!["(", ",", "("]);
        for pair in [&found[0], &found[2]] {
            let edits = &pair.fix.as_ref().unwrap().edits;
            let marks: Vec<(&str, &str)> = edits
                .iter()
                .map(|e| (&text[e.span.range()], e.replacement.as_ref()))
                .collect();
            assert_eq!(marks, vec![("(", "（"), (")", "）")]);
            assert_eq!(&text[pair.labels[0].span.range()], ")");
        }
        assert_eq!(found[0].message, "中文里用了半角括号“( )”，应为全角“（ ）”");
    }

    #[test]
    fn silent_inside_addresses_file_names_and_code() {
        let text = "一、主要举措\n网址https://x.cn/p?a=1,b;c(d)，邮箱a@b.cn，附件报告(终稿).docx，\n";
        assert!(run(&PunctuationWidth, text).is_empty(), "{:?}", run(&PunctuationWidth, text));
        let md = "# 一、主要举措\n\n详见[通知](https://a.cn/a,b)和![图](i,j.png)，运行`f(x),y`，全角`１２`。\n\n    缩进代码,内容\n\n```\n围栏代码,内容\n```\n<span title=\"a,b\">标签</span>\n";
        let found = crate::rules::testing::run_markdown(&PunctuationWidth, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        // The same marks in prose are reported.
        let md = "# 一、主要举措\n\n详见[通知,说明](https://a.cn)和(代码)。\n";
        let found = crate::rules::testing::run_markdown(&PunctuationWidth, md);
        assert_eq!(flagged(md, &found), vec![",", "("]);
    }

    #[test]
    fn full_width_runs_end_where_other_characters_start() {
        let text = "一、主要举措\n共２３件，ＡＢ类１件（ｘ）共Ｆ\n";
        let found = run(&PunctuationWidth, text);
        assert_eq!(flagged(text, &found), vec!["２３", "ＡＢ", "１", "ｘ", "Ｆ"]);
    }

    #[test]
    fn silent_on_numbers_urls_english_and_debris() {
        let text = "一、主要举措\n罚款1,000元，10:58受理，详见https://www.example.gov.cn/a?b=1。\n另见 Windows (x64), Linux 环境。\n\n关闭窗口\nICP备案号:滇ICP备17009552号\n";
        assert!(run(&PunctuationWidth, text).is_empty());
    }
}
