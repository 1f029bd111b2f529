//! Expanding `--corpus` and `corpus = [...]` glob patterns into reference documents.

use super::walk::WalkError;
use globset::Glob;
use std::path::{Path, PathBuf};

/// Files matching each (folder, pattern), each file once however it is named; a pattern relative
/// to its folder. A pattern that
/// matches nothing is an error: a mistyped archive path would otherwise silently disable the
/// comparison.
pub fn expand(patterns: &[(PathBuf, String)]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (base, pattern) in patterns {
        let before = files.len();
        match Glob::new(pattern) {
            Err(e) => errors.push(WalkError {
                path: PathBuf::from(pattern),
                reason: format!("参考文件的 glob 模式无效：{}", e.kind()),
            }),
            Ok(glob) => {
                let matcher = glob.compile_matcher();
                let root = base.join(literal_prefix(pattern));
                if root.is_file() {
                    files.push(root);
                } else {
                    let walker = ignore::WalkBuilder::new(&root)
                        .standard_filters(false)
                        .follow_links(false)
                        .build();
                    for entry in walker.flatten() {
                        let path = entry.path();
                        let relative = path.strip_prefix(base).unwrap_or(path);
                        let relative = relative.strip_prefix("./").unwrap_or(relative);
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && matcher.is_match(relative)
                        {
                            files.push(path.to_path_buf());
                        }
                    }
                }
            }
        }
        if files.len() == before {
            errors.push(WalkError {
                path: base.join(pattern),
                reason: "参考文件模式没有匹配到任何文件".to_string(),
            });
        }
    }
    files.sort();
    (crate::identity::without_repeats(files), errors)
}

/// The leading folders of a pattern that contain no wildcard.
fn literal_prefix(pattern: &str) -> PathBuf {
    let mut prefix = PathBuf::new();
    for part in Path::new(pattern).components() {
        let text = part.as_os_str().to_string_lossy();
        if text.contains(['*', '?', '[', '{']) {
            break;
        }
        prefix.push(part);
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_patterns_relative_to_their_folder() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("archive/2021")).unwrap();
        std::fs::write(dir.path().join("archive/2021/a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("archive/2021/b.pdf"), "x").unwrap();
        let (files, errors) = expand(&[(dir.path().to_path_buf(), "archive/**/*.txt".to_string())]);
        assert_eq!(files, vec![dir.path().join("archive/2021/a.txt")]);
        assert!(errors.is_empty());
        let (_, errors) = expand(&[(dir.path().to_path_buf(), "nothing/*.txt".to_string())]);
        assert_eq!(errors.len(), 1);
    }
}
