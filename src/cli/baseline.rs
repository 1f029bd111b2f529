//! `check --baseline FILE` and `check --write-baseline FILE`.

use super::EXIT_TROUBLE;
use draftlint::baseline::Baseline;
use draftlint::identity::{self, FileId, relative_path, slashes};
use draftlint::render::{self, Action, Failure};
use draftlint::{FileReport, Source};
use std::path::{Path, PathBuf};

/// What recording a baseline did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `--write-baseline` recorded the findings: the run succeeds.
    Written,
    /// The baseline could not be written.
    Failed,
}

fn fail(action: Action, path: &Path, reason: String, color: bool) {
    eprint!(
        "{}",
        render::text::render_failure(
            &Failure::new(action, identity::display(path), reason),
            color
        )
    );
}

/// Record the findings of a run in the baseline at `path` (`--write-baseline`): the run
/// succeeds, unless some file could not be checked or the baseline cannot be written.
pub fn record(path: &Path, reports: &[FileReport], failures: &[Failure], color: bool) -> Outcome {
    let unreadable = render::Unchecked::of(failures).unreadable;
    if unreadable > 0 {
        fail(
            Action::Write,
            path,
            format!(
                "有 {unreadable} 个文件无法检查，未写入基线（否则这些文件的问题以后会被当作新问题）"
            ),
            color,
        );
        return Outcome::Failed;
    }
    let keys = Keys::new(path);
    let baseline = Baseline::record(reports, |report| keys.key(&report.source));
    let written = writable_target(path, reports).and_then(|()| {
        super::output::write_atomically(path, baseline.to_json().as_bytes())
            .map_err(|e| draftlint::input::describe_write_error(&e))
    });
    match written {
        Ok(()) => {
            eprintln!(
                "已把 {} 个问题记录到基线 {}；以后加上 --baseline {} 只报告新问题。",
                baseline.len(),
                render::visible(&identity::display(path)),
                render::visible(&identity::display(path))
            );
            Outcome::Written
        }
        Err(reason) => {
            fail(Action::Write, path, reason, color);
            Outcome::Failed
        }
    }
}

/// Whether `--write-baseline` may put a baseline at `path`: not one of the files checked,
/// and not an existing file that is something else than a baseline (an empty file is
/// nothing lost). The reason is Chinese; nothing has been written.
fn writable_target(path: &Path, reports: &[FileReport]) -> Result<(), String> {
    if let Ok(target) = FileId::of(path)
        && reports
            .iter()
            .any(|r| r.source.file_id().as_ref() == Some(&target))
    {
        return Err("这是正在检查的文件之一，不能用作基线文件，未写入".to_string());
    }
    // A dangling link is replaced, not written through (the rename replaces the link).
    if !path.exists() {
        return Ok(());
    }
    let text = draftlint::input::read_small_text(path, draftlint::input::MAX_BASELINE_SIZE)
        .map_err(|reason| format!("已有同名文件，无法确认它是基线文件（{reason}），未覆盖"))?;
    if text.trim().is_empty() || Baseline::recognise(&text) {
        Ok(())
    } else {
        Err("已有同名文件且不是基线文件，未覆盖（请换一个文件名，或先删除它）".to_string())
    }
}

/// A baseline read from its file, with the way its files are named.
pub struct Loaded {
    path: PathBuf,
    baseline: Baseline,
    keys: Keys,
}

impl Loaded {
    /// Hide the findings the baseline records for this report's file; how many were hidden.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        let keys = self.keys.candidates(&report.source);
        self.baseline.filter(report, &keys)
    }

    /// Say how many recorded findings the baseline hid.
    pub fn report_hidden(&self, hidden: usize) {
        if hidden > 0 {
            eprintln!(
                "基线 {} 中已记录的 {hidden} 个问题未显示。",
                identity::display(&self.path)
            );
        }
    }
}

/// How a baseline names the files it records: by their path from the baseline's folder, with
/// symbolic links resolved in both, so that it applies from any working folder and however the
/// file is named (`cd drafts && draftlint check --baseline ../base.json 2023.txt` finds what
/// was recorded for `drafts/2023.txt`, `./drafts/2023.txt`, `/abs/drafts/2023.txt` or a link to
/// it). Standard input, and a file on another drive, keep the name shown.
pub struct Keys {
    /// The baseline's folder, symbolic links resolved.
    folder: Option<PathBuf>,
    /// The baseline's folder as named (absolute, normalised): the keys of baselines written
    /// before links were resolved.
    named_folder: PathBuf,
}

impl Keys {
    pub fn new(baseline: &Path) -> Keys {
        let parent = baseline
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Keys {
            folder: identity::canonical(parent).ok(),
            named_folder: identity::absolute(parent),
        }
    }

    /// The key a file is recorded under.
    pub fn key(&self, source: &Source) -> String {
        self.candidates(source).swap_remove(0)
    }

    /// The keys a file may be recorded under, the one recorded today first: its path from the
    /// baseline's folder with links resolved, then as named, then the name shown (baselines
    /// written by name).
    fn candidates(&self, source: &Source) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(path) = &source.path {
            let resolved = self
                .folder
                .as_ref()
                .zip(identity::canonical(path).ok())
                .and_then(|(folder, file)| relative_path(&file, folder));
            let named = relative_path(path, &self.named_folder);
            keys.extend(resolved.into_iter().chain(named).map(|p| slashes(&p)));
        }
        keys.push(source.name.clone());
        keys.dedup();
        keys
    }
}

/// The baseline of `--baseline`, if one was given. `Err` carries the exit code when it is
/// unusable (already reported).
pub fn read(path: Option<&Path>, color: bool) -> Result<Option<Loaded>, u8> {
    let Some(path) = path else {
        return Ok(None);
    };
    let baseline = draftlint::input::read_small_text(path, draftlint::input::MAX_BASELINE_SIZE)
        .map_err(|reason| (Action::Read, reason))
        .and_then(|text| Baseline::parse(&text).map_err(|e| (Action::Parse, e)));
    match baseline {
        Ok(baseline) => Ok(Some(Loaded {
            path: path.to_path_buf(),
            baseline,
            keys: Keys::new(path),
        })),
        Err((action, reason)) => {
            fail(action, path, format!("基线文件无法使用：{reason}"), color);
            Err(EXIT_TROUBLE)
        }
    }
}
