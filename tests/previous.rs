//! The same body's report for an earlier year, read as such through the CLI: carried-over
//! shortcomings, repeated figures and last year's plan items; nothing for another body's
//! report, however close its text.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const RULES: &str = "carried-over-problems,repeated-figures,untaken-plan-items";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn draftlint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// (rule, file, message, data) of every finding of a JSON run.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String, String, Value)> {
    let output = draftlint(dir, &[&["check", "--format", "json"], args].concat());
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut out = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            out.push((
                d["rule"].as_str().unwrap().to_string(),
                file["path"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["data"].clone(),
            ));
        }
    }
    out
}

fn of_new_rules(
    found: &[(String, String, String, Value)],
) -> Vec<&(String, String, String, Value)> {
    found
        .iter()
        .filter(|(rule, ..)| RULES.split(',').any(|r| r == rule))
        .collect()
}

#[test]
fn text_output_against_last_years_report() {
    let output = draftlint(
        root(),
        &[
            "check",
            "--color",
            "never",
            "--select",
            &format!("{RULES},copied-text"),
            "fixtures/previous/tongchuan-2023.txt",
            "--corpus",
            "fixtures/previous/archive/*.txt",
        ],
    );
    insta::assert_snapshot!(format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ));
}

#[test]
fn each_rule_reports_once_with_last_years_place() {
    let found = findings(
        root(),
        &[
            "fixtures/previous/tongchuan-2023.txt",
            "--corpus",
            "fixtures/previous/archive/*.txt",
        ],
    );
    let new = of_new_rules(&found);
    let rules: Vec<&str> = new.iter().map(|(rule, ..)| rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "untaken-plan-items",
            "repeated-figures",
            "carried-over-problems"
        ],
        "{found:?}"
    );
    for (_, _, _, data) in &new {
        assert_eq!(
            data["previous"],
            "fixtures/previous/archive/tongchuan-2022.txt"
        );
        assert_eq!(data["previous_year"], 2022);
    }
    let items: Vec<&str> = new[0].3["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    // The terminals item counts as taken up: its key term 乡镇综合执法队 stands in a paragraph
    // (the matching is lenient).
    assert_eq!(items, ["建设县级公共法律服务中心"]);
    assert_eq!(
        new[1].3["figures"],
        serde_json::json!(["52件", "49件", "94.2%"])
    );
    // The copied shortcomings are one finding, not also a copied-text one: the only copy left
    // is the sentence of last year's figures.
    let copies: Vec<_> = found
        .iter()
        .filter(|(rule, ..)| rule == "copied-text")
        .collect();
    assert_eq!(copies.len(), 1, "{found:?}");
    assert_eq!(copies[0].3["source_range"]["start"]["line"], 10);
}

#[test]
fn another_bodys_report_is_not_last_years_however_close() {
    // The unrelated report is last year's text under another body's name: the copies are
    // found, and none of it is read as this body's own report.
    let found = findings(
        root(),
        &[
            "fixtures/previous/tongchuan-2023.txt",
            "--corpus",
            "fixtures/previous/unrelated/*.txt",
        ],
    );
    assert!(of_new_rules(&found).is_empty(), "{found:?}");
    assert!(
        found.iter().any(|(rule, ..)| rule == "copied-text"),
        "{found:?}"
    );
    // With both in the corpus, the body's own report is the one compared.
    let found = findings(
        root(),
        &[
            "fixtures/previous/tongchuan-2023.txt",
            "--corpus",
            "fixtures/previous/unrelated/*.txt",
            "--corpus",
            "fixtures/previous/archive/*.txt",
        ],
    );
    let new = of_new_rules(&found);
    assert_eq!(new.len(), 3, "{found:?}");
    assert!(
        new.iter()
            .all(|(.., data)| data["previous"] == "fixtures/previous/archive/tongchuan-2022.txt")
    );
}

fn write(dir: &TempDir, name: &str, text: &str) {
    let path = dir.path().join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn fixture(name: &str) -> String {
    fs::read_to_string(root().join("fixtures/previous").join(name)).unwrap()
}

#[test]
fn the_body_may_be_named_with_its_areas_or_without_its_government() {
    let dir = TempDir::new().unwrap();
    let last = fixture("archive/tongchuan-2022.txt").replacen(
        "桐川县人民政府关于2022年度法治政府建设情况的报告",
        "江州市桐川县2022年法治政府建设情况报告",
        1,
    );
    write(&dir, "archive/2022.txt", &last);
    write(&dir, "2023.txt", &fixture("tongchuan-2023.txt"));
    let found = findings(
        dir.path(),
        &["2023.txt", "--corpus", "archive/*.txt", "--select", RULES],
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn nothing_without_an_earlier_report_of_the_body() {
    let dir = TempDir::new().unwrap();
    let draft = fixture("tongchuan-2023.txt");
    // Only a later year of the body, and a report without a title.
    let later = fixture("archive/tongchuan-2022.txt").replace("2022年度", "2024年度");
    write(&dir, "archive/2024.txt", &later);
    let untitled = fixture("archive/tongchuan-2022.txt").replacen(
        "桐川县人民政府关于2022年度法治政府建设情况的报告\n",
        "",
        1,
    );
    write(&dir, "archive/untitled.txt", &untitled);
    write(&dir, "2023.txt", &draft);
    let found = findings(
        dir.path(),
        &["2023.txt", "--corpus", "archive/*.txt", "--select", RULES],
    );
    assert!(found.is_empty(), "{found:?}");
    // Drafts checked together are not each other's earlier report: only the corpus is.
    write(
        &dir,
        "drafts/2022.txt",
        &fixture("archive/tongchuan-2022.txt"),
    );
    write(&dir, "drafts/2023.txt", &draft);
    let found = findings(dir.path(), &["drafts", "--select", RULES]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_draft_in_its_own_corpus_is_not_its_own_earlier_report() {
    let found = findings(
        root(),
        &[
            "fixtures/previous/tongchuan-2023.txt",
            "--corpus",
            "fixtures/previous/**/*.txt",
            "--select",
            RULES,
        ],
    );
    assert_eq!(of_new_rules(&found).len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .all(|(.., data)| data["previous"] == "fixtures/previous/archive/tongchuan-2022.txt")
    );
}

#[test]
fn fix_reports_what_remains_against_last_years_report() {
    let dir = TempDir::new().unwrap();
    write(
        &dir,
        "archive/2022.txt",
        &fixture("archive/tongchuan-2022.txt"),
    );
    // A half-width comma to fix, so that the fixed text is checked again.
    let draft = fixture("tongchuan-2023.txt").replacen("，对照年初部署", ",对照年初部署", 1);
    write(&dir, "2023.txt", &draft);
    let output = draftlint(
        dir.path(),
        &[
            "check",
            "--fix",
            "--format",
            "concise",
            "2023.txt",
            "--corpus",
            "archive/*.txt",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    for rule in RULES.split(',') {
        assert!(stdout.contains(&format!("[{rule}]")), "{rule}: {stdout}");
    }
    assert!(
        fs::read_to_string(dir.path().join("2023.txt"))
            .unwrap()
            .contains("，对照年初部署")
    );
}
