//! `missing-signature`: no 落款 (issuing body and 成文日期) at the end.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::LineKind;
use crate::source::Span;

/// Flags a report without a 成文日期 line at its end, or with a date but no issuing body above
/// it, when the pack requires a signature.
pub struct MissingSignature;

static INFO: RuleInfo = RuleInfo {
    id: "missing-signature",
    severity: Severity::Warning,
    summary: "报告末尾没有落款（发文机关和成文日期）",
    explain: "\
## 检查什么
报告正文之后没有落款：一行发文机关名称，下一行成文日期（如“2024年1月26日”）；或者只有日期、
没有发文机关。

## 为什么
GB/T 9704-2012 7.3.5 规定公文应当有发文机关署名和成文日期。年度报告须按期报送，成文日期
是判断是否按时报送的依据；没有落款的报告无法判断由谁、在何时报送。

## 错误示例
    ……确保各项任务落到实处。
    （文件到此结束）

## 正确示例
    ……确保各项任务落到实处。
    ××县人民政府
    2024年1月26日

## 配置
规则包的 [signature] required = false 可关闭对某类文件的要求；或：
    [rules]
    missing-signature = \"off\"
",
    options: &[],
};

impl Rule for MissingSignature {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if !cx.pack.signature_required {
            return Vec::new();
        }
        match &cx.doc.signature {
            Some(signature) if signature.body.is_none() => vec![
                Diagnostic::new(INFO.id, signature.date, "落款缺少发文机关名称")
                    .label("成文日期上方没有发文机关")
                    .help("在成文日期上一行写明发文机关全称"),
            ],
            Some(_) => Vec::new(),
            None => {
                let last = cx
                    .doc
                    .lines
                    .iter()
                    .rev()
                    .find(|l| l.kind != LineKind::Blank)
                    .map_or(Span::new(0, 0), |l| l.span);
                vec![
                    Diagnostic::new(INFO.id, last, "报告末尾缺少落款（发文机关和成文日期）")
                        .label("报告在这里结束")
                        .help("在正文后另起一行写发文机关名称，再下一行写成文日期，如“2024年1月26日”"),
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn fires_when_the_report_just_ends() {
        let found = run(&MissingSignature, "一、主要举措\n正文。\n二、工作计划\n计划。\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "报告末尾缺少落款（发文机关和成文日期）");
        let no_body = run(&MissingSignature, "一、主要举措\n正文。\n\n2024年1月26日\n");
        assert_eq!(no_body[0].message, "落款缺少发文机关名称");
    }

    #[test]
    fn silent_with_body_and_date() {
        assert!(run(&MissingSignature, "一、主要举措\n正文。\n某县人民政府\n2024年1月26日\n").is_empty());
    }
}
