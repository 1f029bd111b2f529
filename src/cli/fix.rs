//! `check --fix` and `check --diff`: apply the safe fixes to files, atomically, or show them.

use super::check::display_name;
use draftlint::config::Settings;
use draftlint::input;
use draftlint::render::Failure;
use draftlint::{FileReport, Source};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed text back to the file.
    Write,
    /// Print a unified diff; write nothing.
    Diff,
}

/// What fixing one file did.
pub struct Note {
    pub name: String,
    pub counts: BTreeMap<&'static str, usize>,
    /// The unified diff (`Mode::Diff`), empty when nothing changes.
    pub diff: String,
}

impl Note {
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// Fix one file. A file that cannot be read or decoded is a failure and is never written.
pub fn fix_file(
    path: &Path,
    settings: &Settings,
    mode: Mode,
) -> Result<(FileReport, Note), Failure> {
    let name = display_name(path);
    let fail = |reason: String| Failure {
        path: name.clone(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| fail(input::describe_io_error(&e)))?;
    let original = input::decode(&bytes).map_err(|e| fail(e.reason))?;
    let fixed = draftlint::fix::fix(Source::new(name.clone(), original.clone()), settings);
    let new_text = &fixed.report.source.text;
    let mut diff = String::new();
    if *new_text != original {
        match mode {
            Mode::Write => {
                let mut out = Vec::with_capacity(new_text.len() + 3);
                if bytes.starts_with(BOM) {
                    out.extend_from_slice(BOM);
                }
                out.extend_from_slice(new_text.as_bytes());
                write_atomically(path, &bytes, &out)
                    .map_err(|e| fail(format!("无法写入修正结果，文件未改动：{e}")))?;
            }
            Mode::Diff => {
                diff = similar::TextDiff::from_lines(original.as_str(), new_text.as_str())
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
                if !diff.ends_with('\n') {
                    diff.push('\n');
                }
            }
        }
    }
    Ok((
        fixed.report,
        Note {
            name,
            counts: fixed.counts,
            diff,
        },
    ))
}

/// Replace `path`'s content by `bytes`: a temporary file in the same folder, the original's
/// permissions, then a rename. Refuses read-only files and files changed since they were read.
fn write_atomically(path: &Path, read: &[u8], bytes: &[u8]) -> Result<(), String> {
    let describe = |e: io::Error| input::describe_io_error(&e);
    let target = std::fs::canonicalize(path).map_err(describe)?;
    let metadata = std::fs::metadata(&target).map_err(describe)?;
    if metadata.permissions().readonly() {
        return Err("文件是只读的".to_string());
    }
    if std::fs::read(&target).map_err(describe)? != read {
        return Err("文件在检查期间被其他程序修改".to_string());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".draftlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(describe)?;
    temp.write_all(bytes).map_err(describe)?;
    temp.as_file().sync_all().map_err(describe)?;
    std::fs::set_permissions(temp.path(), metadata.permissions()).map_err(describe)?;
    temp.persist(&target).map_err(|e| describe(e.error))?;
    Ok(())
}

fn counts_text(note: &Note) -> String {
    note.counts
        .iter()
        .map(|(rule, n)| format!("{rule} {n} 处"))
        .collect::<Vec<_>>()
        .join("，")
}

/// What was fixed, in Chinese: one line per changed file.
pub fn summary(notes: &[Note], mode: Mode) -> String {
    let mut out = String::new();
    for note in notes.iter().filter(|n| n.total() > 0) {
        let verb = match mode {
            Mode::Write => "已修正",
            Mode::Diff => "可修正",
        };
        let _ = writeln!(
            out,
            "{verb} {}：共 {} 处（{}）",
            note.name,
            note.total(),
            counts_text(note)
        );
    }
    let files = notes.iter().filter(|n| n.total() > 0).count();
    if files == 0 {
        out.push_str("没有可自动修正的问题。\n");
    } else if mode == Mode::Diff {
        let _ = writeln!(out, "以上修改没有写入文件；用 --fix 写入。");
    }
    out
}
