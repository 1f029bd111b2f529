//! `heading-numbering`: sibling headings skip, repeat or restart numbers, mix numbering styles,
//! or use a style that is wrong for their level.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::{MarkerStyle, Section};

/// Checks each group of sibling headings: numbers run 1, 2, 3 … without gaps or repeats, one
/// numbering style per level, and the style GB/T 9704 gives the level
/// (一、 → （一） → 1. → （1）).
pub struct HeadingNumbering;

static INFO: RuleInfo = RuleInfo {
    id: "heading-numbering",
    severity: Severity::Warning,
    summary: "同级标题编号跳号、重号、重新开始、混用样式，或样式与层级不符",
    explain: "\
## 检查什么
同一级的标题：
- 编号跳过（一、二、四、）、重复（二、二、）或中途重新从“一”开始；
- 不从“一”开始；
- 混用两种编号样式（“（一）”和“(一)”，或“1、”和“一、”）；
- 样式与层级不符：一级标题应为“一、”，二级“（一）”，三级“1.”，四级“（1）”；
  用“1、”作一级标题是常见错误。

## 为什么
GB/T 9704-2012《党政机关公文格式》7.3.3 规定文中结构层次序数依次用“一、”“（一）”“1.”“（1）”
标注。编号错乱多是删改章节、拼接不同稿件留下的，审阅者据此判断稿件是否认真核对过。

## 错误示例
    一、主要举措和成效
    二、存在的不足和原因
    四、2024年工作安排

## 正确示例
    一、主要举措和成效
    二、存在的不足和原因
    三、2024年工作安排

## 配置
    [rules]
    heading-numbering = \"off\"
",
    options: &[],
};

impl Rule for HeadingNumbering {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        check_siblings(cx, &cx.doc.sections, 1, &mut found);
        found
    }
}

fn check_siblings(cx: &Context, siblings: &[Section], depth: usize, found: &mut Vec<Diagnostic>) {
    // A Markdown heading without a written number is numbered after its siblings by the
    // parser: it counts in the sequence, but has no style of its own to check.
    let numbered: Vec<&Section> = siblings
        .iter()
        .filter(|s| !s.heading.marker.implicit)
        .collect();
    if !numbered.is_empty() {
        check_level_style(cx, &numbered, depth, found);
        check_mixed_styles(&numbered, found);
    }
    if !siblings.is_empty() {
        check_sequence(cx, siblings, found);
    }
    for section in siblings {
        check_siblings(cx, &section.children, depth + 1, found);
    }
}

fn level_name(depth: usize) -> &'static str {
    match depth {
        1 => "一级",
        2 => "二级",
        3 => "三级",
        _ => "四级",
    }
}

/// The level's numbering style, judged on its first heading; the siblings written the same way
/// are named with it, so that one finding says everything the clerk has to renumber.
fn check_level_style(cx: &Context, numbered: &[&Section], depth: usize, found: &mut Vec<Diagnostic>) {
    let first = numbered[0];
    let style = first.heading.marker.style;
    let nominal = style.nominal_level() as usize;
    if nominal == depth.min(4) {
        return;
    }
    let standard = MarkerStyle::standard_for_depth(depth);
    let alike: Vec<&Section> = numbered[1..]
        .iter()
        .copied()
        .filter(|s| s.heading.marker.style == style)
        .collect();
    let written = cx.source.slice(first.heading.marker.span).trim();
    let message = if alike.is_empty() {
        format!(
            "{}标题应使用“{}”样式的编号，这里用了“{written}”",
            level_name(depth),
            standard.render(1)
        )
    } else {
        format!(
            "{}标题应使用“{}”样式的编号，这里和同级的另外 {} 个标题都用了“{written}”样式",
            level_name(depth),
            standard.render(1),
            alike.len()
        )
    };
    let mut diagnostic = Diagnostic::new(INFO.id, first.heading.marker.span, message)
        .label("编号样式与层级不符")
        .help("按 GB/T 9704 依次使用“一、”“（一）”“1.”“（1）”；同一级的标题一起改");
    for sibling in alike {
        diagnostic = diagnostic.secondary(sibling.heading.marker.span, "同一级，也要改");
    }
    found.push(diagnostic);
}

fn check_mixed_styles(siblings: &[&Section], found: &mut Vec<Diagnostic>) {
    let first_style = siblings[0].heading.marker.style;
    if let Some(other) = siblings
        .iter()
        .find(|s| s.heading.marker.style != first_style)
    {
        found.push(
            Diagnostic::new(
                INFO.id,
                other.heading.marker.span,
                format!(
                    "同一级标题混用了“{}”和“{}”两种编号样式",
                    first_style.render(1),
                    other.heading.marker.style.render(1)
                ),
            )
            .label("编号样式与前面的同级标题不同")
            .secondary(siblings[0].heading.marker.span, "这一级的第一个标题")
            .help("同一级标题统一使用一种编号样式"),
        );
    }
}

fn check_sequence(cx: &Context, siblings: &[Section], found: &mut Vec<Diagnostic>) {
    let marker_text = |s: &Section| cx.source.slice(s.heading.marker.span).trim().to_string();
    let first = &siblings[0];
    if first.heading.marker.number != 1 {
        found.push(
            Diagnostic::new(
                INFO.id,
                first.heading.marker.span,
                format!("这一级标题从“{}”开始，没有从“{}”开始", marker_text(first), first.heading.marker.style.render(1)),
            )
            .label("编号应从一开始"),
        );
    }
    for pair in siblings.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        if prev.heading.marker.style != next.heading.marker.style {
            continue;
        }
        let (a, b) = (prev.heading.marker.number, next.heading.marker.number);
        let message = if b == a {
            format!("标题编号重复：“{}”出现了两次", marker_text(next))
        } else if b > a + 1 {
            format!("标题编号跳号：“{}”之后是“{}”", marker_text(prev), marker_text(next))
        } else if b < a {
            format!("标题编号重新开始：“{}”之后又是“{}”", marker_text(prev), marker_text(next))
        } else {
            continue;
        };
        found.push(
            Diagnostic::new(INFO.id, next.heading.marker.span, message)
                .label(format!("应为“{}”", next.heading.marker.style.render(a + 1)))
                .secondary(prev.heading.marker.span, "上一个同级标题"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn one_finding_names_every_sibling_of_a_wrongly_numbered_level() {
        let text = "一、主要举措\n1.加强领导\n正文。\n2.完善制度\n正文。\n3.严格执法\n正文。\n二、不足\n（一）力量不足\n正文。\n";
        let found = run(&HeadingNumbering, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "二级标题应使用“（一）”样式的编号，这里和同级的另外 2 个标题都用了“1.”样式"
        );
        assert_eq!(found[0].labels.len(), 2);
    }

    #[test]
    fn fires_on_a_skipped_number() {
        let text = "一、甲\n正文。\n二、乙\n正文。\n四、丁\n正文。\n";
        let found = run(&HeadingNumbering, text);
        assert_eq!(flagged(text, &found), vec!["四、"]);
        assert_eq!(found[0].message, "标题编号跳号：“二、”之后是“四、”");
    }

    #[test]
    fn fires_on_arabic_top_level_and_mixed_styles() {
        let text = "1、 主要举措\n（1） 学习\n正文。\n2、 不足\n正文。\n 一、\n\n推进\n正文。\n";
        let messages: Vec<_> = run(&HeadingNumbering, text).into_iter().map(|d| d.message.into_owned()).collect();
        assert!(messages.contains(&"一级标题应使用“一、”样式的编号，这里和同级的另外 1 个标题都用了“1、”样式".to_string()), "{messages:?}");
        assert!(messages.contains(&"二级标题应使用“（一）”样式的编号，这里用了“（1）”".to_string()));
        assert!(messages.iter().any(|m| m.contains("混用")));
    }

    #[test]
    fn silent_on_standard_numbering() {
        let text = "一、甲\n（一）子\n正文。\n（二）子\n1.细\n正文。\n2.细\n正文。\n二、乙\n正文。\n";
        assert!(run(&HeadingNumbering, text).is_empty());
    }
}
