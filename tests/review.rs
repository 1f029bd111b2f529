//! Reviewed copies of Word documents (`--format docx`), checked through the CLI on documents
//! made from report texts: a comment per finding, the package otherwise unchanged, tracked
//! changes that accepted give what `--fix` gives, the same findings when the copy is checked,
//! no duplicates when a copy is reviewed again, the original untouched.

mod common;

use assert_cmd::Command;
use common::word::{self, OTHER_AUTHOR};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn draftlint() -> Command {
    Command::cargo_bin("draftlint").unwrap()
}

/// The parts a reviewed copy may change.
const CHANGED: [&str; 4] = [
    "word/document.xml",
    "word/comments.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
];

fn entries(bytes: &[u8], raw: bool) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = if raw {
                archive.by_index_raw(i).unwrap()
            } else {
                archive.by_index(i).unwrap()
            };
            let name = entry.name().unwrap().to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (name, content)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(entries(bytes, false).remove(name).unwrap()).unwrap()
}

/// The findings of a check, without the file's name.
fn findings(path: &Path) -> Vec<Value> {
    let output = draftlint()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"][0]["diagnostics"].as_array().unwrap().clone()
}

/// Comments by each author.
fn comment_authors(comments: &str) -> BTreeMap<String, usize> {
    let mut reader = Reader::from_str(comments);
    let mut out = BTreeMap::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:comment" => {
                let author = e
                    .try_get_attribute("w:author")
                    .unwrap()
                    .unwrap()
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                *out.entry(author).or_default() += 1;
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// `document.xml` with every tracked change accepted: deletions gone, insertions kept, a
/// paragraph whose mark is deleted joined to the next.
fn accept_all(document: &str) -> String {
    let mut reader = Reader::from_str(document);
    let mut out = quick_xml::Writer::new(Vec::new());
    // Inside a deletion (depth), inside a joined paragraph's properties being dropped.
    let mut deleting = 0usize;
    let mut in_paragraph_properties = false;
    let mut mark_deleted = false;
    let mut joining = false;
    let mut dropping_properties = 0usize;
    let mut expect_properties = false;
    loop {
        let event = reader.read_event().unwrap();
        if let Event::Eof = event {
            break;
        }
        if std::mem::take(&mut expect_properties) {
            match &event {
                Event::Start(e) if e.name().as_ref() == "w:pPr" => {
                    dropping_properties = 1;
                    continue;
                }
                Event::Empty(e) if e.name().as_ref() == "w:pPr" => continue,
                _ => {}
            }
        }
        if deleting > 0 {
            match event {
                Event::Start(_) => deleting += 1,
                Event::End(_) => deleting -= 1,
                _ => {}
            }
            continue;
        }
        if dropping_properties > 0 {
            match event {
                Event::Start(_) => dropping_properties += 1,
                Event::End(_) => dropping_properties -= 1,
                // The joined paragraph's own mark may be deleted too.
                Event::Empty(e) if e.name().as_ref() == "w:del" => mark_deleted = true,
                _ => {}
            }
            continue;
        }
        match &event {
            Event::Start(e) if e.name().as_ref() == "w:del" => {
                deleting = 1;
                continue;
            }
            Event::Start(e) if e.name().as_ref() == "w:ins" => continue,
            Event::End(e) if e.name().as_ref() == "w:ins" => continue,
            Event::Empty(e) if e.name().as_ref() == "w:del" => {
                if in_paragraph_properties {
                    mark_deleted = true;
                }
                continue;
            }
            Event::Start(e) if e.name().as_ref() == "w:p" && joining => {
                joining = false;
                // The joined paragraph's own properties go with its tag.
                expect_properties = true;
                continue;
            }
            Event::Start(e) if e.name().as_ref() == "w:pPr" => in_paragraph_properties = true,
            Event::End(e) if e.name().as_ref() == "w:pPr" => in_paragraph_properties = false,
            Event::End(e) if e.name().as_ref() == "w:p" && mark_deleted => {
                mark_deleted = false;
                joining = true;
                continue;
            }
            _ => {}
        }
        out.write_event(event).unwrap();
    }
    String::from_utf8(out.into_inner()).unwrap()
}

/// The text draftlint reads from `docx` with `document` as its body.
fn read_with_body(docx: &[u8], document: &str) -> String {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, content) in entries(docx, false) {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            if name == "word/document.xml" {
                zip.write_all(document.as_bytes()).unwrap();
            } else {
                zip.write_all(&content).unwrap();
            }
        }
        zip.finish().unwrap();
    }
    draftlint::input::docx::read(&out.into_inner(), Default::default())
        .unwrap()
        .text
}

fn review(original: &Path, output: &Path) {
    let result = draftlint()
        .args(["check", "--format", "docx", "--output"])
        .arg(output)
        .arg(original)
        .output()
        .unwrap();
    assert!(
        result.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Two long texts equal, or where they first differ.
fn assert_same(accepted: &str, fixed: &str) {
    if accepted == fixed {
        return;
    }
    let at = accepted
        .char_indices()
        .zip(fixed.chars())
        .find(|((_, a), b)| a != b)
        .map_or(accepted.len().min(fixed.len()), |((i, _), _)| i);
    let around = |t: &str| -> String {
        t[at.saturating_sub(60).min(t.len())..]
            .chars()
            .take(80)
            .collect()
    };
    panic!(
        "accepting every change differs from --fix at byte {at}:\naccepted: {:?}\n--fix:    {:?}",
        around(accepted),
        around(fixed)
    );
}

/// Everything a reviewed copy must satisfy, for the report `text`.
fn assert_reviewed(text: &str) {
    let dir = TempDir::new().unwrap();
    let (docx, read) = word::report_docx(text);
    let original = dir.path().join("报告.docx");
    std::fs::write(&original, &docx).unwrap();
    let as_text = dir.path().join("报告.txt");
    std::fs::write(&as_text, &read).unwrap();
    assert_eq!(
        draftlint::input::docx::read(&docx, Default::default())
            .unwrap()
            .text,
        read,
        "the document reads as its text"
    );
    let found = findings(&original);
    assert!(!found.is_empty());
    let reviewed_path = dir.path().join("报告（审阅）.docx");
    review(&original, &reviewed_path);
    assert_eq!(
        std::fs::read(&original).unwrap(),
        docx,
        "original untouched"
    );
    let reviewed = std::fs::read(&reviewed_path).unwrap();

    // One comment by draftlint per finding; the other reviewer's comment kept.
    let authors = comment_authors(&part(&reviewed, "word/comments.xml"));
    assert_eq!(authors.get("draftlint"), Some(&found.len()));
    assert_eq!(authors.get(OTHER_AUTHOR), Some(&1));

    // Every other entry as it was stored.
    let (before, after) = (entries(&docx, true), entries(&reviewed, true));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, content) in &before {
        if !CHANGED.contains(&name.as_str()) {
            assert_eq!(&after[name], content, "{name} changed");
        }
    }

    // Accepting every change gives what --fix gives on the text.
    draftlint()
        .args(["check", "--fix", "--exit-zero"])
        .arg(&as_text)
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&as_text).unwrap();
    assert_ne!(fixed, read, "the report has something to fix");
    let document = part(&reviewed, "word/document.xml");
    assert_same(&read_with_body(&reviewed, &accept_all(&document)), &fixed);

    // The copy reads as the original.
    assert_eq!(findings(&reviewed_path), found);

    // Reviewing the copy again replaces draftlint's comments and revisions.
    let again = dir.path().join("再审.docx");
    review(&reviewed_path, &again);
    let again = std::fs::read(&again).unwrap();
    let authors = comment_authors(&part(&again, "word/comments.xml"));
    assert_eq!(authors.get("draftlint"), Some(&found.len()));
    assert_eq!(authors.get(OTHER_AUTHOR), Some(&1));
    let revisions = |xml: &str| xml.matches("<w:ins ").count() + xml.matches("<w:del ").count();
    let again_document = part(&again, "word/document.xml");
    assert_eq!(revisions(&again_document), revisions(&document));
    assert_eq!(
        again_document.matches("<w:commentReference").count(),
        document.matches("<w:commentReference").count()
    );
    assert_same(
        &read_with_body(&again, &accept_all(&again_document)),
        &fixed,
    );
}

#[test]
fn reviewed_copy_of_the_example_report() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example-report.txt"),
    )
    .unwrap();
    // With something to fix: a half-width comma between Chinese words.
    assert_reviewed(&text.replacen('，', ",", 1));
}

#[test]
fn a_text_file_has_no_reviewed_copy() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("报告.txt");
    std::fs::write(
        &path,
        "某县人民政府关于2023年度法治政府建设情况的报告\n正文,内容。\n",
    )
    .unwrap();
    let output = draftlint()
        .args(["check", "--format", "docx"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不是 Word 文档"));
}

#[test]
fn several_documents_get_a_copy_each_in_the_output_folder() {
    let dir = TempDir::new().unwrap();
    let text = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措\n我县全年办结12件,成效明显。\n";
    for name in ["甲.docx", "乙.docx"] {
        std::fs::write(dir.path().join(name), word::report_docx(text).0).unwrap();
    }
    let folder = dir.path().join("审阅");
    draftlint()
        .args(["check", "--format", "docx", "--output"])
        .arg(&folder)
        .arg(dir.path().join("甲.docx"))
        .arg(dir.path().join("乙.docx"))
        .assert()
        .code(1);
    for name in ["甲.docx", "乙.docx"] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    // Without --output, next to the original.
    draftlint()
        .args(["check", "--format", "docx"])
        .arg(dir.path().join("甲.docx"))
        .assert()
        .code(1);
    assert!(dir.path().join("甲（审阅）.docx").is_file());
}

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    seeds
}

#[test]
#[cfg_attr(
    draftlint_no_seeds,
    ignore = "the real reports (../shared/seeds) were absent at build time"
)]
fn reviewed_copies_of_the_real_reports() {
    for seed in seeds() {
        println!("{}", seed.display());
        assert_reviewed(&std::fs::read_to_string(&seed).unwrap());
    }
}
