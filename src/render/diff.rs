//! `check --diff`: the unified diff of what `--fix` would write, and where inside a changed line
//! the characters change. A report's paragraph is one line of hundreds of characters, so a
//! comma made full-width shows as a whole `-`/`+` pair; the changed characters are found by a
//! character diff of the pair (Chinese has no spaces to split words at) and shown either
//! emphasised in colour, for a terminal, or listed apart in word-diff notation (`[-old-]{+new+}`),
//! so that the diff itself stays a plain patch that `patch` and `git apply` take.

use similar::{ChangeTag, DiffOp, TextDiff};
use std::fmt::Write;
use std::ops::Range;

/// Lines of context around each change.
const CONTEXT_LINES: usize = 2;
/// Below this share of unchanged characters two blocks are a rewrite rather than an edit, and
/// nothing inside them is marked: marking nearly every character shows nothing.
const MIN_KEPT: f32 = 0.5;
/// Blocks longer than this (bytes, both sides together) are not diffed by character as a
/// whole, only line by line, and lines longer than it not at all: a character diff costs the
/// product of the lengths and the changes, and a time limit instead would make the output
/// depend on how busy the machine is.
const REFINE_LIMIT: usize = 16 * 1024;
/// Characters of unchanged text shown on each side of a change in the listing.
const WINDOW: usize = 8;
/// A place is not drawn out past this many characters to take in the next change: a line with
/// a comma to fix every few characters is listed a stretch at a time.
const LONGEST_PLACE: usize = 48;
/// Changed text longer than this (characters) is listed by its two ends.
const LONGEST_CHANGE: usize = 40;
/// Characters kept at each end of a changed text that is cut.
const CHANGE_ENDS: usize = 16;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const EMPHASIS_ON: &str = "\x1b[7m";
const EMPHASIS_OFF: &str = "\x1b[27m";

/// What a unified diff says after a last line that has no line break.
const NO_NEWLINE: &str = "\\ No newline at end of file";

/// The unified diff of `old` → `new` for the file `name` (headers `a/NAME`, `b/NAME`, as
/// `git diff` writes them: `patch -p1` and `git apply` take it), with two lines of context.
/// Empty when nothing changes.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The same diff for a terminal: headers bold, hunk headers cyan, removed lines red and added
/// lines green, and inside a changed line the characters that change in reverse video. Control
/// characters of the text are shown escaped; line endings are the terminal's.
pub fn colored(name: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let lines = Lines::of(&diff, old, new);
    let name = super::visible(name);
    let mut out = String::new();
    let mut unified = diff.unified_diff();
    unified.context_radius(CONTEXT_LINES);
    for (i, hunk) in unified.iter_hunks().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{BOLD}--- a/{name}{RESET}");
            let _ = writeln!(out, "{BOLD}+++ b/{name}{RESET}");
        }
        let _ = writeln!(out, "{CYAN}{}{RESET}", hunk.header());
        for op in hunk.ops() {
            let (old_text, new_text) = (lines.old_text(op), lines.new_text(op));
            match op {
                DiffOp::Equal { .. } => paint(&mut out, ' ', "", &[(false, old_text)]),
                DiffOp::Delete { .. } => paint(&mut out, '-', RED, &[(false, old_text)]),
                DiffOp::Insert { .. } => paint(&mut out, '+', GREEN, &[(false, new_text)]),
                DiffOp::Replace { .. } => match refine(old_text, new_text) {
                    Some(runs) => {
                        paint(&mut out, '-', RED, &side(&runs, ChangeTag::Delete));
                        paint(&mut out, '+', GREEN, &side(&runs, ChangeTag::Insert));
                    }
                    None => {
                        paint(&mut out, '-', RED, &[(false, old_text)]);
                        paint(&mut out, '+', GREEN, &[(false, new_text)]);
                    }
                },
            }
        }
    }
    out
}

/// Where each change falls, for the clerk when the diff is a plain patch: one line per place,
/// `NAME:LINE:COLUMN: …context[-removed-]{+added+}context…`, line and column (characters) of
/// the file as it is now. A line break inside a change is shown as ↵.
pub fn listing(name: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let lines = Lines::of(&diff, old, new);
    let name = super::visible(name);
    let mut out = String::new();
    for op in diff.ops() {
        let first_line = op.old_range().start + 1;
        let (old_text, new_text) = (lines.old_text(op), lines.new_text(op));
        let refined = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Replace { .. } => refine(old_text, new_text),
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => None,
        };
        match refined {
            Some(runs) => {
                for place in places(&runs, first_line) {
                    let _ = writeln!(
                        out,
                        "{name}:{}:{}: {}",
                        place.line, place.column, place.shown
                    );
                }
            }
            // Whole lines removed or added (or rewritten): each is listed as it stands.
            None => {
                for (i, line) in old_text.split_inclusive('\n').enumerate() {
                    whole_line(&mut out, &name, first_line + i, line, ChangeTag::Delete);
                }
                for line in new_text.split_inclusive('\n') {
                    whole_line(&mut out, &name, first_line, line, ChangeTag::Insert);
                }
            }
        }
    }
    out
}

/// A line removed or added as a whole; blank lines are left to the diff.
fn whole_line(out: &mut String, name: &str, line: usize, text: &str, tag: ChangeTag) {
    let text = without_line_ending(text);
    if text.trim().is_empty() {
        return;
    }
    let mut shown = String::new();
    marked(&mut shown, tag, text);
    let _ = writeln!(out, "{name}:{line}:1: {shown}");
}

/// Byte offsets of the lines of both sides of a line diff, to take an op's lines as one slice.
struct Lines<'a> {
    old: &'a str,
    new: &'a str,
    old_starts: Vec<usize>,
    new_starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn of(diff: &TextDiff<'a, 'a, str>, old: &'a str, new: &'a str) -> Lines<'a> {
        fn starts<'s>(lines: impl Iterator<Item = &'s str>) -> Vec<usize> {
            let mut at = 0;
            std::iter::once(0)
                .chain(lines.map(|line| {
                    at += line.len();
                    at
                }))
                .collect()
        }
        Lines {
            old,
            new,
            old_starts: starts(diff.iter_old_slices()),
            new_starts: starts(diff.iter_new_slices()),
        }
    }

    fn old_text(&self, op: &DiffOp) -> &'a str {
        &self.old[bytes(&self.old_starts, op.old_range())]
    }

    fn new_text(&self, op: &DiffOp) -> &'a str {
        &self.new[bytes(&self.new_starts, op.new_range())]
    }
}

fn bytes(starts: &[usize], lines: Range<usize>) -> Range<usize> {
    starts[lines.start]..starts[lines.end]
}

/// A stretch of a character diff: unchanged (text of the old side), removed, or added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run<'a> {
    tag: ChangeTag,
    text: &'a str,
}

/// The character diff of two blocks of lines, as runs; `None` when they have too little in
/// common for marks to help ([`MIN_KEPT`]) or are too long ([`REFINE_LIMIT`]). A long block is
/// diffed line by line when both sides have as many lines.
fn refine<'a>(old: &'a str, new: &'a str) -> Option<Vec<Run<'a>>> {
    let mut spans = Spans::default();
    if old.len() + new.len() <= REFINE_LIMIT {
        spans.add(old, new, 0, 0);
    } else {
        let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
        let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
        if old_lines.len() != new_lines.len() || old_lines.len() < 2 {
            return None;
        }
        let (mut at_old, mut at_new) = (0, 0);
        for (old_line, new_line) in old_lines.into_iter().zip(new_lines) {
            if old_line.len() + new_line.len() > REFINE_LIMIT {
                return None;
            }
            spans.add(old_line, new_line, at_old, at_new);
            at_old += old_line.len();
            at_new += new_line.len();
        }
    }
    if (spans.kept as f32) < MIN_KEPT * spans.total as f32 {
        return None;
    }
    Some(
        spans
            .spans
            .into_iter()
            .map(|(tag, start, end)| Run {
                tag,
                text: match tag {
                    ChangeTag::Insert => &new[start..end],
                    _ => &old[start..end],
                },
            })
            .collect(),
    )
}

/// The runs of a character diff being made, as byte ranges.
#[derive(Default)]
struct Spans {
    /// (tag, start, end) on the run's own side: the old text for unchanged and removed runs.
    spans: Vec<(ChangeTag, usize, usize)>,
    /// Characters unchanged, counted on both sides, and all characters.
    kept: usize,
    total: usize,
}

impl Spans {
    /// Add the character diff of `old` and `new`, which start at these offsets of the block.
    fn add(&mut self, old: &str, new: &str, mut at_old: usize, mut at_new: usize) {
        let diff = TextDiff::from_chars(old, new);
        for change in diff.iter_all_changes() {
            let tag = change.tag();
            let len = change.value().len();
            let start = match tag {
                ChangeTag::Equal => {
                    at_new += len;
                    self.kept += 2;
                    self.total += 2;
                    at_old
                }
                ChangeTag::Delete => {
                    self.total += 1;
                    at_old
                }
                ChangeTag::Insert => {
                    self.total += 1;
                    at_new
                }
            };
            match tag {
                ChangeTag::Insert => at_new += len,
                _ => at_old += len,
            }
            match self.spans.last_mut() {
                Some((last, _, end)) if *last == tag && *end == start => *end = start + len,
                _ => self.spans.push((tag, start, start + len)),
            }
        }
    }
}

/// One side of a refined block: the unchanged runs and those of `changed` (removed or added),
/// the latter emphasised.
fn side<'a>(runs: &[Run<'a>], changed: ChangeTag) -> Vec<(bool, &'a str)> {
    runs.iter()
        .filter(|run| run.tag == ChangeTag::Equal || run.tag == changed)
        .map(|run| (run.tag == changed, run.text))
        .collect()
}

/// Write the lines that `segments` (text, emphasised) make, each led by `sign` in `color`.
fn paint(out: &mut String, sign: char, color: &str, segments: &[(bool, &str)]) {
    let mut line: Vec<(bool, &str)> = Vec::new();
    for &(emphasised, text) in segments {
        for piece in text.split_inclusive('\n') {
            line.push((emphasised, piece));
            if piece.ends_with('\n') {
                paint_line(out, sign, color, &line);
                line.clear();
            }
        }
    }
    if !line.is_empty() {
        paint_line(out, sign, color, &line);
    }
}

fn paint_line(out: &mut String, sign: char, color: &str, segments: &[(bool, &str)]) {
    let whole: usize = segments.iter().map(|(_, text)| text.len()).sum();
    let last = segments.last().map_or("", |(_, text)| *text);
    let ending = if last.ends_with("\r\n") || (last == "\n" && ends_with_cr(segments)) {
        2
    } else {
        usize::from(last.ends_with('\n'))
    };
    // The text without the line ending, which may straddle two segments (`\r`, `\n`).
    let mut left = whole - ending;
    out.push_str(color);
    out.push(sign);
    for &(emphasised, text) in segments {
        let shown = &text[..text.len().min(left)];
        left -= shown.len();
        if shown.is_empty() {
            continue;
        }
        if emphasised {
            out.push_str(EMPHASIS_ON);
        }
        for c in shown.chars() {
            if c == '\t' {
                out.push(c);
            } else {
                super::push_visible(out, c);
            }
        }
        if emphasised {
            out.push_str(EMPHASIS_OFF);
        }
    }
    // A line break that goes or comes is invisible: a marked ↵ stands for it.
    if segments
        .last()
        .is_some_and(|&(emphasised, text)| emphasised && text.ends_with('\n'))
    {
        out.push_str(EMPHASIS_ON);
        out.push('↵');
        out.push_str(EMPHASIS_OFF);
    }
    if !color.is_empty() {
        out.push_str(RESET);
    }
    out.push('\n');
    if ending == 0 {
        out.push_str(NO_NEWLINE);
        out.push('\n');
    }
}

/// Whether the segment before a lone `\n` segment ends with `\r`.
fn ends_with_cr(segments: &[(bool, &str)]) -> bool {
    segments.len() >= 2 && segments[segments.len() - 2].1.ends_with('\r')
}

/// One place in the listing of changes.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    /// 1-based line and column (characters) of the file as it is, where the change starts.
    line: usize,
    column: usize,
    /// The change in word-diff notation, with a little unchanged text around it.
    shown: String,
}

/// The places of the changes in a refined block that starts at `first_line` (1-based). Changes
/// close together on one line are one place.
fn places(runs: &[Run], first_line: usize) -> Vec<Place> {
    let mut found = Vec::new();
    let mut open: Option<Place> = None;
    let (mut line, mut column) = (first_line, 1);
    for (i, run) in runs.iter().enumerate() {
        if run.tag == ChangeTag::Equal {
            if let Some(mut place) = open.take() {
                let next_change = i + 1 < runs.len();
                let close = !run.text.contains('\n') && run.text.chars().count() <= 2 * WINDOW;
                let room = place.shown.chars().count() < LONGEST_PLACE;
                if next_change && close && room {
                    push_context(&mut place.shown, run.text);
                    open = Some(place);
                } else {
                    place.shown.push_str(&head(run.text, next_change));
                    found.push(place);
                }
            }
        } else if open.is_none() {
            let before = match i.checked_sub(1).map(|k| runs[k]) {
                Some(previous) if previous.tag == ChangeTag::Equal => tail(previous.text, i > 1),
                _ => String::new(),
            };
            open = Some(Place {
                line,
                column,
                shown: before,
            });
        }
        if let Some(place) = open.as_mut().filter(|_| run.tag != ChangeTag::Equal) {
            marked(&mut place.shown, run.tag, run.text);
        }
        if run.tag != ChangeTag::Insert {
            for c in run.text.chars() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
        }
    }
    found.extend(open);
    found
}

/// `text` in word-diff notation: `[-removed-]` or `{+added+}`, cut in the middle when long.
fn marked(out: &mut String, tag: ChangeTag, text: &str) {
    let (open, close) = match tag {
        ChangeTag::Delete => ("[-", "-]"),
        _ => ("{+", "+}"),
    };
    out.push_str(open);
    let chars: Vec<char> = text.replace("\r\n", "\n").chars().collect();
    let mut push = |cs: &[char]| {
        for &c in cs {
            if c == '\n' {
                out.push('↵');
            } else {
                super::push_visible(out, c);
            }
        }
    };
    if chars.len() > LONGEST_CHANGE {
        push(&chars[..CHANGE_ENDS]);
        push(&['…']);
        push(&chars[chars.len() - CHANGE_ENDS..]);
    } else {
        push(&chars);
    }
    out.push_str(close);
}

/// Unchanged text between two changes of one place, as it is.
fn push_context(out: &mut String, text: &str) {
    for c in text.chars() {
        super::push_visible(out, c);
    }
}

/// The unchanged text before a change: back to the start of its line, at most [`WINDOW`]
/// characters; “…” when there is more before it on the line (`changed_before`: a change).
fn tail(text: &str, changed_before: bool) -> String {
    let line = text.rsplit('\n').next().unwrap_or(text);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let from = chars.len().saturating_sub(WINDOW);
    if from > 0 || (changed_before && line.len() == text.len()) {
        out.push('…');
    }
    push_context(&mut out, &chars[from..].iter().collect::<String>());
    out
}

/// The unchanged text after a change: up to the end of its line, at most [`WINDOW`]
/// characters; “…” when there is more after it on the line (`changed_after`: a change).
fn head(text: &str, changed_after: bool) -> String {
    let first = text.split_inclusive('\n').next().unwrap_or(text);
    let line = without_line_ending(first);
    let mut out = String::new();
    push_context(&mut out, &line.chars().take(WINDOW).collect::<String>());
    if line.chars().count() > WINDOW || (changed_after && first.len() == text.len()) {
        out.push('…');
    }
    out
}

fn without_line_ending(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(old: &str, new: &str) -> Vec<String> {
        listing("r.txt", old, new)
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_block_too_long_to_diff_whole_is_diffed_line_by_line() {
        let line = "依法行政工作稳步推进".repeat(200);
        let old = format!("{line},其一\n{line},其二\n");
        let new = format!("{line}，其一\n{line}，其二\n");
        assert!(old.len() + new.len() > REFINE_LIMIT);
        let runs = refine(&old, &new).unwrap();
        let changed: Vec<&str> = runs
            .iter()
            .filter(|r| r.tag != ChangeTag::Equal)
            .map(|r| r.text)
            .collect();
        assert_eq!(changed, [",", "，", ",", "，"]);
        // Unchanged text across the line break is one run.
        assert_eq!(runs.iter().filter(|r| r.tag == ChangeTag::Equal).count(), 3);
        // A line too long on its own is not diffed by character.
        let long = "依法行政".repeat(2000);
        assert!(refine(&format!("{long},\n"), &format!("{long}，\n")).is_none());
    }

    #[test]
    fn a_comma_in_a_long_line_is_listed_with_a_little_context() {
        let before = "甲".repeat(150);
        let after = "乙".repeat(150);
        let old = format!("标题\n{before}依法行政,推进{after}\n");
        let new = format!("标题\n{before}依法行政，推进{after}\n");
        assert_eq!(
            shown(&old, &new),
            vec!["r.txt:2:155: …甲甲甲甲依法行政[-,-]{+，+}推进乙乙乙乙乙乙…"]
        );
    }

    #[test]
    fn changes_close_together_are_one_place_and_far_apart_two() {
        let old = "关于 2024 年度的报告，共计十二个部门参加了本次会议 3 次\n";
        let new = "关于2024年度的报告，共计十二个部门参加了本次会议3次\n";
        assert_eq!(
            shown(old, new),
            vec![
                "r.txt:1:3: 关于[- -]2024[- -]年度的报告，共计…",
                "r.txt:1:29: …门参加了本次会议[- -]3[- -]次",
            ]
        );
    }

    #[test]
    fn joined_lines_show_the_breaks_removed() {
        let old = "公示执法\n\n信息2146条。\n";
        let new = "公示执法信息2146条。\n";
        assert_eq!(
            shown(old, new),
            vec!["r.txt:1:5: 公示执法[-↵↵-]信息2146条。"]
        );
    }

    #[test]
    fn whole_lines_removed_are_listed_as_they_stand_and_blank_ones_left_out() {
        let old = "当前位置：首页>>正文\n\n标题\n";
        let new = "标题\n";
        assert_eq!(shown(old, new), vec!["r.txt:1:1: [-当前位置：首页>>正文-]"]);
    }

    #[test]
    fn a_rewritten_line_is_not_marked_character_by_character() {
        assert_eq!(refine("完全不同的一句话\n", "另外写的内容啊\n"), None);
        assert!(refine("依法行政,推进\n", "依法行政，推进\n").is_some());
    }

    #[test]
    fn colour_emphasises_only_the_changed_characters() {
        let out = colored("r.txt", "一\n依法行政,推进\n", "一\n依法行政，推进\n");
        assert!(
            out.starts_with(&format!("{BOLD}--- a/r.txt{RESET}\n")),
            "{out:?}"
        );
        assert!(
            out.contains(&format!(
                "{RED}-依法行政{EMPHASIS_ON},{EMPHASIS_OFF}推进{RESET}\n{GREEN}+依法行政{EMPHASIS_ON}，{EMPHASIS_OFF}推进{RESET}\n"
            )),
            "{out:?}"
        );
        assert!(out.contains(" 一\n"), "{out:?}");
    }

    #[test]
    fn colour_keeps_crlf_and_a_missing_final_newline_apart_from_the_text() {
        let out = colored("r.txt", "甲 乙\r\n丙", "甲乙\r\n丙");
        assert!(
            out.contains(&format!("{RED}-甲{EMPHASIS_ON} {EMPHASIS_OFF}乙{RESET}\n")),
            "{out:?}"
        );
        assert!(!out.contains("\\r"), "{out:?}");
        let out = colored("r.txt", "甲 乙", "甲乙");
        assert!(out.contains(&format!("{RESET}\n{NO_NEWLINE}\n")), "{out:?}");
    }

    #[test]
    fn the_plain_diff_is_unchanged_by_the_marks() {
        let diff = unified("r.txt", "一\n依法行政,推进\n", "一\n依法行政，推进\n");
        assert_eq!(
            diff,
            "--- a/r.txt\n+++ b/r.txt\n@@ -1,2 +1,2 @@\n 一\n-依法行政,推进\n+依法行政，推进\n"
        );
    }
}
