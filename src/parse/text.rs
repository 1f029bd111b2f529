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

/// Number of characters that carry content (spaces and line breaks not counted), counted no
/// further than `limit`: a long section is measured against a minimum without reading all of it.
pub fn content_chars_up_to(text: &str, limit: usize) -> usize {
    text.chars()
        .filter(|c| !is_space(*c) && *c != '\n' && *c != '\r')
        .take(limit)
        .count()
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
    fn content_chars_skip_every_kind_of_space() {
        let text = "一、\u{3000}主要举措 \t和\u{a0}成效\r\n";
        assert_eq!(content_chars_up_to(text, 100), 9);
        assert_eq!(content_chars_up_to(text, 4), 4);
        assert_eq!(content_chars_up_to("\u{feff}\u{2002}\u{2003}。", 9), 1);
        assert_eq!(content_chars_up_to("", 9), 0);
    }

    proptest! {
        #[test]
        fn content_chars_up_to_agrees_with_counting_characters(
            text in "[a 　\u{a0}\u{2002}\u{2003}\u{feff}\u{2004}\t\r\n。、一𠮷]{0,40}"
        ) {
            prop_assert_eq!(content_chars_up_to(&text, 5), counted_by_chars(&text).min(5));
        }
    }
}
