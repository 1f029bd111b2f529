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
    text.chars()
        .filter(|c| !is_space(*c) && *c != '\n' && *c != '\r')
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
