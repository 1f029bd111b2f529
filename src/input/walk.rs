//! Expanding the paths given on the command line into the documents to check.

use std::path::{Path, PathBuf};

/// File extensions checked when walking a folder.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "pdf"];

/// A path on the command line that yields nothing to check, or a file in a folder walked that
/// is not checked (a format draftlint cannot read: [`super::unreadable`]).
#[derive(Debug, Clone)]
pub struct WalkError {
    pub path: PathBuf,
    pub reason: String,
}

/// What walking the paths of a run found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The documents to check, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked: the run fails.
    pub errors: Vec<WalkError>,
    /// Files in the folders walked that look like documents draftlint cannot read: listed,
    /// counted, and not a failure.
    pub skipped: Vec<WalkError>,
}

/// The ignore file of draftlint: gitignore syntax, read in every folder walked (and its parents
/// for `--force-exclude`).
pub const IGNORE_FILE_NAME: &str = ".draftlintignore";

/// Whether a `.draftlintignore` in the file's folder or a folder above it leaves the file out
/// (the nearest file that says anything about it decides, as git does).
pub fn draftlint_ignores(file: &Path) -> bool {
    let file = crate::identity::absolute(file);
    for dir in file.ancestors().skip(1) {
        let ignore_file = dir.join(IGNORE_FILE_NAME);
        if !ignore_file.is_file() {
            continue;
        }
        let mut builder = ignore::gitignore::GitignoreBuilder::new(dir);
        if builder.add(&ignore_file).is_some() {
            continue;
        }
        let Ok(matcher) = builder.build() else {
            continue;
        };
        match matcher.matched_path_or_any_parents(&file, false) {
            ignore::Match::Ignore(_) => return true,
            ignore::Match::Whitelist(_) => return false,
            ignore::Match::None => {}
        }
    }
    false
}

/// Files named directly are always checked; folders are walked (respecting .gitignore, hidden
/// files and Word's `~$` lock files skipped) for report files. Symbolic links are followed
/// while they stay inside the folder walked; a link that leads out of it is skipped (neither
/// checked nor fixed nor shown) unless `follow_outside`; a link that loops back to a folder
/// above it is reported and not entered. Returned in sorted order, each file once however often
/// and however it is named (the first name is kept: [`crate::identity::without_repeats`]).
pub fn collect_paths(inputs: &[PathBuf], follow_outside: bool) -> Walked {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => errors.push(WalkError {
                path: input.clone(),
                reason: super::describe_io_error(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk_dir(input, follow_outside, &mut files, &mut errors, &mut skipped);
                files[before..].sort();
                if files.len() == before {
                    errors.push(WalkError {
                        path: input.clone(),
                        reason: format!(
                            "文件夹中没有可检查的报告（{}）",
                            REPORT_EXTENSIONS
                                .iter()
                                .map(|e| format!(".{e}"))
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    });
                }
            }
            Ok(_) => files.push(input.clone()),
        }
    }
    let mut files = crate::identity::without_repeats(files);
    files.sort();
    skipped.sort_by(|a: &WalkError, b| a.path.cmp(&b.path));
    skipped.dedup_by(|a, b| a.path == b.path);
    Walked {
        files,
        errors,
        skipped,
    }
}

/// The ignore files the walker reads in each folder (and in the folders above the root).
const IGNORE_FILES: &[&str] = &[
    ".gitignore",
    ".ignore",
    IGNORE_FILE_NAME,
    ".git/info/exclude",
];

/// An ignore file in `dir` that is there but is not a regular file (a FIFO would block the
/// walk for ever, a device never end).
fn irregular_ignore_file(dir: &Path) -> Option<PathBuf> {
    IGNORE_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()))
}

fn irregular_ignore_error(path: PathBuf) -> WalkError {
    WalkError {
        path,
        reason: "忽略规则文件不是普通文件（管道、设备或套接字），未读取，它所在的文件夹未检查"
            .to_string(),
    }
}

fn walk_dir(
    dir: &Path,
    follow_outside: bool,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
    unreadable: &mut Vec<WalkError>,
) {
    // The walker reads the ignore files of the root and of the folders above it first.
    let absolute = crate::identity::absolute(dir);
    if let Some(bad) = absolute.ancestors().find_map(irregular_ignore_file) {
        errors.push(irregular_ignore_error(bad));
        return;
    }
    let mut builder = ignore::WalkBuilder::new(dir);
    let skipped = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let root = (!follow_outside)
        .then(|| crate::identity::canonical(dir).ok())
        .flatten();
    {
        let skipped = skipped.clone();
        builder.filter_entry(move |entry| {
            // A folder with an ignore file that would block is not entered.
            if entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && let Some(bad) = irregular_ignore_file(entry.path())
            {
                if let Ok(mut skipped) = skipped.lock() {
                    skipped.push(bad);
                }
                return false;
            }
            // Only links need a look: what is not reached through a link is inside the root,
            // and a folder reached through a link inside the root has its own links looked at.
            let Some(root) = &root else {
                return true;
            };
            entry.depth() == 0
                || !entry.path_is_symlink()
                || crate::identity::canonical(entry.path())
                    .map_or(true, |target| target.starts_with(root))
        });
    }
    let walker = builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE_NAME)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if !is_file || super::unreadable::is_lock_file(path) {
                    continue;
                }
                let is_report = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if is_report {
                    files.push(path.to_path_buf());
                } else if let Some(reason) = super::unreadable::reason(path) {
                    unreadable.push(WalkError {
                        path: path.to_path_buf(),
                        reason: reason.to_string(),
                    });
                }
            }
            Err(err) => errors.push(describe_walk_error(dir, &err)),
        }
    }
    if let Ok(mut skipped) = skipped.lock() {
        errors.extend(skipped.drain(..).map(irregular_ignore_error));
    }
}

/// A walking error in Chinese, naming the path it happened at.
fn describe_walk_error(dir: &Path, err: &ignore::Error) -> WalkError {
    match err {
        ignore::Error::WithPath { path, err } => match err.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::NotFound => WalkError {
                path: path.clone(),
                reason: "符号链接指向的文件或文件夹不存在".to_string(),
            },
            _ => WalkError {
                path: path.clone(),
                ..describe_walk_error(dir, err)
            },
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(dir, err)
        }
        ignore::Error::Loop { ancestor, child } => WalkError {
            path: child.clone(),
            reason: format!(
                "符号链接形成循环（指回上级文件夹 {}），已跳过",
                ancestor.display()
            ),
        },
        ignore::Error::Io(io) => WalkError {
            path: dir.to_path_buf(),
            reason: format!("遍历文件夹时出错：{}", super::describe_io_error(io)),
        },
        other => WalkError {
            path: dir.to_path_buf(),
            reason: format!("遍历文件夹时出错（{other}）"),
        },
    }
}
