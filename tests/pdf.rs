//! PDF input through the CLI: a laid-out report over several pages reads as its paragraphs
//! (running header and page numbers dropped); scanned, garbled, encrypted, corrupt and
//! oversized PDFs are refused with a reason; a PDF archive serves as the reference corpus.
//! The PDFs are made by tests/pdf/make_fixtures.py.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pdf/fixtures")
        .join(name)
}

fn paragraphs_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

fn check(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = common::run_in(dir, &all);
    (
        code,
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        stderr,
    )
}

#[test]
fn a_laid_out_report_reads_as_its_paragraphs_without_header_and_page_numbers() {
    let source = fs::read_to_string(fixture("paged.txt")).unwrap();
    let read = draftlint::input::read_path(&fixture("paged.pdf")).unwrap();
    // The fixture is the text three times over, across three pages.
    assert_eq!(paragraphs_of(&read), paragraphs_of(&source.repeat(3)));
    assert!(!read.contains("公开版"), "running header kept: {read}");
    assert!(!read.lines().any(|l| l.contains("- 2 -")), "{read}");
}

#[test]
fn a_pdf_is_checked_and_its_findings_name_the_page() {
    let dir = TempDir::new().unwrap();
    fs::copy(fixture("paged.pdf"), dir.path().join("paged.pdf")).unwrap();
    let (code, json, stderr) = check(dir.path(), &["paged.pdf"]);
    assert_ne!(code, 2, "{stderr}");
    assert_eq!(json["files"][0]["path"], "paged.pdf");
    let text = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "paged.pdf", "--color", "never", "-v"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(text.stderr).unwrap();
    assert!(stderr.contains("读取 paged.pdf：PDF 文字层"), "{stderr}");
    let stdout = String::from_utf8(text.stdout).unwrap();
    if json["files"][0]["diagnostics"]
        .as_array()
        .is_some_and(|d| !d.is_empty())
    {
        assert!(stdout.contains("位置：PDF 第"), "{stdout}");
    }
}

#[test]
fn unreadable_pdfs_are_refused_with_their_reason() {
    let dir = TempDir::new().unwrap();
    let paged = fs::read(fixture("paged.pdf")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "scanned.pdf",
            fs::read(fixture("scanned.pdf")).unwrap(),
            "没有文字层",
        ),
        (
            "garbled.pdf",
            fs::read(fixture("garbled.pdf")).unwrap(),
            "无法可靠提取",
        ),
        (
            "encrypted.pdf",
            fs::read(fixture("encrypted.pdf")).unwrap(),
            "已加密",
        ),
        ("truncated.pdf", paged[..paged.len() / 3].to_vec(), "PDF"),
        ("header-only.pdf", b"%PDF-1.7\n".to_vec(), "PDF"),
        (
            "renamed.pdf",
            "一、主要工作\n".as_bytes().to_vec(),
            "不是有效的 PDF",
        ),
    ];
    for (name, bytes, reason) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
        let (code, _, stderr) = check(dir.path(), &[name]);
        assert_eq!(code, 2, "{name}: {stderr}");
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("无法读取 {name}：")))
            .unwrap_or_else(|| panic!("{name}: {stderr}"));
        assert!(line.contains(reason), "{name}: {line}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn a_pdf_that_inflates_past_the_limit_is_refused() {
    let dir = TempDir::new().unwrap();
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..12 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n4 0 obj\n".to_vec();
    pdf.extend_from_slice(
        format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&bomb);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    fs::write(dir.path().join("bomb.pdf"), pdf).unwrap();
    // Streams may unpack to ten times the size limit: 10 MB here, and the bomb is 12 MB.
    fs::write(
        dir.path().join(".draftlint.toml"),
        "max-file-size = \"1MB\"\n",
    )
    .unwrap();
    let (code, _, stderr) = check(dir.path(), &["bomb.pdf"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("解压后超过 10 MB"), "{stderr}");
}

#[test]
fn deeply_nested_objects_end_in_a_refusal_or_a_reading_never_a_crash() {
    let dir = TempDir::new().unwrap();
    let depth = 200_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let pdf = format!(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep {nested} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 /Deep {nested} >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {nested} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    );
    fs::write(dir.path().join("deep.pdf"), pdf).unwrap();
    let (code, _, stderr) = check(dir.path(), &["deep.pdf"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("无法读取 deep.pdf："), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_walked_folder_reads_its_pdfs_and_reports_the_unreadable_one() {
    let dir = TempDir::new().unwrap();
    fs::copy(fixture("paged.pdf"), dir.path().join("paged.pdf")).unwrap();
    fs::copy(fixture("scanned.pdf"), dir.path().join("scanned.pdf")).unwrap();
    let (code, json, stderr) = check(dir.path(), &["."]);
    assert_ne!(
        code, 2,
        "a scanned PDF in a folder does not fail the run: {stderr}"
    );
    assert_eq!(json["skipped"][0]["path"], "scanned.pdf", "{json}");
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["paged.pdf"], "{stderr}");
    assert!(
        stderr.contains("scanned.pdf") && stderr.contains("没有文字层"),
        "{stderr}"
    );
}

#[test]
fn a_pdf_archive_is_a_reference_corpus() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("archive")).unwrap();
    fs::copy(fixture("paged.pdf"), dir.path().join("archive/2031.pdf")).unwrap();
    fs::copy(fixture("scanned.pdf"), dir.path().join("archive/2030.pdf")).unwrap();
    let source = fs::read_to_string(fixture("paged.txt")).unwrap();
    let copied = source.lines().nth(3).unwrap();
    let draft = format!(
        "青禾县2032年度档案工作情况报告\n一、主要工作\n{copied}\n二、存在的问题\n库房面积不足，部分档案仍在临时库房存放。\n"
    );
    fs::write(dir.path().join("draft.txt"), draft).unwrap();
    let (code, json, stderr) = check(
        dir.path(),
        &[
            "draft.txt",
            "--select",
            "copied-text",
            "--corpus",
            "archive/*.pdf",
        ],
    );
    assert_ne!(
        code, 2,
        "a scanned reference is listed, not a failure: {stderr}"
    );
    assert_eq!(json["skipped"][0]["path"], "archive/2030.pdf", "{json}");
    let found = json["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{stderr}{found:?}");
    assert_eq!(found[0]["range"]["start"]["line"], 3);
    // The fourth paragraph of the PDF, its header and title lines aside.
    assert_eq!(found[0]["data"]["source_range"]["start"]["line"], 4);
    assert_eq!(found[0]["data"]["source"], "archive/2031.pdf");
}

#[test]
fn a_pdf_in_a_fix_run_is_checked_never_written() {
    let dir = TempDir::new().unwrap();
    fs::copy(fixture("paged.pdf"), dir.path().join("paged.pdf")).unwrap();
    let before = fs::read(dir.path().join("paged.pdf")).unwrap();
    let output = Command::cargo_bin("draftlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", "--format", "json", "paged.pdf"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1, "{stderr}");
    assert!(stderr.contains("PDF 只检查、不改写"), "{stderr}");
    let advice: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(
        advice.iter().all(|a| !a.contains("--fix")),
        "no advice names --fix for a PDF: {advice:?}"
    );
    assert_eq!(fs::read(dir.path().join("paged.pdf")).unwrap(), before);
}

#[test]
fn damaged_pdfs_are_read_or_refused_never_a_crash() {
    let original = fs::read(fixture("paged.pdf")).unwrap();
    // A fixed sequence of damages: bytes overwritten, runs cut out, the file cut short.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for round in 0..60 {
        let mut bytes = original.clone();
        match round % 3 {
            0 => {
                for _ in 0..20 {
                    let at = next(bytes.len());
                    bytes[at] = next(256) as u8;
                }
            }
            1 => {
                let at = next(bytes.len() - 4096);
                bytes.drain(at..at + next(4096));
            }
            _ => bytes.truncate(next(bytes.len())),
        }
        let read = draftlint::input::load(
            &bytes,
            draftlint::source::Format::Pdf,
            draftlint::input::ReadOptions::default(),
        );
        if let Err(error) = read {
            assert!(!error.reason.is_empty(), "round {round}");
        }
    }
}
