//! `problems-without-causes`: the problems part lists shortcomings but never their causes.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// For every part of the pack that declares `causes` patterns (the annual report's `problems`),
/// flags an occurrence whose text matches none of them: the regulation asks for 不足**和原因**.
pub struct ProblemsWithoutCauses;

static INFO: RuleInfo = RuleInfo {
    id: "problems-without-causes",
    severity: Severity::Warning,
    summary: "“存在的不足”部分只列问题，没有分析原因",
    explain: "\
## 检查什么
“存在的不足和原因”部分列出了不足，却没有任何分析原因的表述（如“原因”“由于”“主要是”
“究其原因”“反映出”“根源在于”“导致”）。表示原因的词语在规则包中该部分的 causes 列出。

## 为什么
《法治政府建设与责任落实督察工作规定》要求年度报告写明“存在的不足和原因”。只罗列“有待加强”
“还需提高”而不分析原因，是审阅中最常见的退改意见之一。

## 错误示例
    二、存在的问题和不足
    一是法治宣传的针对性有待加强。二是执法人员业务能力还需提升。

## 正确示例
    二、存在的问题和不足
    一是法治宣传的针对性有待加强。二是执法人员业务能力还需提升。究其原因，主要是对法治
    政府建设的重要性认识不足，培训经费和师资保障不够。

## 配置
    [rules]
    problems-without-causes = \"error\"
",
    options: &[],
};

impl Rule for ProblemsWithoutCauses {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (index, part) in cx.pack.parts.iter().enumerate() {
            if part.causes.is_empty() {
                continue;
            }
            for occurrence in cx.structure.of_part(index) {
                let body_start = occurrence.heading.map_or(occurrence.span.start, |h| h.end);
                let body = &cx.source.text[body_start..occurrence.span.end.max(body_start)];
                if part.causes.iter().any(|re| re.is_match(body)) {
                    continue;
                }
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        occurrence.heading.unwrap_or(occurrence.span),
                        format!("“{}”部分只列了不足，没有分析原因", part.name),
                    )
                    .label("这一部分没有写原因")
                    .help("逐条或总体分析产生这些不足的原因，如“究其原因，主要是……”"),
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
    fn fires_when_only_shortcomings_are_listed() {
        let text = "一、主要举措和成效\n正文。\n二、存在的问题和不足\n一是宣传针对性有待加强。二是业务能力还需提升。\n三、下一步工作计划\n计划。\n";
        let found = run(&ProblemsWithoutCauses, text);
        assert_eq!(flagged(text, &found), vec!["二、存在的问题和不足"]);
    }

    #[test]
    fn silent_when_causes_are_analysed() {
        let text = "一、主要举措和成效\n正文。\n二、存在的问题和不足\n一是宣传针对性有待加强。究其原因，主要是认识不足。\n三、下一步工作计划\n计划。\n";
        assert!(run(&ProblemsWithoutCauses, text).is_empty());
    }
}
