//! `missing-title`: the report has no title line.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::LineKind;
use crate::source::Span;

/// Flags a document with no title that names the report, such as a draft that starts straight
/// with 「今年以来，我县……」. GB/T 9704 requires a title of 发文机关 + 事由 + 文种.
pub struct MissingTitle;

static INFO: RuleInfo = RuleInfo {
    id: "missing-title",
    severity: Severity::Error,
    summary: "报告没有标题",
    explain: "\
## 检查什么
报告开头没有标题行。标题是文件开头一至三行的短句（不含逗号、句号），以“报告”“总结”“情况”等文种结尾。

## 为什么
GB/T 9704-2012《党政机关公文格式》规定公文标题由发文机关名称、事由和文种组成。没有标题的报告无法登记、报送和公开；从网页或文档中只复制了正文时最常见。

## 错误示例
    今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导……

## 正确示例
    ××县人民政府关于2023年度法治政府建设情况的报告
    今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导……

## 配置
    [rules]
    missing-title = \"warning\"   # 或 \"off\"
",
    options: &[],
};

impl Rule for MissingTitle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        if cx.doc.title.is_some() {
            return Vec::new();
        }
        let first_line = cx
            .doc
            .lines
            .iter()
            .find(|l| !matches!(l.kind, LineKind::Blank | LineKind::Debris))
            .map_or(Span::new(0, 0), |l| l.span);
        vec![
            Diagnostic::new(INFO.id, first_line, "报告缺少标题")
                .label("报告从这里开始，前面没有标题")
                .help(format!(
                    "在第一行加上标题：发文机关＋事由＋文种，如“××县人民政府关于2023年度{}”",
                    cx.pack.title.report_name_hint
                )),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn fires_when_the_report_starts_with_body_text() {
        let found = run(&MissingTitle, "今年以来,我县坚持以习近平新时代中国特色社会主义思想为指导,全力推进依法治县各项工作。\n一、全面加强党的领导\n正文。\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "报告缺少标题");
    }

    #[test]
    fn silent_when_a_title_is_split_over_two_lines() {
        let found = run(&MissingTitle, "黔江区某镇人民政府\n2021年度法治政府建设情况报告\n区依法治区办：\n");
        assert!(found.is_empty());
    }
}
