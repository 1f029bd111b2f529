//! Copy detection through the CLI: reference documents, drafts compared with each other,
//! hard-wrapped and edited copies, bad reference files.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use tempfile::TempDir;

const LAST_YEAR: &str = "松川县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全县28个行政执法单位落实行政执法三项制度，在县政府门户网站公示执法信息1893条，组织行政执法案卷评查2次，抽查案卷186卷，评出优秀案卷24卷。\n县行政复议局受理行政复议案件41件，审结39件，行政机关负责人出庭应诉行政诉讼案件33件，出庭应诉率达到100%。\n二、存在的不足和原因\n一是基层执法力量不足。究其原因，主要是编制有限，培训投入不够。\n";
const NEIGHBOUR: &str = "青禾县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n深化“放管服”改革，动态调整县级权责清单，保留行政权力事项2863项，县政务服务中心进驻事项1127项，其中“一网通办”事项1045项。\n";

fn draft_with(paragraph: &str) -> String {
    format!(
        "松川县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n县政府常务会议专题研究法治政府建设5次，出台制度文件7件，组织执法人员培训4期，培训人员412人次，执法人员持证上岗率达到100%。\n{paragraph}\n二、存在的不足和原因\n一是规范性文件起草质量不高。究其原因，主要是起草人员法律素养参差不齐。\n"
    )
}

fn run(dir: &TempDir, args: &[&str]) -> (i32, Value, String) {
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--select", "copied-text"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap();
    (
        output.status.code().unwrap(),
        json,
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn copies(json: &Value, file: &str) -> Vec<Value> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == file)
        .map(|f| f["diagnostics"].as_array().unwrap().clone())
        .unwrap_or_default()
}

fn setup(draft: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("archive")).unwrap();
    fs::write(dir.path().join("archive/songchuan-2022.txt"), LAST_YEAR).unwrap();
    fs::write(dir.path().join("archive/qinghe-2022.txt"), NEIGHBOUR).unwrap();
    fs::write(dir.path().join("draft.txt"), draft).unwrap();
    dir
}

#[test]
fn an_edited_copy_is_attributed_with_what_changed() {
    let edited = "全县28个行政执法单位落实行政执法三项制度，在县政府门户网站公示执法信息2105条，组织行政执法案卷评查2次，抽查案卷186卷，评出优秀案卷24卷。";
    let dir = setup(&draft_with(edited));
    let (_, json, _) = run(&dir, &["draft.txt", "--corpus", "archive/*.txt"]);
    let found = copies(&json, "draft.txt");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["range"]["start"]["line"], 4);
    assert_eq!(d["data"]["source"], "archive/songchuan-2022.txt");
    assert_eq!(d["data"]["source_range"]["start"]["line"], 3);
    assert_eq!(d["data"]["changes"][0]["from"], "1893条");
    assert_eq!(d["data"]["changes"][0]["to"], "2105条");
    assert!(d["data"]["similarity"].as_f64().unwrap() > 0.9);
}

#[test]
fn a_hard_wrapped_copy_of_two_paragraphs_is_one_passage() {
    let source: String = LAST_YEAR
        .lines()
        .skip(2)
        .take(2)
        .collect::<Vec<_>>()
        .join("");
    let wrapped: String = source
        .chars()
        .collect::<Vec<_>>()
        .chunks(21)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n\n");
    let dir = setup(&draft_with(&wrapped));
    let (_, json, _) = run(&dir, &["draft.txt", "--corpus", "archive/*.txt"]);
    let found = copies(&json, "draft.txt");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["range"]["start"]["line"], 4);
    assert_eq!(found[0]["data"]["source_range"]["start"]["line"], 3);
    assert_eq!(found[0]["data"]["source_range"]["end"]["line"], 4);
    assert_eq!(found[0]["data"]["similarity"], 1.0);
}

#[test]
fn an_independent_draft_and_stock_phrases_are_not_reported() {
    let own = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全县新建公共法律服务工作站14个，培育法律明白人320名。";
    let dir = setup(&draft_with(own));
    let (code, json, _) = run(&dir, &["draft.txt", "--corpus", "archive/*.txt"]);
    assert_eq!(code, 0);
    assert!(copies(&json, "draft.txt").is_empty());
}

#[test]
fn drafts_are_compared_with_each_other_and_the_later_one_is_reported() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("2022.txt"), LAST_YEAR).unwrap();
    fs::write(
        dir.path().join("2023.txt"),
        LAST_YEAR.replace("2022", "2023"),
    )
    .unwrap();
    let (_, json, _) = run(&dir, &["."]);
    assert!(copies(&json, "2022.txt").is_empty());
    let later = copies(&json, "2023.txt");
    assert_eq!(later.len(), 1);
    assert_eq!(later[0]["data"]["source"], "2022.txt");
    fs::write(
        dir.path().join(".draftlint.toml"),
        "[rules]\ncopied-text = { compare-drafts = false }\n",
    )
    .unwrap();
    let (_, json, _) = run(&dir, &["."]);
    assert!(copies(&json, "2023.txt").is_empty());
}

#[test]
fn corpus_from_config_is_relative_to_the_config() {
    let edited = LAST_YEAR.lines().nth(3).unwrap();
    let dir = setup(&draft_with(edited));
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::rename(
        dir.path().join("draft.txt"),
        dir.path().join("drafts/draft.txt"),
    )
    .unwrap();
    fs::write(
        dir.path().join(".draftlint.toml"),
        "corpus = [\"archive/*.txt\"]\n",
    )
    .unwrap();
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir.path().join("drafts"))
        .args(["check", "--format", "concise", "draft.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("draft.txt:4:1: warning[copied-text]"),
        "{stdout}"
    );
    // Outside the working folder a reference is shown by its absolute path, never with `..`.
    let archive = fs::canonicalize(dir.path()).unwrap().join("archive");
    assert!(
        stdout.contains(&format!(
            "{}/songchuan-2022.txt 第4行相同",
            archive.display()
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(".."), "{stdout}");
}

#[test]
fn bad_reference_files_are_reported_once_and_skipped() {
    let edited = LAST_YEAR.lines().nth(3).unwrap();
    let dir = setup(&draft_with(edited));
    fs::write(dir.path().join("archive/empty.txt"), "").unwrap();
    fs::write(dir.path().join("archive/binary.txt"), b"\x00\x01\x02").unwrap();
    let (code, json, stderr) = run(&dir, &["draft.txt", "--corpus", "archive/*.txt"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.matches("archive/empty.txt").count(), 1, "{stderr}");
    assert!(stderr.contains("（参考文件，已跳过）"), "{stderr}");
    assert_eq!(copies(&json, "draft.txt").len(), 1);
    let (code, _, stderr) = run(&dir, &["draft.txt", "--corpus", "nowhere/*.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("没有匹配到任何文件"), "{stderr}");
}
