//! The changes between a text and its fixed version, as edits of the original: what the
//! tracked changes of a reviewed copy have to record, whatever passes of fixes made them.

use std::ops::Range;

/// Replace `range` of the original (byte offsets) with `insert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub insert: String,
}

/// The edits that turn `old` into `new`, character by character, in text order and never
/// overlapping.
pub fn between(old: &str, new: &str) -> Vec<TextEdit> {
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let old_offsets = offsets(old);
    let new_offsets = offsets(new);
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_chars, &new_chars);
    let mut edits: Vec<TextEdit> = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        let range = old_offsets[old_range.start]..old_offsets[old_range.end];
        let insert = &new[new_offsets[new_range.start]..new_offsets[new_range.end]];
        match edits.last_mut() {
            // A deletion next to an insertion is one replacement.
            Some(last) if last.range.end == range.start => {
                last.range.end = range.end;
                last.insert.push_str(insert);
            }
            _ => edits.push(TextEdit {
                range,
                insert: insert.to_string(),
            }),
        }
    }
    edits
}

/// The byte offset of each character of `text`, and its length at the end.
fn offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `old` with `edits` applied.
pub fn apply(old: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(old.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&old[at..edit.range.start]);
        out.push_str(&edit.insert);
        at = edit.range.end;
    }
    out.push_str(&old[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_turn_the_text_into_its_fixed_version() {
        let old = "2023年,我县 (一)强化\n\n领导";
        let new = "2023年，我县（一）强化领导";
        let edits = between(old, new);
        assert_eq!(apply(old, &edits), new);
        assert_eq!(
            edits[0].range,
            old.find(',').unwrap()..old.find(',').unwrap() + 1
        );
        assert_eq!(edits[0].insert, "，");
        assert!(between(new, new).is_empty());
    }
}
