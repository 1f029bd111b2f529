//! The options users of other linters expect: --severity, --fail-on, --exit-zero, -o/--output,
//! --stdin-filename, excludes (config, --exclude, --extend-exclude, .draftlintignore,
//! --force-exclude), --show-settings and init --force.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// A draft with three errors (missing parts), two warnings and no information finding.
const DRAFT: &str = "关于2022年法治政府建设情况的报告\n\n一、主要举措\n我们做了,很多工作。\n";

fn draftlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("draftlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, "")
}

fn run_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let output = draftlint(dir)
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn setup(files: &[&str]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, DRAFT).unwrap();
    }
    dir
}

/// The files a concise run reported on.
fn files_of(stdout: &str) -> Vec<String> {
    let mut files: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect();
    files.sort();
    files.dedup();
    files
}

#[test]
fn severity_shows_only_findings_at_or_above() {
    let dir = setup(&["r.txt"]);
    let all = run(dir.path(), &["check", "r.txt", "--format", "concise"]);
    assert!(
        all.stdout.contains("warning[punctuation-width]"),
        "{}",
        all.stdout
    );
    let errors = run(
        dir.path(),
        &[
            "check",
            "r.txt",
            "--format",
            "concise",
            "--severity",
            "error",
        ],
    );
    assert_eq!(errors.code, 1);
    assert_eq!(errors.stdout.lines().count(), 3, "{}", errors.stdout);
    assert!(
        errors.stdout.lines().all(|l| l.contains(": error[")),
        "{}",
        errors.stdout
    );
    // Hidden findings are not counted either.
    let text = run(dir.path(), &["check", "r.txt", "--severity", "error"]);
    assert!(
        text.stdout.contains("3 个错误，0 个警告，0 个提示"),
        "{}",
        text.stdout
    );
    let json = run(
        dir.path(),
        &[
            "check",
            "r.txt",
            "--format",
            "json",
            "--severity",
            "warning",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["summary"]["errors"], 3);
    assert_eq!(json["summary"]["warnings"], 3);
}

#[test]
fn fail_on_from_the_command_line_wins_over_the_config() {
    let dir = setup(&["r.txt"]);
    fs::write(dir.path().join(".draftlint.toml"), "fail-on = \"error\"\n").unwrap();
    let args = ["check", "r.txt", "--select", "punctuation-width", "-q"];
    assert_eq!(run(dir.path(), &args).code, 0);
    let mut warning = args.to_vec();
    warning.extend(["--fail-on", "warning"]);
    assert_eq!(run(dir.path(), &warning).code, 1);
    let mut bad = args.to_vec();
    bad.extend(["--fail-on", "warn"]);
    let bad = run(dir.path(), &bad);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("您是不是要写 warning？"),
        "{}",
        bad.stderr
    );
}

#[test]
fn exit_zero_keeps_trouble_at_two() {
    let dir = setup(&["r.txt"]);
    let clean = run(dir.path(), &["check", "r.txt", "--exit-zero"]);
    assert_eq!(clean.code, 0);
    assert!(clean.stdout.contains("3 个错误"), "{}", clean.stdout);
    let missing = run(dir.path(), &["check", "r.txt", "gone.txt", "--exit-zero"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn output_goes_to_the_file_whole() {
    let dir = setup(&["r.txt"]);
    fs::write(dir.path().join("out.json"), "old").unwrap();
    let done = run(
        dir.path(),
        &["check", "r.txt", "--format", "json", "-o", "out.json"],
    );
    assert_eq!(done.code, 1);
    assert_eq!(done.stdout, "");
    let written = fs::read_to_string(dir.path().join("out.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(json["summary"]["errors"], 3);
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    // Text written to a file has no colour, even when asked for "auto".
    run(dir.path(), &["check", "r.txt", "--output", "out.txt"]);
    let text = fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(text.contains("错误[missing-section]"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    // A folder that does not exist: nothing is checked, exit 2, the file named.
    let bad = run(dir.path(), &["check", "r.txt", "-o", "nowhere/out.txt"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("无法写入 nowhere/out.txt：所在文件夹不存在"),
        "{}",
        bad.stderr
    );
}

#[test]
fn stdin_filename_reads_by_extension_and_names_the_findings() {
    let dir = setup(&[]);
    let markdown = "# 关于2022年法治政府建设情况的报告\n\n## 一、主要举措\n\n我们做了很多工作。\n";
    let plain = run_with_stdin(dir.path(), &["check", "-", "--format", "json"], markdown);
    let named = run_with_stdin(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "drafts/2022.md",
            "--format",
            "json",
        ],
        markdown,
    );
    let plain: serde_json::Value = serde_json::from_str(&plain.stdout).unwrap();
    let named: serde_json::Value = serde_json::from_str(&named.stdout).unwrap();
    assert_eq!(plain["files"][0]["path"], "<stdin>");
    assert_eq!(named["files"][0]["path"], "drafts/2022.md");
    assert_eq!(named["files"][0]["format"], "markdown");
    // Read as Markdown, the `#` headings are headings: one part fewer is missing.
    assert!(
        named["summary"]["errors"].as_u64() < plain["summary"]["errors"].as_u64(),
        "{named} {plain}"
    );
}

#[test]
fn stdin_filename_finds_the_config_of_its_folder() {
    let dir = setup(&[]);
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::write(
        dir.path().join("drafts/.draftlint.toml"),
        "[rules]\nmissing-section = \"off\"\n",
    )
    .unwrap();
    let named = run_with_stdin(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "drafts/r.txt",
            "--format",
            "concise",
        ],
        DRAFT,
    );
    assert!(
        !named.stdout.contains("missing-section"),
        "{}",
        named.stdout
    );
    assert!(
        named.stdout.starts_with("drafts/r.txt:"),
        "{}",
        named.stdout
    );
    // Without paths, --stdin-filename means standard input.
    let implied = run_with_stdin(
        dir.path(),
        &[
            "check",
            "--stdin-filename",
            "drafts/r.txt",
            "--format",
            "concise",
        ],
        DRAFT,
    );
    assert_eq!(implied.stdout, named.stdout);
}

#[test]
fn excludes_from_config_command_line_and_ignore_file() {
    let dir = setup(&[
        "drafts/a.txt",
        "drafts/old/b.txt",
        "archive/c.txt",
        "README.md",
        "notes.md",
    ]);
    fs::write(
        dir.path().join(".draftlint.toml"),
        "exclude = [\"drafts/old\", \"README.md\"]\n",
    )
    .unwrap();
    fs::write(dir.path().join(".draftlintignore"), "notes.md\n").unwrap();
    let concise = |args: &[&str]| {
        let mut all = vec!["check", "--format", "concise"];
        all.extend(args);
        files_of(&run(dir.path(), &all).stdout)
    };
    assert_eq!(concise(&[]), ["archive/c.txt", "drafts/a.txt"]);
    // --exclude replaces the config's patterns; the ignore file still applies.
    assert_eq!(
        concise(&["--exclude", "archive"]),
        ["README.md", "drafts/a.txt", "drafts/old/b.txt"]
    );
    // --extend-exclude adds to them.
    assert_eq!(
        concise(&["--extend-exclude", "archive/*.txt"]),
        ["drafts/a.txt"]
    );
    // Files named on the command line are checked, unless --force-exclude.
    assert_eq!(
        concise(&["README.md", "notes.md", "drafts/old/b.txt"]),
        ["README.md", "drafts/old/b.txt", "notes.md"]
    );
    assert_eq!(
        concise(&[
            "README.md",
            "notes.md",
            "drafts/old/b.txt",
            "drafts/a.txt",
            "--force-exclude"
        ]),
        ["drafts/a.txt"]
    );
    // An invalid pattern is a usage error.
    let bad = run(dir.path(), &["check", "--exclude", "["]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("glob 模式 “[” 无效"), "{}", bad.stderr);
}

#[test]
fn exclude_in_config_is_validated() {
    let dir = setup(&["r.txt"]);
    fs::write(dir.path().join(".draftlint.toml"), "exclude = [\"a[\"]\n").unwrap();
    let bad = run(dir.path(), &["check", "r.txt"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("glob 模式无效"), "{}", bad.stderr);
    fs::write(dir.path().join(".draftlint.toml"), "exclud = [\"a\"]\n").unwrap();
    let typo = run(dir.path(), &["check", "r.txt"]);
    assert!(
        typo.stderr.contains("您是不是要写 exclude？"),
        "{}",
        typo.stderr
    );
}

#[test]
fn show_settings_prints_the_effective_configuration() {
    let dir = setup(&["drafts/r.txt"]);
    fs::write(
        dir.path().join(".draftlint.toml"),
        "fail-on = \"warning\"\nexclude = [\"archive\"]\n[rules]\nempty-section = { min-chars = 20 }\nsection-order = \"off\"\n",
    )
    .unwrap();
    let shown = run(
        dir.path(),
        &[
            "check",
            "--show-settings",
            "drafts/r.txt",
            "--ignore",
            "cjk-spacing",
        ],
    );
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let out = &shown.stdout;
    assert!(out.starts_with("# 对 drafts/r.txt 生效的设置\n"), "{out}");
    assert!(out.contains("# 配置文件：.draftlint.toml"), "{out}");
    // The output is TOML a config could start from.
    let toml: toml::Table = toml::from_str(out).unwrap();
    assert_eq!(toml["fail-on"].as_str(), Some("warning"));
    assert_eq!(toml["pack"].as_str(), Some("fzzf-annual-report"));
    assert_eq!(toml["exclude"][0].as_str(), Some("archive"));
    let rules = toml["rules"].as_table().unwrap();
    assert_eq!(rules["section-order"].as_str(), Some("off"));
    assert_eq!(rules["cjk-spacing"].as_str(), Some("off"));
    assert_eq!(rules["missing-section"].as_str(), Some("error"));
    assert_eq!(rules["empty-section"]["min-chars"].as_integer(), Some(20));
    assert_eq!(rules["empty-section"]["severity"].as_str(), Some("warning"));
}

#[test]
fn init_force_overwrites() {
    let dir = setup(&[]);
    fs::write(dir.path().join(".draftlint.toml"), "year = 2020\n").unwrap();
    let refused = run(dir.path(), &["init"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("无法写入 .draftlint.toml：文件已存在，未覆盖（加上 --force 覆盖）"),
        "{}",
        refused.stderr
    );
    let forced = run(dir.path(), &["init", "--force"]);
    assert_eq!(forced.code, 0);
    let written = fs::read_to_string(dir.path().join(".draftlint.toml")).unwrap();
    assert!(written.starts_with("# draftlint 配置文件"), "{written}");
}

#[test]
fn a_repository_s_own_documents_are_excluded_by_default() {
    let dir = setup(&[
        "r.txt",
        "README.md",
        "docs/readme.txt",
        "LICENSE.txt",
        "old/x.txt",
    ]);
    let concise = |dir: &Path, args: &[&str]| {
        let mut all = vec!["check", "--format", "concise"];
        all.extend(args);
        files_of(&run(dir, &all).stdout)
    };
    assert_eq!(concise(dir.path(), &[]), ["old/x.txt", "r.txt"]);
    // extend-exclude in the config adds to the defaults.
    fs::write(
        dir.path().join(".draftlint.toml"),
        "extend-exclude = [\"old\"]\n",
    )
    .unwrap();
    assert_eq!(concise(dir.path(), &[]), ["r.txt"]);
    // exclude replaces them.
    fs::write(dir.path().join(".draftlint.toml"), "exclude = []\n").unwrap();
    assert_eq!(
        concise(dir.path(), &[]),
        [
            "LICENSE.txt",
            "README.md",
            "docs/readme.txt",
            "old/x.txt",
            "r.txt"
        ]
    );
    // Named on the command line, README.md is checked; the pre-commit hook's --force-exclude
    // leaves it alone.
    fs::remove_file(dir.path().join(".draftlint.toml")).unwrap();
    assert_eq!(concise(dir.path(), &["README.md"]), ["README.md"]);
    assert!(concise(dir.path(), &["README.md", "--force-exclude"]).is_empty());
    let shown = run(dir.path(), &["check", "--show-settings", "r.txt"]);
    assert!(shown.stdout.contains("\"README*\""), "{}", shown.stdout);
}
