//! `check --baseline FILE` and `check --write-baseline FILE`.

use super::EXIT_TROUBLE;
use super::args::CheckArgs;
use super::check::display_name;
use super::check::relative_path;
use draftlint::FileReport;
use draftlint::baseline::Baseline;
use draftlint::render::{self, Failure};
use std::path::{Component, Path, PathBuf};

/// What the baseline options did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No baseline written (none asked for, or only read).
    Nothing,
    /// `--write-baseline` recorded the findings: the run succeeds.
    Written,
    /// The baseline could not be written.
    Failed,
}

fn fail(path: &Path, reason: String, color: bool) {
    eprint!(
        "{}",
        render::text::render_failure(
            &Failure {
                path: display_name(path),
                reason
            },
            color
        )
    );
}

/// Record the findings (`--write-baseline`), then hide the recorded ones (`--baseline`).
/// `Err` carries the exit code when the baseline to read is unusable.
pub fn apply(
    args: &CheckArgs,
    reports: &mut [FileReport],
    failures: &[Failure],
    color: bool,
) -> Result<Outcome, u8> {
    let mut outcome = Outcome::Nothing;
    if let Some(path) = &args.write_baseline {
        if failures.is_empty() {
            let keys = Keys::new(path);
            let baseline = Baseline::record(reports, |name| keys.key(name));
            match std::fs::write(path, baseline.to_json()) {
                Ok(()) => {
                    eprintln!(
                        "已把 {} 个问题记录到基线 {}；以后加上 --baseline {} 只报告新问题。",
                        baseline.len(),
                        display_name(path),
                        display_name(path)
                    );
                    outcome = Outcome::Written;
                }
                Err(e) => {
                    fail(
                        path,
                        format!(
                            "无法写入基线文件：{}",
                            draftlint::input::describe_io_error(&e)
                        ),
                        color,
                    );
                    outcome = Outcome::Failed;
                }
            }
        } else {
            fail(
                path,
                format!(
                    "有 {} 个文件无法检查，未写入基线（否则这些文件的问题以后会被当作新问题）",
                    failures.len()
                ),
                color,
            );
            outcome = Outcome::Failed;
        }
    }
    if let Some(baseline) = read(args, color)? {
        let hidden: usize = reports.iter_mut().map(|r| baseline.filter(r)).sum();
        report_hidden(args, hidden);
    }
    Ok(outcome)
}

/// A baseline read from its file, with the way its files are named.
pub struct Loaded {
    baseline: Baseline,
    keys: Keys,
}

impl Loaded {
    /// Hide the findings the baseline records for this report's file; how many were hidden.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        let key = self.keys.key(&report.source.name);
        self.baseline.filter(report, &key)
    }
}

/// How a baseline names the files it records: by their path from the baseline's folder, so
/// that it applies from any working folder (`cd drafts && draftlint check --baseline
/// ../base.json 2023.txt` finds what was recorded as `drafts/2023.txt`). Standard input, and a
/// file on another drive, keep the name shown.
pub struct Keys {
    /// The working folder and the baseline's folder, both absolute.
    folders: Option<(PathBuf, PathBuf)>,
}

impl Keys {
    pub fn new(baseline: &Path) -> Keys {
        let folders = std::env::current_dir().ok().map(|cwd| {
            let folder = lexical(&cwd.join(baseline.parent().unwrap_or(Path::new(""))));
            (cwd, folder)
        });
        Keys { folders }
    }

    /// The key of a file shown as `name` (the path as given, or `<stdin>`).
    pub fn key(&self, name: &str) -> String {
        let Some((cwd, folder)) = &self.folders else {
            return name.to_string();
        };
        if name == "<stdin>" {
            return name.to_string();
        }
        relative_path(&lexical(&cwd.join(name)), folder)
            .map(|path| path.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|| name.to_string())
    }
}

/// `path` with its `.` and `..` components resolved by name (symbolic links are not followed).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(part);
                }
            }
            _ => out.push(part),
        }
    }
    out
}

/// The baseline of `--baseline`, if one was given. `Err` carries the exit code when it is
/// unusable (already reported).
pub fn read(args: &CheckArgs, color: bool) -> Result<Option<Loaded>, u8> {
    let Some(path) = &args.baseline else {
        return Ok(None);
    };
    let baseline = std::fs::read_to_string(path)
        .map_err(|e| draftlint::input::describe_io_error(&e))
        .and_then(|text| Baseline::parse(&text));
    match baseline {
        Ok(baseline) => Ok(Some(Loaded {
            baseline,
            keys: Keys::new(path),
        })),
        Err(reason) => {
            fail(path, format!("基线文件无法使用：{reason}"), color);
            Err(EXIT_TROUBLE)
        }
    }
}

/// Say how many recorded findings the baseline hid.
pub fn report_hidden(args: &CheckArgs, hidden: usize) {
    if let (Some(path), true) = (&args.baseline, hidden > 0) {
        eprintln!(
            "基线 {} 中已记录的 {hidden} 个问题未显示。",
            display_name(path)
        );
    }
}
