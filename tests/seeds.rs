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
                    ["missing-section", "missing-title", "paste-artifact"]
                        .contains(&d["rule"].as_str().unwrap()),
                    "unexpected error in {}: {d}",
                    file["path"]
                );
            }
        }
    }
}

fn findings_of<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

fn line_of(d: &Value) -> u64 {
    d["range"]["start"]["line"].as_u64().unwrap()
}

#[test]
fn seed_001_portal_table_is_one_artifact_and_spaced_years_are_found() {
    let Some(path) = seed("001") else { return };
    let json = check_json(&path);
    let artifacts = findings_of(&json, "paste-artifact");
    assert_eq!(artifacts.len(), 1, "the metadata table is one block");
    assert_eq!(line_of(artifacts[0]), 1);
    assert_eq!(artifacts[0]["data"]["lines"], 4);
    let spacing = findings_of(&json, "cjk-spacing");
    assert!(
        spacing.iter().any(|d| line_of(d) == 7),
        "金杨新村街道关于 2019 年度"
    );
    assert!(
        !spacing
            .iter()
            .any(|d| line_of(d) == 41 && d["range"]["start"]["column"] == 12),
        "the 印发 line keeps the space between 印发机关 and its date"
    );
    assert!(
        spacing.iter().any(|d| line_of(d) == 41),
        "but not the spaces inside the date"
    );
}

#[test]
fn seed_003_breadcrumb_header_and_footer_are_artifacts_and_nothing_inside_them_is_linted() {
    let Some(path) = seed("003") else { return };
    let json = check_json(&path);
    let artifacts: Vec<u64> = findings_of(&json, "paste-artifact")
        .into_iter()
        .map(line_of)
        .collect();
    assert_eq!(artifacts, vec![1, 3, 43]);
    let all = json["files"][0]["diagnostics"].as_array().unwrap();
    assert!(
        all.iter()
            .all(|d| d["rule"] == "paste-artifact" || line_of(d) < 43),
        "ICP备17009552号 and 主办: in the footer are debris, not punctuation errors"
    );
}

#[test]
fn seed_002_hard_wraps_are_in_the_pdf_copy_only() {
    let Some(path) = seed("002") else { return };
    let json = check_json(&path);
    let wraps: Vec<u64> = findings_of(&json, "hard-wrap")
        .into_iter()
        .map(line_of)
        .collect();
    assert_eq!(wraps.len(), 16, "14 broken sentences and 2 broken headings");
    assert!(wraps.iter().all(|&l| l >= 25), "{wraps:?}");
}

#[test]
fn seed_000_half_width_commas_are_folded_in_text_output() {
    let Some(path) = seed("000") else { return };
    let json = check_json(&path);
    let commas = findings_of(&json, "punctuation-width");
    assert!(commas.len() > 150, "JSON keeps every occurrence");
    assert!(
        commas
            .iter()
            .all(|d| d["fix"]["edits"][0]["replacement"].is_string())
    );
    let text = Command::cargo_bin("draftlint")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let shown = text.matches("warning[punctuation-width]").count();
    assert!(shown <= 6, "{shown} punctuation findings shown");
    assert!(text.contains("同类问题本文件共"), "{text}");
}
