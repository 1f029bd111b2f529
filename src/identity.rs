//! One place where a path, however the user spelled it, becomes a file's identity and the name
//! it is shown under.
//!
//! Paths arrive relative or absolute, with `./` and `..`, through symbolic links and from any
//! working folder. Everything that asks whether two paths are the same file (a file named twice
//! in one run, a draft that is also in its corpus, the language server's own document) compares
//! [`FileId`]s; baselines key files by their [`canonical`] path; and everything that shows a file
//! (every output format, SARIF and LSP URIs, messages) shows [`display`]: relative to the working
//! folder when the file is inside it, otherwise absolute — never with `.` or `..` segments.
//!
//! A path is normalised by name, except that `..` after a symbolic link goes to the parent of
//! the link's target, as the file system does: the name shown always names the file read.

use std::path::{Component, Path, PathBuf};

/// What a file is, whatever its path: device and inode on Unix (so hard links are one file
/// too), the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(Inner);

#[cfg(unix)]
type Inner = (u64, u64);
#[cfg(not(unix))]
type Inner = PathBuf;

impl FileId {
    /// The identity of the file at `path` (symbolic links followed); an error when there is
    /// no such file.
    pub fn of(path: &Path) -> std::io::Result<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path)?;
            Ok(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).map(FileId)
        }
    }
}

/// The path of the file itself: absolute, every symbolic link resolved.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}

/// `paths` without a second name for a file already named (the first name is kept, the order
/// is kept). A path that names no file is kept: reading it reports why.
pub fn without_repeats(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    paths
        .into_iter()
        .filter(|path| FileId::of(path).map_or(true, |id| seen.insert(id)))
        .collect()
}

/// `path` with its `.` segments dropped and its `..` segments resolved. A `..` after a symbolic
/// link goes to the parent of the link's target, as the file system does; leading `..` of a
/// relative path stay (nothing is known above its start).
pub fn normalize(path: &Path) -> PathBuf {
    normalize_with(path, |so_far| {
        let is_link = std::fs::symlink_metadata(so_far).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            std::fs::canonicalize(so_far).ok()
        } else {
            None
        }
    })
}

/// [`normalize`] by name alone: no symbolic link is looked at.
pub fn lexical(path: &Path) -> PathBuf {
    normalize_with(path, |_| None)
}

/// Normalise `path`; before a `..`, `link` may replace the path so far by where it really is.
fn normalize_with(path: &Path, link: impl Fn(&Path) -> Option<PathBuf>) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_)))
                    && let Some(target) = link(&out)
                {
                    out = target;
                }
                match out.components().next_back() {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    // `/..` is `/`.
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` made absolute against the working folder and normalised ([`normalize`]). Unchanged but
/// normalised when there is no working folder.
pub fn absolute(path: &Path) -> PathBuf {
    match std::env::current_dir() {
        Ok(cwd) => absolute_from(path, &cwd),
        Err(_) => normalize(path),
    }
}

/// `path` made absolute against `cwd` and normalised.
pub fn absolute_from(path: &Path, cwd: &Path) -> PathBuf {
    normalize(&cwd.join(path))
}

/// How a file is shown: relative to the working folder when it is inside it, otherwise
/// absolute; normalised, with `/` separators. A symbolic link is shown by its own name, not its
/// target's.
pub fn display(path: &Path) -> String {
    display_from(path, std::env::current_dir().ok().as_deref())
}

/// [`display`] with the working folder `cwd` (`None` when it is unknown).
pub fn display_from(path: &Path, cwd: Option<&Path>) -> String {
    let shown = match cwd {
        None => normalize(path),
        Some(cwd) => {
            let full = absolute_from(path, cwd);
            inside(&full, cwd).unwrap_or(full)
        }
    };
    slashes(&shown)
}

/// `full` (absolute, normalised) relative to `cwd` when it is inside it: by name, or through
/// symbolic links in its folders (`/link/to/cwd/a.txt` is `a.txt`).
fn inside(full: &Path, cwd: &Path) -> Option<PathBuf> {
    let within = |path: &Path, cwd: &Path| {
        path.strip_prefix(cwd)
            .ok()
            .filter(|rest| !rest.as_os_str().is_empty())
            .map(Path::to_path_buf)
    };
    if full == cwd {
        return Some(PathBuf::from("."));
    }
    within(full, cwd).or_else(|| {
        let folder = canonical(full.parent()?).ok()?;
        let cwd = canonical(cwd).ok()?;
        let name = full.file_name()?;
        if folder == cwd {
            return Some(PathBuf::from(name));
        }
        within(&folder, &cwd).map(|rest| rest.join(name))
    })
}

/// A path as text with `/` separators.
pub fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `path` relative to the folder `base`, both absolute and normalised; `None` when they share
/// no root (another drive).
pub fn relative_path(path: &Path, base: &Path) -> Option<PathBuf> {
    let path: Vec<_> = path.components().collect();
    let base: Vec<_> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &path[common..] {
        out.push(part);
    }
    Some(out)
}

/// A path as a relative URI reference: `/` separators, every byte outside the unreserved set
/// and `/` percent-encoded (Chinese names, spaces).
pub fn relative_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The `file:` URI of a file: absolute and normalised first, so that it has no `.` or `..`
/// segment (which SARIF consumers reject).
pub fn file_uri(path: &Path) -> String {
    let path = absolute(path);
    let text = relative_uri(&path.to_string_lossy());
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        // A drive letter (`C:/…`).
        format!("file:///{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(path: &str) -> String {
        slashes(&lexical(Path::new(path)))
    }

    #[test]
    fn dots_are_resolved_by_name() {
        assert_eq!(lex("./a/./b.txt"), "a/b.txt");
        assert_eq!(lex("a/../b.txt"), "b.txt");
        assert_eq!(lex("/x/ci/../reports/2023.txt"), "/x/reports/2023.txt");
        assert_eq!(lex("/../a.txt"), "/a.txt");
        assert_eq!(lex("../../a.txt"), "../../a.txt");
        assert_eq!(lex("a/../../b"), "../b");
        assert_eq!(lex("a//b/"), "a/b");
        assert_eq!(lex("."), "");
    }

    #[test]
    fn files_are_shown_from_the_working_folder_when_inside_it() {
        let cwd = Some(Path::new("/work/proj"));
        let shown = |path: &str| display_from(Path::new(path), cwd);
        assert_eq!(shown("a.txt"), "a.txt");
        assert_eq!(shown("./drafts/../drafts/a.txt"), "drafts/a.txt");
        assert_eq!(shown("/work/proj/drafts/a.txt"), "drafts/a.txt");
        assert_eq!(shown("../proj/a.txt"), "a.txt");
        assert_eq!(shown("/work/proj/./x/../a.txt"), "a.txt");
        assert_eq!(shown("../archive/2022.txt"), "/work/archive/2022.txt");
        assert_eq!(shown("/elsewhere/./b/../c.txt"), "/elsewhere/c.txt");
        assert_eq!(shown("/work/project/a.txt"), "/work/project/a.txt");
        assert_eq!(shown("."), ".");
        assert_eq!(display_from(Path::new("./a/../b.txt"), None), "b.txt");
    }

    #[test]
    fn relative_paths_climb_to_the_common_folder() {
        let relative =
            |a: &str, b: &str| relative_path(Path::new(a), Path::new(b)).map(|p| slashes(&p));
        assert_eq!(
            relative("/a/drafts/r.txt", "/a/ci").as_deref(),
            Some("../drafts/r.txt")
        );
        assert_eq!(relative("/a/r.txt", "/a").as_deref(), Some("r.txt"));
    }

    #[test]
    fn uris_are_encoded_and_normalised() {
        assert_eq!(
            relative_uri("drafts/2023 报告.txt"),
            "drafts/2023%20%E6%8A%A5%E5%91%8A.txt"
        );
        assert_eq!(relative_uri("a\\b.txt"), "a/b.txt");
        if cfg!(unix) {
            assert_eq!(
                file_uri(Path::new("/x/ci/../reports/报告.txt")),
                "file:///x/reports/%E6%8A%A5%E5%91%8A.txt"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_one_file_with_their_target_and_shown_by_their_own_name() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = canonical(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("real/deep")).unwrap();
        std::fs::create_dir_all(root.join("other")).unwrap();
        std::fs::write(root.join("real/a.txt"), "x").unwrap();
        std::fs::write(root.join("other/a.txt"), "y").unwrap();
        std::os::unix::fs::symlink(root.join("real/a.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("real/deep"), root.join("other/deep")).unwrap();

        let id = |p: &str| FileId::of(&root.join(p)).unwrap();
        assert_eq!(id("link.txt"), id("real/a.txt"));
        assert_eq!(id("real/./deep/../a.txt"), id("real/a.txt"));
        assert_ne!(id("other/a.txt"), id("real/a.txt"));
        // `other/deep` is `real/deep`: its `..` is `real`, not `other`.
        assert_eq!(id("other/deep/../a.txt"), id("real/a.txt"));
        assert_eq!(
            normalize(&root.join("other/deep/../a.txt")),
            root.join("real/a.txt")
        );
        assert_eq!(
            lexical(&root.join("other/deep/../a.txt")),
            root.join("other/a.txt")
        );

        assert_eq!(
            display_from(&root.join("link.txt"), Some(&root)),
            "link.txt"
        );
        assert_eq!(
            display_from(Path::new("other/deep/../a.txt"), Some(&root)),
            "real/a.txt"
        );
        // A folder linked to the working folder: the file is inside it.
        std::os::unix::fs::symlink(root.join("real"), root.join("alias")).unwrap();
        assert_eq!(
            display_from(&root.join("alias/a.txt"), Some(&root.join("real"))),
            "a.txt"
        );
        assert_eq!(
            without_repeats(vec![
                root.join("link.txt"),
                root.join("real/a.txt"),
                root.join("other/a.txt"),
                root.join("missing.txt"),
            ]),
            vec![
                root.join("link.txt"),
                root.join("other/a.txt"),
                root.join("missing.txt")
            ]
        );
    }
}
