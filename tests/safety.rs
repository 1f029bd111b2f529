//! Hostile surroundings through the CLI: full disks, baselines aimed at drafts, FIFOs and
//! devices where files are expected, paths outside the repository, links out of a folder,
//! control characters in names, absurd thread counts.

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

fn draftlint() -> Command {
    let mut cmd = Command::cargo_bin("draftlint").unwrap();
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// A draft with findings (a missing section, a half-width comma).
fn draft() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/missing-section/fires.txt"))
        .unwrap()
}

/// The binary as a plain process, for standard streams of one's choosing.
fn process() -> std::process::Command {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("draftlint"))
}

fn temp_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, content).unwrap();
    }
    dir
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_full_disk_on_stdout_is_said_and_exits_2() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here; skipped");
        return;
    };
    let dir = temp_with(&[("draft.txt", &draft())]);
    for format in [
        "text", "json", "sarif", "concise", "github", "html", "junit",
    ] {
        let output = process()
            .current_dir(dir.path())
            .args(["check", "--format", format, "draft.txt"])
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(stderr.contains("无法写入 标准输出"), "{format}: {stderr}");
        assert!(stderr.contains("磁盘空间不足"), "{format}: {stderr}");
        assert!(!stderr.contains("读取失败"), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
    for args in [&["rules"][..], &["explain", "date-format"], &["--help"]] {
        let output = process()
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("无法写入 标准输出"), "{args:?}: {stderr}");
    }
    // --diff writes through the same output.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/punctuation-width/fires.txt"),
        dir.path().join("draft.txt"),
    )
    .unwrap();
    let output = process()
        .current_dir(dir.path())
        .args(["check", "--diff", "draft.txt"])
        .stdout(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
}

#[test]
fn write_baseline_never_replaces_a_draft_or_a_file_that_is_not_a_baseline() {
    let draft = draft();
    let dir = temp_with(&[
        ("draft.txt", &draft),
        ("notes.txt", "会议记录，不要覆盖。\n".as_bytes()),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink("draft.txt", dir.path().join("link.json")).unwrap();
    let mut targets = vec![
        ("draft.txt", "正在检查的文件"),
        ("notes.txt", "不是基线文件"),
    ];
    if cfg!(unix) {
        targets.push(("link.json", "正在检查的文件"));
    }
    for (target, reason) in targets {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "draft.txt", "--write-baseline", target])
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{target}: {stderr}");
        assert!(stderr.contains(&format!("无法写入 {target}")), "{stderr}");
        assert!(stderr.contains(reason), "{target}: {stderr}");
    }
    assert_eq!(fs::read(dir.path().join("draft.txt")).unwrap(), draft);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "会议记录，不要覆盖。\n"
    );
    // A new file, then the same baseline again: written whole, nothing left behind.
    for _ in 0..2 {
        draftlint()
            .current_dir(dir.path())
            .args(["check", "draft.txt", "--write-baseline", "base.json"])
            .assert()
            .code(0);
    }
    let written = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(written.contains("\"version\""), "{written}");
    draftlint()
        .current_dir(dir.path())
        .args(["check", "draft.txt", "--baseline", "base.json"])
        .assert()
        .code(0);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

/// A FIFO at `path` (nobody ever writes to it: opening it for reading would block).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_blocking() {
    let dir = temp_with(&[
        ("draft.txt", &draft()),
        ("fifo-pack/.draftlint.toml", b"pack = \"rules.toml\"\n"),
        ("fifo-pack/draft.txt", &draft()),
        ("zero-pack/.draftlint.toml", b"pack = \"zero.toml\"\n"),
        ("zero-pack/draft.txt", &draft()),
    ]);
    for name in ["pipe.txt", "pipe.toml", "pipe.json", "fifo-pack/rules.toml"] {
        mkfifo(&dir.path().join(name));
    }
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero-pack/zero.toml")).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["check", "pipe.txt"], "无法读取 pipe.txt"),
        (vec!["check", "draft.txt", "pipe.txt"], "无法读取 pipe.txt"),
        (
            vec!["check", "--config", "pipe.toml", "draft.txt"],
            "pipe.toml",
        ),
        (
            vec!["check", "--pack", "pipe.toml", "draft.txt"],
            "pipe.toml",
        ),
        (
            vec!["check", "--baseline", "pipe.json", "draft.txt"],
            "pipe.json",
        ),
        (vec!["check", "fifo-pack/draft.txt"], "rules.toml"),
        (vec!["check", "zero-pack/draft.txt"], "zero.toml"),
        (
            vec!["check", "--config", "/dev/zero", "draft.txt"],
            "/dev/zero",
        ),
    ];
    for (args, named) in cases {
        let output = draftlint()
            .timeout(Duration::from_secs(20))
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
        assert!(stderr.contains("不是普通文件"), "{args:?}: {stderr}");
    }
}

#[test]
fn oversized_configs_packs_and_baselines_are_refused() {
    let big = "# 注释\n".repeat(200_000);
    let dir = temp_with(&[("draft.txt", &draft()), ("big.toml", big.as_bytes())]);
    for args in [
        vec!["check", "--config", "big.toml", "draft.txt"],
        vec!["check", "--pack", "big.toml", "draft.txt"],
    ] {
        let output = draftlint()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("超过上限 1 MB"), "{args:?}: {stderr}");
    }
}

#[test]
fn config_and_pack_errors_show_one_line_not_the_file() {
    let long = "X".repeat(400);
    let secret = format!(
        "token_a = \"SECRET-A\"\nname = = \"{long}SECRET-B-END\"\ntoken_c = \"SECRET-C\"\n"
    );
    let dir = temp_with(&[
        ("passwd/.draftlint.toml", b"pack = \"/etc/passwd\"\n"),
        ("passwd/draft.txt", &draft()),
        (
            "environ/.draftlint.toml",
            b"pack = \"/proc/self/environ\"\n",
        ),
        ("environ/draft.txt", &draft()),
        ("secret/.draftlint.toml", b"pack = \"secret.toml\"\n"),
        ("secret/secret.toml", secret.as_bytes()),
        ("secret/draft.txt", &draft()),
        ("config/.draftlint.toml", secret.as_bytes()),
        ("config/draft.txt", &draft()),
    ]);
    for folder in ["passwd", "environ"] {
        let output = draftlint()
            .current_dir(dir.path())
            .env("DRAFTLINT_TEST_SECRET", "hunter2")
            .args(["check", &format!("{folder}/draft.txt")])
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("规则包必须是 .toml 文件"), "{stderr}");
        assert!(!stderr.contains("root:"), "{stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
    }
    for args in [
        vec!["check", "secret/draft.txt"],
        vec!["check", "--pack", "secret/secret.toml", "draft.txt"],
        vec!["check", "config/draft.txt"],
    ] {
        let output = draftlint()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("配置有误"), "{args:?}: {stderr}");
        assert!(!stderr.contains("SECRET-A"), "{args:?}: {stderr}");
        assert!(!stderr.contains("SECRET-C"), "{args:?}: {stderr}");
        assert!(!stderr.contains("SECRET-B-END"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("XXXX"),
            "the offending line is shown: {stderr}"
        );
        let widest = stderr.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest < 220, "{widest}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_a_walked_folder_are_not_followed_unless_asked() {
    use std::os::unix::fs::symlink;
    let fixable = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/punctuation-width/fires.txt"),
    )
    .unwrap();
    let mut secret = fixable.clone();
    secret.extend_from_slice("机密标记ZQX\n".as_bytes());
    let dir = temp_with(&[
        ("root/good.txt", &fixable),
        ("root/sub/inner.txt", &fixable),
        ("outside/secret.txt", &secret),
    ]);
    let root = dir.path().join("root");
    symlink(
        dir.path().join("outside/secret.txt"),
        root.join("secret.txt"),
    )
    .unwrap();
    symlink(dir.path().join("outside"), root.join("linked")).unwrap();
    symlink(root.join("sub"), root.join("sub-again")).unwrap();
    let names = |args: &[&str]| -> Vec<String> {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&["root"]), ["root/good.txt", "root/sub/inner.txt"]);
    // Named on the command line: read.
    assert_eq!(names(&["root/secret.txt"]), ["root/secret.txt"]);
    // Asked for: followed (the file and the folder link reach the same file: checked once).
    let followed = names(&["--follow-links", "root"]);
    assert_eq!(followed.len(), 3, "{followed:?}");
    assert!(
        followed.iter().any(|n| n.ends_with("secret.txt")),
        "{followed:?}"
    );
    for format in ["html", "json", "sarif", "text"] {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "--format", format, "root"])
            .output()
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains("ZQX"),
            "{format}"
        );
    }
    draftlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "root"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read(dir.path().join("outside/secret.txt")).unwrap(),
        secret
    );
    assert_ne!(fs::read(root.join("good.txt")).unwrap(), fixable);
}

#[cfg(unix)]
#[test]
fn control_characters_in_names_and_text_are_escaped_in_human_formats() {
    let mut text = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/punctuation-width/fires.txt"),
    )
    .unwrap();
    // A few control characters in a long text: text, not binary.
    text.extend_from_slice("今年的工作,取得进展\u{1b}]0;pwned\u{7}\u{84}。\n".as_bytes());
    text.extend_from_slice("各项工作有序推进。\n".repeat(300).as_bytes());
    let evil = "evil\n::error file=forged.txt,line=1::forged\u{1b}[31m.txt";
    let dir = temp_with(&[("drafts/ok.txt", &text)]);
    fs::write(dir.path().join("drafts").join(evil), &text).unwrap();
    fs::write(
        dir.path()
            .join("drafts")
            .join("empty\n::error::x\u{1b}.txt"),
        b"",
    )
    .unwrap();
    for format in ["text", "concise", "github"] {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "--format", format, "drafts"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        for (stream, text) in [("stdout", &*stdout), ("stderr", &*stderr)] {
            assert!(
                !text
                    .lines()
                    .any(|l| l.starts_with("::error file=forged") || l.starts_with("::error::x")),
                "{format} {stream}: {text}"
            );
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{84}']),
                "{format} {stream}: {text:?}"
            );
        }
        assert!(stdout.contains("evil\\n::error"), "{format}: {stdout}");
        assert!(
            stderr.contains("empty\\n::error::x\\e.txt"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn absurd_thread_counts_are_lowered_with_a_note() {
    let dir = temp_with(&[("draft.txt", &draft())]);
    let started = std::time::Instant::now();
    let output = draftlint()
        .timeout(Duration::from_secs(30))
        .current_dir(dir.path())
        .args(["check", "-j", "100000", "draft.txt"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("-j 100000 超过上限"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("victim.toml", dir.path().join(".draftlint.toml")).unwrap();
    let output = draftlint()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("文件已存在"));
    assert!(!dir.path().join("victim.toml").exists());
    // With --force the link itself is replaced, its target still not written.
    draftlint()
        .current_dir(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
    assert!(!dir.path().join("victim.toml").exists());
    let config = dir.path().join(".draftlint.toml");
    assert!(!config.symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn utf16_without_a_byte_order_mark_is_read_as_text() {
    let text = String::from_utf8(draft()).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let dir = temp_with(&[
        ("utf8.txt", text.as_bytes()),
        ("le.txt", &le),
        ("be.txt", &be),
    ]);
    let findings = |name: &str| -> (Option<i32>, serde_json::Value) {
        let output = draftlint()
            .current_dir(dir.path())
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code(), json["files"][0].clone())
    };
    let (code, expected) = findings("utf8.txt");
    for (name, encoding) in [("le.txt", "utf-16le"), ("be.txt", "utf-16be")] {
        let (got_code, got) = findings(name);
        assert_eq!(got_code, code, "{name}: {got}");
        assert_eq!(got["encoding"], encoding, "{name}");
        assert_eq!(
            got["diagnostics"].as_array().map(Vec::len),
            expected["diagnostics"].as_array().map(Vec::len),
            "{name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_for_an_ignore_file_does_not_block_the_walk() {
    let dir = temp_with(&[
        ("drafts/a.txt", &draft()),
        ("drafts/sub/b.txt", &draft()),
        ("top/c.txt", &draft()),
    ]);
    mkfifo(&dir.path().join("drafts/sub/.gitignore"));
    mkfifo(&dir.path().join("top/.draftlintignore"));
    for (folder, named) in [
        ("drafts", "drafts/sub/.gitignore"),
        ("top", "top/.draftlintignore"),
    ] {
        let output = draftlint()
            .timeout(Duration::from_secs(20))
            .current_dir(dir.path())
            .args(["check", "--format", "json", folder])
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{folder}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors = json["errors"].to_string();
        assert!(errors.contains(named), "{folder}: {json}");
        assert!(errors.contains("不是普通文件"), "{folder}: {json}");
    }
}
