//! `secret-marking`: 密级 markings in a report that is to be published.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// Matches the pack's `secret-markings` patterns: 秘密★1年, 机密, 绝密 on a line of their own,
/// 内部资料, 不宜公开. 国家秘密 inside a sentence is not a marking.
pub struct SecretMarking;

static INFO: RuleInfo = RuleInfo {
    id: "secret-marking",
    severity: Severity::Error,
    summary: "准备公开的报告带有密级标志（秘密、机密、绝密、★、内部资料、不宜公开）",
    explain: "\
## 检查什么
密级和保密期限标志：单独成行的“秘密”“机密”“绝密”，“秘密★1年”“机密★”，以及“内部资料”
“内部资料 注意保存”“不宜公开”。句子中的“保守国家秘密”“商业秘密”不是密级标志，不会提示。

## 为什么
《法治政府建设与责任落实督察工作规定》要求年度报告在每年4月1日之前通过报刊、网站等向社会公开，
只有涉及党和国家秘密的内容除外。带密级标志的稿件不能公开；标志多是从内部稿件套用来的，
或者说明报告里混入了不应公开的内容。GB/T 9704-2012 规定密级和保密期限标在版头左上角。

## 错误示例
    秘密★1年
    某县人民政府关于2023年度法治政府建设情况的报告

## 正确示例
    某县人民政府关于2023年度法治政府建设情况的报告

## 配置
模式在规则包的 secret-markings 表中；写 secret-markings = [] 则不检查（例如只在内部报送的报告）。关闭：

    [rules]
    secret-marking = \"off\"
",
    options: &[],
};

impl Rule for SecretMarking {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let text = cx.source.text.as_str();
        let prose = cx.prose();
        prose
            .find(cx.pack.secret_markings())
            .into_iter()
            .map(|(span, _)| {
                let found = text[span.range()].trim();
                Diagnostic::new(
                    INFO.id,
                    span,
                    format!("要公开的报告中出现密级标志“{found}”"),
                )
                .label("密级标志")
                .help("年度报告须向社会公开：确认内容可以公开后删除密级标志；涉密内容不得写入公开的报告")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_markings() {
        let text = "秘密★1年\n某县人民政府关于2023年度法治政府建设情况的报告\n内部资料 注意保存\n一、主要举措\n正文。\n";
        let found = run(&SecretMarking, text);
        assert_eq!(flagged(text, &found), vec!["秘密★1年", "内部资料 注意保存"]);
    }

    #[test]
    fn silent_on_secrets_mentioned_in_sentences() {
        let text = "一、主要举措\n开展保密法宣传，保守国家秘密，保护商业秘密，机密文件管理规范。\n";
        assert!(run(&SecretMarking, text).is_empty());
    }
}
