//! Every rule has fixtures under `fixtures/rules/<rule-id>/`: each `fires*.txt` must make the rule
//! report, and `passes.txt`, a near miss, must not (and must be clean under every rule).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn check(path: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .args(["check", "--format", "json", "--pack", "fzzf-annual-report"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rule_ids() -> Vec<String> {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

#[test]
fn every_rule_fires_on_its_fixtures_and_not_on_its_near_miss() {
    for id in rule_ids() {
        let dir = fixtures_dir().join(&id);
        let mut fires: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("rule {id} has no fixtures folder {}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("fires")
            })
            .collect();
        fires.sort();
        assert!(!fires.is_empty(), "rule {id} has no fires*.txt fixture");
        // A rule that compares documents finds its reference documents in `corpus/`.
        let corpus = dir.join("corpus/*.txt").to_string_lossy().into_owned();
        let extra: Vec<&str> = if dir.join("corpus").is_dir() {
            vec!["--corpus", &corpus]
        } else {
            vec![]
        };
        for path in fires {
            let found = check(
                &path,
                &[&["--select", id.as_str()], extra.as_slice()].concat(),
            );
            assert!(!found.is_empty(), "{id} did not fire on {}", path.display());
        }
        let passes = dir.join("passes.txt");
        let found = check(&passes, &extra);
        assert!(
            found.iter().all(|(rule, _)| rule != &id),
            "{id} fired on its near miss {}",
            passes.display()
        );
        let loud: Vec<_> = found
            .iter()
            .filter(|(_, severity)| severity != "info")
            .collect();
        assert!(
            loud.is_empty(),
            "near miss {} is not clean: {loud:?}",
            passes.display()
        );
    }
}

#[test]
fn the_bundled_example_is_clean() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-report.txt");
    assert_eq!(check(&example, &[]), Vec::<(String, String)>::new());
}
