//! `check --fix` and `check --diff` with `--baseline`, `--write-baseline` and `--corpus`: the
//! findings that remain after fixing are reported as a check reports them.

mod common;

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// A draft with fixable problems (half-width punctuation, web debris) and others that stay.
const DRAFT: &str = "当前位置：首页>>政务公开>>正文\n青禾县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n(一)强化组织领导。县政府常务会议专题研究法治政府建设4次,出台制度文件6件,开展督察3轮。\n二、存在的不足和原因\n一是基层执法力量不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议专题研究法治工作4次。\n四、2024年工作安排\n一是加强执法队伍建设。\n关闭窗口\n";

const LAST_YEAR: &str = "松川县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全县28个行政执法单位落实行政执法三项制度，在县政府门户网站公示执法信息1893条，组织行政执法案卷评查2次，抽查案卷186卷，评出优秀案卷24卷。\n";

/// A draft that copies last year's paragraph, with half-width commas to fix.
const COPYING: &str = "松川县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n县政府常务会议专题研究法治政府建设5次,出台制度文件7件。\n全县28个行政执法单位落实行政执法三项制度，在县政府门户网站公示执法信息1893条，组织行政执法案卷评查2次，抽查案卷186卷，评出优秀案卷24卷。\n";

fn draftlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--color", "never"];
    all.extend_from_slice(args);
    common::run_in(dir, &all)
}

fn findings(json: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(json).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect()
}

fn rules(json: &str) -> Vec<String> {
    findings(json)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// The draft as `--fix` leaves it, and a baseline of what remains in it.
fn fixed_with_baseline() -> (TempDir, String) {
    let dir = common::folder_with(&[("r.txt", DRAFT)]);
    draftlint(dir.path(), &["--fix", "r.txt"]);
    let fixed = fs::read_to_string(dir.path().join("r.txt")).unwrap();
    assert_ne!(fixed, DRAFT);
    let (code, _, stderr) = draftlint(dir.path(), &["--write-baseline", "base.json", "r.txt"]);
    assert_eq!(code, 0, "{stderr}");
    (dir, fixed)
}

#[test]
fn fix_hides_what_the_baseline_records() {
    let (dir, _) = fixed_with_baseline();
    fs::write(dir.path().join("r.txt"), DRAFT).unwrap();
    let (_, stdout, stderr) = draftlint(
        dir.path(),
        &[
            "--fix",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "r.txt",
        ],
    );
    assert!(stderr.contains("已修正 r.txt"), "{stderr}");
    assert_eq!(findings(&stdout), Vec::<Value>::new(), "{stdout}");
    assert!(stderr.contains("基线 base.json 中已记录的"), "{stderr}");

    fs::write(dir.path().join("r.txt"), DRAFT).unwrap();
    let (_, stdout, _) = draftlint(dir.path(), &["--fix", "--format", "json", "r.txt"]);
    assert!(!findings(&stdout).is_empty(), "{stdout}");
}

#[test]
fn fix_records_what_remains_after_fixing() {
    let dir = common::folder_with(&[("r.txt", DRAFT)]);
    let (code, stdout, stderr) = draftlint(
        dir.path(),
        &[
            "--fix",
            "--fail-on",
            "info",
            "--write-baseline",
            "base.json",
            "r.txt",
        ],
    );
    // Recording a baseline succeeds the run, as it does without --fix.
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("已修正 r.txt"), "{stdout}");
    assert!(stderr.contains("记录到基线 base.json"), "{stderr}");
    let (_, remaining, _) = draftlint(dir.path(), &["--format", "json", "r.txt"]);
    let remaining = findings(&remaining).len();
    assert!(remaining > 0);
    assert!(
        stderr.contains(&format!("已把 {remaining} 个问题记录到基线")),
        "{stderr}"
    );
    // The fixed file, checked against the baseline, has nothing new.
    let (code, stdout, _) = draftlint(
        dir.path(),
        &[
            "--format",
            "json",
            "--fail-on",
            "info",
            "--baseline",
            "base.json",
            "r.txt",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(findings(&stdout).is_empty(), "{stdout}");
}

#[test]
fn diff_counts_only_what_the_baseline_does_not_record() {
    let (dir, fixed) = fixed_with_baseline();
    // Nothing left to fix: the exit code is the findings'.
    let (code, stdout, _) = draftlint(dir.path(), &["--diff", "--fail-on", "info", "r.txt"]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(stdout, "");
    let (code, _, stderr) = draftlint(
        dir.path(),
        &[
            "--diff",
            "--fail-on",
            "info",
            "--baseline",
            "base.json",
            "r.txt",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("基线 base.json 中已记录的"), "{stderr}");
    assert_eq!(fs::read_to_string(dir.path().join("r.txt")).unwrap(), fixed);
}

#[test]
fn diff_refuses_to_record_a_baseline() {
    let dir = common::folder_with(&[("r.txt", DRAFT)]);
    let (code, stdout, stderr) = draftlint(
        dir.path(),
        &["--diff", "--write-baseline", "base.json", "r.txt"],
    );
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("--diff") && stderr.contains("--write-baseline"),
        "{stderr}"
    );
    assert!(stderr.contains("--fix --write-baseline"), "{stderr}");
    assert!(!dir.path().join("base.json").exists());
    assert_eq!(fs::read_to_string(dir.path().join("r.txt")).unwrap(), DRAFT);
}

#[test]
fn fix_reports_copies_from_the_corpus_in_the_fixed_text() {
    let dir = common::folder_with(&[("draft.txt", COPYING), ("archive/last.txt", LAST_YEAR)]);
    let args = [
        "--fix",
        "--format",
        "json",
        "--select",
        "copied-text,punctuation-width",
    ];
    let (_, stdout, stderr) = draftlint(
        dir.path(),
        &[&args[..], &["--corpus", "archive/*.txt", "draft.txt"]].concat(),
    );
    assert!(stderr.contains("已修正 draft.txt"), "{stderr}");
    assert_eq!(rules(&stdout), ["copied-text"], "{stdout}");
    let copy = &findings(&stdout)[0];
    assert_eq!(copy["data"]["source"], "archive/last.txt");
    assert_eq!(copy["range"]["start"]["line"], 4);
    assert!(
        !fs::read_to_string(dir.path().join("draft.txt"))
            .unwrap()
            .contains(',')
    );

    let dir = common::folder_with(&[("draft.txt", COPYING), ("archive/last.txt", LAST_YEAR)]);
    let (_, stdout, _) = draftlint(dir.path(), &[&args[..], &["draft.txt"]].concat());
    assert!(rules(&stdout).is_empty(), "{stdout}");
}

#[test]
fn fix_reports_copies_between_the_drafts_it_fixes() {
    let dir = common::folder_with(&[
        ("a.txt", COPYING),
        ("b.txt", &COPYING.replace("松川县", "青禾县")),
    ]);
    let (_, stdout, _) = draftlint(
        dir.path(),
        &[
            "--fix",
            "--format",
            "json",
            "--select",
            "copied-text,punctuation-width",
            "a.txt",
            "b.txt",
        ],
    );
    assert!(
        rules(&stdout).contains(&"copied-text".to_string()),
        "{stdout}"
    );
}

#[test]
fn diff_counts_copies_from_the_corpus() {
    let fixed = COPYING.replace(',', "，");
    let dir = common::folder_with(&[("draft.txt", &fixed), ("archive/last.txt", LAST_YEAR)]);
    let args = [
        "--diff",
        "--fail-on",
        "info",
        "--select",
        "copied-text,punctuation-width",
        "draft.txt",
    ];
    let (code, stdout, _) = draftlint(dir.path(), &args);
    assert_eq!((code, stdout.as_str()), (0, ""));
    let (code, stdout, _) = draftlint(
        dir.path(),
        &[&args[..], &["--corpus", "archive/*.txt"]].concat(),
    );
    assert_eq!((code, stdout.as_str()), (1, ""));
}

/// A fix run reports the fixed files exactly as a check of them does, in every machine format:
/// both go through the same reading, comparing and writing.
#[test]
fn fix_reports_what_a_check_of_the_fixed_files_reports() {
    for format in ["json", "sarif", "github", "junit", "html"] {
        let files = [
            ("a/r.txt", DRAFT),
            ("b/copying.txt", COPYING),
            ("b/again.md", COPYING),
            ("old/2022.txt", LAST_YEAR),
        ];
        let fixing = common::folder_with(&files);
        let checking = common::folder_with(&files);
        draftlint(checking.path(), &["--fix", "a", "b"]);
        let (fix_code, fixed_out, _) = draftlint(
            fixing.path(),
            &[
                "--fix",
                "--format",
                format,
                "--corpus",
                "old/*.txt",
                "a",
                "b",
            ],
        );
        let (check_code, checked_out, _) = draftlint(
            checking.path(),
            &["--format", format, "--corpus", "old/*.txt", "a", "b"],
        );
        assert_eq!(fix_code, check_code, "{format}");
        let fixed_out = fixed_out.replace(&fixing.path().display().to_string(), "ROOT");
        let checked_out = checked_out.replace(&checking.path().display().to_string(), "ROOT");
        assert_eq!(fixed_out, checked_out, "{format}");
        assert!(fixed_out.contains("copied-text"), "{format}: {fixed_out}");
    }
}
