//! One identity for a file, however its path is spelled: relative, absolute, with `./` or `..`,
//! through a symbolic link, from another working folder. Through the CLI.

mod common;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const LAST_YEAR: &str = "松川县人民政府关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n全县28个行政执法单位落实行政执法三项制度，在县政府门户网站公示执法信息1893条，组织行政执法案卷评查2次，抽查案卷186卷，评出优秀案卷24卷。\n县行政复议局受理行政复议案件41件，审结39件，行政机关负责人出庭应诉行政诉讼案件33件，出庭应诉率达到100%。\n二、存在的不足和原因\n一是基层执法力量不足。究其原因，主要是编制有限，培训投入不够。\n";

/// This year's draft: one paragraph pasted from last year's report, and findings of its own.
fn draft() -> String {
    let pasted = LAST_YEAR.lines().nth(2).unwrap();
    format!(
        "松川县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n县政府常务会议专题研究法治政府建设5次，出台制度文件7件，组织执法人员培训4期，培训人员412人次，执法人员持证上岗率达到100%。\n{pasted}\n县行政复议局审结案件39件，行政机关负责人出庭应诉33件，出庭应诉率达到100%。\n二、存在的不足和原因\n一是规范性文件起草质量不高。究其原因，主要是起草人员法律素养参差不齐。\n"
    )
}

/// A project: `proj/drafts/2023.txt`, `proj/archive/2022.txt`, an empty `proj/ci`, the link
/// `proj/link.txt` to the draft, the link `proj/docs` to `proj/drafts`, and a folder outside
/// the project, `elsewhere`. Returns the temporary folder and the project (symbolic links
/// resolved, as the working folder is).
fn project() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let proj = fs::canonicalize(dir.path()).unwrap().join("proj");
    for folder in ["drafts", "archive", "ci"] {
        fs::create_dir_all(proj.join(folder)).unwrap();
    }
    fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    fs::write(proj.join("drafts/2023.txt"), draft()).unwrap();
    fs::write(proj.join("archive/2022.txt"), LAST_YEAR).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(proj.join("drafts/2023.txt"), proj.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(proj.join("drafts"), proj.join("docs")).unwrap();
    }
    (dir, proj)
}

fn text(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

/// `draftlint check <args>` from `cwd`: exit code, stdout, stderr.
fn check(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let all: Vec<&str> = std::iter::once("check")
        .chain(args.iter().copied())
        .collect();
    common::run_in(cwd, &all)
}

fn json(cwd: &Path, args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = check(cwd, &all);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    (code, json, stderr)
}

fn files(json: &Value) -> Vec<Value> {
    json["files"].as_array().unwrap().clone()
}

/// The spellings of the draft from `cwd`, each as the user could type it.
fn spellings(proj: &Path, cwd: &Path) -> Vec<String> {
    let mut out = if cwd == proj {
        vec![
            "drafts/2023.txt".to_string(),
            "./drafts/2023.txt".to_string(),
            "ci/../drafts/./2023.txt".to_string(),
        ]
    } else {
        vec![
            "../drafts/2023.txt".to_string(),
            "./../drafts/2023.txt".to_string(),
        ]
    };
    out.push(text(&proj.join("drafts/2023.txt")));
    out.push(text(&proj.join("ci/../drafts/./2023.txt")));
    if cfg!(unix) {
        out.push(text(&proj.join("link.txt")));
        out.push(text(&proj.join("docs/2023.txt")));
        out.push(text(&proj.join("docs/../drafts/2023.txt")));
    }
    out
}

#[test]
fn a_file_named_twice_in_one_run_is_checked_once() {
    let (_dir, proj) = project();
    let ci = proj.join("ci");
    for cwd in [&proj, &ci] {
        let names = spellings(&proj, cwd);
        let mut args: Vec<&str> = names.iter().map(String::as_str).collect();
        // The folder holding it as well.
        let folder = if cwd == &proj { "drafts" } else { "../drafts" };
        args.push(folder);
        let (code, json, stderr) = json(cwd, &args);
        assert_eq!(code, 1, "{stderr}");
        let checked = files(&json);
        assert_eq!(checked.len(), 1, "{}: {json:#}", cwd.display());
        assert_eq!(json["summary"]["files"], 1);
        let path = checked[0]["path"].as_str().unwrap();
        let expected = if cwd == &proj {
            "drafts/2023.txt".to_string()
        } else {
            text(&proj.join("drafts/2023.txt"))
        };
        assert_eq!(path, expected);
    }
}

#[test]
fn files_are_shown_relative_inside_the_working_folder_and_absolute_outside_it() {
    let (_dir, proj) = project();
    for name in spellings(&proj, &proj) {
        let (_, json, _) = json(&proj, &[&name]);
        let path = files(&json)[0]["path"].as_str().unwrap().to_string();
        // A link is shown by its own name, normalised; a folder through a link as named.
        let expected = match name.as_str() {
            n if n.ends_with("link.txt") => "link.txt",
            n if n.ends_with("docs/2023.txt") => "docs/2023.txt",
            _ => "drafts/2023.txt",
        };
        assert_eq!(path, expected, "{name}");
    }
    let ci = proj.join("ci");
    for name in spellings(&proj, &ci) {
        let (_, stdout, _) = check(&ci, &["--format", "concise", &name]);
        assert!(!stdout.is_empty());
        for line in stdout.lines() {
            assert!(line.starts_with(&text(&proj)), "{name}: {line}");
            assert!(
                !line.contains("/./") && !line.contains(".."),
                "{name}: {line}"
            );
        }
    }
}

#[test]
fn a_draft_in_its_own_corpus_is_never_its_own_source() {
    let (dir, proj) = project();
    let ci = proj.join("ci");
    let elsewhere = dir.path().join("elsewhere");
    let mut corpora = vec![
        text(&proj.join("*/*.txt")),
        text(&proj.join("ci/../*/2023.txt")),
        text(&proj.join("drafts/2023.txt")),
    ];
    if cfg!(unix) {
        corpora.push(text(&proj.join("link.txt")));
        corpora.push(text(&proj.join("docs/*.txt")));
    }
    for cwd in [&proj, &ci, &elsewhere] {
        let mut corpora = corpora.clone();
        if cwd == &proj {
            corpora.push("./drafts/../drafts/*.txt".to_string());
        } else if cwd == &ci {
            corpora.push("./../drafts/./*.txt".to_string());
        }
        for name in spellings(&proj, if cwd == &proj { &proj } else { &ci })
            .into_iter()
            .filter(|n| cwd != &elsewhere || Path::new(n).is_absolute())
        {
            for corpus in &corpora {
                let archive = text(&proj.join("archive/*.txt"));
                let (_, json, stderr) =
                    json(cwd, &[&name, "--corpus", corpus, "--corpus", &archive]);
                assert!(!stderr.contains("参考文件"), "{corpus}: {stderr}");
                let checked = files(&json);
                assert_eq!(checked.len(), 1, "{name} {corpus}: {json:#}");
                let copied: Vec<&Value> = checked[0]["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["rule"] == "copied-text")
                    .collect();
                // Last year's paragraph is found, and nothing else: never the draft itself.
                assert_eq!(
                    copied.len(),
                    1,
                    "from {}: {name} --corpus {corpus}: {copied:#?} {stderr}",
                    cwd.display()
                );
                let source = copied[0]["data"]["source"].as_str().unwrap();
                assert!(source.ends_with("archive/2022.txt"), "{source}");
                // The draft's own findings are still there.
                assert!(
                    checked[0]["diagnostics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|d| d["rule"] == "stats-inconsistent"),
                    "{name} {corpus}"
                );
            }
        }
    }
}

#[test]
fn a_baseline_applies_from_another_folder_under_another_spelling() {
    let (dir, proj) = project();
    let ci = proj.join("ci");
    let elsewhere = dir.path().join("elsewhere");
    let base = proj.join("ci/base.json");
    // Written from the project with the plain name; from `ci` through a link.
    let writers: Vec<(&Path, Vec<String>)> = {
        let mut writers: Vec<(&Path, Vec<String>)> = vec![(
            &proj,
            vec![
                "drafts/2023.txt".into(),
                "--write-baseline".into(),
                "ci/base.json".into(),
            ],
        )];
        if cfg!(unix) {
            writers.push((
                &ci,
                vec![
                    "../link.txt".into(),
                    "--write-baseline".into(),
                    "./base.json".into(),
                ],
            ));
        }
        writers
    };
    for (writer, args) in writers {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, stderr) = json(writer, &args);
        assert_eq!(code, 0, "{stderr}");
        let recorded: Value = serde_json::from_str(&fs::read_to_string(&base).unwrap()).unwrap();
        let keys: Vec<&String> = recorded["files"].as_object().unwrap().keys().collect();
        assert_eq!(keys, vec!["../drafts/2023.txt"]);

        let base_spellings = [
            (proj.as_path(), "ci/base.json".to_string()),
            (ci.as_path(), "base.json".to_string()),
            (
                elsewhere.as_path(),
                text(&proj.join("drafts/../ci/./base.json")),
            ),
        ];
        for (cwd, base) in &base_spellings {
            let names = spellings(&proj, if *cwd == proj.as_path() { &proj } else { &ci });
            for name in names
                .iter()
                .filter(|n| *cwd != elsewhere.as_path() || Path::new(n).is_absolute())
            {
                let (code, json, stderr) = json(cwd, &[name, "--baseline", base]);
                assert_eq!(code, 0, "from {}: {name} {base}: {stderr}", cwd.display());
                let diagnostics = files(&json)[0]["diagnostics"].as_array().unwrap().len();
                assert_eq!(diagnostics, 0, "from {}: {name} {base}", cwd.display());
                assert!(stderr.contains("已记录的"), "{stderr}");
            }
        }
    }
}

/// The artifact URIs of a SARIF log.
fn artifact_uris(sarif: &Value) -> Vec<String> {
    let mut uris = Vec::new();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        for location in result["locations"].as_array().unwrap() {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            uris.push(artifact["uri"].as_str().unwrap().to_string());
        }
    }
    uris
}

/// SARIF logs of a file under every spelling, from two working folders, and of a file that
/// cannot be read, written into `out`; their URIs are checked on the way.
fn sarif_logs_of_every_spelling(out: &Path) -> Vec<PathBuf> {
    let (dir, proj) = project();
    let ci = proj.join("ci");
    let mut logs = Vec::new();
    for cwd in [&proj, &ci] {
        for name in spellings(&proj, cwd) {
            let (code, stdout, stderr) = check(cwd, &["--format", "sarif", &name]);
            assert_eq!(code, 1, "{stderr}");
            let sarif: Value = serde_json::from_str(&stdout).unwrap();
            let uris = artifact_uris(&sarif);
            assert!(!uris.is_empty());
            for uri in &uris {
                assert!(
                    !uri.split('/')
                        .any(|segment| segment == "." || segment == ".."),
                    "{name}: {uri}"
                );
                if cwd == &proj {
                    assert!(!uri.starts_with("file:"), "{name}: {uri}");
                } else {
                    assert!(uri.starts_with("file:///"), "{name}: {uri}");
                }
            }
            let file = out.join(format!("{}.sarif", logs.len()));
            fs::write(&file, stdout).unwrap();
            logs.push(file);
        }
    }
    // A file that cannot be read, named with `..`, is a notification with a normal URI too.
    let missing = text(&proj.join("ci/../drafts/missing.txt"));
    let (code, stdout, _) = check(
        &dir.path().join("elsewhere"),
        &["--format", "sarif", &missing],
    );
    assert_eq!(code, 2);
    assert!(!stdout.contains("/../"), "{stdout}");
    let file = out.join("missing.sarif");
    fs::write(&file, stdout).unwrap();
    logs.push(file);
    logs
}

#[test]
fn sarif_of_every_spelling_has_normal_uris() {
    let out = TempDir::new().unwrap();
    assert!(sarif_logs_of_every_spelling(out.path()).len() > 2);
}

#[test]
#[cfg_attr(
    draftlint_no_sarif_validator,
    ignore = "needs the SARIF validator: set SARIF_MULTITOOL or run .ci/run, which installs it"
)]
fn sarif_of_every_spelling_passes_the_official_validator() {
    let out = TempDir::new().unwrap();
    let logs = sarif_logs_of_every_spelling(out.path());
    common::sarif::assert_valid(&logs);
}

#[test]
fn other_formats_name_the_file_as_json_does() {
    let (_dir, proj) = project();
    let ci = proj.join("ci");
    let name = "../drafts/../drafts/./2023.txt";
    let shown = text(&proj.join("drafts/2023.txt"));
    let (_, github, _) = check(&ci, &["--format", "github", name]);
    assert!(github.contains(&format!("file={shown},")), "{github}");
    let (_, junit, _) = check(&ci, &["--format", "junit", name]);
    assert!(junit.contains(&shown) && !junit.contains(".."), "{junit}");
    let (_, html, _) = check(&ci, &["--format", "html", name]);
    assert!(html.contains(&shown) && !html.contains("/../"), "{html}");
    let (_, plain, _) = check(&ci, &["--format", "text", "--color", "never", name]);
    assert!(plain.contains(&shown) && !plain.contains("/../"), "{plain}");
}
