//! `nonstandard-term`: informal or non-standard terms, from the pack's substitution table.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::source::Span;

/// Matches each `[[nonstandard-terms]]` entry of the pack and names its standard form.
pub struct NonstandardTerm;

static INFO: RuleInfo = RuleInfo {
    id: "nonstandard-term",
    severity: Severity::Warning,
    summary: "不规范的用语（习总书记、汇报如下、截止目前……），按规则包的对照表",
    explain: "\
## 检查什么
规则包对照表 [[nonstandard-terms]] 中的不规范说法，并给出规范写法，例如：
- “习总书记”→“习近平总书记”；
- 报告中的“汇报如下”→“报告如下”；
- 表示“到某时为止”的“截止目前”“截止2023年底”→“截至”；
- “法制政府”→“法治政府”，“其它”→“其他”，“做为”→“作为”。

## 为什么
《党政机关公文处理工作条例》要求公文用语准确、规范；文种是“报告”就用“报告如下”，称呼领导人用全名
和职务。“截止”和“截至”意思不同，混用会改变句意。

## 错误示例
    截止目前，现将有关情况汇报如下。

## 正确示例
    截至目前，现将有关情况报告如下。

提法随时间变化的，按报告年度的用法判断：条目可写 from、until（适用的报告年度），例如“习近平依法治国
思想”在2020年及以后的报告中应为“习近平法治思想”（2020年11月中央全面依法治国工作会议提出），此前应为
“习近平总书记全面依法治国新理念新思想新战略”。

容易混用的词按上下文判断，不是见词就报：“做出决定”中的“做出”应为“作出”，“做出成绩”不提示；
“行政权利”“权利清单”中的“权利”应为“权力”，“公民权利”不提示；“必需加强”中的“必需”应为“必须”，
“生活必需品”不提示。

## 配置
在规则包中增删对照条目（term 为模式，correct 为规范写法，reason 为说明，from、until 为适用的报告年度；
word 为模式连同上下文匹配时真正要改的那个词）。不自动修正：是否替换要看上下文。关闭：

    [rules]
    nonstandard-term = \"off\"
",
    options: &[],
};

impl Rule for NonstandardTerm {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        let terms: Vec<_> = cx
            .pack
            .nonstandard_terms()
            .iter()
            .filter(|t| t.applies_to(cx.report_year))
            .collect();
        prose
            .find(terms.iter().map(|t| &t.term))
            .into_iter()
            .map(|(span, i)| {
                let term = &terms[i];
                let found = &text[span.range()];
                let (span, message, replaceable) = match term.word.as_deref().and_then(|w| {
                    found.find(w).map(|at| (w, at))
                }) {
                    Some((word, at)) => (
                        Span::new(span.start + at, span.start + at + word.len()),
                        format!("“{found}”中的“{word}”应为“{}”", term.correct),
                        true,
                    ),
                    None => (
                        span,
                        format!("“{found}”不规范，应改用“{}”", term.correct),
                        term.is_literal(),
                    ),
                };
                let mut d = Diagnostic::new(INFO.id, span, message)
                .label(format!("应为“{}”", term.correct))
                .data("correct", term.correct.clone());
                d = match &term.reason {
                    Some(reason) => d.help(reason.clone()),
                    None => d.help(format!("改用规范写法“{}”", term.correct)),
                };
                // Only what the match stands for can be replaced: a pattern's context (截止 in
                // 「截止目前」) is not part of the standard form.
                if replaceable {
                    d = d.with_suggestion(Fix {
                        description: format!("改为“{}”", term.correct).into(),
                        edits: vec![Edit {
                            span,
                            replacement: term.correct.clone().into(),
                        }],
                    });
                }
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_terms_in_the_table() {
        let text = "一、主要举措\n深入学习习总书记重要讲话精神。截止目前，现将有关情况汇报如下。\n";
        let found = run(&NonstandardTerm, text);
        assert_eq!(flagged(text, &found), vec!["习总书记", "截止", "汇报如下"]);
        assert_eq!(found[1].message, "“截止目前”中的“截止”应为“截至”");
    }

    #[test]
    fn the_standard_form_is_offered_to_pick_by_hand_never_as_a_safe_fix() {
        let text = "一、主要举措\n深入学习习总书记重要讲话精神，区政府做出决定。\n";
        let found = run(&NonstandardTerm, text);
        assert!(found.iter().all(|d| d.fix.is_none()));
        let replaced: Vec<(&str, &str)> = found
            .iter()
            .map(|d| {
                let edit = &d.suggestion.as_ref().expect("a suggestion").edits[0];
                (&text[edit.span.range()], edit.replacement.as_ref())
            })
            .collect();
        assert_eq!(replaced, vec![("习总书记", "习近平总书记"), ("做出", "作出")]);
    }

    #[test]
    fn a_usage_that_changed_is_judged_by_the_reports_year() {
        let body = "一、主要举措\n集体学习习近平依法治国思想，落实合法审查制度。\n";
        let later = format!("某县人民政府关于2021年度法治政府建设情况的报告\n{body}");
        let found = run(&NonstandardTerm, &later);
        assert_eq!(flagged(&later, &found), vec!["习近平依法治国思想", "合法审查"]);
        assert_eq!(found[0].datum("correct"), "习近平法治思想");
        let earlier = format!("某县人民政府关于2019年度法治政府建设情况的报告\n{body}");
        let found = run(&NonstandardTerm, &earlier);
        assert_eq!(
            found[0].datum("correct"),
            "习近平总书记全面依法治国新理念新思想新战略"
        );
    }

    #[test]
    fn confusable_words_are_judged_in_context() {
        let text = "一、主要举措\n区政府做出决定，公布行政权利清单，必需加强监督。\n";
        let found = run(&NonstandardTerm, text);
        assert_eq!(flagged(text, &found), vec!["做出", "权利", "必需"]);
        assert_eq!(found[0].message, "“做出决定”中的“做出”应为“作出”");
        let near = "一、主要举措\n全区做出成绩，保障公民权利，发放生活必需品。\n";
        assert!(run(&NonstandardTerm, near).is_empty());
    }

    #[test]
    fn silent_on_standard_usage() {
        let text = "一、主要举措\n深入学习习近平总书记重要讲话精神。截至目前，报名截止日期为3月1日，现将有关情况报告如下。听取工作汇报3次。\n";
        assert!(run(&NonstandardTerm, text).is_empty());
    }
}
