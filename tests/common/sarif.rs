//! The SARIF authors' own validator, for the tests that check draftlint's SARIF with it.

use std::path::{Path, PathBuf};

/// `SARIF_MULTITOOL`, else the copy `.ci/run` installs under `target/`.
pub fn validator() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(PathBuf::from(path));
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/sarif-multitool/node_modules/.bin/sarif-multitool");
    local.exists().then_some(local)
}

/// Validate SARIF logs: the validator must pass them with no error and no warning.
pub fn assert_valid(logs: &[PathBuf]) {
    let validator = validator().expect("SARIF_MULTITOOL or target/sarif-multitool");
    let output = std::process::Command::new(&validator)
        .arg("validate")
        .args(logs)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(!report.contains(": error "), "{report}");
    assert!(!report.contains(": warning "), "{report}");
}
