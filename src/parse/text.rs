//! Small text helpers shared by the parser and the rules.

/// Spaces found in real drafts (ASCII, ideographic, no-break, tab, BOM).
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{FEFF}'
    )
}

/// Remove every space character, for comparing text written with stray spaces.
pub fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !is_space(*c)).collect()
}

/// Byte range of `text` with leading and trailing spaces removed, relative to `text`.
pub fn trimmed_range(text: &str) -> (usize, usize) {
    let start = text.len() - text.trim_start_matches(is_space).len();
    let end = text.trim_end_matches(is_space).len();
    (start, end.max(start))
}

/// Number of characters that carry content (spaces and line breaks not counted).
pub fn content_chars(text: &str) -> usize {
    // Counted on bytes, which vectorises: every character has one leading byte; the spaces
    // outside ASCII are found by their first byte.
    let bytes = text.as_bytes();
    let chars = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    let ascii_spaces = bytes
        .iter()
        .filter(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count();
    // U+00A0, U+2002, U+2003, U+3000 and U+FEFF, as UTF-8.
    let other_spaces = memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
        .chain(memchr::memchr_iter(0xEF, bytes))
        .filter(|&i| {
            matches!(
                &bytes[i..],
                [0xC2, 0xA0, ..]
                    | [0xE2, 0x80, 0x82 | 0x83, ..]
                    | [0xE3, 0x80, 0x80, ..]
                    | [0xEF, 0xBB, 0xBF, ..]
            )
        })
        .count();
    chars - ascii_spaces - other_spaces
}

/// Sentence-ending punctuation that closes a run-in heading.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Punctuation that never appears inside a title or a 落款 body name.
pub fn has_clause_punctuation(text: &str) -> bool {
    text.contains(['。', '，', '；', ',', ';', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn counted_by_chars(text: &str) -> usize {
        text.chars()
            .filter(|c| !is_space(*c) && *c != '\n' && *c != '\r')
            .count()
    }

    #[test]
    fn content_chars_skips_every_kind_of_space() {
        assert_eq!(content_chars("一、\u{3000}主要举措 \t和\u{a0}成效\r\n"), 9);
        assert_eq!(content_chars("\u{feff}\u{2002}\u{2003}。"), 1);
        assert_eq!(content_chars(""), 0);
    }

    proptest! {
        #[test]
        fn content_chars_agrees_with_counting_characters(
            text in "[a 　\u{a0}\u{2002}\u{2003}\u{feff}\u{2004}\t\r\n。、一𠮷]{0,40}"
        ) {
            prop_assert_eq!(content_chars(&text), counted_by_chars(&text));
        }
    }
}
