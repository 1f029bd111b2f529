//! The fix engine's round trip on report-shaped text (plain text and Markdown) full of
//! addresses, e-mail addresses, file names, code, numbers, brackets and Han characters.
//!
//! With every rule but `paste-artifact`: the Han characters, and the letters and digits
//! (full-width ones counted as their half-width forms), are exactly those of the input, in
//! order; each address, e-mail address, file name, code span and number put in is still there,
//! character for character, in order.
//!
//! `paste-artifact` deletes web debris on purpose (lines of it, and debris inside a line such
//! as commas a converter inserted): alone, it only deletes. With every rule, the Han
//! characters, letters and digits are the input's with some of its lines left out, and each
//! protected piece is still there, in order, unless it is on a line that can have been left
//! out whole.
//!
//! Either way, fixing the fixed text again changes nothing.

use crate::Outcome;
use crate::report::report;
use arbitrary::Unstructured;
use draftlint::config::Overrides;
use draftlint::config::Settings;
use draftlint::fix::Fixed;
use draftlint::input::{self, ReadOptions};
use draftlint::prose::chars::{half_width_alnum, is_han};
use draftlint::source::{Format, Source};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn without_debris_rule() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let overrides = Overrides {
            ignore: ["paste-artifact".to_string()].into(),
            ..Overrides::default()
        };
        Settings::resolve(None, None, &overrides)
    })
}

fn only_debris_rule() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let overrides = Overrides {
            select: Some(["paste-artifact".to_string()].into()),
            ..Overrides::default()
        };
        Settings::resolve(None, None, &overrides)
    })
}

fn fix(text: &str, markdown: bool, settings: &Settings) -> Fixed {
    if markdown {
        // As `check --fix` does for a Markdown file.
        draftlint::fix::fix_with(text.to_string(), settings, |raw| {
            let loaded = input::read_markdown(raw);
            Source::with_origin("p.md", loaded.text, loaded.origin)
        })
    } else {
        draftlint::fix::fix(Source::new("p.txt", text.to_string()), settings)
    }
}

fn han(text: &str) -> Vec<char> {
    text.chars().filter(|&c| is_han(c)).collect()
}

fn letters_and_digits(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| half_width_alnum(c).unwrap_or(c))
        .filter(|c| c.is_alphanumeric() && !is_han(*c))
        .collect()
}

/// The first protected piece not found, in order, in `out`.
fn missing<'a>(protected: &'a [String], out: &str) -> Option<&'a str> {
    let mut at = 0;
    for piece in protected {
        match out[at..].find(piece.as_str()) {
            Some(i) => at += i + piece.len(),
            None => return Some(piece),
        }
    }
    None
}

/// Significant characters (Han, letters, digits; full-width folded).
fn significant(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| half_width_alnum(c).unwrap_or(c))
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The lines of `input` (split at any line end) that can be left out for `out`'s significant
/// characters to be the input's with whole lines left out; `None` when they cannot.
fn removable_lines(input: &str, out: &str) -> Option<Vec<bool>> {
    let target = significant(out);
    let lines: Vec<Vec<char>> = input.split(['\n', '\r']).map(significant).collect();
    // forward[i]: where in `target` the lines before i can end.
    let mut forward = vec![BTreeSet::from([0usize])];
    for line in &lines {
        let mut next = forward.last().expect("one set per line").clone();
        for &at in forward.last().expect("one set per line") {
            if target[at..].starts_with(line) {
                next.insert(at + line.len());
            }
        }
        forward.push(next);
    }
    if !forward[lines.len()].contains(&target.len()) {
        return None;
    }
    // backward[i]: where in `target` the lines from i on can start.
    let mut backward = vec![BTreeSet::from([target.len()]); lines.len() + 1];
    for i in (0..lines.len()).rev() {
        let mut here = backward[i + 1].clone();
        for &end in &backward[i + 1] {
            if end >= lines[i].len() && target[..end].ends_with(&lines[i]) {
                here.insert(end - lines[i].len());
            }
        }
        backward[i] = here;
    }
    Some(
        (0..lines.len())
            .map(|i| forward[i].intersection(&backward[i + 1]).next().is_some())
            .collect(),
    )
}

/// The first protected piece not in `out`, in order, except those on a line of `input` that
/// can have been left out whole.
fn missing_from_kept_lines<'a>(
    protected: &'a [String],
    input: &str,
    out: &str,
    removable: &[bool],
) -> Option<&'a str> {
    let (mut at, mut from) = (0, 0);
    for piece in protected {
        let Some(found) = input[from..].find(piece.as_str()).map(|i| from + i) else {
            return Some(piece);
        };
        from = found + piece.len();
        // A piece on a line that can be gone is not looked for: its text may be elsewhere too.
        if removable[input[..found].matches(['\n', '\r']).count()] {
            continue;
        }
        match out[at..].find(piece.as_str()) {
            Some(i) => at += i + piece.len(),
            None => return Some(piece),
        }
    }
    None
}

/// Whether `out` is `input` with some characters deleted.
fn only_deleted(input: &str, out: &str) -> bool {
    let mut kept = input.chars();
    out.chars().all(|c| kept.any(|k| k == c))
}

/// Whether `out`'s Han characters are `input`'s with whole lines of it left out.
fn han_by_whole_lines(input: &str, out: &str) -> bool {
    let target = han(out);
    let mut reachable = BTreeSet::from([0usize]);
    for line in input.split(['\n', '\r']) {
        let line = han(line);
        if line.is_empty() {
            continue;
        }
        let mut next = reachable.clone();
        for &at in &reachable {
            if target[at..].starts_with(&line) {
                next.insert(at + line.len());
            }
        }
        reachable = next;
    }
    reachable.contains(&target.len())
}

fn check(text: &str, protected: &[String], markdown: bool, all_rules: bool) -> Outcome {
    let settings = if all_rules {
        &Settings::default()
    } else {
        without_debris_rule()
    };
    let mode = if all_rules {
        "every rule"
    } else {
        "without paste-artifact"
    };
    if all_rules {
        let debris_gone = fix(text, markdown, only_debris_rule()).text;
        if !only_deleted(text, &debris_gone) {
            return Err(format!(
                "paste-artifact alone did more than delete: {debris_gone:?}"
            ));
        }
    }
    let fixed = fix(text, markdown, settings);
    let out = &fixed.text;
    let lost = if all_rules {
        let Some(removable) = removable_lines(text, out) else {
            return Err(format!(
                "{mode}: letters, digits or Han characters changed other than by whole lines: {out:?}"
            ));
        };
        missing_from_kept_lines(protected, text, out, &removable)
    } else {
        missing(protected, out)
    };
    if let Some(piece) = lost {
        return Err(format!("{mode}: {piece:?} changed: {out:?}"));
    }
    if all_rules {
        if !han_by_whole_lines(text, out) {
            return Err(format!(
                "{mode}: Han characters changed other than by whole lines: {out:?}"
            ));
        }
    } else {
        if han(out) != han(text) {
            return Err(format!("{mode}: Han characters changed: {out:?}"));
        }
        if letters_and_digits(out) != letters_and_digits(text) {
            return Err(format!("{mode}: letters or digits changed: {out:?}"));
        }
    }
    let again = fix(out, markdown, settings);
    if again.text != *out {
        return Err(format!(
            "{mode}: fixing twice changes the text again ({} fixes): {out:?} -> {:?}",
            again.total(),
            again.text
        ));
    }
    Ok(())
}

pub fn run(u: &mut Unstructured) -> Outcome {
    let markdown = u.arbitrary::<bool>().unwrap_or(false);
    let Ok(generated) = report(u, markdown) else {
        return Ok(());
    };
    // A file the reader refuses (control characters: binary) is not fixed at all.
    if markdown
        && input::load(
            generated.text.as_bytes(),
            Format::Markdown,
            ReadOptions::default(),
        )
        .is_err()
    {
        return Ok(());
    }
    crate::show("markdown", &markdown);
    crate::show("text", &generated.text);
    crate::show("protected", &generated.protected);
    check(&generated.text, &generated.protected, markdown, false)?;
    check(&generated.text, &generated.protected, markdown, true)
}
