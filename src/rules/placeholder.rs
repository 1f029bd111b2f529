//! `placeholder`: template leftovers (xx镇, 20XX年, 某县人民政府, ***, ××).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// Matches the pack's `placeholders` patterns anywhere in the document except web debris.
pub struct Placeholder;

static INFO: RuleInfo = RuleInfo {
    id: "placeholder",
    severity: Severity::Error,
    summary: "模板占位符没有替换（xx镇、20XX年、某县人民政府、***）",
    explain: "\
## 检查什么
套用模板或往年稿件时留下、没有换成实际内容的占位符：“xx镇”“××县”“20XX年”“×月×日”“某县人民政府”、
“***”“□□”“____”、空括号“（ ）”、“待补充”“此处填写”等。单个“×”（“7×24小时”）和案件中的
“张某某”不算。

## 为什么
占位符说明稿件没有完成。报告要按《法治政府建设与责任落实督察工作规定》报送上级并向社会公开，
带着“20XX年”“××镇”报出去，等于把没写完的稿子公开。

## 错误示例
    ××镇人民政府关于20XX年度法治政府建设情况的报告

## 正确示例
    黑溪镇人民政府关于2023年度法治政府建设情况的报告

## 配置
模式在规则包的 placeholders 表中，可以增删；写 placeholders = [] 则不检查。关闭：

    [rules]
    placeholder = \"off\"
",
    options: &[],
};

impl Rule for Placeholder {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        prose
            .find(cx.pack.placeholders())
            .into_iter()
            .map(|(span, _)| {
                let found = &text[span.range()];
                Diagnostic::new(
                    INFO.id,
                    span,
                    format!("模板占位符“{found}”没有替换成实际内容"),
                )
                .label("占位符")
                .help("填写实际的单位名称、年份或数字，并全文查找是否还有遗漏")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_template_leftovers() {
        let text = "××镇人民政府关于20XX年度法治政府建设情况的报告\n一、主要举措\n共办理案件***件。\n某县人民政府\n2024年1月26日\n";
        let found = run(&Placeholder, text);
        assert_eq!(flagged(text, &found), vec!["××", "20XX年", "***", "某县人民政府"]);
    }

    #[test]
    fn a_placeholder_is_marked_on_its_own_line_without_its_indentation() {
        // `^\s*某县` could reach back over the blank lines above; matches stay within a line,
        // and the indentation it takes in is not part of the finding.
        let text = "一、主要举措\n开展培训12次。\n\n\n  某县人民政府\r\n2024年1月5日\n";
        let found = run(&Placeholder, text);
        assert_eq!(flagged(text, &found), vec!["某县"]);
    }

    #[test]
    fn silent_on_real_text() {
        let text = "一、主要举措\n实行7×24小时服务，查处张某某非法采砂案，保守国家秘密，在某些领域。\n";
        assert!(run(&Placeholder, text).is_empty());
    }
}
