//! A copied passage beside the passage it copies, with the characters that differ marked: in
//! the copy, what it added or changed (`<ins>`); in the original, what the copy dropped or
//! replaced (`<del>`). A run of digits is one unit, so 1893 → 2105 reads as one change rather
//! than as digits that happen to agree. Whitespace is shown as written but never compared: a
//! copy hard-wrapped at other places is not marked for its line breaks.

use super::super::markup::escape;

/// Sides longer than this many units are shown without marks: a diff of two long, very
/// different passages could take seconds, and the page is one of many.
const MAX_COMPARED: usize = 20_000;

/// The two sides as HTML (escaped, marked): `(copy, original)`.
pub fn marked(copy: &str, original: &str) -> (String, String) {
    let copy_units = units(copy);
    let original_units = units(original);
    let compared = |units: &[&str]| -> Vec<usize> {
        (0..units.len()).filter(|&i| !is_space(units[i])).collect()
    };
    let (copy_kept, original_kept) = (compared(&copy_units), compared(&original_units));
    let mut copy_changed = vec![false; copy_units.len()];
    let mut original_changed = vec![false; original_units.len()];
    if copy_kept.len() <= MAX_COMPARED && original_kept.len() <= MAX_COMPARED {
        let old: Vec<&str> = original_kept.iter().map(|&i| original_units[i]).collect();
        let new: Vec<&str> = copy_kept.iter().map(|&i| copy_units[i]).collect();
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
        side(&copy_units, &copy_changed, "ins"),
        side(&original_units, &original_changed, "del"),
    )
}

/// Characters, except that a run of ASCII digits is one unit.
fn units(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn is_space(unit: &str) -> bool {
    unit.chars().all(char::is_whitespace)
}

/// One side: its units escaped, each run of changed ones in one `<tag>`, and each run of
/// whitespace with a line break in it one `↵`, so that a passage pasted from a PDF with a break
/// every few characters reads as the paragraph it is.
fn side(units: &[&str], changed: &[bool], tag: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut i = 0;
    while i < units.len() {
        let spaces = units[i..].iter().take_while(|u| is_space(u)).count();
        let (piece, changed) = if spaces == 0 {
            (escape(units[i]), changed[i])
        } else {
            let run = units[i..i + spaces].concat();
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
        assert_eq!(copy, "落实学法制度，不断增强<span class=\"br\">↵</span>依法行政水平");
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
    fn escapes_both_sides() {
        let (copy, original) = marked("<b>甲</b>&", "<b>乙</b>&");
        assert_eq!(copy, "&lt;b&gt;<ins>甲</ins>&lt;/b&gt;&amp;");
        assert_eq!(original, "&lt;b&gt;<del>乙</del>&lt;/b&gt;&amp;");
    }
}
