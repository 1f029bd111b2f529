//! The review page as a reviewer files it: the page of the five real reports printed to PDF by
//! headless Chromium, and every finding (its place, rule and message) found in the PDF's text.

mod common;

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

/// Run a program to its end, at most `limit`; its standard error when it fails.
fn run_tool(command: &mut Command, limit: Duration) {
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            use std::io::Read;
            let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
            assert!(status.success(), "{command:?} failed: {stderr}");
            return;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Text without any whitespace: a message wrapped over lines or pages reads as one.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
#[cfg_attr(
    any(draftlint_no_seeds, draftlint_no_chromium),
    ignore = "needs the real reports in ../shared/seeds, and `chromium` and `pdftotext` on the PATH (.ci/run installs them)"
)]
fn every_finding_of_the_seeds_is_in_the_printed_review_page() {
    let seeds = common::seeds_dir();
    let seeds = seeds.to_str().unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let page = dir.path().join("review.html");
    let pdf = dir.path().join("review.pdf");
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["check", seeds, "--format", "html", "-o", "review.html"],
    );
    assert_eq!(code, 1, "{stderr}");
    let (_, json, _) = common::run_in(dir.path(), &["check", seeds, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();

    run_tool(
        Command::new("chromium")
            .arg("--headless")
            .arg("--no-sandbox")
            .arg("--disable-gpu")
            .arg("--no-pdf-header-footer")
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display())),
        Duration::from_secs(300),
    );
    let text = dir.path().join("review.txt");
    run_tool(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&pdf)
            .arg(&text),
        Duration::from_secs(120),
    );
    let printed = squeezed(&std::fs::read_to_string(&text).unwrap());
    assert!(
        printed.contains("draftlint审阅报告"),
        "no Chinese text could be read from the PDF: are CJK fonts installed (fonts-noto-cjk)?"
    );

    // Each finding as the page lists it: 「第5行第3列 rule」 then the message. Findings alike
    // in everything must be printed as often as they are found.
    let mut expected: HashMap<String, usize> = HashMap::new();
    for file in json["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            let start = &d["range"]["start"];
            let key = squeezed(&format!(
                "第{}行第{}列{}{}",
                start["line"],
                start["column"],
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ));
            *expected.entry(key).or_default() += 1;
        }
    }
    let total: usize = expected.values().sum();
    assert!(
        total > 100,
        "the seeds have hundreds of findings, not {total}"
    );
    let missing: Vec<String> = expected
        .iter()
        .filter(|(key, count)| printed.matches(key.as_str()).count() < **count)
        .map(|(key, count)| format!("{key} (×{count})"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {total} findings are not in the printed page:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
