//! `check --fix` and `check --diff`: apply the safe fixes to files, atomically, or show them.

use super::args::{CheckArgs, Format};
use super::check::{find_copies, read_draft, read_stdin_named, use_color, write_reports};
use super::output::Sink;
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE};
use draftlint::config::Settings;
use draftlint::identity;
use draftlint::input::{self, TextEncoding};
use draftlint::render::{self, Action, Failure};
use draftlint::{FileReport, Source};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed text back to the file.
    Write,
    /// Print a unified diff; write nothing. In colour the changed characters of a line are
    /// emphasised; without, the diff stays a plain patch and they are listed on stderr.
    Diff { color: bool },
}

/// A document checked (and fixed, unless it is not rewritten), with its settings.
type Done = (FileReport, Option<Note>, Settings);

/// What fixing one file did.
pub struct Note {
    pub name: String,
    pub counts: BTreeMap<&'static str, usize>,
    /// The unified diff (`Mode::Diff`), empty when nothing changes.
    pub diff: String,
    /// Where the characters change, a line per place (`Mode::Diff` without colour).
    pub listing: String,
    /// The file's encoding when a patch cannot be applied to its bytes (it is not UTF-8): its
    /// changes are shown in colour or listed, but left out of a plain diff.
    pub foreign_encoding: Option<&'static str>,
}

impl Note {
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// `check --fix` / `check --diff` over the documents of a run (`None`: stdin, which is checked
/// but never fixed). `failures` and `config_trouble` are what the run met before; prints the
/// output and returns the exit code.
pub fn run(
    args: &CheckArgs,
    drafts: Vec<(Option<PathBuf>, Settings)>,
    mut failures: Vec<Failure>,
    config_trouble: bool,
    color: bool,
    out: &mut Sink,
) -> u8 {
    let mode = if args.fix {
        Mode::Write
    } else {
        Mode::Diff { color }
    };
    if drafts.iter().any(|(path, _)| path.is_none()) {
        eprintln!("提示：标准输入只检查、不修正；--fix 和 --diff 只处理文件。");
    }
    let results: Vec<Result<Done, Failure>> = drafts
        .into_par_iter()
        .map(|(path, settings)| {
            match path {
                // A Word document or a PDF is checked, not rewritten.
                Some(path) if input::is_fixable(&path).is_err() => {
                    read_draft(args, &path, &settings)
                        .map(|s| (draftlint::check(s, &settings), None))
                }
                Some(path) => fix_file(&path, &settings, mode).map(|(r, n)| (r, Some(n))),
                None => read_stdin_named(args.stdin_filename.as_deref(), settings.read_options())
                    .map(|s| (draftlint::check(s, &settings), None)),
            }
            .map(|(report, note)| (report, note, settings))
        })
        .collect();
    let mut checked = Vec::new();
    for result in results {
        match result {
            Ok(triple) => checked.push(triple),
            Err(failure) => failures.push(failure),
        }
    }
    // The findings that remain are those of the fixed texts, copies from the corpus and the
    // other drafts included, less those the baseline records.
    let checked = with_copies(args, checked, &mut failures);
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let (mut reports, notes): (Vec<FileReport>, Vec<Option<Note>>) = checked.into_iter().unzip();
    let notes: Vec<Note> = notes.into_iter().flatten().collect();
    let baseline = match super::baseline::apply(args, &mut reports, &failures, color) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };

    let stderr_color = use_color(args.color, io::stderr().is_terminal());
    let mut err = io::stderr().lock();
    for failure in &failures {
        let _ = err.write_all(render::text::render_failure(failure, stderr_color).as_bytes());
    }
    let trouble = failures.iter().any(Failure::is_fatal)
        || config_trouble
        || baseline == super::baseline::Outcome::Failed;
    // Recording a baseline of what remains succeeds the run, as it does without --fix.
    let fails =
        reports.iter().any(FileReport::fails) && baseline != super::baseline::Outcome::Written;
    let unwritable: Vec<&FileReport> = reports
        .iter()
        .filter(|r| draftlint::fix::fix_hint_for(r.source.origin.format).is_some())
        .collect();
    if !unwritable.is_empty() {
        let _ = err.write_all(unwritable_note(&unwritable, mode).as_bytes());
    }
    if let Mode::Diff { color } = mode {
        if !color && !args.quiet {
            let _ = err.write_all(listing(&notes).as_bytes());
        }
        let _ = err.write_all(summary(&notes, mode).as_bytes());
        for note in &notes {
            if let Some(encoding) = note.foreign_encoding {
                let shown = if color {
                    "上面的差异按 UTF-8 显示，不能交给 patch 或 git apply"
                } else {
                    "它的修改只在上面列出，没有写进差异（差异是 UTF-8 的，patch 和 git apply 无法用于这个文件）"
                };
                let _ = writeln!(
                    err,
                    "提示：{} 的编码是 {encoding}，{shown}；请用 --fix 修正，修正后按原编码写回。",
                    render::visible(&note.name)
                );
            }
        }
        for note in &notes {
            let _ = out.write_all(note.diff.as_bytes());
        }
        let _ = out.flush();
        let changes = notes
            .iter()
            .any(|n| !n.diff.is_empty() || n.foreign_encoding.is_some());
        return if trouble {
            EXIT_TROUBLE
        } else if changes || fails {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }
    // What was fixed goes before the findings that remain; in the machine formats, to stderr.
    let fixed = summary(&notes, mode);
    if matches!(args.format, Format::Text | Format::Concise) {
        let _ = out.write_all(fixed.as_bytes());
    } else {
        let _ = err.write_all(fixed.as_bytes());
    }
    let _ = write_reports(args, &reports, &failures, color, out);
    let _ = out.flush();
    if trouble {
        EXIT_TROUBLE
    } else if fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Each document's findings with the passages copied into it from the corpus and the other
/// documents of the run, worked out on the fixed texts; sorted by name. Only documents that
/// have copies are checked again.
fn with_copies(
    args: &CheckArgs,
    mut checked: Vec<Done>,
    failures: &mut Vec<Failure>,
) -> Vec<(FileReport, Option<Note>)> {
    // In the order the copies are found in (a stable sort by name keeps it).
    checked.sort_by(|a, b| a.0.source.name.cmp(&b.0.source.name));
    let mut documents: Vec<(Arc<Source>, Settings)> = Vec::with_capacity(checked.len());
    let mut kept: Vec<(FileReport, Option<Note>)> = Vec::with_capacity(checked.len());
    for (mut report, note, settings) in checked {
        let source = std::mem::replace(&mut report.source, Source::new("", ""));
        kept.push((report, note));
        documents.push((Arc::new(source), settings));
    }
    let copies = find_copies(&args.corpus, &mut documents, failures);
    kept.into_par_iter()
        .zip(documents)
        .zip(copies)
        .map(|(((mut report, note), (source, settings)), compared)| {
            // The copy index has let go of its references by now.
            let source = Arc::try_unwrap(source).unwrap_or_else(|shared| (*shared).clone());
            if compared.copies.is_empty() && compared.previous.is_none() {
                report.source = source;
            } else {
                report = draftlint::check_compared(source, &settings, &compared);
            }
            (report, note)
        })
        .collect()
}

/// Said once in a fix run that holds Word documents or PDFs: they were checked, not rewritten,
/// and how to get their fixes (with `--diff`, whose output is only the diff, their findings are
/// counted here).
fn unwritable_note(reports: &[&FileReport], mode: Mode) -> String {
    let mut out = String::new();
    if matches!(mode, Mode::Diff { .. }) {
        for report in reports {
            let fixable = report
                .diagnostics
                .iter()
                .filter(|d| d.fix.is_some())
                .count();
            let _ = writeln!(
                out,
                "已检查 {}：{} 个问题，其中 {fixable} 处可修正",
                render::visible(&report.source.name),
                report.diagnostics.len()
            );
        }
    }
    let has = |format| reports.iter().any(|r| r.source.origin.format == format);
    if has(draftlint::source::Format::Docx) {
        let _ = writeln!(
            out,
            "提示：Word 文档（.docx）只检查、不改写原文件；用 draftlint check 文档.docx --format docx --output 审阅副本.docx 生成审阅副本，问题写成批注，可修正之处写成修订，在 Word 或 WPS 中逐条接受或拒绝。"
        );
    }
    if has(draftlint::source::Format::Pdf) {
        let _ = writeln!(
            out,
            "提示：PDF 只检查、不改写；请按检查结果在原始的 Word 或 WPS 文档中修改。"
        );
    }
    out
}

/// Fix one file. A file that cannot be read or decoded is a failure and is never written.
pub fn fix_file(
    path: &Path,
    settings: &Settings,
    mode: Mode,
) -> Result<(FileReport, Note), Failure> {
    let name = identity::display(path);
    let fail = |reason: String| Failure::read(name.clone(), reason);
    let fail_write = |reason: String| Failure::new(Action::Write, name.clone(), reason);
    input::is_fixable(path).map_err(fail)?;
    let bytes = input::read_bytes(path, settings.read_options()).map_err(|e| fail(e.reason))?;
    let decoded = input::decode_text(&bytes).map_err(|e| fail(e.reason))?;
    input::check_budget(&decoded.text, settings.read_options()).map_err(|e| fail(e.reason))?;
    let original = decoded.text;
    let fixed = match input::format_of(path) {
        // The rules read Markdown with its markup blanked; fixes go to the text as written.
        draftlint::source::Format::Markdown => {
            draftlint::fix::fix_with(original.clone(), settings, |raw| {
                let loaded = input::read_markdown(raw);
                Source::with_origin(name.clone(), loaded.text, loaded.origin)
            })
        }
        _ => draftlint::fix::fix(Source::new(name.clone(), original.clone()), settings),
    };
    let new_text = &fixed.text;
    let (mut diff, mut listing, mut foreign_encoding) = (String::new(), String::new(), None);
    if *new_text != original {
        match mode {
            Mode::Write => {
                // Written back in the file's own encoding (a GBK file stays GBK), BOM kept.
                let out = decoded.encoding.encode(new_text).ok_or_else(|| {
                    fail_write(format!(
                        "修正后的文字无法用原编码 {} 写回，文件未改动",
                        decoded.encoding.label()
                    ))
                })?;
                write_atomically(path, &bytes, &out)
                    .map_err(|e| fail_write(format!("修正结果未能写回，文件未改动：{e}")))?;
            }
            Mode::Diff { color: true } => {
                diff = render::diff::colored(&name, &original, new_text);
            }
            Mode::Diff { color: false } => {
                // A patch is applied to the file's bytes: a UTF-8 file's BOM is part of its
                // first line, and a file in another encoding would make the whole patch fail
                // in `git apply`.
                diff = match decoded.encoding {
                    TextEncoding::Utf8 => render::diff::unified(&name, &original, new_text),
                    TextEncoding::Utf8Bom => {
                        let bom = '\u{feff}';
                        render::diff::unified(
                            &name,
                            &format!("{bom}{original}"),
                            &format!("{bom}{new_text}"),
                        )
                    }
                    _ => String::new(),
                };
                listing = render::diff::listing(&name, &original, new_text);
            }
        }
        if matches!(mode, Mode::Diff { .. })
            && !matches!(decoded.encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom)
        {
            foreign_encoding = Some(decoded.encoding.label());
        }
    }
    let mut report = fixed.report;
    // Known by its path, as a checked file is: for the baseline and the copies between files.
    report.source.path = Some(identity::absolute(path));
    Ok((
        report,
        Note {
            name,
            counts: fixed.counts,
            diff,
            listing,
            foreign_encoding,
        },
    ))
}

/// Replace `path`'s content by `bytes`: a temporary file in the same folder, the original's
/// permissions, then a rename. Refuses read-only files and files changed since they were read.
fn write_atomically(path: &Path, read: &[u8], bytes: &[u8]) -> Result<(), String> {
    let describe = |e: io::Error| input::describe_io_error(&e);
    let written = |e: io::Error| input::describe_write_error(&e);
    let target = std::fs::canonicalize(path).map_err(describe)?;
    let metadata = std::fs::metadata(&target).map_err(describe)?;
    if metadata.permissions().readonly() {
        return Err("文件是只读的".to_string());
    }
    if std::fs::read(&target).map_err(describe)? != read {
        return Err("文件在检查期间被其他程序修改".to_string());
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".draftlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(written)?;
    temp.write_all(bytes).map_err(written)?;
    temp.as_file().sync_all().map_err(written)?;
    std::fs::set_permissions(temp.path(), metadata.permissions()).map_err(written)?;
    temp.persist(&target).map_err(|e| written(e.error))?;
    Ok(())
}

fn counts_text(note: &Note) -> String {
    note.counts
        .iter()
        .map(|(rule, n)| format!("{rule} {n} 处"))
        .collect::<Vec<_>>()
        .join("，")
}

/// What was fixed, in Chinese: one line per changed file.
pub fn summary(notes: &[Note], mode: Mode) -> String {
    let mut out = String::new();
    for note in notes.iter().filter(|n| n.total() > 0) {
        let verb = match mode {
            Mode::Write => "已修正",
            Mode::Diff { .. } => "可修正",
        };
        let _ = writeln!(
            out,
            "{verb} {}：共 {} 处（{}）",
            render::visible(&note.name),
            note.total(),
            counts_text(note)
        );
    }
    let files = notes.iter().filter(|n| n.total() > 0).count();
    if files == 0 {
        out.push_str("没有可自动修正的问题。\n");
    } else if matches!(mode, Mode::Diff { .. }) {
        let _ = writeln!(out, "以上修改没有写入文件；用 --fix 写入。");
    }
    out
}

/// Where the characters change in each file, for a diff without colour (the diff itself stays
/// a patch): one line per place, in word-diff notation.
fn listing(notes: &[Note]) -> String {
    if notes.iter().all(|n| n.listing.is_empty()) {
        return String::new();
    }
    let mut out = String::from("修改之处（[-…-] 为删去的文字，{+…+} 为加上的文字，↵ 为换行）：\n");
    for note in notes {
        out.push_str(&note.listing);
    }
    out
}
