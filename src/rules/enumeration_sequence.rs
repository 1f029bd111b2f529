//! `enumeration-sequence`: 一是/二是/四是 (or ①②④) skips or repeats inside one section.

use super::{Context, Options, Rule, RuleInfo};
use crate::diagnostic::{Diagnostic, Severity};
use crate::numerals::to_chinese;
use crate::parse::{EnumItem, EnumKind, enumerations};
use crate::source::Span;

/// Checks the inline enumerations of each section's own text. Starting again at 一是 is a new
/// list and is fine; a gap (二是 → 四是) or a repeat (二是 → 二是) is not.
pub struct EnumerationSequence;

static INFO: RuleInfo = RuleInfo {
    id: "enumeration-sequence",
    severity: Severity::Warning,
    summary: "“一是、二是……”或“①②……”列举跳号或重号",
    explain: "\
## 检查什么
同一节正文中的列举序号“一是、二是、三是……”或“①②③……”跳号（二是之后是四是）或重号
（两个“二是”）。重新从“一是”开始算作新的列举，不提示。

## 为什么
列举跳号、重号通常是删改内容后没有重新编号；审阅者会据此怀疑内容缺漏。

## 错误示例
    一是强化组织领导……二是健全制度……四是加强督查……

## 正确示例
    一是强化组织领导……二是健全制度……三是加强督查……

## 配置
    [rules]
    enumeration-sequence = \"off\"
",
    options: &[],
};

impl Rule for EnumerationSequence {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context, _options: &Options) -> Vec<Diagnostic> {
        let mut scopes: Vec<Span> = cx.doc.all_sections().iter().map(|s| s.own_body()).collect();
        if let Some(opening) = cx.doc.opening {
            scopes.push(opening);
        }
        let mut found = Vec::new();
        for scope in scopes {
            let items = enumerations(&cx.source.text, scope);
            for kind in [EnumKind::Shi, EnumKind::Circled] {
                let of_kind: Vec<&EnumItem> = items.iter().filter(|i| i.kind == kind).collect();
                for pair in of_kind.windows(2) {
                    check_pair(cx, pair[0], pair[1], &mut found);
                }
            }
        }
        found
    }
}

fn render(item: &EnumItem, number: u32) -> String {
    match item.kind {
        EnumKind::Shi => format!("{}是", to_chinese(number)),
        EnumKind::Circled => char::from_u32('①' as u32 + number - 1)
            .map_or_else(|| number.to_string(), String::from),
    }
}

fn check_pair(cx: &Context, prev: &EnumItem, next: &EnumItem, found: &mut Vec<Diagnostic>) {
    let (a, b) = (prev.number, next.number);
    let message = if b == a && b != 1 {
        format!("列举序号重复：“{}”出现了两次", cx.source.slice(next.span))
    } else if b > a + 1 {
        format!(
            "列举序号跳号：“{}”之后是“{}”",
            cx.source.slice(prev.span),
            cx.source.slice(next.span)
        )
    } else {
        return;
    };
    found.push(
        Diagnostic::new(INFO.id, next.span, message)
            .label(format!("应为“{}”", render(next, a + 1)))
            .secondary(prev.span, "上一项"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn fires_on_a_skipped_item() {
        let text = "一、主要举措\n一是抓组织。二是抓制度。四是抓督查。\n";
        let found = run(&EnumerationSequence, text);
        assert_eq!(flagged(text, &found), vec!["四是"]);
        assert_eq!(found[0].message, "列举序号跳号：“二是”之后是“四是”");
    }

    #[test]
    fn silent_on_restarts_and_words_containing_yi_shi() {
        let text = "一、主要举措\n一是抓组织。二是抓制度。三是抓督查。\n一是再列举。二是全市统一是基础。\n①甲②乙③丙\n";
        assert!(run(&EnumerationSequence, text).is_empty());
    }
}
