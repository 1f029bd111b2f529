//! Expanding `--corpus` and `corpus = [...]` glob patterns into reference documents.

use super::walk::WalkError;
use globset::Glob;
use std::path::{Path, PathBuf};

/// Files matching each (folder, pattern), each file once however it is named; a pattern relative
/// to its folder. The pattern's leading folders without wildcards may be spelled any way (`./`,
/// `..`, absolute, through links); the rest is matched below them. A pattern that matches
/// nothing is an error: a mistyped archive path would otherwise silently disable the comparison.
pub fn expand(patterns: &[(PathBuf, String)]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (base, pattern) in patterns {
        let before = files.len();
        let (prefix, rest) = split_pattern(pattern);
        match Glob::new(pattern).and_then(|_| Glob::new(&rest)) {
            Err(e) => errors.push(WalkError {
                path: PathBuf::from(pattern),
                reason: format!("参考文件的 glob 模式无效：{}", e.kind()),
            }),
            Ok(glob) => {
                let matcher = glob.compile_matcher();
                let root = crate::identity::normalize(&base.join(&prefix));
                if rest.is_empty() {
                    if root.is_file() {
                        files.push(root);
                    }
                } else {
                    let walker = ignore::WalkBuilder::new(&root)
                        .standard_filters(false)
                        .follow_links(false)
                        .build();
                    for entry in walker.flatten() {
                        let path = entry.path();
                        let relative = path.strip_prefix(&root).unwrap_or(path);
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

/// A pattern as its leading folders without wildcards and the rest (`/`-separated; empty when
/// the pattern names one file).
fn split_pattern(pattern: &str) -> (PathBuf, String) {
    let mut prefix = PathBuf::new();
    let mut rest: Vec<String> = Vec::new();
    for part in Path::new(pattern).components() {
        let text = part.as_os_str().to_string_lossy();
        if rest.is_empty() && !text.contains(['*', '?', '[', '{']) {
            prefix.push(part);
        } else {
            rest.push(text.into_owned());
        }
    }
    (prefix, rest.join("/"))
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

    #[test]
    fn leading_folders_may_be_spelled_any_way() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("archive/2021")).unwrap();
        std::fs::create_dir_all(root.join("drafts")).unwrap();
        std::fs::write(root.join("archive/2021/a.txt"), "x").unwrap();
        let a = root.join("archive/2021/a.txt");
        let absolute = root.join("drafts/../archive/**/*.txt");
        for pattern in [
            "../archive/**/*.txt",
            "./../archive/*/a.txt",
            "../drafts/./../archive/2021/a.txt",
            absolute.to_str().unwrap(),
        ] {
            let (files, errors) = expand(&[(root.join("drafts"), pattern.to_string())]);
            assert!(errors.is_empty(), "{pattern}: {errors:?}");
            assert_eq!(files.len(), 1, "{pattern}");
            assert_eq!(files[0], a, "{pattern}");
        }
    }
}
