//! `list-marker`: 「1、」 after an Arabic numeral, a 顿号 after a bracketed marker, a full-width
//! dot, a marker written twice.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::parse::{MarkerStyle, Section};
use crate::prose::chars::is_space;
use crate::source::Span;
use crate::tiered::TieredRegex;

/// Checks how each heading's number marker is punctuated (GB/T 15834: 「1.」 after an Arabic
/// numeral, nothing after a bracketed one). The marker's level is `heading-numbering`'s business:
/// where an Arabic-numbered heading stands at a level that is not numbered with Arabic numerals
/// (「1、」 as a top-level heading), the advice that counts is the level's style, so this rule
/// says nothing about the 顿号 and `--fix` does not turn 「1、」 into an equally wrong 「1.」.
pub struct ListMarker;

static INFO: RuleInfo = RuleInfo {
    id: "list-marker",
    severity: Severity::Info,
    summary: "序号标点不规范：“1、”应为“1.”，括号序号后多了顿号，序号重复",
    explain: "\
## 检查什么
标题开头的序号：
- 阿拉伯数字后用顿号“1、”，应用下脚点“1.”；全角点“1．”应为“1.”；
- 括号序号后又加顿号“（一）、”“(1)、”；
- 序号写了两遍（“一、一、”“（二）（二）”）。
序号属于哪一级、是否连续由 heading-numbering 检查。阿拉伯数字序号用在不该用阿拉伯数字的层级时
（如一级标题写成“1、”），应改的是编号样式（“一、”），由 heading-numbering 提示，本规则不再提示
“1.”，--fix 也不会把它改成同样不对的“1.”。

## 为什么
GB/T 15834-2011《标点符号用法》：阿拉伯数字序号后用下脚点（“1.”），不用顿号；序号外加括号的，
括号后不再加其他标点。GB/T 9704-2012 的结构层次序数为“一、”“（一）”“1.”“（1）”。

## 错误示例
    1、推进法治政府建设的主要举措和成效
    （一）、加强学习宣传

## 正确示例
    1.推进法治政府建设的主要举措和成效
    （一）加强学习宣传

## 配置
--fix 会改正标点、删除重复的序号；“1、”后面紧接数字时（“1、2023年工作计划”）改成“1.”会和小数混淆，
只提示不自动改。关闭：

    [rules]
    list-marker = \"off\"
",
    options: &[],
};

static LEADING_MARKER: TieredRegex = TieredRegex::new(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．、]|[（(][0-9]{1,2}[）)])",
);

impl Rule for ListMarker {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let verbatim = cx.source.verbatim();
        let mut found = Vec::new();
        for (section, depth) in with_depth(&cx.doc.sections, 1) {
            let marker = &section.heading.marker;
            let arabic = matches!(marker.style, MarkerStyle::ArComma | MarkerStyle::ArDot);
            let level_wrong = arabic && marker.style.nominal_level() as usize != depth.min(4);
            if marker.implicit {
                continue; // a Markdown heading without a written number
            }
            if verbatim.overlaps(marker.span) {
                continue; // a line of code, or a file name that starts with a number
            }
            let written = &text[marker.span.range()];
            let last = written.chars().next_back().expect("a marker is not empty");
            let last_span = Span::new(marker.span.end - last.len_utf8(), marker.span.end);
            let after = text[marker.span.end..]
                .trim_start_matches(is_space)
                .lines()
                .next()
                .unwrap_or("");
            match marker.style {
                MarkerStyle::ArComma | MarkerStyle::ArDot if level_wrong => {}
                MarkerStyle::ArComma => {
                    let number = marker.number;
                    let mut d = Diagnostic::new(
                        INFO.id,
                        marker.span,
                        format!("阿拉伯数字序号后应用下脚点“{number}.”，不用顿号“{number}、”"),
                    )
                    .label("应用下脚点“.”")
                    .help("GB/T 15834：阿拉伯数字序号后用下脚点");
                    if !after.starts_with(|c: char| c.is_ascii_digit()) {
                        d = d.with_fix(Fix {
                            description: format!("把“{number}、”改为“{number}.”").into(),
                            edits: vec![Edit {
                                span: last_span,
                                replacement: ".".into(),
                            }],
                        });
                    }
                    found.push(d);
                }
                MarkerStyle::ArDot if last == '．' => {
                    let number = marker.number;
                    found.push(
                        Diagnostic::new(
                            INFO.id,
                            last_span,
                            format!("序号“{written}”应使用半角下脚点“{number}.”"),
                        )
                        .label("应为“.”")
                        .help("GB/T 15834：阿拉伯数字序号后用下脚点“.”")
                        .with_fix(Fix {
                            description: format!("把“{written}”改为“{number}.”").into(),
                            edits: vec![Edit {
                                span: last_span,
                                replacement: ".".into(),
                            }],
                        }),
                    );
                }
                _ if marker.trailing_comma => {
                    let bare = &written[..written.len() - last.len_utf8()];
                    found.push(
                        Diagnostic::new(
                            INFO.id,
                            last_span,
                            format!("括号序号“{bare}”后不应再加顿号"),
                        )
                        .label("多余的顿号")
                        .help("GB/T 15834：序号外加括号的，括号后不再加标点")
                        .with_fix(Fix {
                            description: format!("删除“{bare}”后的顿号").into(),
                            edits: vec![Edit {
                                span: last_span,
                                replacement: "".into(),
                            }],
                        }),
                    );
                }
                _ => {}
            }
            if let Some(second) = LEADING_MARKER.find(after) {
                let start = marker.span.end + (text[marker.span.end..].len() - text[marker.span.end..].trim_start_matches(is_space).len());
                let span = Span::new(start, start + second.end);
                let repeated = &after[second];
                if verbatim.overlaps(span) {
                    continue;
                }
                let mut d = Diagnostic::new(
                    INFO.id,
                    span,
                    format!("序号重复：“{written}”后面又有“{repeated}”"),
                )
                .label("重复的序号")
                .help("只保留一个序号");
                if repeated == written {
                    d = d.with_fix(Fix {
                        description: format!("删除重复的“{repeated}”").into(),
                        edits: vec![Edit {
                            span: Span::new(marker.span.end, span.end),
                            replacement: "".into(),
                        }],
                    });
                }
                found.push(d);
            }
        }
        found
    }
}

/// Every section with its depth (1 for the top level), in document order.
fn with_depth(sections: &[Section], depth: usize) -> Vec<(&Section, usize)> {
    let mut out = Vec::new();
    for section in sections {
        out.push((section, depth));
        out.extend(with_depth(&section.children, depth + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_comma_after_numerals_and_brackets_and_doubled_markers() {
        let text = "一、一、主要举措\n（一）、强化领导\n1、建立制度\n正文。\n2、2023年工作计划\n正文。\n3．落实\n正文。\n";
        let found = run(&ListMarker, text);
        assert_eq!(flagged(text, &found), vec!["一、", "、", "1、", "2、", "．"]);
        assert_eq!(found[0].message, "序号重复：“一、”后面又有“一、”");
        assert!(found[0].fix.is_some());
        assert!(found[2].fix.is_some());
        assert!(found[3].fix.is_none(), "1.2023 would read as a decimal");
    }

    #[test]
    fn leaves_a_top_level_arabic_heading_to_heading_numbering() {
        // 「1、」 at the top level is a level error: 「1.」 would be as wrong as 「1、」.
        let text = "1、主要举措和成效\n正文。\n2、存在的不足\n正文。\n";
        let found = run(&ListMarker, text);
        assert!(found.is_empty(), "{:?}", flagged(text, &found));
    }

    #[test]
    fn silent_on_standard_markers() {
        let text = "一、主要举措\n（一）强化领导\n1.建立制度\n（1）学习。\n2.落实2023年计划\n正文。\n";
        assert!(run(&ListMarker, text).is_empty());
    }

    #[test]
    fn silent_on_markers_in_code() {
        let md = "# 一、主要举措\n\n```\n1、建立制度\n（一）、强化领导\n```\n\n    2、落实制度\n";
        let found = crate::rules::testing::run_markdown(&ListMarker, md);
        assert!(found.is_empty(), "{:?}", flagged(md, &found));
        let md = "# 一、主要举措\n\n（一）强化领导\n\n1、建立制度\n\n正文。\n";
        let found = crate::rules::testing::run_markdown(&ListMarker, md);
        assert_eq!(flagged(md, &found), vec!["1、"]);
    }
}
