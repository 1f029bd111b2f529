//! Heading levels from markup (Markdown `#`, Word heading styles) mapped to the levels the
//! parser uses: the document's title is not a section, and the shallowest remaining depth is
//! the top level (一、), whatever `#` count or style the document starts its sections at.

use super::docx::StyledHeading;
use crate::source::HeadingHint;

/// Words a title ends with (文种).
const TITLE_ENDINGS: &[&str] = &["报告", "总结", "汇报", "情况", "报告书"];

/// Whether a heading's text begins with a numbering marker the parser reads by itself.
fn has_marker(text: &str) -> bool {
    !crate::parse::parse(text).sections.is_empty()
}

/// Hints for the parser. The first heading is taken as the document's title (not a section)
/// when it has no marker and either names the document's kind or is shallower than every other
/// heading.
pub fn heading_hints(headings: &[StyledHeading]) -> Vec<HeadingHint> {
    let mut rest = headings;
    if let Some((first, others)) = headings.split_first() {
        let text = first.text.trim_end_matches(['。', '.', ' ']);
        let kind_word = TITLE_ENDINGS.iter().any(|w| text.ends_with(w));
        let shallowest = others.iter().all(|h| h.depth > first.depth);
        if !has_marker(&first.text) && (kind_word || (shallowest && !others.is_empty())) {
            rest = others;
        }
    }
    let Some(base) = rest.iter().map(|h| h.depth).min() else {
        return Vec::new();
    };
    rest.iter()
        .map(|h| HeadingHint {
            line: h.line,
            level: (h.depth - base + 1).min(4),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(line: usize, depth: u8, text: &str) -> StyledHeading {
        StyledHeading {
            line,
            depth,
            text: text.to_string(),
        }
    }

    #[test]
    fn the_title_is_not_a_section_and_levels_start_at_one() {
        let hints = heading_hints(&[
            h(0, 1, "某县关于2023年法治政府建设情况的报告"),
            h(3, 2, "一、主要举措"),
            h(5, 3, "强化领导"),
            h(9, 2, "存在的问题"),
        ]);
        let levels: Vec<(usize, u8)> = hints.iter().map(|h| (h.line, h.level)).collect();
        assert_eq!(levels, vec![(3, 1), (5, 2), (9, 1)]);
    }

    #[test]
    fn a_numbered_first_heading_is_a_section() {
        let hints = heading_hints(&[h(0, 1, "一、主要举措"), h(4, 1, "存在的问题")]);
        assert_eq!(hints.len(), 2);
    }
}
