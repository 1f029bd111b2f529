//! `paste-artifact`: web and PDF debris pasted with the report (breadcrumbs, footers, portal
//! metadata tables, page numbers).

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::page::InlineKind;
use crate::source::Span;

/// Finds debris with the pack's `[[paste-artifacts]]` line patterns and reports each block of
/// consecutive debris lines once; the fix deletes the block.
pub struct PasteArtifact;

static INFO: RuleInfo = RuleInfo {
    id: "paste-artifact",
    severity: Severity::Error,
    summary: "从网页或 PDF 复制时带入的非报告内容（导航、页脚、元数据表、页码）",
    explain: "\
## 检查什么
从政府网站、转载网站或 PDF 复制报告时一起带进来的、不属于报告本身的文字：
- 网页页眉：标题上方的网站名称、栏目名称、日期横幅（“今天是……星期三”）、栏目菜单（“首页 | 网站地图”），
  以及网站在发布信息上方重复的一遍标题；
- 网页导航（面包屑）：“当前位置：首页 > 政务公开 > 正文”；
- 网页发布信息：“来源：…… 发布时间：…… 浏览：……次”“[ 索引号 ] …… [ 发文字号 ]”等元数据；
- 网页按钮：“【打印】【关闭】”“字号：大 中 小”“分享到”；
- 新闻转载的导语（“某某网3月29日电 据……”“详情如下：”）和范文网站的说明（“下面是小编为大家整理的……”）；
- 网站页脚：“ICP备”“公安机关备案号”“主办：”“联系电话：”；
- PDF 页码：“— 3 —”“第 3 页 共 10 页”；
- 夹在报告行内的杂质：繁简转换网站在字后加注的拼音“統(tǒng)”、段首缩进变成的“??”、编码错误把句号
  变成的乱码“?,F”、范文网站附在行尾的水印“某某网 www.……”、网站删节标记“（略）”、转换网站在标点前
  插入的逗号（“一,、”“根本,。”，一篇中出现三处以上才算）、文档分享网站给正文分段加的编号（“1、”“2、”
  依次出现在每段开头，除最后一段外每段都在二百字以上、断在句子中间）。
连续的若干行（中间可以有空行）算作一处，只报告一次；行内的杂质每行每类报告一次。乱码和删节标记处的
原文已经丢失，不会自动删除，需要对照原件补全。

## 怎样识别
在解析报告结构之前先看整页：按“形状”而不是按具体网站的原话识别——用分隔符（>、→、|）隔开的短栏目、
“键：值”或“[ 键 ]”形式的元数据（键的词表在规则包 [page] 表中）、只由按钮词组成的行、带时间的日期戳、
新闻电头；再看位置——报告标题之上、不属于公文版头（份号、密级、紧急程度、发文机关标志、发文字号、签发人、
附件标注、主送机关）的行都是网页页眉；站点把标题在发布信息上方重复一遍时，以下方的那一遍为报告标题。
站点在报告标题上方重复的一遍标题（措辞略有不同、数字被星号遮住也算）、连续粘贴了两遍的同一行标题或
小标题，只保留一遍。页眉和页脚中紧挨着这些内容的短行一并算入。报告正文中的联系人、联系电话等不会被误删。
识别出的这些行不参与标题、年度、结构和其他规则的判断。繁体字的转载页面按简体识别，报出和修改的仍是原文。

## 为什么
报告正文之外的网页、PDF 文字不是报告内容，随稿报送或公开会显得稿件未经核对；GB/T 9704-2012
规定了公文的组成部分，页脚、导航、元数据表都不在其中。

## 错误示例
    当前位置：首页>>监督工作>>报告公告>>正文
    ……
    关闭窗口
    ICP备案号：滇ICP备17009552号

## 正确示例
    （只保留标题、主送机关、正文和落款）

## 配置
识别用的词表在规则包的 [page] 表中（metadata-keys、nav-words、button-words、site-phrases），
按行匹配的模式在 [[paste-artifacts]] 表中（name、lines、near），都可以增删。
--fix 会整段删除这些行。关闭：

    [rules]
    paste-artifact = \"off\"
",
    options: &[],
};

impl Rule for PasteArtifact {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found: Vec<Diagnostic> = cx
            .doc
            .debris
            .iter()
            .map(|block| {
                let name = &block.name;
                let lines = block
                    .lines
                    .clone()
                    .filter(|&i| cx.doc.lines[i].kind != crate::parse::LineKind::Blank)
                    .count();
                let what = if lines > 1 {
                    format!("{name}等 {lines} 行")
                } else {
                    name.clone()
                };
                Diagnostic::new(
                    INFO.id,
                    block.span,
                    format!("{what}不是报告内容，是从网页或 PDF 复制时带入的"),
                )
                .label(name.clone())
                .help("删除这些行（--fix 可自动删除）")
                .data("kind", name.clone())
                .data("lines", lines)
                .with_fix(Fix {
                    description: format!("删除{name}").into(),
                    edits: vec![Edit {
                        span: block.delete,
                        replacement: "".into(),
                    }],
                })
            })
            .collect();
        found.extend(inline_findings(cx));
        found.sort_by_key(|d| (d.span.start, d.span.end));
        found
    }
}

/// One finding for each kind of debris inside each line: a converted page carries it on every
/// line, and a line is what a clerk mends at a time.
fn inline_findings(cx: &Context) -> Vec<Diagnostic> {
    let text = &cx.source.text;
    let mut groups: std::collections::BTreeMap<(usize, InlineKind), Vec<Span>> =
        Default::default();
    for d in &cx.doc.inline_debris {
        groups.entry((d.line, d.kind)).or_default().push(d.span);
    }
    let mut found = Vec::new();
    for ((_, kind), group) in groups {
        let name = kind.name();
        let first = cx.source.as_written(group[0], &text[group[0].range()]);
        let first = first.trim();
        let what = if group.len() > 1 {
            format!("本行有 {} 处{name}（如“{first}”）", group.len())
        } else {
            format!("“{first}”是{name}")
        };
        let span = Span::new(group[0].start, group[group.len() - 1].end);
        let mut diagnostic = Diagnostic::new(
            INFO.id,
            span,
            format!("{what}，不是报告内容，是从网页复制时带入的"),
        )
        .label(name)
        .data("kind", name)
        .data("count", group.len());
        diagnostic = if kind.deletable() {
            diagnostic
                .help("删除这些字符（--fix 可自动删除）")
                .with_fix(Fix {
                    description: format!("删除{name}").into(),
                    edits: group
                        .iter()
                        .map(|&span| Edit {
                            span,
                            replacement: "".into(),
                        })
                        .collect(),
                })
        } else {
            diagnostic.help("这里的原文已经丢失，请对照报告原件补全")
        };
        found.push(diagnostic);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_once_per_block_of_debris() {
        let text = "当前位置: 首页>>监督工作>>正文\n某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\n\n关闭窗口\n\n主办:某县人民代表大会常务委员会\n联系电话:0876-2136412\nICP备案号:滇ICP备17009552号\n公安机关备案号:53262102000310";
        let found = run(&PasteArtifact, text);
        assert_eq!(found.len(), 2);
        assert_eq!(flagged(text, &found)[0], "当前位置: 首页>>监督工作>>正文");
        assert!(found[1].message.starts_with("网页按钮等 5 行"), "{}", found[1].message);
        let fix = found[1].fix.as_ref().unwrap();
        assert!(text[fix.edits[0].span.range()].starts_with("\n关闭窗口"));
        assert_eq!(fix.edits[0].span.end, text.len());
    }

    #[test]
    fn reports_debris_inside_a_line_once_per_line_and_kind() {
        let text = "某区2023年法治政府建设情况报告\n一、统(tǒng)筹推进法治建设(shè)\n全年审查文件20件?,F将有关情况报告如下。\n";
        let found = run(&PasteArtifact, text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.starts_with("本行有 2 处转换网站加注的拼音"), "{}", found[0].message);
        let fix = found[0].fix.as_ref().unwrap();
        let deleted: Vec<&str> = fix.edits.iter().map(|e| &text[e.span.range()]).collect();
        assert_eq!(deleted, ["(tǒng)", "(shè)"]);
        assert!(found[1].message.contains("编码错误造成的乱码"), "{}", found[1].message);
        assert!(found[1].fix.is_none(), "the lost text cannot be restored by deleting");
    }

    #[test]
    fn silent_on_a_contact_line_written_in_the_report() {
        let text = "一、主要举措和成效\n正文。\n联系人：王明，联系电话：0876-2136412\n主办单位：县司法局\n";
        assert!(run(&PasteArtifact, text).is_empty());
    }
}
