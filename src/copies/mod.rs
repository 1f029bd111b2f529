//! Copied and repeated text: normalization, fingerprints, alignment, and the corpus index.

pub mod align;
pub mod fingerprint;
pub mod index;
pub mod normalize;

pub use index::{CopyDocument, CopyMatch, find_copies};
pub use normalize::{Normalized, fold_str};

use crate::config::literals::Phrases;
use crate::diagnostic::Original;
use crate::source::{Source, Span};
use align::Passage;
use fingerprint::winnow;

/// Characters a passage is widened by at most, on each side, to show it with its line.
pub const CONTEXT: usize = 50;

/// `range` of `text` widened to the start and end of its lines, by at most [`CONTEXT`]
/// characters on each side: a copy's span starts and ends where the texts agree, and a reader
/// comparing it with its source wants to see what was changed just outside.
pub fn widened(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = range.start.min(text.len());
    let end = range.end.min(text.len()).max(start);
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return start..start;
    }
    let before = text[..start]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .take_while(|&(_, c)| c != '\n')
        .last()
        .map_or(start, |(i, _)| i);
    let after = text[end..]
        .char_indices()
        .take(CONTEXT)
        .take_while(|&(_, c)| c != '\n' && c != '\r')
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    before..after
}

/// The passage `span` of `source`, with the rest of its lines, as a finding's [`Original`].
pub fn original(document: Option<String>, source: &Source, span: Span) -> Original {
    let shown = widened(&source.text, span.range());
    let start = span.start.clamp(shown.start, shown.end);
    let end = span.end.clamp(start, shown.end);
    Original {
        document,
        line: source.position(shown.start).line + 1,
        text: source.text[shown.clone()].to_string(),
        passage: start - shown.start..end - shown.start,
    }
}

/// Most positions one fingerprint may stand in before it is treated as a stock phrase that the
/// document repeats on purpose.
const MAX_REPEATS: usize = 16;

/// Passages of a text that repeat an earlier passage of the same text, each with its best
/// original, in text order.
pub fn repeated_passages(text: &Normalized) -> Vec<Passage> {
    let mut hits = text.repeat_hits().to_vec();
    let segments = align::segments(&text.chars, &text.chars, &mut hits, true);
    let line_starts: Vec<usize> = text.line_starts().collect();
    let passages = align::chain(segments)
        .into_iter()
        .filter_map(|p| align::trim_to_lines(p, &line_starts, &line_starts))
        .filter(|p| p.y1 <= p.x0)
        .map(|p| (p, ()))
        .collect();
    align::select(passages, |_, _| std::cmp::Ordering::Equal)
        .into_iter()
        .map(|(p, ())| p)
        .collect()
}

/// [`Normalized::repeat_hits`] of a text on its own.
fn own_repeat_hits(chars: &[char]) -> Vec<(u32, u32)> {
    let mut prints = winnow(chars);
    prints.sort_unstable();
    let mut hits = Vec::new();
    for group in prints.chunk_by(|a, b| a.0 == b.0) {
        push_repeat_pairs(group, |p| p.1, &mut hits);
    }
    hits
}

/// Every pair (later, earlier) of the positions of one fingerprint in one text, `group` in text
/// order; none when the text repeats it too often to be anything but a stock phrase.
fn push_repeat_pairs<T>(group: &[T], position: impl Fn(&T) -> u32, hits: &mut Vec<(u32, u32)>) {
    if group.len() < 2 || group.len() > MAX_REPEATS {
        return;
    }
    for (i, later) in group.iter().enumerate() {
        for earlier in &group[..i] {
            hits.push((position(later), position(earlier)));
        }
    }
}

/// Whether `folded` has at least `min` characters outside the stock phrases. A long passage is
/// settled by its beginning: a phrase cut off at the end of the part read can hide no more than
/// its own length.
pub fn has_chars_outside_stock_phrases(folded: &str, stock: &Phrases, min: usize) -> bool {
    let enough = min + stock.longest();
    if let Some((cut, _)) = folded.char_indices().nth(2 * enough)
        && chars_outside_stock_phrases(&folded[..cut], stock) >= enough
    {
        return true;
    }
    chars_outside_stock_phrases(folded, stock) >= min
}

/// Characters of `folded` outside every occurrence of the (folded) stock phrases.
pub fn chars_outside_stock_phrases(folded: &str, stock: &Phrases) -> usize {
    let mut covered: Vec<std::ops::Range<usize>> =
        stock.find(folded).into_iter().map(|(r, _)| r).collect();
    covered.sort_by_key(|r| r.start);
    let mut outside = 0;
    let mut from = 0;
    for range in covered {
        if range.start > from {
            outside += folded[from..range.start].chars().count();
        }
        from = from.max(range.end);
    }
    outside + folded[from..].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_wrapped_second_copy_is_one_passage() {
        let first = "（1） 加强学习宣传，不断增强法治工作意识\n紧跟上级决策部署，落实学法制度，不断增强新时期依法行政水平。一是突出学习重点。把学习习近平法治思想作为新时期做好法治建设的纲，通过召开党委会议专题学习。\n";
        let second = " 一、\n\n（一）\n\n加强学习宣传，不断增强法治工作意识\n\n紧跟上级决策部署，落实学法制度，不断增强新时期依法行\n\n政水平。\n\n一是突出学习重点。\n\n把学习习近平法治思想作为新时期\n\n做好法治建设的纲，通过召开党委会议专题学习。\n";
        let text = format!("{first}{second}");
        let n = Normalized::of(&text);
        let passages = repeated_passages(&n);
        assert_eq!(passages.len(), 1, "{passages:?}");
        let span = n.span(&text, passages[0].x0, passages[0].x1);
        assert!(span.start >= first.len());
        assert!(text[span.range()].ends_with("专题学习"));
    }

    #[test]
    fn a_passage_is_widened_to_its_line_within_bounds() {
        let text = "一、举措\n全县共新建工作站14个，调解纠纷1180件。\n二、问题\n";
        let start = text.find("新建").unwrap();
        let end = text.find("，调解").unwrap();
        let wide = widened(text, start..end);
        assert_eq!(&text[wide], "全县共新建工作站14个，调解纠纷1180件。");
        let long = format!("{}新建工作站{}\n", "甲".repeat(80), "乙".repeat(80));
        let start = long.find("新建").unwrap();
        let wide = widened(&long, start..start + "新建工作站".len());
        assert_eq!(long[wide].chars().count(), 5 + 2 * CONTEXT);
        assert_eq!(widened(text, 0..0), 0..text.find('\n').unwrap());
    }

    #[test]
    fn a_long_passage_is_settled_by_its_beginning() {
        let stock = Phrases::overlapping(vec![fold_str("深入学习贯彻习近平法治思想")]);
        let phrase = "深入学习贯彻习近平法治思想";
        let mostly_stock = fold_str(&format!("{}依法行政", phrase.repeat(20)));
        assert!(!has_chars_outside_stock_phrases(&mostly_stock, &stock, 5));
        assert!(has_chars_outside_stock_phrases(&mostly_stock, &stock, 4));
        let own = fold_str(&format!(
            "{}{}",
            "县司法局审查规范性文件".repeat(10),
            phrase
        ));
        assert!(has_chars_outside_stock_phrases(&own, &stock, 40));
        assert!(!has_chars_outside_stock_phrases(&own, &stock, 111));
    }

    #[test]
    fn stock_phrases_do_not_count() {
        let stock = Phrases::overlapping(vec![
            fold_str("习近平新时代中国特色社会主义思想"),
            fold_str("中国特色社会主义思想为指导"),
        ]);
        assert_eq!(
            chars_outside_stock_phrases(
                &fold_str("坚持以习近平新时代中国特色社会主义思想为指导"),
                &stock
            ),
            3
        );
    }
}
