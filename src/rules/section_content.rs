//! `section-content`: a part misses content the pack requires of it.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::figures::has_figure;

/// Checks every occurrence of a part against the part's `[[parts.content]]` requirements in the
/// pack: enough of the listed phrases (for `first_responsible`: what the principal leader
/// personally did — 主持专题研究, 亲自部署, 带头学法, 述法 …) and, where asked, a figure.
pub struct SectionContent;

static INFO: RuleInfo = RuleInfo {
    id: "section-content",
    severity: Severity::Warning,
    summary: "某一部分缺少规则包要求的内容（如第一责任人亲自履职的具体情况）",
    explain: "\
## 检查什么
规则包可以为某一部分规定必须写到的内容（[[parts.content]]）。年度报告的“第一责任人”部分要求：
- 至少写到两项主要负责人亲自履职的具体工作：亲自部署、主持召开常务会议专题研究、带头学法、
  述法、出庭应诉、法律顾问、重大行政决策合法性审查、政务公开等；
- 至少给出一个次数或数量（如“专题研究法治工作4次”）。

## 为什么
《党政主要负责人履行推进法治建设第一责任人职责规定》要求主要负责人对法治建设重要工作亲自部署、
重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。只写“高度重视、认真履职”而没有具体事项
和数字的段落，是空话，审阅时会被要求重写。

## 错误示例
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    主要负责人高度重视法治政府建设，认真履行第一责任人职责，切实加强领导。

## 正确示例
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    县长主持召开政府常务会议专题研究法治政府建设5次，带头参加集体学法6次，年底向县委述法……

## 配置
要求写在规则包中；也可以关闭：
    [rules]
    section-content = \"off\"
",
    options: &[],
};

impl Rule for SectionContent {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let vocabulary = cx.pack.vocabulary();
        for (index, part) in cx.pack.parts.iter().enumerate() {
            for occurrence in cx.structure.of_part(index) {
                let text = cx.source.slice(occurrence.span);
                for requirement in &part.content {
                    let matched = requirement.any.iter().filter(|re| re.is_match(text)).count();
                    let lacks_phrases = !requirement.any.is_empty() && matched < requirement.min;
                    let lacks_figures = requirement.figures && !has_figure(text, vocabulary);
                    if !lacks_phrases && !lacks_figures {
                        continue;
                    }
                    let mut diagnostic = Diagnostic::new(
                        INFO.id,
                        occurrence.heading.unwrap_or(occurrence.span),
                        requirement.message.clone(),
                    )
                    .label("这一部分")
                    .data("section", part.id.clone());
                    if let Some(help) = &requirement.help {
                        diagnostic = diagnostic.help(help.clone());
                    }
                    found.push(diagnostic);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::pack::Pack;
    use crate::config::packs;
    use crate::rules::testing::{run, run_under};

    fn report(first_responsible: &str) -> String {
        format!("一、主要举措和成效\n正文。\n二、存在的不足和原因\n由于认识不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n{first_responsible}\n四、2024年工作安排\n安排。\n")
    }

    #[test]
    fn fires_on_empty_talk() {
        let found = run(&SectionContent, &report("主要负责人高度重视法治政府建设，认真履行第一责任人职责，切实加强领导。"));
        let messages: Vec<_> = found.iter().map(|d| d.message.as_ref()).collect();
        assert_eq!(
            messages,
            vec![
                "“第一责任人”部分没有写明主要负责人亲自做了哪些工作",
                "“第一责任人”部分没有给出任何次数或数量"
            ]
        );
    }

    #[test]
    fn silent_on_concrete_duties_with_counts() {
        let found = run(&SectionContent, &report("县长主持召开政府常务会议专题研究法治工作5次，带头学法6次，年底述法。"));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn reads_figures_with_the_units_of_the_pack_in_use() {
        let (_, default_pack) = packs::BUILTIN
            .iter()
            .find(|(name, _)| *name == packs::DEFAULT_PACK)
            .unwrap();
        let with_unit = default_pack.replace("\"万人\",", "\"万人\", \"回\",");
        assert_ne!(&with_unit, default_pack, "the pack's unit list has moved");
        let pack = Pack::load("test.toml", &with_unit, "test.toml").unwrap();
        let text = report("县长主持召开政府常务会议专题研究法治工作5回，带头学法，年底述法。");
        let lacks_figures = |found: Vec<Diagnostic>| {
            found
                .iter()
                .any(|d| d.message.as_ref() == "“第一责任人”部分没有给出任何次数或数量")
        };
        assert!(lacks_figures(run(&SectionContent, &text)));
        assert!(!lacks_figures(run_under(&SectionContent, &text, &pack)));
    }
}
