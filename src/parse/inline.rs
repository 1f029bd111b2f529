//! Inline enumerations (一是/二是, ①②) inside paragraphs: not headings, but sequences.

use super::grammar::{ReportParser, Rule};
use crate::numerals::parse_chinese;
use crate::source::Span;
use pest::Parser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// 一是、二是
    Shi,
    /// ①②
    Circled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumItem {
    pub kind: EnumKind,
    pub number: u32,
    pub span: Span,
}

/// Enumeration items in `text[span]`, in order. A 一是 item counts only where it starts a clause
/// (after punctuation, a space or at the start), so 统一是 is not an item.
pub fn enumerations(text: &str, span: Span) -> Vec<EnumItem> {
    let slice = &text[span.range()];
    let Ok(mut pairs) = ReportParser::parse(Rule::inline, slice) else {
        return Vec::new();
    };
    let Some(root) = pairs.next() else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for pair in root.into_inner() {
        let start = pair.as_span().start();
        let item_span = Span::new(span.start + start, span.start + pair.as_span().end());
        match pair.as_rule() {
            Rule::shi_item => {
                let starts_clause = slice[..start].chars().next_back().is_none_or(|c| {
                    super::text::is_space(c)
                        || matches!(
                            c,
                            '。' | '；'
                                | '：'
                                | '，'
                                | '、'
                                | ';'
                                | ':'
                                | ','
                                | '\n'
                                | '）'
                                | ')'
                                | '”'
                        )
                });
                let digits = pair.as_str().trim_end_matches('是');
                if let (true, Some(number)) = (starts_clause, parse_chinese(digits)) {
                    items.push(EnumItem {
                        kind: EnumKind::Shi,
                        number,
                        span: item_span,
                    });
                }
            }
            Rule::circled_item => {
                let c = pair.as_str().chars().next().unwrap_or('①');
                items.push(EnumItem {
                    kind: EnumKind::Circled,
                    number: c as u32 - '①' as u32 + 1,
                    span: item_span,
                });
            }
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_items_that_start_clauses() {
        let text = "一是抓组织。二是抓落实，三是抓督办。全市统一是原则。①其一②其二";
        let items = enumerations(text, Span::new(0, text.len()));
        let numbers: Vec<_> = items.iter().map(|i| (i.kind, i.number)).collect();
        assert_eq!(
            numbers,
            vec![
                (EnumKind::Shi, 1),
                (EnumKind::Shi, 2),
                (EnumKind::Shi, 3),
                (EnumKind::Circled, 1),
                (EnumKind::Circled, 2)
            ]
        );
    }
}
