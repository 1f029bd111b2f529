//! Expanding the paths given on the command line into the documents to check.

use std::path::{Path, PathBuf};

/// File extensions checked when walking a folder.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// A path on the command line that yields nothing to check.
#[derive(Debug, Clone)]
pub struct WalkError {
    pub path: PathBuf,
    pub reason: String,
}

/// Files named directly are always checked; folders are walked (respecting .gitignore, hidden
/// files skipped) for report files. Returned in sorted order, without duplicates.
pub fn collect_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => errors.push(WalkError {
                path: input.clone(),
                reason: super::describe_io_error(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk_dir(input, &mut files, &mut errors);
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
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let is_report = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if is_file && is_report {
                    files.push(path.to_path_buf());
                }
            }
            Err(err) => errors.push(WalkError {
                path: dir.to_path_buf(),
                reason: format!("遍历文件夹时出错（{err}）"),
            }),
        }
    }
}
