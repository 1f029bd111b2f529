//! File names of the report pages of a review folder: the report's path made safe for any file
//! system and for a link (letters, digits, `-`, `_`, `.`; every other character a `_`), then a
//! hash of the whole path, so that two paths made alike (`a/b.txt`, `a_b.txt`) still differ and
//! a report keeps its page's name from one run to the next.

use crate::FileReport;

/// Bytes of the path kept in a name, from its end (the file's own name is the telling part):
/// file systems allow 255 bytes, and a Chinese character takes 3.
const KEPT: usize = 96;

/// A page's file name for each report, in order; never `index.html`, never two alike.
pub fn page_names(reports: &[FileReport]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    reports
        .iter()
        .map(|report| {
            let path = &report.source.name;
            let stem = safe(path);
            let hash = fnv1a(path.as_bytes());
            // Two paths whose short hashes agree: the long hash, and (the same path given
            // twice) its place in the run.
            let mut name = format!("{stem}-{:08x}.html", hash >> 32);
            if !taken.insert(name.clone()) {
                name = format!("{stem}-{hash:016x}.html");
                let mut n = 2;
                while !taken.insert(name.clone()) {
                    name = format!("{stem}-{hash:016x}-{n}.html");
                    n += 1;
                }
            }
            name
        })
        .collect()
}

/// The path with every character but letters, digits, `-`, `_` and `.` made `_`, runs of them
/// one; without leading dots and underscores; its last [`KEPT`] bytes.
fn safe(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '.') {
            c
        } else {
            '_'
        };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let mut start = out.len().saturating_sub(KEPT);
    while !out.is_char_boundary(start) {
        start += 1;
    }
    let kept = out[start..].trim_start_matches(['.', '_']);
    if kept.is_empty() {
        "report".to_string()
    } else {
        kept.to_string()
    }
}

/// 64-bit FNV-1a: the same on every machine and in every version, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Settings;
    use crate::source::Source;

    fn names(paths: &[&str]) -> Vec<String> {
        let reports: Vec<FileReport> = paths
            .iter()
            .map(|p| crate::check(Source::new(*p, "报告\n"), &Settings::default()))
            .collect();
        page_names(&reports)
    }

    #[test]
    fn keeps_the_path_readable_and_safe() {
        let [name] = &names(&["../乡镇/东坝镇 2023.txt"])[..] else {
            panic!()
        };
        assert!(name.starts_with("乡镇_东坝镇_2023.txt-"), "{name}");
        assert!(name.ends_with(".html"), "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')),
            "{name}"
        );
    }

    #[test]
    fn paths_made_alike_get_different_names() {
        let got = names(&["a/b.txt", "a_b.txt", "a:b.txt", "A/b.txt", "a/b.txt"]);
        let distinct: std::collections::HashSet<&String> = got.iter().collect();
        assert_eq!(distinct.len(), got.len(), "{got:?}");
    }

    #[test]
    fn a_name_is_the_same_in_every_run_and_bounded() {
        let long = format!("{}/报告.txt", "很长的文件夹名".repeat(40));
        let once = names(&[&long, "x.txt"]);
        let again = names(&["y.txt", &long]);
        assert_eq!(once[0], again[1]);
        assert!(once[0].len() < 255 - 20, "{}", once[0]);
        assert!(once[0].contains("报告.txt"));
        assert_eq!(names(&["..."])[0].split('-').next(), Some("report"));
    }
}
