//! The language server in a real editor: Neovim, headless, set up with the snippet the README
//! gives for Neovim 0.7–0.10 (`tests/editors/draftlint.lua`; Debian 12 ships 0.7.2).

use std::path::Path;
use std::process::Command;

/// `line rule` of each finding of `draft`, as the command line reports it.
fn cli_findings(draft: &Path) -> Vec<(usize, String)> {
    #[allow(deprecated)]
    let output = Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
        .args(["check", "--format", "concise"])
        .arg(draft)
        .output()
        .unwrap();
    let mut found: Vec<(usize, String)> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let mut fields = line.split_once(".txt:").unwrap().1.split(':');
            let number = fields.next().unwrap().parse().unwrap();
            let rule = line.split('[').nth(1).unwrap().split(']').next().unwrap();
            (number, rule.to_string())
        })
        .collect();
    found.sort();
    found
}

#[test]
#[cfg_attr(draftlint_no_neovim, ignore = "needs `nvim` on the PATH")]
fn neovim_shows_the_findings_of_the_command_line_and_offers_the_quick_fix() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &draft,
        "关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n我们加强了领导,完善了制度。全年办结案件120件。\n",
    )
    .unwrap();
    #[allow(deprecated)]
    let binary = assert_cmd::cargo::cargo_bin("draftlint");
    let output = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/neovim.sh"))
        .arg(&binary)
        .arg(&draft)
        .output()
        .unwrap();
    let shown = String::from_utf8(output.stdout).unwrap();
    let mut in_editor: Vec<(usize, String)> = shown
        .lines()
        .filter(|l| !l.starts_with("action: "))
        .map(|l| {
            let (place, rule) = l.split_once(' ').unwrap();
            (
                place.split(':').next().unwrap().parse().unwrap(),
                rule.to_string(),
            )
        })
        .collect();
    in_editor.sort();
    assert!(!in_editor.is_empty(), "Neovim showed nothing: {shown}");
    assert_eq!(in_editor, cli_findings(&draft), "{shown}");
    assert!(shown.contains("action: 把“,”改为“，”"), "{shown}");
    assert!(
        shown.contains("action: 修正全部可自动修正的问题（1 处）"),
        "{shown}"
    );
}
