//! The command line: exit codes, bad input, configuration, formats.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

const GOOD: &str = "青禾县人民政府关于2023年度法治政府建设情况的报告\n市委依法治市办：\n2023年，我县坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。\n一、主要举措和成效\n（一）强化组织领导。县政府常务会议专题研究法治政府建设4次，出台制度文件6件，开展督察3轮，发现问题21个，已全部整改到位，群众满意度达到96.5%，各项工作稳步推进。\n（二）严格规范执法。全年开展行政执法案卷评查2次，评查案卷126卷，发现问题8个，组织执法人员培训5期，培训386人次，行政复议纠错率下降到3.2%。\n二、存在的不足和原因\n一是基层执法力量不足。究其原因，主要是编制有限，培训投入不够，导致执法人员业务能力参差不齐。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议专题研究法治工作4次，带头参加集体学法6次，年底向县委述法，亲自出庭应诉1次，督办重大行政执法案件3件。\n四、2024年工作安排\n一是加强执法队伍建设，全年组织培训不少于4期；二是推进规范性文件合法性审查全覆盖。\n青禾县人民政府\n2024年1月26日\n";

fn draftlint() -> Command {
    Command::cargo_bin("draftlint").unwrap()
}

fn temp_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

#[test]
fn a_clean_report_exits_zero() {
    let dir = temp_with(&[("good.txt", GOOD.as_bytes())]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "good.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("未发现问题"));
}

#[test]
fn errors_exit_one_in_every_format() {
    let bad = GOOD.replace("二、存在的不足和原因\n", "二、其他工作\n");
    let dir = temp_with(&[("bad.txt", bad.as_bytes())]);
    for format in ["text", "concise", "json"] {
        draftlint()
            .current_dir(dir.path())
            .args(["check", "bad.txt", "--format", format])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("缺少“存在的不足和原因”部分"));
    }
}

#[test]
fn fail_on_warning_is_configurable() {
    let warned = GOOD.replace("2024年1月26日", "2024年01月26日");
    let dir = temp_with(&[("r.txt", warned.as_bytes())]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt"])
        .assert()
        .code(0);
    fs::write(
        dir.path().join(".draftlint.toml"),
        "fail-on = \"warning\"\n",
    )
    .unwrap();
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt"])
        .assert()
        .code(1);
}

#[test]
fn unreadable_inputs_are_named_and_the_rest_still_checked() {
    let dir = temp_with(&[
        ("good.txt", GOOD.as_bytes()),
        ("empty.txt", b""),
        ("latin1.txt", b"caf\xE9 cr\xE8me br\xFBl\xE9e\n"),
        ("binary.txt", b"\x00\x01\x02abc"),
    ]);
    let output = draftlint()
        .current_dir(dir.path())
        .args([
            "check",
            "good.txt",
            "empty.txt",
            "latin1.txt",
            "binary.txt",
            "missing.txt",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("无法读取 empty.txt：文件为空"), "{stderr}");
    assert!(
        stderr.contains("无法读取 latin1.txt：无法识别文件的编码"),
        "{stderr}"
    );
    assert!(
        stderr.contains("无法读取 binary.txt：这是二进制文件"),
        "{stderr}"
    );
    assert!(
        stderr.contains("无法读取 missing.txt：文件或文件夹不存在"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["path"], "good.txt");
    assert_eq!(json["errors"].as_array().unwrap().len(), 4);
}

#[test]
fn a_folder_without_reports_is_an_error() {
    let dir = temp_with(&[("photo.jpg", b"\xFF\xD8\xFF\xE0")]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("文件夹中没有可检查的报告"));
}

#[test]
fn folders_are_walked_respecting_gitignore_in_sorted_order() {
    let dir = temp_with(&[
        ("b/2023.txt", GOOD.as_bytes()),
        ("a/2023.md", GOOD.as_bytes()),
        ("ignored/2023.txt", b"not checked"),
        (".gitignore", b"ignored/\n"),
    ]);
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json", "-j", "2"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paths: Vec<_> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, vec!["a/2023.md", "b/2023.txt"]);
}

#[test]
fn stdin_is_checked_with_a_dash() {
    draftlint()
        .args(["check", "-", "--format", "concise"])
        .write_stdin(
            "今年以来，我县全力推进依法治县工作，取得积极成效，现将有关情况报告如下，请审阅。\n",
        )
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "<stdin>:1:1: error[missing-title] 报告缺少标题",
        ));
}

#[test]
fn select_and_ignore_choose_rules() {
    let dir = temp_with(&[(
        "r.txt",
        "今年以来，我县全力推进依法治县工作，取得积极成效，现将有关情况报告如下。\n".as_bytes(),
    )]);
    let run = |args: &[&str]| {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "r.txt", "--format", "concise"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let selected = run(&["--select", "missing-title"]);
    assert!(selected.contains("missing-title") && !selected.contains("missing-section"));
    let ignored = run(&["--ignore", "missing-title,missing-section"]);
    assert!(!ignored.contains("missing-title") && !ignored.contains("missing-section"));
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt", "--select", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("未知的规则 “no-such-rule”"));
}

#[test]
fn config_is_discovered_upward_with_per_file_entries() {
    let no_title = "今年以来，我县全力推进依法治县工作，取得积极成效，现将有关情况报告如下。\n";
    let dir = temp_with(&[
        (".draftlint.toml", b"[rules]\nmissing-section = \"off\"\n[[per-file]]\nglob = \"drafts/old/**\"\nignore = [\"missing-title\"]\n"),
        ("drafts/new.txt", no_title.as_bytes()),
        ("drafts/old/2019.txt", no_title.as_bytes()),
    ]);
    let output = draftlint()
        .current_dir(dir.path().join("drafts"))
        .args(["check", ".", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("missing-section"), "{stdout}");
    assert!(
        stdout.contains("new.txt:1:1: error[missing-title]"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("2019.txt:1:1: error[missing-title]"),
        "{stdout}"
    );
}

#[test]
fn a_broken_config_is_shown_in_the_file_and_exits_two() {
    let dir = temp_with(&[
        (
            ".draftlint.toml",
            "[rules]\nsection-order = \"loud\"\n".as_bytes(),
        ),
        ("r.txt", GOOD.as_bytes()),
    ]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt", "--color", "never"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "规则 section-order 的级别 “loud” 无效",
        ))
        .stderr(predicate::str::contains(".draftlint.toml:2:17"));
}

#[test]
fn a_broken_pack_is_shown_in_the_pack_file() {
    let dir = temp_with(&[("pack.toml", b"name = \"x\"\ndisplay-name = \"x\"\norder = []\nparts = []\n[detect]\ntitle = [\"(\"]\n[title]\nreport-name = \"x\"\nreport-name-hint = \"x\"\nbody = \"x\"\n"), ("r.txt", GOOD.as_bytes())]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt", "--pack", "pack.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("正则表达式无效"))
        .stderr(predicate::str::contains("pack.toml:6:"));
}

#[test]
fn a_user_pack_drives_the_check() {
    let pack = "name = \"mini\"\ndisplay-name = \"简报\"\norder = [\"summary\"]\n[detect]\ntitle = [\"简报\"]\n[title]\nreport-name = \"简报\"\nreport-name-hint = \"工作简报\"\nbody = \"局\"\n[signature]\nrequired = false\n[[parts]]\nid = \"summary\"\nname = \"工作小结\"\nheadings = [\"小结\"]\n";
    let dir = temp_with(&[
        ("mini.toml", pack.as_bytes()),
        (
            "r.txt",
            "某局2023年工作简报\n一、概况\n内容很多很多。\n".as_bytes(),
        ),
    ]);
    draftlint()
        .current_dir(dir.path())
        .args([
            "check",
            "r.txt",
            "--pack",
            "mini.toml",
            "--format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("缺少“工作小结”部分"));
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_to_overwrite() {
    let dir = temp_with(&[("r.txt", GOOD.as_bytes())]);
    draftlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt"])
        .assert()
        .code(0);
    draftlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("文件已存在"));
}

#[test]
fn explain_documents_every_rule() {
    let output = draftlint().arg("rules").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<&str> = listing
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(ids.len() >= 12);
    for id in ids {
        let output = draftlint().args(["explain", id]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let text = String::from_utf8(output.stdout).unwrap();
        for heading in [
            "## 检查什么",
            "## 为什么",
            "## 错误示例",
            "## 正确示例",
            "## 配置",
        ] {
            assert!(text.contains(heading), "{id} lacks {heading}");
        }
    }
    draftlint().args(["explain", "nope"]).assert().code(2);
}

#[test]
fn json_follows_the_contract() {
    let dir = temp_with(&[(
        "r.txt",
        GOOD.replace("二、存在的不足和原因\n", "二、其他工作\n")
            .as_bytes(),
    )]);
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "r.txt", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["pack"], "fzzf-annual-report");
    assert_eq!(file["report_year"], 2023);
    let d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "missing-section")
        .unwrap();
    assert_eq!(d["severity"], "error");
    assert_eq!(d["data"]["section"], "problems");
    let span = (
        d["span"]["start"].as_u64().unwrap() as usize,
        d["span"]["end"].as_u64().unwrap() as usize,
    );
    let text = fs::read_to_string(dir.path().join("r.txt")).unwrap();
    let line_no = text[..span.0].matches('\n').count() + 1;
    assert_eq!(
        d["range"]["start"]["line"].as_u64().unwrap() as usize,
        line_no
    );
    assert_eq!(json["summary"]["errors"], 1);
}

#[test]
fn outline_json_names_the_parts() {
    let dir = temp_with(&[("r.txt", GOOD.as_bytes())]);
    let output = draftlint()
        .current_dir(dir.path())
        .args(["outline", "r.txt", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let parts: Vec<_> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["part"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        parts,
        vec![
            "measures",
            "problems",
            "first_responsible",
            "next_year_plan"
        ]
    );
    assert_eq!(json["report_year"], 2023);
    assert_eq!(json["sections"][0]["children"][0]["marker"], "（一）");
    assert_eq!(json["signature"]["date"], "2024年1月26日");
}

#[test]
fn a_reader_that_stops_early_leaves_the_verdict_intact() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Process, Stdio};
    let draft = fs::read("fixtures/rules/missing-section/fires.txt").unwrap();
    let files: Vec<(String, Vec<u8>)> = (0..300)
        .map(|i| (format!("draft-{i:03}.txt"), draft.clone()))
        .collect();
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_slice()))
        .collect();
    let dir = temp_with(&named);
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("draftlint"))
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains('['), "a finding first: {first}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "findings still decide the exit code"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

const NOTICE: &str = "关于报送2024年度法治政府建设情况报告的通知\n各乡镇人民政府，县政府各部门：\n为做好2024年度法治政府建设情况报告工作，现将有关事项通知如下。\n一、报送内容\n各单位报告应当包括主要举措和成效、存在的不足和原因等内容。\n二、报送时间\n请于2025年1月20日前报送县司法局。\n青禾县依法治县办\n2025年1月6日\n";
const MEMO: &str =
    "说明\n这个文件夹存放各单位报送的报告，文件名写单位名称。\n有问题请联系办公室。\n";
const README: &str =
    "# 报告仓库\n\n本仓库保存各年度的报告草稿。\n\n## 使用方法\n\n提交前运行检查命令。\n";

#[test]
fn files_that_are_not_reports_get_one_remark_and_no_errors() {
    let dir = temp_with(&[
        ("good.txt", GOOD.as_bytes()),
        ("通知.txt", NOTICE.as_bytes()),
        ("说明.txt", MEMO.as_bytes()),
        ("README.md", README.as_bytes()),
    ]);
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for file in json["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let rules: Vec<&str> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        if path.ends_with("good.txt") {
            assert!(!rules.contains(&"document-kind"), "{rules:?}");
        } else {
            assert_eq!(rules, ["document-kind"], "{path}");
            assert_eq!(file["diagnostics"][0]["severity"], "info");
        }
    }
    // Checked as a report on request, the notice is held to the pack's parts.
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--pack", "fzzf-annual-report", "通知.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing-section"));
}

#[test]
fn a_report_without_a_title_is_still_checked_as_a_report() {
    let untitled = GOOD.split_once('\n').unwrap().1;
    let dir = temp_with(&[("draft.txt", untitled.as_bytes())]);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "draft.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing-title"))
        .stdout(predicate::str::contains("document-kind").not());
}

#[test]
fn the_outline_names_a_glossed_title_and_headings_without_their_glosses() {
    // A traditional-character mirror whose converter put pinyin after some characters.
    let text = "某區教育局2022年法治政府建設(shè)年度報告\n2022年,某區教育局全面推進法治政府建設,取得了新的進展。\n一、主要做法\n(一)強(qiáng)化法治理論學習\n全年組織學法12次。\n";
    let output = draftlint()
        .args(["outline", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["title"], "某區教育局2022年法治政府建設年度報告");
    assert_eq!(
        json["sections"][0]["children"][0]["heading"],
        "強化法治理論學習"
    );
}
