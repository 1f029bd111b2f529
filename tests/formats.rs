//! The CI formats (SARIF, GitHub, JUnit) and the review page, through the CLI.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    common::run_in(root(), args)
}

const FIXTURES: &str = "fixtures/rules";

#[test]
fn exit_codes_are_the_same_in_every_format() {
    for format in [
        "text", "concise", "json", "sarif", "github", "junit", "html",
    ] {
        let (code, _, _) = run(&[
            "check",
            "--format",
            format,
            "fixtures/rules/missing-section/fires.txt",
        ]);
        assert_eq!(code, 1, "{format}");
        let (code, _, _) = run(&["check", "--format", format, "fixtures/example-report.txt"]);
        assert_eq!(code, 0, "{format}");
        let (code, _, _) = run(&["check", "--format", format, "no-such-file.txt"]);
        assert_eq!(code, 2, "{format}");
    }
}

#[test]
fn sarif_has_rules_regions_and_relative_uris() {
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "sarif",
        "--pack",
        "fzzf-annual-report",
        FIXTURES,
    ]);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| r["help"]["text"].as_str().unwrap().contains("## 为什么"))
    );
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("fixtures/rules/") && !uri.contains('\\'),
            "{uri}"
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
#[cfg_attr(
    draftlint_no_sarif_validator,
    ignore = "needs the SARIF validator: set SARIF_MULTITOOL or run .ci/run, which installs it"
)]
fn sarif_of_every_seed_passes_the_official_validator() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut inputs = vec![root().join("fixtures")];
    let seeds = root().join("../shared/seeds");
    if seeds.is_dir() {
        inputs.extend(
            std::fs::read_dir(&seeds)
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
    }
    let mut files = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let (_, stdout, _) = run(&["check", "--format", "sarif", input.to_str().unwrap()]);
        let file = dir.path().join(format!("{i}.sarif"));
        std::fs::write(&file, stdout).unwrap();
        files.push(file);
    }
    common::sarif::assert_valid(&files);
}

#[test]
fn github_annotations_land_on_the_right_lines() {
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "github",
        "fixtures/rules/heading-numbering/fires.txt",
        "fixtures/rules/duplicate-text/fires.txt",
    ]);
    assert!(
        stdout.contains("::warning file=fixtures/rules/heading-numbering/fires.txt,line=13,endLine=13,col=1,endColumn=3,title=heading-numbering::标题编号跳号：“二、”之后是“四、”"),
        "{stdout}"
    );
    let multi_line = stdout
        .lines()
        .find(|l| l.contains("title=duplicate-text"))
        .unwrap();
    assert!(multi_line.contains("line=17,endLine="), "{multi_line}");
    assert!(
        !multi_line.contains("col="),
        "multi-line spans carry no columns: {multi_line}"
    );
    for line in stdout.lines() {
        assert!(line.starts_with("::") && !line.contains('\r'));
    }
}

#[test]
fn junit_is_well_formed_with_a_failure_per_finding() {
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "junit",
        "fixtures/rules/section-content/fires.txt",
        "fixtures/example-report.txt",
        "no-such-file.txt",
    ]);
    let mut reader = quick_xml::Reader::from_str(&stdout);
    let (mut cases, mut failures, mut errors) = (0, 0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().into_inner() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    "error" => errors += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!((cases, errors), (3, 1));
    assert_eq!(
        failures, 0,
        "warnings are below fail-on = error, so they are output, not failures"
    );
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "junit",
        "fixtures/rules/missing-section/fires.txt",
    ]);
    assert!(
        stdout
            .contains("<failure type=\"missing-section\" message=\"缺少“存在的不足和原因”部分\">"),
        "{stdout}"
    );
}

#[test]
fn the_review_page_is_self_contained_with_a_parts_matrix() {
    let (code, stdout, _) = run(&[
        "check",
        "--format",
        "html",
        "fixtures/example-report.txt",
        "fixtures/rules/missing-section/fires.txt",
        "fixtures/rules/section-content/fires.txt",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("<!DOCTYPE html>"));
    for external in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(
            !stdout.contains(external),
            "the page must not load {external}"
        );
    }
    assert!(stdout.contains("<th>存在的不足和原因</th>"));
    assert!(stdout.contains("✗ 缺少"));
    assert_eq!(stdout.matches("<section class=\"doc\"").count(), 3);
    assert!(stdout.contains("<mark class=\"error\""));
}

#[test]
fn the_review_matrix_keeps_parts_of_different_packs_apart() {
    // Both packs call a part `problems`: 存在的不足和原因 in a government report, 存在问题 in a
    // people's congress investigation report.
    let (_, stdout, _) = run(&[
        "check",
        "--format",
        "html",
        "fixtures/example-report.txt",
        "fixtures/rules/document-kind/fires.txt",
    ]);
    assert!(stdout.contains("<th>存在的不足和原因</th>"), "{stdout}");
    assert!(stdout.contains("<th>存在问题</th>"), "{stdout}");
}

#[test]
fn no_progress_bar_outside_a_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let example = std::fs::read_to_string(root().join("fixtures/example-report.txt")).unwrap();
    for i in 0..30 {
        std::fs::write(
            dir.path().join(format!("{i:02}.txt")),
            example.replace("2023年，", &format!("2023年，第{i}稿，")),
        )
        .unwrap();
    }
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            ".",
            "--format",
            "concise",
            "--ignore",
            "copied-text",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn github_puts_errors_first_groups_a_busy_rule_and_writes_the_job_summary() {
    let dir = tempfile::TempDir::new().unwrap();
    let summary = dir.path().join("summary.md");
    let output = assert_cmd::Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            "--format",
            "github",
            "fixtures/rules/punctuation-width/fires.txt",
            "fixtures/rules/missing-section/fires.txt",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("::error "), "{stdout}");
    // Errors of every file before any warning: GitHub shows the first ten of each level.
    let last_error = lines.iter().rposition(|l| l.starts_with("::error "));
    let first_warning = lines.iter().position(|l| l.starts_with("::warning "));
    assert!(last_error < first_warning, "{stdout}");
    let widths: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("title=punctuation-width"))
        .collect();
    assert_eq!(widths.len(), 1, "one annotation for a busy rule: {stdout}");
    assert!(
        widths[0].contains("本文件共 14 处同类问题"),
        "{}",
        widths[0]
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("## draftlint 检查结果"), "{md}");
    assert!(
        md.contains("| fixtures/rules/missing-section/fires.txt | 存在的不足和原因 | 1 |"),
        "{md}"
    );
    assert!(md.contains("| `punctuation-width` | 0 | 14 | 0 |"), "{md}");
}

#[test]
fn github_puts_the_errors_of_every_file_before_the_warnings_of_any() {
    let dir = tempfile::TempDir::new().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    // `a.txt` has only warnings, `b.txt` an error: file order would put the warnings first.
    for (name, fixture) in [
        ("a.txt", "punctuation-width/fires.txt"),
        ("b.txt", "secret-marking/fires.txt"),
    ] {
        std::fs::copy(fixtures.join(fixture), dir.path().join(name)).unwrap();
    }
    let (_, stdout, _) = common::run_in(dir.path(), &["check", "--format", "github", "."]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("::error file=b.txt"), "{stdout}");
    let last_error = lines.iter().rposition(|l| l.starts_with("::error "));
    let first_warning = lines.iter().position(|l| l.starts_with("::warning "));
    assert!(last_error < first_warning, "{stdout}");
    // Within a level, in the catalogue's order (structure before typography), whichever
    // file a finding is in.
    let (_, catalogue, _) = common::run_in(dir.path(), &["rules"]);
    let place = |rule: &str| {
        catalogue
            .lines()
            .position(|l| l.split_whitespace().next() == Some(rule))
            .unwrap()
    };
    let places: Vec<usize> = lines
        .iter()
        .filter(|l| l.starts_with("::warning "))
        .map(|l| {
            place(
                l.split(",title=")
                    .nth(1)
                    .unwrap()
                    .split("::")
                    .next()
                    .unwrap(),
            )
        })
        .collect();
    assert!(places.is_sorted(), "{stdout}");
    assert!(places.len() > 2, "{stdout}");
}

/// A report whose first paragraph has four half-width commas, one of them after a break a PDF
/// copy made (the paragraph goes on two lines down), and whose last paragraph has one more.
const COMMAS_IN_TWO_PARAGRAPHS: &str = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办结案件12件,调解纠纷30件,培训执法人员5次,开展督察\n\n3次,发现问题8个。\n全年开展普法活动6场,发放资料2000份。\n";

fn in_folder(name: &str, text: &str, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.push(name);
    common::run_in(dir.path(), &all)
}

#[test]
fn group_paragraph_folds_a_rule_per_paragraph_in_concise() {
    let (code, stdout, _) = in_folder(
        "r.txt",
        COMMAS_IN_TWO_PARAGRAPHS,
        &["--format", "concise", "--group", "paragraph"],
    );
    let (plain_code, plain, _) =
        in_folder("r.txt", COMMAS_IN_TWO_PARAGRAPHS, &["--format", "concise"]);
    assert_eq!(code, plain_code, "grouping changes no exit code");
    let commas = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.contains("[punctuation-width]"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(commas(&plain).len(), 5, "{plain}");
    // The wrapped paragraph's four are one line that names the other three; the last
    // paragraph's comma stands alone.
    assert_eq!(
        commas(&stdout),
        vec![
            "r.txt:3:10: warning[punctuation-width] 中文里用了半角逗号“,”，应为全角“，”（本段还有 3 处同一规则的问题：第 3 行第 18、27 列，第 5 行第 3 列）",
            "r.txt:6:11: warning[punctuation-width] 中文里用了半角逗号“,”，应为全角“，”",
        ]
    );
    // Three missing parts at one place are one line, and none of them goes unsaid.
    let missing: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("[missing-section]"))
        .collect();
    assert_eq!(missing.len(), 1, "{stdout}");
    for part in ["存在的不足和原因", "第一责任人职责情况", "下一年度主要安排"]
    {
        assert!(missing[0].contains(part), "{}", missing[0]);
    }
}

#[test]
fn group_paragraph_extends_json_and_without_it_json_is_as_before() {
    let (_, plain, _) = in_folder("r.txt", COMMAS_IN_TWO_PARAGRAPHS, &["--format", "json"]);
    let (_, grouped, _) = in_folder(
        "r.txt",
        COMMAS_IN_TWO_PARAGRAPHS,
        &["--format", "json", "--group", "paragraph"],
    );
    let plain: Value = serde_json::from_str(&plain).unwrap();
    let grouped: Value = serde_json::from_str(&grouped).unwrap();
    let all = plain["files"][0]["diagnostics"].as_array().unwrap();
    let shown = grouped["files"][0]["diagnostics"].as_array().unwrap();
    assert!(
        all.iter()
            .all(|d| d.get("count").is_none() && d.get("grouped").is_none()),
        "no new field without --group"
    );
    assert_eq!(
        grouped["summary"], plain["summary"],
        "the summary counts every finding"
    );
    let counted: u64 = shown.iter().map(|d| d["count"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, all.len());
    // Each finding of the plain output is a shown one or a member of one, with the same span,
    // range, message and fix; the shown ones keep every field they had.
    let mut seen: Vec<String> = Vec::new();
    for d in shown {
        let mut first = d.as_object().unwrap().clone();
        let members = first.remove("grouped").unwrap();
        let members = members.as_array().unwrap();
        assert_eq!(first.remove("count").unwrap(), members.len() + 1);
        assert!(all.contains(&Value::Object(first.clone())), "{first:?}");
        seen.push(format!("{}{}", first["span"], first["message"]));
        for member in members {
            let mut unfolded = d.as_object().unwrap().clone();
            unfolded.remove("grouped");
            unfolded.remove("count");
            for key in ["message", "span", "range", "fix"] {
                unfolded.insert(key.to_string(), member[key].clone());
            }
            let unfolded = Value::Object(unfolded);
            assert!(
                all.iter().any(|a| a["span"] == unfolded["span"]
                    && a["message"] == unfolded["message"]
                    && a["range"] == unfolded["range"]
                    && a["fix"] == unfolded["fix"]),
                "{unfolded}"
            );
            seen.push(format!("{}{}", unfolded["span"], unfolded["message"]));
        }
    }
    let mut every: Vec<String> = all
        .iter()
        .map(|a| format!("{}{}", a["span"], a["message"]))
        .collect();
    seen.sort();
    every.sort();
    assert_eq!(seen, every, "every finding once");
    let commas: Vec<&Value> = shown
        .iter()
        .filter(|d| d["rule"] == "punctuation-width")
        .collect();
    assert_eq!(commas.len(), 2);
    assert_eq!(commas[0]["count"], 4);
    assert_eq!(
        commas[0]["grouped"][2]["range"]["start"]["line"], 5,
        "after the break"
    );
    assert_eq!(commas[1]["count"], 1);
    assert_eq!(commas[1]["grouped"], serde_json::json!([]));
}

#[test]
fn group_is_refused_with_the_formats_that_fold_on_their_own() {
    for format in ["text", "github", "sarif"] {
        let (code, stdout, stderr) = in_folder(
            "r.txt",
            COMMAS_IN_TWO_PARAGRAPHS,
            &["--format", format, "--group", "paragraph"],
        );
        assert_eq!(code, 2, "{format}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.contains("--group 只用于 --format concise 和 json"),
            "{stderr}"
        );
    }
}
