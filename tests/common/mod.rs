//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod sarif;
pub mod word;

use std::path::Path;

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
