//! `document-kind`: the document looks like another kind than the pack it is checked with, or
//! like no report at all.

use super::{Context, Options, Rule, RuleInfo};
use crate::config::packs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::recognise::Recognition;

/// When the user chose the pack (`--pack` or `pack =` in config), compares the title with every
/// known pack's detection patterns and names the pack that fits better. When no pack was
/// chosen and neither the title, the headings nor the opening match any pack, says once that the
/// file was not checked as a report (and no other rule runs on it).
pub struct DocumentKind;

static INFO: RuleInfo = RuleInfo {
    id: super::DOCUMENT_KIND,
    severity: Severity::Info,
    summary: "文件看起来属于另一类文件，应换用相应的规则包",
    explain: "\
## 检查什么
用户指定了规则包（--pack 或配置文件中的 pack），但文件标题更像另一类文件，例如用年度报告的
规则包检查人大常委会的调查报告。提示中会给出适合的规则包名称。
没有指定规则包时，draftlint 按标题自动选择规则包。如果标题、小标题和开头几段都不像任何一类报告
（例如通知、会议纪要、说明文字、代码仓库的 README），就不把它当作报告检查：不报“缺少某部分”“缺少
标题”等问题，只在文件开头给出一条提示。它确实是报告时，用 --pack 指定规则包就会照常检查；不需要检查
的文件可以在配置中排除。

## 为什么
不同文件的必备部分不同：年度法治政府建设报告要有“存在的不足和原因”“第一责任人职责情况”等，
人大常委会调查报告则是“工作情况”“存在问题”“工作建议”。用错规则包会报出大量不相干的缺项。

## 错误示例
    draftlint check --pack fzzf-annual-report 人大调查报告.txt

## 正确示例
    draftlint check --pack npc-investigation 人大调查报告.txt

## 配置
    [rules]
    document-kind = \"off\"
",
    options: &[],
};

impl Rule for DocumentKind {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if !cx.recognition.is_report() {
            return vec![not_a_report(cx)];
        }
        if !cx.pack_chosen {
            return Vec::new();
        }
        let Some(title) = &cx.doc.title else {
            return Vec::new();
        };
        let Some(fits) = packs::detect(&title.text, cx.packs) else {
            return Vec::new();
        };
        if fits.name == cx.pack.name || cx.pack.detects(&title.text) && cx.pack.detect_priority >= fits.detect_priority {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                INFO.id,
                title.span,
                format!(
                    "这份文件看起来是“{}”，不是“{}”",
                    fits.display_name, cx.pack.display_name
                ),
            )
            .label("按标题判断的文件类型")
            .help(format!("改用规则包 {}：--pack {}", fits.name, fits.name))
            .data("pack", fits.name.clone()),
        ]
    }
}

/// The one finding on a file that was not checked as a report, at its first line.
fn not_a_report(cx: &Context) -> Diagnostic {
    let text = &cx.source.text;
    let first = cx
        .doc
        .lines
        .iter()
        .find(|l| !text[l.span.range()].trim().is_empty())
        .map(|l| {
            let (s, e) = crate::parse::text::trimmed_range(&text[l.span.range()]);
            crate::source::Span::new(l.span.start + s, l.span.start + e)
        })
        .unwrap_or_default();
    let why = match cx.recognition {
        Recognition::OtherKind => "标题表明它是另一类公文（如通知、意见、方案），不是报告",
        _ => "标题、小标题和开头几段都不像任何一类报告",
    };
    let default = packs::DEFAULT_PACK;
    Diagnostic::new(INFO.id, first, format!("没有按报告检查这个文件：{why}"))
        .label("不像报告")
        .help(format!(
            "如果它是报告，请指定规则包再检查（--pack {default}）；如果不是，可以在配置中把它排除"
        ))
        .data("recognised", false)
        .remark()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_with;

    #[test]
    fn fires_on_an_npc_report_checked_as_an_annual_report() {
        let text = "某市人大常委会关于全市法治政府建设工作情况的调查报告\n一、工作情况\n正文。\n";
        let found = run_with(&DocumentKind, text, Some("fzzf-annual-report"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].datum("pack"), "npc-investigation");
    }

    #[test]
    fn silent_on_an_annual_report() {
        let text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\n";
        assert!(run_with(&DocumentKind, text, Some("fzzf-annual-report")).is_empty());
    }
}
