//! `empty-section`: a heading with no body, or a part whose body is shorter than the pack allows.

use super::{Context, OptionKind, OptionSpec, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::text::content_chars_up_to;

/// Flags headings followed directly by the next heading (or the end), sections shorter than the
/// pack's `min-section-chars`, and parts shorter than their own `min-chars`.
pub struct EmptySection;

static INFO: RuleInfo = RuleInfo {
    id: "empty-section",
    severity: Severity::Warning,
    summary: "标题下没有正文，或某一部分内容过短",
    explain: "\
## 检查什么
- 标题下面紧接着就是下一个标题，没有正文；
- 没有下级标题的章节，正文少于规则包的 min-section-chars 个字（空格不计）；
- 必备部分（如“存在的不足和原因”）整体少于该部分的 min-chars 个字；
- 由几个并列小节组成的部分（如按主题分成几节的“主要举措和成效”），整体够长而其中一节少于该部分的
  min-chars 个字时，提示指明是哪一节，而不说整个部分过短。

## 为什么
空标题是起草时留下的提纲或复制时丢失的内容；过短的部分（如一句话的“存在的不足”）会被审阅者
认为敷衍。《法治政府建设与责任落实督察工作规定》要求报告如实反映各项内容。

## 错误示例
    （二）严格规范公正文明执法
    （三）强化行政权力制约监督

## 正确示例
    （二）严格规范公正文明执法
    全年开展行政执法案卷评查2次，评查案卷126卷……

## 配置
    [rules]
    empty-section = { severity = \"warning\", min-chars = 20 }   # 覆盖规则包的 min-section-chars
",
    options: &[OptionSpec {
        name: "min-chars",
        kind: OptionKind::Integer,
        doc: "没有下级标题的章节至少应有的字数（覆盖规则包的 min-section-chars）",
    }],
};

impl Rule for EmptySection {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, options: &Options) -> Vec<Diagnostic> {
        let min_leaf = options.integer("min-chars", cx.pack.min_section_chars);
        let mut found = Vec::new();
        for section in cx.doc.all_sections() {
            let heading = &section.heading;
            let part_index = cx.structure.part_of_section(section);
            let part = part_index.map(|index| &cx.pack.parts[index]);
            let limit = part.map_or(0, |p| p.min_chars).max(min_leaf).max(1);
            let chars = content_chars_up_to(cx.source.slice(section.body), limit);
            if chars >= limit {
                continue;
            }
            let marked = format!("{}{}", cx.source.slice(heading.marker.span).trim(), heading.text);
            if chars == 0 {
                found.push(
                    Diagnostic::new(INFO.id, heading.span, format!("标题“{marked}”下没有正文"))
                        .label("这个标题下面没有内容")
                        .help("补写这一节的内容，或删除这个标题"),
                );
                continue;
            }
            if let (Some(part), Some(index)) = (part, part_index)
                && chars < part.min_chars
            {
                // A part made of several sections (thematic measures sections) is short only
                // when all of them together are; otherwise the short one is named.
                let others: usize = cx
                    .structure
                    .of_part(index)
                    .filter(|o| o.heading != Some(heading.span))
                    .map(|o| content_chars_up_to(cx.source.slice(o.span), part.min_chars))
                    .sum();
                if chars + others >= part.min_chars {
                    found.push(
                        Diagnostic::new(
                            INFO.id,
                            heading.span,
                            format!(
                                "“{}”部分中，标题“{marked}”下只有{chars}个字，过于简略（至少应有{}个字）",
                                part.name, part.min_chars
                            ),
                        )
                        .label("这一节内容过短")
                        .help(format!("充实这一节的内容，或并入“{}”的其他小节", part.name)),
                    );
                    continue;
                }
                let first = cx.structure.of_part(index).find_map(|o| o.heading);
                if first.is_some_and(|f| f != heading.span) {
                    continue; // the part is reported once, at its first section
                }
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        heading.span,
                        format!(
                            "“{}”部分只有{}个字，过于简略（至少应有{}个字）",
                            part.name,
                            chars + others,
                            part.min_chars
                        ),
                    )
                    .label("这一部分内容过短")
                    .help(format!("充实“{}”的内容", part.name)),
                );
                continue;
            }
            if section.children.is_empty() && chars < min_leaf {
                found.push(
                    Diagnostic::new(
                        INFO.id,
                        heading.span,
                        format!("标题“{marked}”下只有{chars}个字，内容过短"),
                    )
                    .label("正文过短")
                    .help("补写这一节的具体内容"),
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
    fn fires_on_a_heading_followed_by_another_heading() {
        let text = "一、主要举措和成效\n（一）强化组织领导\n成立领导小组，全年召开专题会议4次，研究解决问题12个，出台制度文件3件，督办事项全部办结，群众满意度持续提升，各项工作稳步推进。\n（二）严格规范公正文明执法\n（三）强化监督\n开展执法案卷评查2次，评查案卷126卷，发现问题8个。\n";
        let found = run(&EmptySection, text);
        assert_eq!(flagged(text, &found), vec!["（二）严格规范公正文明执法"]);
    }

    #[test]
    fn names_the_short_section_of_a_part_made_of_several_sections() {
        let long = "全年召开专题会议研究法治政府建设工作4次，制定规范性文件3件，全部经过合法性审查，备案审查率100%，开展执法案卷评查2次，评查案卷126卷，发现问题8个，已全部整改到位，执法质量持续提升，群众满意度达到百分之九十以上，各项工作稳步推进。";
        let text = format!("某县人民政府关于2023年度法治政府建设情况的报告\n一、加强党的领导，统筹推进法治建设\n{long}\n二、深化政务公开，保障群众知情权\n主动公开政府信息120条。\n三、存在的不足和原因\n基层执法力量不足，原因是人员编制有限，培训覆盖面不够，考核机制还不够健全，整改跟踪还不到位。\n");
        let found = run(&EmptySection, &text);
        assert_eq!(found.len(), 1, "{:?}", found);
        assert!(found[0].message.contains("标题“二、深化政务公开，保障群众知情权”下只有"), "{}", found[0].message);
    }

    #[test]
    fn silent_when_every_heading_has_a_body() {
        let text = "一、主要举措和成效\n（一）强化组织领导\n成立领导小组，全年召开专题会议4次，研究解决问题12个，出台制度文件3件，督办事项全部办结，群众满意度持续提升，各项工作稳步推进，取得了较好成效。\n（二）强化监督。开展执法案卷评查2次，评查案卷126卷，发现问题8个，已全部整改。\n";
        assert!(run(&EmptySection, text).is_empty());
    }
}
