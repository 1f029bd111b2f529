//! Text folded for comparison: whitespace, line breaks and punctuation dropped, full-width
//! letters and digits folded to ASCII, Latin lowercased, the Chinese digits 一…九 and 〇 read as
//! Arabic ones (a copy renumbers 1、 as 一、). A PDF copy hard-wrapped mid-word, or
//! typed with other punctuation widths, dashes or quotes, folds to the same characters as its
//! original. Each kept character remembers its byte offset, so a match maps back to exact spans.

use crate::source::Span;

/// Every this many normalized characters, the byte offset of the character is kept.
const CHECKPOINT: usize = 32;

#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub chars: Vec<char>,
    /// (index into `chars`, byte offset) of the start of every line.
    lines: Vec<(u32, u32)>,
    /// Byte offset of normalized characters 0, [`CHECKPOINT`], 2 × [`CHECKPOINT`] …: a
    /// position maps back to the text by re-folding from the checkpoint before it, so no
    /// per-character offsets need be kept.
    checkpoints: Vec<u32>,
    /// Pairs of positions of this text that share a fingerprint, once known.
    repeats: std::sync::OnceLock<Vec<(u32, u32)>>,
}

impl Normalized {
    pub fn of(text: &str) -> Normalized {
        let mut out = Normalized {
            chars: Vec::with_capacity(text.len() / 3),
            lines: vec![(0, 0)],
            checkpoints: Vec::with_capacity(text.len() / 3 / CHECKPOINT + 1),
            repeats: std::sync::OnceLock::new(),
        };
        for (offset, c) in text.char_indices() {
            if c == '\n' {
                out.lines.push((out.chars.len() as u32, offset as u32 + 1));
            } else if let Some(folded) = fold(c) {
                if out.chars.len().is_multiple_of(CHECKPOINT) {
                    out.checkpoints.push(offset as u32);
                }
                out.chars.push(folded);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Every pair (later, earlier) of positions of this text that share a fingerprint: taken
    /// from the corpus index when it has seen the text, else worked out from the text alone.
    pub fn repeat_hits(&self) -> &[(u32, u32)] {
        self.repeats
            .get_or_init(|| super::own_repeat_hits(&self.chars))
    }

    #[cfg(test)]
    pub(super) fn knows_repeat_hits(&self) -> bool {
        self.repeats.get().is_some()
    }

    /// Records the pairs the corpus index found; the first record stands.
    pub(super) fn know_repeat_hits(&self, hits: Vec<(u32, u32)>) {
        let _ = self.repeats.set(hits);
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Byte offset in `text`, the original, of normalized character `index`, and its length.
    fn locate(&self, text: &str, index: usize) -> (usize, usize) {
        let Some(&byte) = self.checkpoints.get(index / CHECKPOINT) else {
            return (text.len(), 0);
        };
        let (mut at, byte) = (index / CHECKPOINT * CHECKPOINT, byte as usize);
        for (offset, c) in text[byte..].char_indices() {
            if fold(c).is_some() {
                if at == index {
                    return (byte + offset, c.len_utf8());
                }
                at += 1;
            }
        }
        (text.len(), 0)
    }

    /// Byte span in `text`, the original, of normalized characters `start..end` (end > start).
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (first, _) = self.locate(text, start);
        let (last, width) = self.locate(text, end - 1);
        Span::new(first, last + width)
    }

    /// Normalized index of the first character of every line.
    pub fn line_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.lines.iter().map(|(start, _)| *start as usize)
    }

    pub fn string(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// The original text of normalized characters `start..end`, without whitespace (for
    /// showing what changed).
    pub fn original(&self, text: &str, start: usize, end: usize) -> String {
        if start >= end {
            return String::new();
        }
        text[self.span(text, start, end).range()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}

/// The character compared in place of `c`, or `None` when `c` does not take part.
pub fn fold(c: char) -> Option<char> {
    // CJK Unified Ideographs, the bulk of every report, first: only 一 to 九 change.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Some(chinese_digit(c).unwrap_or(c));
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c == '〇' {
        return Some('0');
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase());
    }
    if matches!(
        c,
        '、' | '。'
            | '《'
            | '》'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '—'
            | '…'
            | '「'
            | '」'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '·'
    ) {
        return None;
    }
    if c.is_alphanumeric() {
        Some(c.to_ascii_lowercase())
    } else {
        None
    }
}

/// The Arabic digit a Chinese digit 一 to 九 is read as.
fn chinese_digit(c: char) -> Option<char> {
    Some(match c {
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => return None,
    })
}

/// Fold a phrase the way documents are folded.
pub fn fold_str(text: &str) -> String {
    text.chars().filter_map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_and_full_width_text_folds_to_its_original() {
        let original = Normalized::of("《法治政府建设实施纲要（2021—2025年）》的学习");
        let copy =
            Normalized::of("《法治政\n\n府建设实施纲要（\n\n２０２１\n\n―\n\n2025\n\n年）》的学习");
        assert_eq!(original.chars, copy.chars);
        assert_eq!(original.string(0, 4), "法治政府");
    }

    #[test]
    fn spans_map_back_to_the_original_bytes() {
        let text = "一、 加强 学习";
        let n = Normalized::of(text);
        assert_eq!(n.string(0, n.len()), "1加强学习");
        assert_eq!(&text[n.span(text, 1, 3).range()], "加强");
        assert_eq!(&text[n.span(text, 1, 5).range()], "加强 学习");
    }

    proptest::proptest! {
        /// Every normalized character maps back to the character it was folded from, in texts
        /// long enough to pass several checkpoints, with lines, spaces and full-width forms.
        #[test]
        fn every_position_maps_back_to_its_character(
            text in "[法治政府建设一二〇 \n\r\tａＡ１aA1，。（）]{0,200}",
        ) {
            let n = Normalized::of(&text);
            let kept: Vec<(usize, char)> =
                text.char_indices().filter(|(_, c)| fold(*c).is_some()).collect();
            proptest::prop_assert_eq!(kept.len(), n.len());
            for (index, (offset, c)) in kept.iter().enumerate() {
                let span = n.span(&text, index, index + 1);
                proptest::prop_assert_eq!(span, Span::new(*offset, offset + c.len_utf8()));
            }
            proptest::prop_assert_eq!(n.locate(&text, n.len()), (text.len(), 0));
        }
    }
}
