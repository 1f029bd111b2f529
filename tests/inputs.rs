//! Real inputs through the CLI: one report as UTF-8, GB18030, UTF-16, CR-only, Markdown and
//! Word (.docx made by LibreOffice, with and without automatic numbering) gives the same
//! findings; hostile files are refused one by one with a Chinese reason while the rest are
//! checked; Markdown suppressions and baselines.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

fn inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inputs")
}

fn draftlint() -> Command {
    let mut cmd = Command::cargo_bin("draftlint").unwrap();
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn json_of(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let output = draftlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (
        output.status.code(),
        json,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// (rule, message) of every finding in the only file of a JSON report.
fn findings(file: &Value) -> Vec<(String, String)> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_same_report_in_every_format_gives_the_same_findings() {
    let (_, json, stderr) = json_of(&inputs(), &["report.txt"]);
    let expected = findings(&json["files"][0]);
    assert!(expected.len() >= 3, "{expected:?} {stderr}");
    for (name, format, encoding) in [
        ("report-gb18030.txt", "text", Value::from("gb18030")),
        ("report-utf16.txt", "text", Value::from("utf-16le")),
        ("report-bom-cr.txt", "text", Value::from("utf-8-bom")),
        ("report.md", "markdown", Value::from("utf-8")),
        ("report.docx", "docx", Value::Null),
        ("headings.docx", "docx", Value::Null),
        ("numbered.docx", "docx", Value::Null),
        ("numbered-handmade.docx", "docx", Value::Null),
    ] {
        let (code, json, stderr) = json_of(&inputs(), &[name]);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        let file = &json["files"][0];
        assert_eq!(file["format"], format, "{name}");
        assert_eq!(file["encoding"], encoding, "{name}");
        assert_eq!(findings(file), expected, "{name}");
    }
}

/// (level, number, heading, part) of every section, depth first.
fn outline(name: &str) -> Vec<(u64, u64, String, Value)> {
    let output = draftlint()
        .current_dir(inputs())
        .args(["outline", name, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{name}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    fn walk(sections: &Value, out: &mut Vec<(u64, u64, String, Value)>) {
        for s in sections.as_array().unwrap() {
            out.push((
                s["level"].as_u64().unwrap(),
                s["number"].as_u64().unwrap(),
                s["heading"].as_str().unwrap().to_string(),
                s["part"].clone(),
            ));
            walk(&s["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&json["sections"], &mut out);
    out
}

#[test]
fn an_auto_numbered_docx_reads_like_its_literal_twin() {
    let literal = outline("report.txt");
    assert_eq!(literal.len(), 9);
    for name in [
        "numbered.docx",
        "numbered-handmade.docx",
        "headings.docx",
        "report.md",
        "report.docx",
    ] {
        assert_eq!(outline(name), literal, "{name}");
    }
    // No literal marker in the numbered documents: the numbers come from numbering.xml.
    let bytes = fs::read(inputs().join("numbered.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(!xml.contains("一、") && !xml.contains("（一）") && xml.contains("numPr"));
}

#[test]
fn docx_findings_name_the_paragraph_and_quote_it() {
    let output = draftlint()
        .current_dir(inputs())
        .args(["check", "numbered.docx", "--color", "never"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("numbered.docx:14:27"), "{stdout}");
    assert!(
        stdout.contains("位置：Word 文档第14段，第27个字"),
        "{stdout}"
    );
    assert!(stdout.contains("审结50件，审结率99%"), "{stdout}");
}

#[test]
fn verbose_names_the_encoding() {
    let output = draftlint()
        .current_dir(inputs())
        .args(["check", "-v", "report-gb18030.txt", "report.docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("读取 report-gb18030.txt：纯文本，编码 GB18030/GBK"),
        "{stderr}"
    );
    assert!(stderr.contains("读取 report.docx：Word 文档"), "{stderr}");
}

#[test]
fn a_docx_on_stdin_is_read_by_its_content() {
    let bytes = fs::read(inputs().join("report.docx")).unwrap();
    draftlint()
        .args(["check", "-", "--format", "concise"])
        .write_stdin(bytes)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "<stdin>:14:27: error[stats-inconsistent]",
        ));
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

fn document_xml(body: &str) -> Vec<u8> {
    format!("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>").into_bytes()
}

/// Every file's name, length and modification time: to see that nothing was written.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            (e.path(), meta.len(), meta.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn hostile_files_are_refused_one_by_one() {
    let dir = TempDir::new().unwrap();
    let report = fs::read(inputs().join("report.txt")).unwrap();
    let docx = fs::read(inputs().join("report.docx")).unwrap();
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(4096, 0);
    let many: Vec<(String, Vec<u8>)> = (0..6000)
        .map(|i| (format!("word/media/{i}.xml"), b"<x/>".to_vec()))
        .collect();
    let huge_paragraph = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", " ".repeat(12 << 20));
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("good.txt", report.clone(), ""),
        ("empty.txt", Vec::new(), "文件为空"),
        ("blank.md", b"\n \n".to_vec(), "文件为空"),
        (
            "empty.docx",
            zip_of(&[("word/document.xml".into(), document_xml("<w:p/>"))]),
            "文件为空",
        ),
        (
            "binary.txt",
            (0..=255u8).cycle().take(4000).collect(),
            "二进制",
        ),
        ("truncated.docx", docx[..docx.len() / 2].to_vec(), "损坏"),
        (
            "corrupt.docx",
            [b"PK\x03\x04".as_slice(), &[0x5A; 300]].concat(),
            "损坏",
        ),
        ("bomb-entries.docx", zip_of(&many), "压缩炸弹"),
        (
            "bomb-size.docx",
            zip_of(&[("word/document.xml".into(), document_xml(&huge_paragraph))]),
            "压缩炸弹",
        ),
        ("renamed.docx", ole.clone(), "旧版 Word（.doc）"),
        ("renamed-doc.txt", ole, "旧版 Word（.doc）"),
        (
            "notes.docx",
            b"just text, not a word file".to_vec(),
            "不是有效的 .docx",
        ),
        ("big.txt", report.repeat(600), "超过大小上限 1 MB"),
    ];
    for (name, content, _) in &files {
        fs::write(dir.path().join(name), content).unwrap();
    }
    // Unpacked parts may reach ten times the size limit: 10 MB here, and the bomb is 12 MB.
    fs::write(
        dir.path().join(".draftlint.toml"),
        "max-file-size = \"1MB\"\n",
    )
    .unwrap();
    let before = listing(dir.path());
    let names: Vec<&str> = files.iter().map(|(n, _, _)| *n).collect();
    let (code, json, stderr) = json_of(dir.path(), &names);
    assert_eq!(code, Some(2), "{stderr}");
    for (name, _, reason) in files.iter().skip(1) {
        assert!(
            stderr.contains(&format!("无法检查 {name}：")) && stderr.contains(reason),
            "{name}: {stderr}"
        );
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("无法检查 {name}：")))
            .unwrap();
        assert!(line.contains(reason), "{name}: {line}");
    }
    let checked: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(checked, vec!["good.txt"]);
    assert_eq!(json["errors"].as_array().unwrap().len(), files.len() - 1);
    assert_eq!(listing(dir.path()), before, "nothing is written");
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    // Sparse: no disk space, and reading it would take a while.
    let huge = fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let (code, json, stderr) = json_of(dir.path(), &["."]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法检查 huge.txt：文件有 200 MB，超过大小上限 20 MB"),
        "{stderr}"
    );
    assert_eq!(json["files"][0]["path"], "good.txt");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn unreadable_permissions_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, fs::read(inputs().join("report.txt")).unwrap()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, permissions are not enforced");
        return;
    }
    let (code, _, stderr) = json_of(dir.path(), &["secret.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法检查 secret.txt：没有读取权限"),
        "{stderr}"
    );
}

#[test]
fn symlink_loops_in_folders_end_and_are_reported() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("drafts/sub")).unwrap();
    fs::write(
        dir.path().join("drafts/2023.txt"),
        fs::read(inputs().join("report.txt")).unwrap(),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("drafts/sub/up")).unwrap();
    std::os::unix::fs::symlink("missing.txt", dir.path().join("drafts/dangling.txt")).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["drafts"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("无法检查 drafts/sub/up：符号链接形成循环"),
        "{stderr}"
    );
    assert!(
        stderr.contains("无法检查 drafts/dangling.txt：符号链接指向的文件或文件夹不存在"),
        "{stderr}"
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn folders_include_word_documents_but_not_lock_files() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("2023.docx"),
        fs::read(inputs().join("report.docx")).unwrap(),
    )
    .unwrap();
    fs::write(dir.path().join("~$2023.docx"), b"\x0cowner").unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(json["files"][0]["path"], "2023.docx");
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn markdown_suppressions_hide_findings_and_report_mistakes() {
    let md = fs::read_to_string(inputs().join("report.md")).unwrap();
    let md = md
        .replace(
            "今年以来，",
            "<!-- draftlint-disable vague-period -->\n今年以来，",
        )
        .replace(
            "区长主持",
            "<!-- draftlint-enable vague-period -->\n<!-- draftlint-disable-next-line approximate-number, no-such-rule -->\n区长主持",
        )
        .replace(
            "2024年01月30日",
            "<!-- draftlint-disable-next-line date-format -->\n2024年01月30日",
        );
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("r.md"), &md).unwrap();
    let (_, json, stderr) = json_of(dir.path(), &["r.md"]);
    let file = &json["files"][0];
    let rules: Vec<String> = findings(file).into_iter().map(|(r, _)| r).collect();
    assert!(
        !rules.contains(&"vague-period".to_string()),
        "{rules:?} {stderr}"
    );
    assert!(!rules.contains(&"date-format".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"stats-inconsistent".to_string()),
        "{rules:?}"
    );
    let messages: Vec<String> = findings(file)
        .into_iter()
        .filter(|(r, _)| r == "suppression")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(
        messages,
        vec![
            "禁用指令没有屏蔽任何 approximate-number 问题，可以删除".to_string(),
            "禁用指令中的规则 “no-such-rule” 不存在".to_string(),
        ]
    );
    // Positions refer to the Markdown text as written.
    let suppression = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "suppression" && d["data"]["rule_id"] == "no-such-rule")
        .unwrap();
    let (start, end) = (
        suppression["span"]["start"].as_u64().unwrap() as usize,
        suppression["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&md[start..end], "no-such-rule");
    // The text output quotes the Markdown as written.
    let output = draftlint()
        .current_dir(dir.path())
        .args(["check", "r.md", "--color", "never"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("<!-- draftlint-disable-next-line approximate-number, no-such-rule -->"),
        "{stdout}"
    );
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let dir = TempDir::new().unwrap();
    let report = fs::read_to_string(inputs().join("report.txt")).unwrap();
    fs::write(dir.path().join("r.txt"), &report).unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["r.txt", "--write-baseline", "base.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("已把 3 个问题记录到基线 base.json"),
        "{stderr}"
    );
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    assert_eq!(baseline["files"]["r.txt"].as_array().unwrap().len(), 3);

    // Lines move and a new problem appears: only the new one is reported.
    let edited = report
        .replace("市委全面", "（此稿经区司法局初审。）\n\n市委全面")
        .replace("调解成功2175件。", "调解成功2175件。去年以来成效明显。");
    fs::write(dir.path().join("r.txt"), &edited).unwrap();
    let (code, json, stderr) = json_of(dir.path(), &["r.txt", "--baseline", "base.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已记录的 3 个问题未显示"), "{stderr}");
    let rules: Vec<String> = findings(&json["files"][0])
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(rules, vec!["vague-period"]);

    fs::write(dir.path().join("bad.json"), "{ not json").unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["r.txt", "--baseline", "bad.json"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("无法检查 bad.json：基线文件无法使用"),
        "{stderr}"
    );

    // A baseline is not written when a file could not be read.
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let (code, _, stderr) = json_of(
        dir.path(),
        &["r.txt", "empty.txt", "--write-baseline", "new.json"],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("未写入基线"), "{stderr}");
    assert!(!dir.path().join("new.json").exists());
}

#[test]
fn a_baseline_names_files_from_its_own_folder_and_works_from_any_folder() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("drafts")).unwrap();
    fs::create_dir_all(dir.path().join("ci")).unwrap();
    fs::copy(inputs().join("report.txt"), dir.path().join("drafts/r.txt")).unwrap();
    let (code, _, stderr) = json_of(
        dir.path(),
        &["drafts/r.txt", "--write-baseline", "ci/base.json"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let baseline: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("ci/base.json")).unwrap())
            .unwrap();
    let files: Vec<&String> = baseline["files"].as_object().unwrap().keys().collect();
    assert_eq!(files, vec!["../drafts/r.txt"]);

    // From the drafts' folder and from the baseline's, the same file is found.
    for (cwd, file, base) in [
        ("drafts", "r.txt", "../ci/base.json"),
        ("ci", "../drafts/r.txt", "base.json"),
    ] {
        let (code, json, stderr) = json_of(&dir.path().join(cwd), &[file, "--baseline", base]);
        assert_eq!(code, Some(0), "{cwd}: {stderr}");
        assert!(findings(&json["files"][0]).is_empty(), "{cwd}: {json}");
    }

    // A baseline written by name (as earlier versions did) still applies from the folder it
    // was written in.
    let by_name = serde_json::to_string(&serde_json::json!({
        "version": 1,
        "files": { "drafts/r.txt": baseline["files"]["../drafts/r.txt"] },
    }))
    .unwrap();
    fs::write(dir.path().join("ci/old.json"), by_name).unwrap();
    let (code, _, stderr) = json_of(dir.path(), &["drafts/r.txt", "--baseline", "ci/old.json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已记录的 3 个问题未显示"), "{stderr}");
}
