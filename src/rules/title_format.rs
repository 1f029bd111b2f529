//! `title-format`: the title lacks the year, the body or the report's name, is repeated, or is
//! broken over lines in the middle of a phrase.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::tiered::TieredRegex;

/// Checks the title against GB/T 9704 (发文机关 + 事由 + 文种) and the pack's `[title]` table:
/// the reporting year, the reporting body and the report's name must all be there, once.
pub struct TitleFormat;

static INFO: RuleInfo = RuleInfo {
    id: "title-format",
    severity: Severity::Warning,
    summary: "标题缺少年度、报告单位或文种，或标题重复、在词语中间断行",
    explain: "\
## 检查什么
- 标题没有写明报告年度（如“2023年度”）；
- 标题没有写明报告单位（发文机关）；
- 标题没有写明文种和事由（如“法治政府建设情况的报告”，由规则包的 [title] 设定）；
- 同一标题在文件开头出现两次（从网页复制时常见）；
- 标题分行时断在词语中间（如“××街道关于2019年度”／“法治政府建设情况的报告”）。

## 为什么
GB/T 9704-2012 规定标题由发文机关名称、事由和文种组成；年度报告的标题还要写明所报告的年度，
否则无法判断报告的是哪一年的工作。标题重复或断行不当，多是从网页、PDF 复制留下的痕迹。

## 错误示例
    关于法治政府建设情况的报告

## 正确示例
    ××县人民政府关于2023年度法治政府建设情况的报告

## 配置
    [rules]
    title-format = \"off\"
",
    options: &[],
};

static YEAR_IN_TITLE: TieredRegex = TieredRegex::new(r"(19|20)[0-9]{2}年");

impl Rule for TitleFormat {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let Some(title) = &cx.doc.title else {
            return Vec::new();
        };
        let spec = &cx.pack.title;
        let mut found = Vec::new();
        let mut missing = Vec::new();
        if spec.require_year && !YEAR_IN_TITLE.is_match(&title.text) {
            missing.push("报告年度（如“2023年度”）");
        }
        if !spec.body.is_match(&title.text) {
            missing.push("报告单位（发文机关）");
        }
        if !spec.report_name.is_match(&title.text) {
            missing.push("事由和文种");
        }
        if !missing.is_empty() {
            found.push(
                Diagnostic::new(
                    INFO.id,
                    title.span,
                    format!("标题缺少{}", missing.join("、")),
                )
                .label("标题")
                .help(format!(
                    "标题应由发文机关、事由和文种组成，如“××县人民政府关于2023年度{}”",
                    spec.report_name_hint
                )),
            );
        }
        for repeat in &title.repeats {
            found.push(
                Diagnostic::new(INFO.id, *repeat, "标题重复出现")
                    .label("又一次出现的标题")
                    .secondary(title.span, "标题第一次出现在这里")
                    .help("删除重复的标题；这通常是从网页复制时带入的"),
            );
        }
        for pair in title.lines.windows(2) {
            let before = cx.source.slice(pair[0]).trim_end();
            let after = cx.source.slice(pair[1]).trim_start();
            let ends_with_body = spec.body.matches_at_end(before);
            if !ends_with_body && !after.starts_with("关于") {
                found.push(
                    Diagnostic::new(INFO.id, pair[0].cover(pair[1]), "标题在词语中间断行")
                        .label("这两行是同一个标题")
                        .help("把标题合为一行，或只在发文机关名称之后换行"),
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
    fn fires_on_a_title_without_year() {
        let text = "某县人民政府关于法治政府建设情况的报告\n";
        let found = run(&TitleFormat, text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("报告年度"), "{}", found[0].message);
    }

    #[test]
    fn fires_on_a_repeated_title_broken_mid_phrase() {
        let text = "金杨新村街道关于2019年度法治政府建设情况的报告\n浦金街〔2020〕2号\n金杨新村街道关于 2019 年度\n法治政府建设情况的报告\n区办:\n";
        let found = run(&TitleFormat, text);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_ref()).collect();
        assert_eq!(messages, vec!["标题重复出现"]);
        assert_eq!(flagged(text, &found)[0], "金杨新村街道关于 2019 年度\n法治政府建设情况的报告");
        let broken = run(&TitleFormat, "某街道关于2019年度\n法治政府建设情况的报告\n");
        assert_eq!(broken[0].message, "标题在词语中间断行");
    }

    #[test]
    fn silent_on_a_complete_title_split_after_the_body_name() {
        assert!(run(&TitleFormat, "某县人民政府关于2023年度法治政府建设情况的报告\n").is_empty());
        assert!(run(&TitleFormat, "黔江区黑溪镇人民政府\n2021年度法治政府建设情况报告\n").is_empty());
    }
}
