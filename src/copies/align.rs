//! From fingerprint hits to passages: each hit is verified and extended to a maximal exact
//! segment, segments on nearby diagonals are chained across small edits (a changed year, a
//! renamed place, a different heading number), and overlapping passages keep the best one.

use super::fingerprint::K;
use std::ops::Range;

/// Largest edit (in normalized characters, on either side) a passage bridges.
pub const MAX_GAP: usize = 12;

/// A common substring: `x[x0..x0+len] == y[y0..y0+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub x0: usize,
    pub y0: usize,
    pub len: usize,
}

/// A copied passage: `x[x0..x1]` (the copy) corresponds to `y[y0..y1]` (its source).
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub x0: usize,
    pub x1: usize,
    pub y0: usize,
    pub y1: usize,
    /// Characters in exact agreement.
    pub matched: usize,
}

impl Passage {
    pub fn x_len(&self) -> usize {
        self.x1 - self.x0
    }

    /// Matched characters over the longer side: 1.0 for an exact copy.
    pub fn similarity(&self) -> f64 {
        let longer = self.x_len().max(self.y1 - self.y0).max(1);
        self.matched as f64 / longer as f64
    }
}

/// Extend fingerprint hits `(x position, y position)` into maximal segments. With `same_text`,
/// `x` and `y` are one text and only hits with the source before the copy count; a segment never
/// runs into its own copy.
pub fn segments(x: &[char], y: &[char], hits: &mut [(u32, u32)], same_text: bool) -> Vec<Segment> {
    hits.sort_unstable();
    let mut covered: foldhash::HashMap<isize, usize> = foldhash::HashMap::default();
    let mut out = Vec::new();
    for &(a, b) in hits.iter() {
        let (a, b) = (a as usize, b as usize);
        if same_text && b >= a {
            continue;
        }
        let diagonal = a as isize - b as isize;
        if covered.get(&diagonal).is_some_and(|&end| end > a) {
            continue;
        }
        let kgram = |text: &[char], at: usize| -> Option<[char; K]> {
            text.get(at..at + K)?.try_into().ok()
        };
        let here = kgram(x, a);
        if here.is_none() || here != kgram(y, b) {
            continue; // a hash collision
        }
        let limit = if same_text { a - b } else { usize::MAX };
        let mut back = 0;
        while a > back && b > back && x[a - back - 1] == y[b - back - 1] {
            back += 1;
        }
        let (x0, y0) = (a - back, b - back);
        let mut len = a - x0;
        while x0 + len < x.len() && y0 + len < y.len() && len < limit && x[x0 + len] == y[y0 + len]
        {
            len += 1;
        }
        covered.insert(diagonal, x0 + len);
        out.push(Segment { x0, y0, len });
    }
    out
}

/// Segments shorter than this do not start or end a passage: a common heading or a short stock
/// phrase next to a copy is not part of it. (Any longer common substring is sure to be found.)
pub const MIN_EDGE: usize = K + super::fingerprint::W - 2;

/// Chain segments into passages: a segment continues a passage when it starts at most
/// [`MAX_GAP`] characters after it on both sides.
pub fn chain(mut segments: Vec<Segment>) -> Vec<Passage> {
    segments.sort_unstable_by_key(|s| (s.x0, s.y0));
    let mut chains: Vec<Vec<Segment>> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for s in segments {
        let fits = |c: &Vec<Segment>| {
            let last = c.last().expect("chains are never empty");
            let (x1, y1) = (last.x0 + last.len, last.y0 + last.len);
            (s.x0 >= x1 && s.x0 - x1 <= MAX_GAP && s.y0 >= y1 && s.y0 - y1 <= MAX_GAP)
                .then(|| (s.x0 - x1) + (s.y0 - y1))
        };
        let best = open
            .iter()
            .copied()
            .filter_map(|i| fits(&chains[i]).map(|gap| (gap, i)))
            .min()
            .map(|(_, i)| i);
        match best {
            Some(i) => chains[i].push(s),
            None => {
                chains.push(vec![s]);
                open.push(chains.len() - 1);
            }
        }
        open.retain(|&i| {
            let last = chains[i].last().expect("chains are never empty");
            last.x0 + last.len + MAX_GAP >= s.x0
        });
    }
    chains.into_iter().filter_map(passage_of).collect()
}

/// The passage a chain makes, with weak segments trimmed from both ends.
fn passage_of(chain: Vec<Segment>) -> Option<Passage> {
    let first = chain.iter().position(|s| s.len >= MIN_EDGE)?;
    let last = chain.iter().rposition(|s| s.len >= MIN_EDGE)?;
    let kept = &chain[first..=last];
    let (a, b) = (kept[0], kept[kept.len() - 1]);
    Some(Passage {
        x0: a.x0,
        x1: b.x0 + b.len,
        y0: a.y0,
        y1: b.y0 + b.len,
        matched: kept.iter().map(|s| s.len).sum(),
    })
}

/// Cut a fragment shorter than [`MIN_EDGE`] off either end of a passage when it stands on
/// lines of its own in both texts: a copied paragraph followed in both by the same heading is the
/// paragraph, not the paragraph and the heading. (A hard-wrapped copy breaks lines where its
/// source does not, and keeps its short lines.) Line starts are in normalized positions, sorted.
pub fn trim_to_lines(mut p: Passage, x_lines: &[usize], y_lines: &[usize]) -> Option<Passage> {
    let is_line_start = |lines: &[usize], at: usize| lines.binary_search(&at).is_ok();
    loop {
        let (x0, x1) = (p.x0, p.x1);
        let inside = |at: &&usize| **at > x0 && **at < x1;
        let tail = x_lines
            .iter()
            .rev()
            .find(inside)
            .map(|&last| x1 - last)
            .filter(|&cut| is_line_start(y_lines, p.y1 - cut));
        let head = x_lines
            .iter()
            .find(inside)
            .map(|&first| first - x0)
            .filter(|&cut| is_line_start(y_lines, p.y0 + cut));
        match (tail, head) {
            (Some(cut), _) if cut < MIN_EDGE => {
                p.x1 -= cut;
                p.y1 -= cut;
                p.matched = p.matched.saturating_sub(cut);
            }
            // A heading number alone on its line (一、) opens the copied section it numbers.
            (_, Some(cut)) if (3..MIN_EDGE).contains(&cut) => {
                p.x0 += cut;
                p.y0 += cut;
                p.matched = p.matched.saturating_sub(cut);
            }
            _ => break,
        }
    }
    (p.x1 > p.x0).then_some(p)
}

/// Keep the best of overlapping passages: most matched characters first; a passage that
/// overlaps a kept one by half its length or more is dropped. The result is in text order.
pub fn select<T>(
    mut candidates: Vec<(Passage, T)>,
    prefer: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<(Passage, T)> {
    candidates.sort_by(|(a, ta), (b, tb)| {
        b.matched
            .cmp(&a.matched)
            .then_with(|| prefer(ta, tb))
            .then(a.x0.cmp(&b.x0))
    });
    let mut kept: Vec<(Passage, T)> = Vec::new();
    for (p, t) in candidates {
        let overlap: usize = kept
            .iter()
            .map(|(k, _)| p.x1.min(k.x1).saturating_sub(p.x0.max(k.x0)))
            .sum();
        if overlap * 2 < p.x_len() {
            kept.push((p, t));
        }
    }
    kept.sort_by_key(|(p, _)| p.x0);
    kept
}

/// Where `copy` differs from `source`: (source range, copy range) in characters, at most
/// `limit` of them.
pub fn changes(source: &[char], copy: &[char], limit: usize) -> Vec<(Range<usize>, Range<usize>)> {
    // A number is one token, so 1893 → 2105 reads as one change, not as digits that happen to
    // agree.
    let (old_tokens, new_tokens) = (tokens(source), tokens(copy));
    let mut ids = TokenIds::default();
    let old_words: Vec<u32> = old_tokens
        .iter()
        .map(|r| ids.of(&source[r.clone()]))
        .collect();
    let new_words: Vec<u32> = new_tokens
        .iter()
        .map(|r| ids.of(&copy[r.clone()]))
        .collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_words, &new_words);
    let char_range = |tokens: &[Range<usize>], range: Range<usize>, len: usize| {
        let start = tokens.get(range.start).map_or(len, |t| t.start);
        let end = if range.end == 0 {
            start
        } else {
            tokens[range.end - 1].end.max(start)
        };
        start..end
    };
    let (old, new) = (source, copy);
    let mut out = Vec::new();
    let mut pending: Option<(usize, usize, usize, usize)> = None;
    let flush = |(os, oe, ns, ne): (usize, usize, usize, usize),
                 out: &mut Vec<(Range<usize>, Range<usize>)>| {
        // Context: the character after (年, 件, 项 …) and, unless the change is a number, the
        // character before.
        let starts_with_number = old.get(os).is_some_and(char::is_ascii_digit)
            || new.get(ns).is_some_and(char::is_ascii_digit);
        let before = usize::from(os.min(ns) > 0 && !starts_with_number);
        let after = usize::from(oe < old.len() && ne < new.len());
        out.push((os - before..oe + after, ns - before..ne + after));
    };
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_range = char_range(&old_tokens, old_range, old.len());
        let new_range = char_range(&new_tokens, new_range, new.len());
        if tag == similar::DiffTag::Equal {
            if let Some(p) = pending.take() {
                flush(p, &mut out);
            }
            continue;
        }
        pending = Some(match pending {
            Some((os, _, ns, _)) => (os, old_range.end, ns, new_range.end),
            None => (
                old_range.start,
                old_range.end,
                new_range.start,
                new_range.end,
            ),
        });
    }
    if let Some(p) = pending {
        flush(p, &mut out);
    }
    out.truncate(limit);
    out
}

/// Tokens as numbers, equal exactly when the tokens are: the diff compares integers instead of
/// slices. A one-character token is its character; longer ones (numbers) are numbered above
/// every character.
#[derive(Default)]
struct TokenIds<'a> {
    longer: foldhash::HashMap<&'a [char], u32>,
}

impl<'a> TokenIds<'a> {
    fn of(&mut self, token: &'a [char]) -> u32 {
        if let [c] = token {
            return *c as u32;
        }
        let next = char::MAX as u32 + 1 + self.longer.len() as u32;
        *self.longer.entry(token).or_insert(next)
    }
}

/// Runs of ASCII digits, or single characters.
fn tokens(chars: &[char]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match out.last_mut() {
            Some(last)
                if c.is_ascii_digit() && chars[last.end - 1].is_ascii_digit() && last.end == i =>
            {
                last.end = i + 1
            }
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// [`changes`] between two passages, shown as their original text (whitespace removed).
pub fn changed_fragments(
    source_text: &str,
    source: &super::Normalized,
    y: Range<usize>,
    copy_text: &str,
    copy: &super::Normalized,
    x: Range<usize>,
    limit: usize,
) -> Vec<(String, String)> {
    changes(&source.chars[y.clone()], &copy.chars[x.clone()], limit)
        .into_iter()
        .map(|(was, now)| {
            (
                source.original(source_text, y.start + was.start, y.start + was.end),
                copy.original(copy_text, x.start + now.start, x.start + now.end),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::fingerprint::winnow;

    fn find(x: &str, y: &str, same: bool) -> Vec<Passage> {
        let xc: Vec<char> = x.chars().collect();
        let yc: Vec<char> = y.chars().collect();
        let fy: std::collections::HashMap<u64, Vec<u32>> =
            winnow(&yc)
                .into_iter()
                .fold(Default::default(), |mut m, (h, p)| {
                    m.entry(h).or_default().push(p);
                    m
                });
        let mut hits: Vec<(u32, u32)> = winnow(&xc)
            .into_iter()
            .flat_map(|(h, a)| fy.get(&h).into_iter().flatten().map(move |&b| (a, b)))
            .collect();
        chain(segments(&xc, &yc, &mut hits, same))
    }

    #[test]
    fn a_copy_with_a_changed_year_is_one_passage() {
        let source = "前言不同的文字在这里出现过二零二零年全镇共办理行政复议案件十二件行政诉讼案件五件全部依法按期办结群众满意度持续提升";
        let copy = "另一份报告的开头也不一样二零二一年全镇共办理行政复议案件十二件行政诉讼案件五件全部依法按期办结群众满意度持续提升";
        let passages = find(copy, source, false);
        assert_eq!(passages.len(), 1);
        assert!(passages[0].matched >= 40);
    }

    #[test]
    fn a_repeat_inside_one_text_points_back() {
        let para = "坚持把法治政府建设纳入年度工作计划通过制定年度工作方案和任务分解表明确工作任务细化评估指标";
        let text = format!("{para}中间隔着一些别的话{para}");
        let passages = find(&text, &text, true);
        let best = select(passages.into_iter().map(|p| (p, ())).collect(), |_, _| {
            std::cmp::Ordering::Equal
        });
        assert_eq!(best.len(), 1);
        let (p, _) = &best[0];
        assert_eq!(p.y0, 0);
        assert_eq!(p.x1 - p.x0, para.chars().count());
    }

    #[test]
    fn changes_show_what_was_edited() {
        let (a, b) = ("2020年共办理12件", "2021年共办理15件");
        let (na, nb) = (
            crate::copies::Normalized::of(a),
            crate::copies::Normalized::of(b),
        );
        let found = changed_fragments(a, &na, 0..na.len(), b, &nb, 0..nb.len(), 8);
        assert_eq!(
            found,
            vec![
                ("2020年".to_string(), "2021年".to_string()),
                ("12件".to_string(), "15件".to_string())
            ]
        );
    }
}
