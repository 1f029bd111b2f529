//! Snapshots of the real rendered output, reviewed when they change (`cargo insta review`).

use assert_cmd::Command;
use std::path::Path;

fn run(args: &[&str], dir: &Path) -> String {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn text_output_of_a_repeated_title() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--color",
            "never",
            "fixtures/rules/title-format/fires-repeated.txt"
        ],
        root()
    ));
}

#[test]
fn text_output_of_a_missing_part() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--color",
            "never",
            "fixtures/rules/missing-section/fires.txt"
        ],
        root()
    ));
}

#[test]
fn text_output_of_numbering_errors() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--color",
            "never",
            "fixtures/rules/heading-numbering/fires.txt",
            "fixtures/rules/heading-numbering/fires-style.txt"
        ],
        root()
    ));
}

#[test]
fn text_output_of_many_half_width_commas_is_grouped() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--color",
            "never",
            "fixtures/rules/punctuation-width/fires.txt"
        ],
        root()
    ));
}

#[test]
fn diff_output() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--diff",
            "fixtures/rules/cjk-spacing/fires.txt",
            "fixtures/rules/paste-artifact/fires.txt",
            "fixtures/rules/hard-wrap/fires.txt"
        ],
        root()
    ));
}

#[test]
fn concise_output_of_every_fixture() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--format",
            "concise",
            "--pack",
            "fzzf-annual-report",
            "fixtures"
        ],
        root()
    ));
}

#[test]
fn concise_output_grouped_by_paragraph() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--format",
            "concise",
            "--group",
            "paragraph",
            "fixtures/rules/punctuation-width/fires.txt",
            "fixtures/rules/missing-section/fires.txt",
            "fixtures/rules/hard-wrap/fires.txt"
        ],
        root()
    ));
}

#[test]
fn json_output() {
    insta::assert_snapshot!(run(
        &[
            "check",
            "--format",
            "json",
            "fixtures/rules/section-content/fires.txt"
        ],
        root()
    ));
}

#[test]
fn outline_of_the_example() {
    insta::assert_snapshot!(run(&["outline", "fixtures/example-report.txt"], root()));
    insta::assert_snapshot!(run(
        &[
            "outline",
            "--format",
            "json",
            "fixtures/rules/missing-title/fires.txt"
        ],
        root()
    ));
}

#[test]
fn explain_output() {
    insta::assert_snapshot!(run(&["explain", "missing-section"], root()));
}

#[test]
fn config_error_rendering() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".draftlint.toml"),
        "pack = \"fzzf-annual-report\"\n\n[rules]\nempty-section = { severity = \"warning\", min-char = 20 }\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/example-report.txt"),
        dir.path().join("r.txt"),
    )
    .unwrap();
    insta::assert_snapshot!(run(&["check", "--color", "never", "r.txt"], dir.path()));
}
