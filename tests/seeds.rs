//! The real published reports in `../shared/seeds`, when that folder is present.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn seed(prefix: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).ok()?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
}

fn check_json(path: &Path) -> Value {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn outline(path: &Path) -> Value {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn missing_sections(json: &Value) -> Vec<String> {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-section" && d["severity"] == "error")
        .map(|d| d["data"]["section"].as_str().unwrap().to_string())
        .collect()
}

fn rules_fired(json: &Value) -> Vec<String> {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn top_parts(outline: &Value) -> Vec<Option<String>> {
    outline["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["part"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn seed_000_lacks_only_the_first_responsible_part() {
    let Some(path) = seed("000") else { return };
    let json = check_json(&path);
    assert_eq!(missing_sections(&json), vec!["first_responsible"]);
    assert!(!rules_fired(&json).contains(&"problems-without-causes".to_string()));
    assert_eq!(json["files"][0]["report_year"], 2020);
}

#[test]
fn seed_001_has_every_part_but_lists_problems_without_causes() {
    let Some(path) = seed("001") else { return };
    let json = check_json(&path);
    assert!(missing_sections(&json).is_empty());
    let fired = rules_fired(&json);
    assert!(fired.contains(&"problems-without-causes".to_string()));
    assert!(
        fired.contains(&"title-format".to_string()),
        "repeated title"
    );
    assert!(
        fired.contains(&"date-format".to_string()),
        "2020 年 1 月 8 日"
    );
    assert_eq!(
        top_parts(&outline(&path)),
        [
            "measures",
            "problems",
            "first_responsible",
            "next_year_plan"
        ]
        .map(|p| Some(p.to_string()))
    );
}

#[test]
fn seed_002_has_every_part_numbered_1_2_3_with_first_responsible_early() {
    let Some(path) = seed("002") else { return };
    let json = check_json(&path);
    assert!(missing_sections(&json).is_empty());
    let parts = top_parts(&outline(&path));
    assert_eq!(
        parts[..4],
        [
            "measures",
            "first_responsible",
            "problems",
            "next_year_plan"
        ]
        .map(|p| Some(p.to_string()))
    );
    let fired = rules_fired(&json);
    assert!(fired.contains(&"heading-numbering".to_string()));
    assert!(fired.contains(&"section-order".to_string()));
}

#[test]
fn seed_003_is_an_npc_investigation_report() {
    let Some(path) = seed("003") else { return };
    let json = check_json(&path);
    assert_eq!(json["files"][0]["pack"], "npc-investigation");
    assert!(missing_sections(&json).is_empty());
    let forced = Command::cargo_bin("draftlint")
        .unwrap()
        .args(["check", "--format", "json", "--pack", "fzzf-annual-report"])
        .arg(&path)
        .output()
        .unwrap();
    let forced: Value = serde_json::from_slice(&forced.stdout).unwrap();
    assert!(rules_fired(&forced).contains(&"document-kind".to_string()));
}

#[test]
fn seed_004_has_no_title_and_no_problems_part() {
    let Some(path) = seed("004") else { return };
    let json = check_json(&path);
    let fired = rules_fired(&json);
    assert!(fired.contains(&"missing-title".to_string()));
    let missing = missing_sections(&json);
    assert!(missing.contains(&"problems".to_string()));
    assert!(
        !missing.contains(&"next_year_plan".to_string()),
        "下一步，我县将…… counts"
    );
    assert_eq!(json["files"][0]["report_year"], 2022);
    assert_eq!(
        top_parts(&outline(&path)),
        vec![Some("measures".to_string()); 3]
    );
}

#[test]
fn the_five_seeds_raise_no_error_outside_missing_parts_and_title() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.is_dir() {
        return;
    }
    let json = check_json(&dir);
    for file in json["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            if d["severity"] == "error" {
                assert!(
                    ["missing-section", "missing-title"].contains(&d["rule"].as_str().unwrap()),
                    "unexpected error in {}: {d}",
                    file["path"]
                );
            }
        }
    }
}

#[test]
fn seed_002_pasted_twice_is_one_duplicate_passage() {
    let Some(path) = seed("002") else { return };
    let json = check_json(&path);
    let duplicates: Vec<&Value> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-text")
        .collect();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0]["range"]["start"]["line"], 25);
    assert!(duplicates[0]["range"]["end"]["line"].as_u64().unwrap() >= 73);
    assert_eq!(duplicates[0]["data"]["original"]["start"]["line"], 6);
}

#[test]
fn the_five_seeds_checked_together_share_no_copied_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !dir.is_dir() {
        return;
    }
    let json = check_json(&dir);
    for file in json["files"].as_array().unwrap() {
        let copied: Vec<_> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "copied-text")
            .collect();
        assert!(copied.is_empty(), "{}: {copied:?}", file["path"]);
    }
}
