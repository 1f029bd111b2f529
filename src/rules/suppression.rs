//! `suppression`: suppression comments in Markdown drafts that name unknown rules, are
//! malformed, or hide nothing. The unused ones are found after every rule has run
//! ([`crate::suppress::apply`]); this rule reports the rest.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::suppress::{DirectiveKind, RULE_ID};

/// Flags `<!-- draftlint-… -->` comments that do not do what their writer meant.
pub struct Suppression;

static INFO: RuleInfo = RuleInfo {
    id: RULE_ID,
    severity: Severity::Warning,
    summary: "禁用指令写错了规则名、格式不对，或没有屏蔽任何问题",
    explain: "\
## 检查什么
Markdown 草稿中的禁用指令 `<!-- draftlint-disable 规则 -->` … `<!-- draftlint-enable 规则 -->` 和 \
`<!-- draftlint-disable-next-line 规则 -->`：指令格式不对、没有写规则名、写了不存在的规则、\
enable 前没有对应的 disable，或者指令没有屏蔽任何问题（问题已经改掉，指令却留着）。

## 为什么
禁用指令是对某处问题的有意豁免。写错规则名的指令什么也不屏蔽，却让人以为问题已被处理；\
问题改掉后留下的指令会在以后悄悄屏蔽新出现的同类问题。要求指令写明规则，是为了让每一处豁免都说得清楚。

## 错误示例
    <!-- draftlint-disable placeholdr -->
    本镇（××镇）……

## 正确示例
    <!-- draftlint-disable-next-line placeholder -->
    本镇（××镇）……

## 配置
    [rules]
    suppression = \"info\"   # 或 \"off\"
纯文本和 Word 文档没有注释，可以用 --baseline 记录已知问题。
",
    options: &[],
};

impl Rule for Suppression {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut open: Vec<String> = Vec::new();
        for directive in &cx.source.origin.directives {
            let Some(kind) = directive.kind else {
                out.push(
                    Diagnostic::new(RULE_ID, directive.span, "无法识别的 draftlint 指令")
                        .label("指令格式不对")
                        .help("写成 draftlint-disable、draftlint-enable 或 draftlint-disable-next-line，后跟规则 id"),
                );
                continue;
            };
            if directive.rules.is_empty() {
                out.push(
                    Diagnostic::new(
                        RULE_ID,
                        directive.span,
                        format!("{} 没有写明规则，不起作用", kind.as_str()),
                    )
                    .label("缺少规则 id")
                    .help("写明要屏蔽的规则，如 draftlint-disable placeholder；运行 draftlint rules 查看规则 id"),
                );
            }
            for (id, span) in &directive.rules {
                if super::find(id).is_none() {
                    out.push(
                        Diagnostic::new(RULE_ID, *span, format!("禁用指令中的规则 “{id}” 不存在"))
                            .label("未知的规则")
                            .help("运行 draftlint rules 查看所有规则的 id")
                            .data("rule_id", id.clone()),
                    );
                    continue;
                }
                match kind {
                    DirectiveKind::Disable => open.push(id.clone()),
                    DirectiveKind::Enable => match open.iter().rposition(|r| r == id) {
                        Some(pos) => {
                            open.remove(pos);
                        }
                        None => out.push(
                            Diagnostic::new(
                                RULE_ID,
                                *span,
                                format!("draftlint-enable {id} 前面没有对应的 draftlint-disable"),
                            )
                            .label("多余的 enable"),
                        ),
                    },
                    DirectiveKind::DisableNextLine => {}
                }
            }
        }
        out
    }
}
