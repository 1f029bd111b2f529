//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod sarif;
pub mod word;

use std::path::{Path, PathBuf};

/// Run draftlint in `dir` with `args`: the exit code, standard output and standard error.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = assert_cmd::Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A temporary folder holding `files` (path in the folder, text), subfolders made as needed.
pub fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The seed reports. A test that reads them is ignored when the folder was absent at build time
/// (see build.rs); one that runs without it fails rather than passing without checking anything.
pub fn seeds_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(
        dir.is_dir(),
        "{} is missing (it was there when the tests were built; touch build.rs)",
        dir.display()
    );
    dir
}
