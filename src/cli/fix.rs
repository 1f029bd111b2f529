//! `check --fix` and `check --diff`: apply the safe fixes to files, atomically, or show them.

use super::args;
use draftlint::config::Settings;
use draftlint::identity;
use draftlint::input::{self, TextEncoding};
use draftlint::render::{self, Action, Failure};
use draftlint::source::Format;
use draftlint::{FileReport, Source};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the fixed text back to the file.
    Write,
    /// Print a unified diff; write nothing. In colour the changed characters of a line are
    /// emphasised; without, the diff stays a plain patch and they are listed on stderr.
    Diff { color: bool },
}

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

/// Before the findings of a `--fix` run: what was fixed (on standard output with the human
/// formats, on stderr with the machine ones) and how to fix the documents that are checked but
/// not rewritten.
pub fn announce(
    notes: &[Note],
    formats: impl Iterator<Item = Format>,
    output: args::Format,
    out: &mut impl Write,
) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(unwritable_hints(formats).as_bytes());
    let fixed = summary(notes, Mode::Write);
    if matches!(output, args::Format::Text | args::Format::Concise) {
        let _ = out.write_all(fixed.as_bytes());
    } else {
        let _ = err.write_all(fixed.as_bytes());
    }
}

/// A line for a document of a `--diff` run that is checked, not rewritten (its findings are
/// not otherwise shown).
pub fn checked_not_rewritten(name: &str, findings: usize, fixable: usize) -> String {
    format!(
        "已检查 {}：{findings} 个问题，其中 {fixable} 处可修正\n",
        render::visible(name)
    )
}

/// Said once in a fix run that holds Word documents or PDFs: they were checked, not
/// rewritten, and how to get their fixes.
pub fn unwritable_hints(formats: impl Iterator<Item = Format>) -> String {
    let (mut word, mut pdf) = (false, false);
    for format in formats {
        word |= format == Format::Docx;
        pdf |= format == Format::Pdf;
    }
    let mut out = String::new();
    if word {
        let _ = writeln!(
            out,
            "提示：Word 文档（.docx）只检查、不改写原文件；用 draftlint check 文档.docx --format docx --output 审阅副本.docx 生成审阅副本，问题写成批注，可修正之处写成修订，在 Word 或 WPS 中逐条接受或拒绝。"
        );
    }
    if pdf {
        let _ = writeln!(
            out,
            "提示：PDF 只检查、不改写；请按检查结果在原始的 Word 或 WPS 文档中修改。"
        );
    }
    out
}

/// What a `--diff` run says on stderr beside the diff: where the characters change (without
/// colour), what could be fixed, and the files whose encoding a patch cannot be applied to.
pub fn diff_notes(notes: &[Note], color: bool, quiet: bool) -> String {
    let mut out = String::new();
    if !color && !quiet {
        out.push_str(&listing(notes));
    }
    out.push_str(&summary(notes, Mode::Diff { color }));
    for note in notes {
        if let Some(encoding) = note.foreign_encoding {
            let shown = if color {
                "上面的差异按 UTF-8 显示，不能交给 patch 或 git apply"
            } else {
                "它的修改只在上面列出，没有写进差异（差异是 UTF-8 的，patch 和 git apply 无法用于这个文件）"
            };
            let _ = writeln!(
                out,
                "提示：{} 的编码是 {encoding}，{shown}；请用 --fix 修正，修正后按原编码写回。",
                render::visible(&note.name)
            );
        }
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
    // Known by its path and encoding, as a checked file is: for the baseline, the copies
    // between files and the outputs that name the encoding.
    report.source.path = Some(identity::absolute(path));
    report.source.origin.encoding = Some(decoded.encoding.id());
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
