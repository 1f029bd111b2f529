//! The review page (`--format html`) through the CLI: copied passages beside their source, and
//! the review as a folder (`--output 文件夹/`) with an index and a page per report.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const LAST_YEAR: &str = "石桥县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n县司法局组织全县行政执法人员参加公共法律知识培训3期，参训人员645人次，考试合格率达到98%，新申领行政执法证件52个，全县持证执法人员总数达到1138人，执法证件年审工作全部按期完成。\n县政府全年审查规范性文件17件，提出修改意见63条，备案审查合格率100%。\n二、存在的不足和原因\n基层法治力量薄弱。究其原因，主要是乡镇法制员多为兼职。\n";

/// This year's draft: last year's first paragraph with its figures changed and a word added,
/// and its own paragraph pasted twice with one figure changed.
const DRAFT: &str = "石桥县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n县司法局组织全县行政执法人员参加公共法律知识集中培训3期，参训人员712人次，考试合格率达到98%，新申领行政执法证件52个，全县持证执法人员总数达到1138人，执法证件年审工作全部按期完成。\n全县调处矛盾纠纷1320件，调解成功率达到96%，其中疑难复杂纠纷87件，由县调解中心联合乡镇司法所逐件跟踪化解。\n二、存在的不足和原因\n基层调解员业务能力不强。究其原因，主要是培训覆盖面不够。\n全县调处矛盾纠纷1320件，调解成功率达到95%，其中疑难复杂纠纷87件，由县调解中心联合乡镇司法所逐件跟踪化解。\n";

/// The part of a page between `start` and the next `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {page}"));
    let to = from + page[from..].find(end).unwrap() + end.len();
    &page[from..to]
}

#[test]
fn a_copied_passage_is_shown_beside_its_source_with_the_changes_marked() {
    let dir = common::folder_with(&[("archive/2022.txt", LAST_YEAR), ("draft.txt", DRAFT)]);
    let (_, page, stderr) = common::run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "html",
            "--select",
            "copied-text,duplicate-text",
            "--corpus",
            "archive/*.txt",
            "draft.txt",
        ],
    );
    assert!(stderr.is_empty(), "{stderr}");
    let compares = between(&page, "<div class=\"compares\">", "</section>");
    insta::assert_snapshot!(compares);
    // Every comparison is linked from its finding, and links back to the marked text.
    for id in ["c-0-0", "c-0-1"] {
        assert!(page.contains(&format!("href=\"#{id}\"")), "{page}");
        assert!(compares.contains(&format!("id=\"{id}\"")), "{compares}");
    }
}

#[test]
fn markup_in_a_compared_passage_is_escaped() {
    let hostile = LAST_YEAR.replace("公共法律知识", "<script>alert(1)</script>公共法律知识");
    let draft = DRAFT.replace("公共法律知识", "<img src=x onerror=alert(1)>公共法律知识");
    let dir = common::folder_with(&[("archive/2022.txt", &hostile), ("draft.txt", &draft)]);
    let (_, page, _) = common::run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "html",
            "--corpus",
            "archive/*.txt",
            "draft.txt",
        ],
    );
    let compares = between(&page, "<div class=\"compares\">", "</section>");
    // Every tag is the page's own; the documents' markup shows as text.
    for tag in compares.split('<').skip(1) {
        let name = tag
            .split([' ', '>'])
            .next()
            .unwrap()
            .trim_start_matches('/');
        assert!(
            ["div", "p", "a", "span", "ins", "del", "h3", "section"].contains(&name),
            "<{tag}"
        );
    }
    for shown in ["&lt;", "script", "img src", "onerror"] {
        assert!(compares.contains(shown), "{shown} in {compares}");
    }
    assert!(
        !page.contains("<script") && !page.contains("<img"),
        "{page}"
    );
}

/// The `href`s of a page that name another file.
fn page_links(page: &str) -> BTreeSet<String> {
    page.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .filter(|link| !link.starts_with('#'))
        .collect()
}

fn assert_self_contained(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"));
    for external in ["src=", "href=\"http", "@import", "url(", "<script", "<link"] {
        assert!(
            !page.contains(external),
            "the page must not load {external}"
        );
    }
}

#[test]
fn a_folder_holds_an_index_and_a_self_contained_page_per_report() {
    let dir = common::folder_with(&[
        ("甲镇/报告.txt", DRAFT),
        ("乙镇/报告.txt", &DRAFT.replace("石桥县", "松林县")),
        ("archive/2022.txt", LAST_YEAR),
    ]);
    let args = [
        "check", "甲镇", "乙镇", "archive", "--format", "html", "--output", "审阅/",
    ];
    let (code, stdout, stderr) = common::run_in(dir.path(), &args);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains("审阅/index.html") && stdout.contains("3 份报告各一页"),
        "{stdout}"
    );
    let folder = dir.path().join("审阅");
    let index = fs::read_to_string(folder.join("index.html")).unwrap();
    assert_self_contained(&index);
    assert!(index.contains("<th>存在的不足和原因</th>"), "{index}");
    let pages = page_links(&index);
    assert_eq!(pages.len(), 3, "{pages:?}");
    let on_disk: BTreeSet<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html")
        .collect();
    assert_eq!(pages, on_disk, "the index links every page, and only those");

    // Each page holds its report's findings, every one of them, and nothing of the others'.
    let (_, json, _) = common::run_in(
        dir.path(),
        &["check", "甲镇", "乙镇", "archive", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    for file in json["files"].as_array().unwrap() {
        let name = file["path"].as_str().unwrap();
        let holding: Vec<&String> = pages
            .iter()
            .filter(|p| {
                fs::read_to_string(folder.join(p))
                    .unwrap()
                    .contains(&format!("文件：{name}"))
            })
            .collect();
        assert_eq!(holding.len(), 1, "{name} in {holding:?}");
        let page = fs::read_to_string(folder.join(holding[0])).unwrap();
        assert_self_contained(&page);
        assert!(page.contains("href=\"index.html\""), "{page}");
        let findings = file["diagnostics"].as_array().unwrap();
        assert_eq!(
            page.matches("<li class=\"").count(),
            findings.len().max(1),
            "{name}"
        );
        for finding in findings {
            let message = finding["message"].as_str().unwrap();
            assert!(
                page.contains(&message.replace('"', "&quot;")),
                "{name}: {message}"
            );
        }
    }

    // Another run names the pages the same.
    let (_, _, _) = common::run_in(dir.path(), &args);
    let again: BTreeSet<String> =
        page_links(&fs::read_to_string(folder.join("index.html")).unwrap());
    assert_eq!(pages, again);
}

#[test]
fn an_existing_folder_is_written_into_without_a_trailing_separator() {
    let dir = common::folder_with(&[("draft.txt", DRAFT)]);
    fs::create_dir(dir.path().join("out")).unwrap();
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["check", "draft.txt", "--format", "html", "-o", "out", "-q"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(dir.path().join("out/index.html").is_file());
    assert_eq!(fs::read_dir(dir.path().join("out")).unwrap().count(), 2);
}

#[test]
fn a_file_path_still_gets_one_page() {
    let dir = common::folder_with(&[("a.txt", DRAFT), ("b.txt", LAST_YEAR)]);
    let (_, stdout, _) = common::run_in(
        dir.path(),
        &["check", ".", "--format", "html", "-o", "review.html"],
    );
    assert!(stdout.is_empty(), "{stdout}");
    let page = fs::read_to_string(dir.path().join("review.html")).unwrap();
    assert_eq!(page.matches("<section class=\"doc\"").count(), 2);
    assert!(
        page_links(&page).is_empty(),
        "one page links only within itself"
    );
}

#[test]
fn a_folder_that_cannot_be_made_is_a_failure() {
    let dir = common::folder_with(&[("draft.txt", DRAFT), ("taken", "a file")]);
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--format",
            "html",
            "-o",
            "taken/review/",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("taken/review"), "{stderr}");
}

#[test]
fn other_formats_are_not_written_into_a_folder() {
    let dir = common::folder_with(&[("draft.txt", DRAFT)]);
    fs::create_dir(dir.path().join("out")).unwrap();
    let (code, _, stderr) = common::run_in(
        dir.path(),
        &["check", "draft.txt", "--format", "json", "-o", "out/"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("这是文件夹"), "{stderr}");
    assert!(
        Path::new(&dir.path().join("out"))
            .read_dir()
            .unwrap()
            .next()
            .is_none()
    );
}
