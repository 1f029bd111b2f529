//! `check --diff` through the CLI: the changed characters of a line marked in colour, listed
//! beside a plain diff without it, and the plain diff applied for real by `patch` and
//! `git apply`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

fn fixture(path: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// A report whose longest paragraph (over 250 characters) has one comma typed half-width, and a
/// draft broken over lines as a PDF copy is.
fn drafts() -> TempDir {
    let dir = TempDir::new().unwrap();
    let report = fixture("fixtures/example-report.txt");
    let paragraph = report
        .lines()
        .max_by_key(|line| line.chars().count())
        .unwrap();
    assert!(paragraph.chars().count() > 250, "{paragraph}");
    let comma = paragraph.find('，').unwrap();
    let typed = format!(
        "{},{}",
        &paragraph[..comma],
        &paragraph[comma + '，'.len_utf8()..]
    );
    fs::write(
        dir.path().join("报告.txt"),
        report.replace(paragraph, &typed),
    )
    .unwrap();
    fs::write(
        dir.path().join("断行.txt"),
        fixture("fixtures/rules/hard-wrap/fires.txt"),
    )
    .unwrap();
    dir
}

/// Exit code, stdout and stderr, escape characters shown as ␛ so the colours can be read.
fn run(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = common::run_in(dir, args);
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}").replace('\x1b', "␛")
}

#[test]
fn diff_in_colour_emphasises_the_changed_characters() {
    let dir = drafts();
    insta::assert_snapshot!(run(
        dir.path(),
        &[
            "check",
            "--diff",
            "--color",
            "always",
            "报告.txt",
            "断行.txt"
        ]
    ));
}

#[test]
fn diff_without_colour_is_a_plain_patch_and_lists_the_changes_on_stderr() {
    let dir = drafts();
    insta::assert_snapshot!(run(
        dir.path(),
        &[
            "check",
            "--diff",
            "--color",
            "never",
            "报告.txt",
            "断行.txt"
        ]
    ));
}

#[test]
fn the_listing_is_left_out_with_quiet_and_in_colour() {
    let dir = drafts();
    let (_, stdout, stderr) = common::run_in(dir.path(), &["check", "--diff", "--quiet", "."]);
    assert!(stdout.starts_with("--- a/报告.txt\n"), "{stdout}");
    assert!(!stderr.contains("修改之处"), "{stderr}");
    let (_, stdout, stderr) =
        common::run_in(dir.path(), &["check", "--diff", "--color", "always", "."]);
    assert!(stdout.contains("\x1b[7m,\x1b[27m"), "{stdout}");
    assert!(!stderr.contains("修改之处"), "{stderr}");
}

/// Files of every shape `--fix` writes back as text: LF, CRLF, no final line break, a BOM, and
/// one in GBK (left out of the patch, which is UTF-8, and said so).
fn varied_drafts() -> TempDir {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).unwrap();
    for rule in [
        "cjk-spacing",
        "hard-wrap",
        "paste-artifact",
        "punctuation-width",
        "list-marker",
        "year-range",
    ] {
        write(
            &format!("{rule}.txt"),
            fixture(&format!("fixtures/rules/{rule}/fires.txt")).as_bytes(),
        );
    }
    let commas = fixture("fixtures/rules/punctuation-width/fires.txt");
    write("crlf.txt", commas.replace('\n', "\r\n").as_bytes());
    write("bom.txt", format!("\u{feff}{commas}").as_bytes());
    let spaces = fixture("fixtures/rules/cjk-spacing/fires.txt");
    write("no-final-newline.txt", spaces.trim_end().as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&spaces);
    assert!(!unmappable);
    write("gbk.txt", &gbk);
    dir
}

/// Every file of `dir`, by name, as bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn copy_of(dir: &Path) -> TempDir {
    let copy = TempDir::new().unwrap();
    for (name, bytes) in contents(dir) {
        fs::write(copy.path().join(name), bytes).unwrap();
    }
    copy
}

#[test]
#[cfg_attr(
    draftlint_no_patch_tools,
    ignore = "needs `patch` and `git` on the PATH to apply the diff with"
)]
fn the_plain_diff_applies_with_patch_and_git_apply_as_fix_would_write() {
    let drafts = varied_drafts();
    let (code, patch, stderr) = common::run_in(drafts.path(), &["check", "--diff", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!patch.contains('\x1b'), "not coloured when piped");
    assert!(!patch.contains("gbk.txt"), "{patch}");
    assert!(
        stderr.contains("提示：gbk.txt 的编码是 GB18030/GBK，它的修改只在上面列出"),
        "{stderr}"
    );
    assert!(stderr.contains("gbk.txt:1:10: "), "{stderr}");
    let patch_file = TempDir::new().unwrap();
    let patch_path = patch_file.path().join("fix.patch");
    fs::write(&patch_path, &patch).unwrap();

    let fixed = copy_of(drafts.path());
    let (code, _, stderr) = common::run_in(fixed.path(), &["check", "--fix", "."]);
    assert_ne!(code, 2, "{stderr}");
    let mut expected = contents(fixed.path());
    // The GBK file is not in the patch: it stays as it was.
    let gbk = expected
        .iter_mut()
        .find(|(name, _)| name == "gbk.txt")
        .unwrap();
    gbk.1 = fs::read(drafts.path().join("gbk.txt")).unwrap();

    let patched = copy_of(drafts.path());
    let status = Command::new("patch")
        .args([
            "-p1",
            "--fuzz=0",
            "--forward",
            "--no-backup-if-mismatch",
            "-i",
        ])
        .arg(&patch_path)
        .current_dir(patched.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert_eq!(contents(patched.path()), expected, "patch -p1");

    let applied = copy_of(drafts.path());
    let status = Command::new("git")
        .arg("apply")
        .arg(&patch_path)
        .current_dir(applied.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert_eq!(contents(applied.path()), expected, "git apply");
}
