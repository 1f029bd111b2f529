//! The fix engine's round trip on report-shaped text (plain text and Markdown) full of
//! addresses, e-mail addresses, file names, code, numbers, brackets and Han characters.
//!
//! With every rule but `paste-artifact`: the Han characters, and the letters and digits
//! (full-width ones counted as their half-width forms), are exactly those of the input, in
//! order; each address, e-mail address, file name, code span and number put in is still there,
//! character for character, in order.
//!
//! `paste-artifact` deletes web debris on purpose, whole lines of it: alone, it leaves the
//! input's lines with some of them left out, each kept line as it was. With every rule, the
//! Han characters are the input's with some of its lines left out, and each protected piece
//! that `paste-artifact` alone keeps is still there, in order.
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

/// The pieces found in `out` in order, those not found left out.
fn kept(protected: &[String], out: &str) -> Vec<String> {
    let mut at = 0;
    let mut kept = Vec::new();
    for piece in protected {
        if let Some(i) = out[at..].find(piece.as_str()) {
            at += i + piece.len();
            kept.push(piece.clone());
        }
    }
    kept
}

/// Whether `out`'s lines are `input`'s with some left out (line ends, of any kind, and blank
/// lines aside).
fn whole_lines_left_out(input: &str, out: &str) -> bool {
    let lines = |text: &str| -> Vec<String> {
        text.split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut kept = lines(input).into_iter();
    lines(out).iter().all(|line| kept.any(|l| l == *line))
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
    let protected = if all_rules {
        let debris_gone = fix(text, markdown, only_debris_rule()).text;
        if !whole_lines_left_out(text, &debris_gone) {
            return Err(format!(
                "paste-artifact alone changed more than whole lines: {debris_gone:?}"
            ));
        }
        kept(protected, &debris_gone)
    } else {
        protected.to_vec()
    };
    let fixed = fix(text, markdown, settings);
    let out = &fixed.text;
    if let Some(piece) = missing(&protected, out) {
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
