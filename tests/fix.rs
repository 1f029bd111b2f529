//! `check --fix` and `check --diff`: atomic writes, permissions, idempotence, refusals, and the
//! round trip over the real seeds.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Rules that offer fixes.
const FIXABLE: &[&str] = &[
    "paste-artifact",
    "hard-wrap",
    "punctuation-width",
    "cjk-spacing",
    "list-marker",
];

const DRAFT: &str = "当前位置：首页>>政务公开>>正文\n青禾县人民政府关于 2023 年度法治政府建设情况的报告\n市委依法治市办:\n2023年,我县坚持以习近平法治思想为指导,扎实推进法治政府建设,现将有关情况报告如下。\n一、主要举措和成效\n(一)强化组织领导。县政府常务会议专题研究法治政府建设4次,出台制度文件6件,开展督察3轮,发现问题21个,已全部整改到位,群众满意度达到96.5%。\n1、严格规范执法。全年开展行政执法案卷评查2次,评查案卷126卷,发现问题8个,组织执法人员培训5期,培训386人次,行政复议纠错率下降到3.2%。\n二、存在的不足和原因\n一是基层执法力量不足。究其原因,主要是编制有限,培训投入不够,导致执法人员业务能力参差\n\n不齐。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议专题研究法治工作4次,带头参加集体学法6次,年底向县委述法,亲自出庭应诉1次。\n四、2024年工作安排\n一是加强执法队伍建设,全年组织培训不少于4期。\n青禾县人民政府\n2024年1月26日\n\n关闭窗口\n主办:青禾县人民政府办公室\n";

fn draftlint() -> Command {
    Command::cargo_bin("draftlint").unwrap()
}

fn dir_with(name: &str, content: &[u8]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, content).unwrap();
    (dir, path)
}

fn json_of(dir: &Path, file: &str) -> Value {
    let output = draftlint()
        .current_dir(dir)
        .args(["check", "--format", "json", file])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

fn diagnostics(json: &Value) -> Vec<Value> {
    json["files"][0]["diagnostics"].as_array().unwrap().clone()
}

/// Apply the fixes reported in JSON the way the spec describes them: each fix's edits
/// together, a fix overlapping an earlier one skipped.
fn apply_reported(text: &str, diagnostics: &[Value]) -> (String, usize) {
    let mut fixes: Vec<Vec<(usize, usize, String)>> = diagnostics
        .iter()
        .filter(|d| !d["fix"].is_null())
        .map(|d| {
            let mut edits: Vec<(usize, usize, String)> = d["fix"]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["span"]["start"].as_u64().unwrap() as usize,
                        e["span"]["end"].as_u64().unwrap() as usize,
                        e["replacement"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            edits.sort();
            edits
        })
        .collect();
    fixes.sort_by_key(|f| (f[0].0, f[0].1));
    let mut accepted: Vec<(usize, usize, String)> = Vec::new();
    for fix in fixes {
        let clash = fix.iter().any(|(s, e, _)| {
            accepted
                .iter()
                .any(|(a, b, _)| (s < b && a < e) || (s == a && (s == e || a == b)))
        });
        if !clash {
            accepted.extend(fix);
        }
    }
    accepted.sort();
    let mut out = text.to_string();
    let count = accepted.len();
    for (s, e, r) in accepted.into_iter().rev() {
        out.replace_range(s..e, &r);
    }
    (out, count)
}

/// Han characters, digits and letters, full-width forms folded: what a fix must keep.
fn significant(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap()
            }
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Fix `file` in `dir` with --fix and check every promise of the spec against it.
fn round_trip(dir: &Path, file: &str) {
    let path = dir.join(file);
    let original = fs::read_to_string(&path).unwrap();
    let before = json_of(dir, file);

    // What the reported edits produce, applied pass by pass as --fix does.
    let mut expected = original.clone();
    let mut reported = diagnostics(&before);
    let scratch = dir.join("scratch.txt");
    for _ in 0..10 {
        let (next, applied) = apply_reported(&expected, &reported);
        if applied == 0 {
            break;
        }
        expected = next;
        fs::write(&scratch, &expected).unwrap();
        reported = diagnostics(&json_of(dir, "scratch.txt"));
    }
    fs::remove_file(&scratch).ok();

    let status = draftlint()
        .current_dir(dir)
        .args(["check", "--fix", "--format", "concise", file])
        .output()
        .unwrap();
    assert_ne!(status.status.code(), Some(2), "{file}: {:?}", status);
    let fixed = fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed, expected,
        "{file}: --fix wrote what the reported edits give"
    );

    // Nothing fixable is reported again, and a second --fix changes nothing.
    let after = diagnostics(&json_of(dir, file));
    let left: Vec<&Value> = after
        .iter()
        .filter(|d| {
            !d["fix"].is_null()
                || (FIXABLE.contains(&d["rule"].as_str().unwrap()) && d["rule"] != "list-marker")
        })
        .collect();
    assert!(
        left.is_empty(),
        "{file}: still reported after --fix: {left:?}"
    );
    draftlint()
        .current_dir(dir)
        .args(["check", "--fix", file])
        .assert()
        .stdout(predicates::str::contains("没有可自动修正的问题"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        fixed,
        "{file}: idempotent"
    );

    // Only punctuation, spaces, line breaks and the reported debris changed.
    let mut without_debris = original.clone();
    let mut debris: Vec<(usize, usize)> = diagnostics(&before)
        .iter()
        .filter(|d| d["rule"] == "paste-artifact")
        .map(|d| {
            let e = &d["fix"]["edits"][0]["span"];
            (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    debris.sort();
    for (s, e) in debris.into_iter().rev() {
        without_debris.replace_range(s..e, "");
    }
    assert_eq!(
        significant(&fixed),
        significant(&without_debris),
        "{file}: a fix changed a Chinese character, a number or a letter"
    );
}

#[test]
fn fix_round_trip_on_a_draft() {
    let (dir, _) = dir_with("r.txt", DRAFT.as_bytes());
    round_trip(dir.path(), "r.txt");
    let fixed = fs::read_to_string(dir.path().join("r.txt")).unwrap();
    assert!(fixed.starts_with("青禾县人民政府关于2023年度"), "{fixed}");
    assert!(fixed.contains("（一）强化组织领导。"));
    assert!(fixed.contains("1.严格规范执法。"));
    assert!(fixed.contains("参差不齐。"));
    assert!(fixed.ends_with("2024年1月26日\n"), "{fixed:?}");
}

#[test]
#[cfg_attr(
    draftlint_no_seeds,
    ignore = "needs the real reports in ../shared/seeds, which are not distributed"
)]
fn fix_round_trip_on_every_seed() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = fs::read_dir(&seeds).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (touch build.rs if it was removed)",
            seeds.display()
        )
    });
    let dir = TempDir::new().unwrap();
    let mut names = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            fs::write(dir.path().join(&name), fs::read(&path).unwrap()).unwrap();
            names.push(name);
        }
    }
    names.sort();
    for name in names {
        round_trip(dir.path(), &name);
    }
}

#[test]
fn fix_reports_what_it_fixed_and_exits_by_what_remains() {
    let (dir, path) = dir_with("r.txt", DRAFT.as_bytes());
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--color", "never", "r.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("已修正 r.txt：共 "), "{stdout}");
    assert!(stdout.contains("paste-artifact 2 处"), "{stdout}");
    assert!(stdout.contains("punctuation-width"), "{stdout}");
    // Only warnings and infos remain: exit 0 under fail-on = error.
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_ne!(fs::read_to_string(path).unwrap(), DRAFT);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_bom_and_line_endings_and_leaves_no_temp_file() {
    use std::os::unix::fs::PermissionsExt;
    let crlf = format!("\u{FEFF}{}", DRAFT.replace('\n', "\r\n"));
    let (dir, path) = dir_with("r.txt", crlf.as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "r.txt"])
        .assert()
        .code(0);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let fixed = fs::read(&path).unwrap();
    assert!(fixed.starts_with(b"\xEF\xBB\xBF"), "BOM kept");
    let text = String::from_utf8(fixed).unwrap();
    assert!(text.contains("（一）强化组织领导。"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF kept"
    );
    let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file left behind");
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let (dir, path) = dir_with("r.txt", DRAFT.as_bytes());
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "changes to show");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("--- a/r.txt\n+++ b/r.txt\n@@ "),
        "{stdout}"
    );
    assert!(stdout.contains("-当前位置：首页>>政务公开>>正文\n"));
    assert!(stdout.contains("+（一）强化组织领导。"));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("可修正 r.txt：共 "), "{stderr}");
    assert_eq!(
        fs::read_to_string(path).unwrap(),
        DRAFT,
        "--diff writes nothing"
    );
}

#[test]
fn fix_refuses_undecodable_and_read_only_files_and_leaves_stdin_alone() {
    let latin1: &[u8] = b"caf\xE9 cr\xE8me br\xFBl\xE9e\n";
    let (dir, path) = dir_with("latin1.txt", latin1);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "latin1.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("无法识别文件的编码"));
    assert_eq!(fs::read(&path).unwrap(), latin1, "untouched");

    let docx = dir.path().join("report.docx");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inputs/report.docx"),
        &docx,
    )
    .unwrap();
    let before = fs::read(&docx).unwrap();
    // Checked and reported, never written; the exit code follows its findings.
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "report.docx", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "report.docx:14:27: error[stats-inconsistent]",
        ))
        .stderr(predicates::str::contains(
            "Word 文档（.docx）只检查、不改写原文件",
        ));
    assert_eq!(
        fs::read(&docx).unwrap(),
        before,
        "a Word file is never written"
    );

    let ro = dir.path().join("ro.txt");
    fs::write(&ro, DRAFT).unwrap();
    let mut permissions = fs::metadata(&ro).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&ro, permissions).unwrap();
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "ro.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("只读"));
    assert_eq!(fs::read_to_string(&ro).unwrap(), DRAFT);

    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(DRAFT)
        .assert()
        .stderr(predicates::str::contains("标准输入只检查、不修正"))
        .stdout(predicates::str::contains("punctuation-width"));
}

#[test]
fn fix_and_diff_conflict() {
    draftlint()
        .args(["check", "--fix", "--diff", "x.txt"])
        .assert()
        .code(2);
}

#[test]
fn fix_writes_a_gbk_file_back_in_gbk() {
    let text = DRAFT.replace('，', ",");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let (dir, path) = dir_with("gbk.txt", &bytes);
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "gbk.txt", "--select", "punctuation-width"])
        .assert()
        .stdout(predicates::str::contains("已修正 gbk.txt"));
    let written = fs::read(&path).unwrap();
    let (decoded, _, malformed) = encoding_rs::GB18030.decode(&written);
    assert!(
        !malformed && std::str::from_utf8(&written).is_err(),
        "still GB18030"
    );
    assert!(!decoded.contains(",") && decoded.contains('，'));
}

#[test]
fn fix_leaves_markdown_markup_alone() {
    let markdown = format!("---\ntitle: 草稿\n---\n\n# {}", DRAFT.replace('，', ","));
    let (dir, path) = dir_with("draft.md", markdown.as_bytes());
    draftlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--fix",
            "draft.md",
            "--select",
            "punctuation-width",
        ])
        .assert()
        .stdout(predicates::str::contains("已修正 draft.md"));
    let written = fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("---\ntitle: 草稿\n---\n\n# "),
        "{written}"
    );
    assert!(!written.contains(','));
}

/// The brackets of a text, half- and full-width forms of one bracket taken as the same.
fn bracket_sequence(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '(' | '（' => Some('('),
            ')' | '）' => Some(')'),
            '[' | '［' => Some('['),
            ']' | '］' => Some(']'),
            '《' | '》' | '“' | '”' | '【' | '】' | '〔' | '〕' => Some(c),
            _ => None,
        })
        .collect()
}

/// Parenthesis pairs on one line whose halves differ in width (「(…）」), by line.
fn mixed_pairs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut open: Vec<(usize, char)> = Vec::new();
        for (i, c) in line.char_indices() {
            match c {
                '(' | '（' => open.push((i, c)),
                ')' | '）' => {
                    if let Some((o, oc)) = open.pop()
                        && (oc == '(') != (c == ')')
                    {
                        out.push(line[o..i + c.len_utf8()].to_string());
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// --fix on `file` in `dir`: the fixed text, after checking that every `verbatim` piece is
/// still there byte for byte, no bracket came or went, and no pair of parentheses was split.
fn fix_keeping(dir: &Path, file: &str, verbatim: &[&str]) -> String {
    let path = dir.join(file);
    let original = fs::read_to_string(&path).unwrap();
    for piece in verbatim {
        assert!(original.contains(piece), "test data: {piece}");
    }
    let output = draftlint()
        .current_dir(dir)
        .args(["check", "--fix", "--format", "concise", file])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    let fixed = fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, original, "{file}: the prose had something to fix");
    for piece in verbatim {
        assert!(fixed.contains(piece), "{file}: {piece} changed:\n{fixed}");
    }
    assert_eq!(
        bracket_sequence(&fixed),
        bracket_sequence(&original),
        "{file}: a bracket came or went"
    );
    let mixed_before = mixed_pairs(&original);
    for pair in mixed_pairs(&fixed) {
        assert!(
            mixed_before.contains(&pair),
            "{file}: a pair of parentheses split: {pair}"
        );
    }
    assert_eq!(significant(&fixed), significant(&original));
    fixed
}

#[test]
fn fix_leaves_markdown_code_links_and_html_as_written() {
    let markdown = "# 青禾县人民政府关于2023年度法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n详见[通知(一)](https://example.gov.cn/a(b),c \"标题,说明\")和图片![图(一)](img/a,b.png),另见<https://a.cn/x,y>和<fzb@example.cn>。\n运行`cargo run(x),y`命令,配置见[参考][r],全角`１２`不改。\n<span title=\"a,b\">标签</span>(一)强化领导,好。\n\n[r]: https://c.cn/r,s\n\n    缩进代码(一),内容 一 二\n\n```\n围栏代码(一),内容 一 二\n1、不是序号\n```\n\n二、存在的不足\n\n一是基层执法力量不足,培训不够。\n";
    let (dir, _) = dir_with("links.md", markdown.as_bytes());
    let fixed = fix_keeping(
        dir.path(),
        "links.md",
        &[
            "](https://example.gov.cn/a(b),c \"标题,说明\")",
            "![",
            "](img/a,b.png)",
            "<https://a.cn/x,y>",
            "<fzb@example.cn>",
            "`cargo run(x),y`",
            "][r]",
            "`１２`",
            "<span title=\"a,b\">",
            "[r]: https://c.cn/r,s",
            "    缩进代码(一),内容 一 二\n",
            "```\n围栏代码(一),内容 一 二\n1、不是序号\n```",
        ],
    );
    assert!(fixed.contains("[通知（一）]("), "{fixed}");
    assert!(fixed.contains("![图（一）]("), "{fixed}");
    assert!(fixed.contains(")，另见<"), "{fixed}");
    assert!(fixed.contains("命令，配置见"), "{fixed}");
    assert!(fixed.contains("</span>（一）强化领导，好。"), "{fixed}");
    assert!(fixed.contains("力量不足，培训不够。"), "{fixed}");
}

#[test]
fn fix_leaves_addresses_and_file_names_in_text_as_written() {
    let text = "青禾县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n详见网站(http://www.example.gov.cn/a,b)获取,邮箱fzb@example.cn,附件报告(终稿).docx,路径data/2023/a_b.txt。\n另见(www.example.cn)和网址 https://x.cn/p?a=1,b;c 说明,（一)强化领导。\n二、存在的不足和原因\n一是基层执法力量不足,培训投入不够。\n";
    let (dir, _) = dir_with("links.txt", text.as_bytes());
    let fixed = fix_keeping(
        dir.path(),
        "links.txt",
        &[
            "http://www.example.gov.cn/a,b",
            "fzb@example.cn",
            "报告(终稿).docx",
            "data/2023/a_b.txt",
            "www.example.cn",
            "https://x.cn/p?a=1,b;c",
        ],
    );
    assert!(
        fixed.contains("网站（http://www.example.gov.cn/a,b）获取，邮箱"),
        "{fixed}"
    );
    assert!(fixed.contains("另见（www.example.cn）和"), "{fixed}");
    assert!(fixed.contains("说明，（一）强化领导。"), "{fixed}");
    // What --fix writes is what the reported fixes give, and a second run changes nothing.
    fs::write(dir.path().join("again.txt"), text).unwrap();
    round_trip(dir.path(), "again.txt");
}

#[test]
fn word_documents_in_a_fixed_folder_are_checked_and_said_once() {
    let (dir, path) = dir_with("r.txt", DRAFT.as_bytes());
    for name in ["a.docx", "b.docx"] {
        fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inputs/report.docx"),
            dir.path().join(name),
        )
        .unwrap();
    }
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--diff", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("已检查 a.docx：3 个问题"), "{stderr}");
    // b.docx is a.docx again: copied from it, as a check without --diff says too.
    assert!(stderr.contains("已检查 b.docx：4 个问题"), "{stderr}");
    assert_eq!(
        stderr.matches("只检查、不改写原文件").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("无法读取"), "{stderr}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        DRAFT,
        "--diff writes nothing"
    );

    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", ".", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 3, "{json}");
    assert!(json.get("errors").is_none(), "{json}");
}

#[test]
fn fix_keeps_a_comma_inside_a_path() {
    let text = "青禾县人民政府关于2023年度法治政府建设情况的报告\n材料存于D:\\材料\\报告,终稿.docx,请查收。\n";
    let (dir, path) = dir_with("r.txt", text.as_bytes());
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "r.txt"])
        .output()
        .unwrap();
    let fixed = fs::read_to_string(path).unwrap();
    assert!(fixed.contains("\\材料\\报告,终稿.docx，请查收"), "{fixed}");
}

#[test]
fn markdown_code_stays_code_in_every_pass() {
    // One control character in a thousand is tolerated in a text file; once the debris is
    // deleted, fewer than a thousand remain. Later passes still read the file as Markdown.
    let text = format!(
        "关于2023年度法治政府建设情况的报告\n\n```\n中文,标点\n```\n\n{}\u{1}\n\n分享到：微信 微博 QQ空间\n打印本页\n【关闭窗口】\n首页 > 政务公开 > 法治政府建设\n",
        "法治政府建设取得成效。".repeat(85)
    );
    let (dir, path) = dir_with("r.md", text.as_bytes());
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "r.md"])
        .output()
        .unwrap();
    let fixed = fs::read_to_string(path).unwrap();
    assert!(
        !fixed.contains("打印本页"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(fixed.contains("```\n中文,标点\n```"), "{fixed}");
}

#[test]
fn code_in_a_table_cell_beyond_the_header_is_left_alone() {
    let text = "关于2023年度法治政府建设情况的报告\n12、主要举措和成效\n| a | b |\n|---|---|\n| 1 | 2 | `第一,第二` |\n";
    let (dir, path) = dir_with("r.md", text.as_bytes());
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "r.md"])
        .output()
        .unwrap();
    let fixed = fs::read_to_string(path).unwrap();
    assert!(fixed.contains("`第一,第二`"), "{fixed}");
}
