//! `enumeration-comma`: a 顿号 between adjacent 书名号 or between adjacent 引号
//! (「《宪法》、《民法典》」).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

/// GB/T 15834-2011 4.5.3.5: coordinate items each in 书名号, or each in 引号, are not separated by
/// 顿号 when the marks stand side by side (《宪法》《民法典》, “放管服”“最多跑一次”). Only a 顿号
/// with the closing mark directly before it and the same kind of opening mark directly after it
/// is reported: when something stands between (a 括注 after a title, 《条例》（2019年修订）、《办法》),
/// the 顿号 is right, and 书名号 next to 引号 are not coordinate marks of one kind.
pub struct EnumerationComma;

static INFO: RuleInfo = RuleInfo {
    id: "enumeration-comma",
    severity: Severity::Warning,
    summary: "并列的书名号或引号之间多了顿号（《宪法》、《民法典》）",
    explain: "\
## 检查什么
紧挨着的两个书名号之间、两个引号之间用了顿号：“《宪法》、《民法典》”“‘放管服’、‘最多跑一次’”
（此处以单引号示意双引号）。书名号或引号后面还有括注等其他成分时（“《条例》（2019年修订）、《办法》”），
顿号是对的，不提示；书名号和引号相邻（“》、“”）也不提示。

## 为什么
GB/T 15834-2011《标点符号用法》4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用
顿号；若有其他成分插在并列的引号之间或并列的书名号之间（如括注），宜用顿号。

## 错误示例
    组织学习了《宪法》、《民法典》、《行政处罚法》。

## 正确示例
    组织学习了《宪法》《民法典》《行政处罚法》。

## 配置
--fix 删除这个顿号（只删标点，不改动文字）。关闭：

    [rules]
    enumeration-comma = \"off\"
",
    options: &[],
};

/// Closing marks, each with the opening mark of the same kind.
const PAIRS: &[(char, char)] = &[('》', '《'), ('”', '“'), ('〉', '〈'), ('」', '「')];

impl Rule for EnumerationComma {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let mut found = Vec::new();
        for (_, line) in prose.lines() {
            let line_text = &text[line.range()];
            for (at, _) in line_text.match_indices('、') {
                let Some(close) = line_text[..at].chars().next_back() else {
                    continue;
                };
                let Some(&(_, open)) = PAIRS.iter().find(|(c, _)| *c == close) else {
                    continue;
                };
                let after = at + '、'.len_utf8();
                if !line_text[after..].starts_with(open) {
                    continue;
                }
                let span = Span::new(line.start + at, line.start + after);
                if prose.touches_verbatim(span) {
                    continue;
                }
                let kind = if open == '“' || open == '「' { "引号" } else { "书名号" };
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        span,
                        format!("并列的{kind}之间不用顿号：「{close}、{open}」应为「{close}{open}」"),
                    )
                    .label("多余的顿号")
                    .help("GB/T 15834：标有书名号或引号的并列成分之间通常不用顿号（--fix 可自动删除）")
                    .with_fix(Fix {
                        description: "删除并列书名号或引号之间的顿号".into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_between_adjacent_titles_and_quotes() {
        let text = "一、主要举措和成效\n学习了《宪法》、《民法典》、《行政复议法》，推进“放管服”、“最多跑一次”改革。\n";
        let found = run(&EnumerationComma, text);
        assert_eq!(flagged(text, &found), vec!["、", "、", "、"]);
        assert!(found[0].message.contains("书名号"));
        assert!(found[2].message.contains("引号"));
        assert!(found.iter().all(|d| d.fix.is_some()));
    }

    #[test]
    fn near_miss_something_between_or_marks_of_two_kinds() {
        let text = "一、主要举措和成效\n学习了《信访工作条例》（2022年施行）、《民法典》和“八五”普法规划、《宪法》，《宪法》《民法典》。\n";
        let found = run(&EnumerationComma, text);
        assert!(found.is_empty(), "{:?}", flagged(text, &found));
    }
}
