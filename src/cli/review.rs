//! `--format docx`: a reviewed copy of each Word document checked, written next to it as
//! `名称（审阅）.docx`, or where `--output` says (a file for one document, a folder for
//! several). The original is never written; each copy is put in place whole.

use super::output::write_atomically;
use draftlint::FileReport;
use draftlint::config::Settings;
use draftlint::identity;
use draftlint::input::{self, describe_write_error};
use draftlint::render::{self, Action, Failure};
use draftlint::review;
use draftlint::source::Format;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is added to a document's name for its reviewed copy.
pub const SUFFIX: &str = "（审阅）";

/// Where each reviewed copy goes; a failure for a report that cannot have one.
fn destinations(
    output: Option<&Path>,
    reports: &[FileReport],
) -> Vec<Result<(PathBuf, PathBuf), Failure>> {
    let words = reports
        .iter()
        .filter(|r| r.source.origin.format == Format::Docx && r.source.path.is_some())
        .count();
    let into_folder = match output {
        Some(output) => words > 1 || output.is_dir(),
        None => false,
    };
    let mut taken: HashSet<PathBuf> = HashSet::new();
    reports
        .iter()
        .map(|report| {
            let name = &report.source.name;
            let path = match (&report.source.path, report.source.origin.format) {
                (Some(path), Format::Docx) => path.clone(),
                _ => {
                    return Err(Failure::new(
                        Action::Write,
                        name.clone(),
                        "不是 Word 文档（.docx），没有审阅稿；请用 --format text 等查看它的检查结果",
                    ));
                }
            };
            let file_name = path.file_name().unwrap_or_default();
            let target = match output {
                Some(folder) if into_folder => folder.join(file_name),
                Some(file) => file.to_path_buf(),
                None => {
                    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                    path.with_file_name(format!("{stem}{SUFFIX}.docx"))
                }
            };
            let absolute = identity::absolute(&target);
            if absolute == identity::absolute(&path) {
                return Err(Failure::new(
                    Action::Write,
                    identity::display(&target),
                    "审阅稿不能写在原文件上：请用 --output 另指一个文件名或文件夹",
                ));
            }
            if !taken.insert(absolute) {
                return Err(Failure::new(
                    Action::Write,
                    identity::display(&target),
                    format!("{name} 与另一个文件同名，审阅稿会互相覆盖；请分别检查"),
                ));
            }
            Ok((path, target))
        })
        .collect()
}

/// Write the reviewed copy of each report, and a line for each on `out`. The failures, for
/// the caller to report (exit 2).
pub fn write_copies(
    output: Option<&Path>,
    reports: &[FileReport],
    settings: &[Settings],
    out: &mut impl Write,
) -> Vec<Failure> {
    if let Some(folder) = output
        && reports.len() > 1
        && !folder.exists()
        && let Err(e) = std::fs::create_dir_all(folder)
    {
        return vec![Failure::new(
            Action::Write,
            identity::display(folder),
            describe_write_error(&e),
        )];
    }
    let date = review::now_utc();
    let written: Vec<Result<String, Failure>> = destinations(output, reports)
        .into_par_iter()
        .zip(reports.par_iter().zip(settings.par_iter()))
        .map(|(destination, (report, settings))| {
            let (path, target) = destination?;
            write_copy(&path, &target, report, settings, &date)
        })
        .collect();
    let mut failures = Vec::new();
    for result in written {
        match result {
            Ok(line) => {
                let _ = out.write_all(line.as_bytes());
            }
            Err(failure) => failures.push(failure),
        }
    }
    failures
}

fn write_copy(
    path: &Path,
    target: &Path,
    report: &FileReport,
    settings: &Settings,
    date: &str,
) -> Result<String, Failure> {
    let name = identity::display(path);
    let shown = identity::display(target);
    let bytes = input::read_bytes(path, settings.read_options())
        .map_err(|e| Failure::read(name.clone(), e.reason))?;
    let fixed = draftlint::fix::fix(report.source.clone(), settings).text;
    let limits = settings.read_options().docx_limits();
    let reviewed = review::review(&bytes, report, &fixed, date, limits)
        .map_err(|reason| Failure::new(Action::Write, shown.clone(), reason))?;
    write_atomically(target, &reviewed.bytes)
        .map_err(|e| Failure::new(Action::Write, shown.clone(), describe_write_error(&e)))?;
    let mut line = format!(
        "已写出 {} 的审阅稿 {}：{} 条批注，{} 处修订",
        render::visible(&name),
        render::visible(&shown),
        reviewed.comments,
        reviewed.revisions
    );
    if reviewed.left_out > 0 {
        line.push_str(&format!(
            "；另有 {} 处修改涉及自动编号、表格或分段，未写成修订，请按批注手动修改",
            reviewed.left_out
        ));
    }
    line.push('\n');
    Ok(line)
}
