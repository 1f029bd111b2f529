//! Inline enumerations (一是/二是, ①②) inside paragraphs: not headings, but sequences.
//!
//! Found by a direct scan for 是 and circled digits rather than by the grammar: they sit inside
//! running text, where a grammar would have to try every character as a possible start.

use crate::numerals::parse_chinese;
use crate::source::Span;

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

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Characters after which a 一是 item may start a clause.
fn opens_clause(c: char) -> bool {
    super::text::is_space(c)
        || matches!(
            c,
            '。' | '；' | '：' | '，' | '、' | ';' | ':' | ',' | '\n' | '\r' | '）' | ')' | '”'
        )
}

/// Enumeration items in `text[span]`, in order. A 一是 item counts only where it starts a clause
/// (after punctuation, a space or at the start), so 统一是 is not an item.
pub fn enumerations(text: &str, span: Span) -> Vec<EnumItem> {
    let slice = &text[span.range()];
    let mut items = Vec::new();
    for (i, c) in slice.char_indices() {
        if ('①'..='⑳').contains(&c) {
            items.push(EnumItem {
                kind: EnumKind::Circled,
                number: c as u32 - '①' as u32 + 1,
                span: Span::new(span.start + i, span.start + i + c.len_utf8()),
            });
            continue;
        }
        if c != '是' {
            continue;
        }
        let before = &slice[..i];
        let digits_start = before
            .char_indices()
            .rev()
            .take_while(|(_, d)| is_cn_digit(*d))
            .last()
            .map(|(j, _)| j);
        let Some(start) = digits_start else {
            continue;
        };
        let starts_clause = before[..start].chars().next_back().is_none_or(opens_clause);
        if let (true, Some(number)) = (starts_clause, parse_chinese(&before[start..])) {
            items.push(EnumItem {
                kind: EnumKind::Shi,
                number,
                span: Span::new(span.start + start, span.start + i + c.len_utf8()),
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_items_that_start_clauses() {
        let text = "一是抓组织。二是抓落实，三是抓督办。全市统一是原则。①其一②其二\n十一是补充";
        let items = enumerations(text, Span::new(0, text.len()));
        let numbers: Vec<_> = items.iter().map(|i| (i.kind, i.number)).collect();
        assert_eq!(
            numbers,
            vec![
                (EnumKind::Shi, 1),
                (EnumKind::Shi, 2),
                (EnumKind::Shi, 3),
                (EnumKind::Circled, 1),
                (EnumKind::Circled, 2),
                (EnumKind::Shi, 11)
            ]
        );
        assert_eq!(&text[items[1].span.range()], "二是");
    }
}
