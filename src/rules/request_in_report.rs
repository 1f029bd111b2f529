//! `request-in-report`: 请示事项 inside a 报告 (妥否，请批示).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// Matches the pack's `request-phrases` patterns.
pub struct RequestInReport;

static INFO: RuleInfo = RuleInfo {
    id: "request-in-report",
    severity: Severity::Warning,
    summary: "报告中夹带请示事项（妥否，请批示；请予审批）",
    explain: "\
## 检查什么
请示用语：“妥否，请批示”“当否”“请予审批”“请批复”“特此请示”“请示如下”等。

## 为什么
《党政机关公文处理工作条例》第十五条：报告不得夹带请示事项。报告是向上级汇报工作，上级不作批复；
夹在报告里的请示得不到答复，需要上级批准的事项应另行请示。

## 错误示例
    以上报告，妥否，请批示。

## 正确示例
    特此报告。

## 配置
模式在规则包的 request-phrases 表中，可以增删。关闭：

    [rules]
    request-in-report = \"off\"
",
    options: &[],
};

impl Rule for RequestInReport {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        prose
            .find(cx.pack.request_phrases())
            .into_iter()
            .map(|(span, _)| {
                let found = &text[span.range()];
                Diagnostic::new(INFO.id, span, format!("报告中夹带请示用语“{found}”"))
                    .label("请示用语")
                    .help("报告不得夹带请示事项（《党政机关公文处理工作条例》）：结尾用“特此报告”，需要批准的事项另行请示")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_request_phrases() {
        let text = "一、主要举措\n正文。\n以上报告，妥否，请批示。\n恳请上级请予审批。\n";
        let found = run(&RequestInReport, text);
        assert_eq!(flagged(text, &found), vec!["妥否，请批示", "请予审批"]);
    }

    #[test]
    fn silent_on_reports_that_mention_requests() {
        let text = "一、主要举措\n全年办理各类请示件12件，均按时答复。\n特此报告。\n";
        assert!(run(&RequestInReport, text).is_empty());
    }
}
