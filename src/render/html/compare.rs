//! A copied passage beside the passage it copies, with the characters that differ marked: in
//! the copy, what it added or changed (`<ins>`); in the original, what the copy dropped or
//! replaced (`<del>`). A run of digits is one unit, so 1893 → 2105 reads as one change rather
//! than as digits that happen to agree (and so is a Latin word). Whitespace is shown as written but never compared: a
//! copy hard-wrapped at other places is not marked for its line breaks.

use super::super::markup::escape;
use std::ops::Range;

/// Sides longer than this many units are shown without marks: a diff of two long, very
/// different passages could take seconds, and the page is one of many.
const MAX_COMPARED: usize = 20_000;

/// A side: the text shown, and where in it (bytes) the passage itself is; the rest, its
/// lines' context, is shown in grey.
pub struct Side<'a> {
    pub text: &'a str,
    pub passage: Range<usize>,
}

/// The two sides as HTML (escaped, marked): `(copy, original)`.
pub fn marked(copy: &Side, original: &Side) -> (String, String) {
    let copy_units = units(copy.text);
    let original_units = units(original.text);
    let compared = |units: &[(usize, &str)]| -> Vec<usize> {
        (0..units.len())
            .filter(|&i| !is_space(units[i].1))
            .collect()
    };
    let (copy_kept, original_kept) = (compared(&copy_units), compared(&original_units));
    let mut copy_changed = vec![false; copy_units.len()];
    let mut original_changed = vec![false; original_units.len()];
    if copy_kept.len() <= MAX_COMPARED && original_kept.len() <= MAX_COMPARED {
        let old: Vec<&str> = original_kept.iter().map(|&i| original_units[i].1).collect();
        let new: Vec<&str> = copy_kept.iter().map(|&i| copy_units[i].1).collect();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            if tag == similar::DiffTag::Equal {
                continue;
            }
            for i in old_range {
                original_changed[original_kept[i]] = true;
            }
            for i in new_range {
                copy_changed[copy_kept[i]] = true;
            }
        }
    }
    (
        side(&copy_units, &copy_changed, &copy.passage, "ins"),
        side(&original_units, &original_changed, &original.passage, "del"),
    )
}

/// A side's context before the passage, the passage, and the context after it.
fn side(units: &[(usize, &str)], changed: &[bool], passage: &Range<usize>, tag: &str) -> String {
    let before = units.partition_point(|u| u.0 < passage.start);
    let after = units.partition_point(|u| u.0 < passage.end).max(before);
    let mut out = String::new();
    for (range, context) in [
        (0..before, true),
        (before..after, false),
        (after..units.len(), true),
    ] {
        if range.is_empty() {
            continue;
        }
        let piece = piece(&units[range.clone()], &changed[range], tag);
        if context {
            out.push_str("<span class=\"context\">");
            out.push_str(&piece);
            out.push_str("</span>");
        } else {
            out.push_str(&piece);
        }
    }
    out
}

/// Characters, except that a run of ASCII letters and digits (a number, a Latin word) is one
/// unit; each with its byte offset.
fn units(text: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
        out.push((i, &text[i..i + c.len_utf8()]));
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn is_space(unit: &str) -> bool {
    unit.chars().all(char::is_whitespace)
}

/// Units escaped, each run of changed ones in one `<tag>`, and each run of
/// whitespace with a line break in it one `↵`, so that a passage pasted from a PDF with a break
/// every few characters reads as the paragraph it is.
fn piece(units: &[(usize, &str)], changed: &[bool], tag: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut i = 0;
    while i < units.len() {
        let spaces = units[i..].iter().take_while(|u| is_space(u.1)).count();
        let (piece, changed) = if spaces == 0 {
            (escape(units[i].1), changed[i])
        } else {
            let run: String = units[i..i + spaces].iter().map(|u| u.1).collect();
            i += spaces - 1;
            if run.contains(['\n', '\r']) {
                ("<span class=\"br\">↵</span>".to_string(), false)
            } else {
                // Inside a mark only between two changed units.
                (run, open && changed.get(i + 1).copied().unwrap_or(false))
            }
        };
        if changed != open {
            out.push_str(if changed { "<" } else { "</" });
            out.push_str(tag);
            out.push('>');
            open = changed;
        }
        out.push_str(&piece);
        i += 1;
    }
    if open {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both sides whole passages, without context.
    fn marked(copy: &str, original: &str) -> (String, String) {
        super::marked(
            &Side {
                text: copy,
                passage: 0..copy.len(),
            },
            &Side {
                text: original,
                passage: 0..original.len(),
            },
        )
    }

    #[test]
    fn marks_a_changed_number_as_a_whole_on_both_sides() {
        let (copy, original) = marked(
            "公示执法信息2105条，抽查案卷",
            "公示执法信息1893条，抽查案卷",
        );
        assert_eq!(copy, "公示执法信息<ins>2105</ins>条，抽查案卷");
        assert_eq!(original, "公示执法信息<del>1893</del>条，抽查案卷");
    }

    #[test]
    fn marks_what_was_added_and_what_was_dropped() {
        let (copy, original) = marked("全县新建工作站14个", "全县共新建站14个");
        assert_eq!(copy, "全县新建<ins>工作</ins>站14个");
        assert_eq!(original, "全县<del>共</del>新建站14个");
    }

    #[test]
    fn line_breaks_of_a_hard_wrapped_copy_are_not_changes() {
        let (copy, original) = marked(
            "落实学法制度，不断增强\n\n依法行政水平",
            "落实学法制度，不断增强依法行政水平",
        );
        assert_eq!(
            copy,
            "落实学法制度，不断增强<span class=\"br\">↵</span>依法行政水平"
        );
        assert_eq!(original, "落实学法制度，不断增强依法行政水平");
    }

    #[test]
    fn a_space_is_marked_only_between_changed_characters() {
        let (copy, _) = marked("共办理 36 件", "共办理件");
        assert_eq!(copy, "共办理 <ins>36</ins> 件");
        let (copy, _) = marked("共办理 36 27件", "共办理件");
        assert_eq!(copy, "共办理 <ins>36 27</ins>件");
    }

    #[test]
    fn the_context_around_a_passage_is_grey_and_compared_too() {
        let copy = "今年全县新建工作站14个。";
        let original = "去年全县新建工作站14个。";
        let start = copy.find("全县").unwrap();
        let (copy, original) = super::marked(
            &Side {
                text: copy,
                passage: start..copy.len() - "。".len(),
            },
            &Side {
                text: original,
                passage: start..original.len() - "。".len(),
            },
        );
        assert_eq!(
            copy,
            "<span class=\"context\"><ins>今</ins>年</span>全县新建工作站14个<span class=\"context\">。</span>"
        );
        assert_eq!(
            original,
            "<span class=\"context\"><del>去</del>年</span>全县新建工作站14个<span class=\"context\">。</span>"
        );
    }

    #[test]
    fn escapes_both_sides() {
        let (copy, original) = marked("<b>甲</b>&", "<b>乙</b>&");
        assert_eq!(copy, "&lt;b&gt;<ins>甲</ins>&lt;/b&gt;&amp;");
        assert_eq!(original, "&lt;b&gt;<del>乙</del>&lt;/b&gt;&amp;");
    }
}
