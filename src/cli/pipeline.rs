//! A `check` run as one pipeline, whatever it does with the findings: the drafts are read (or
//! fixed), compared with the reference documents and with each other, checked a chunk at a
//! time, and handed to the run's [`ReportWriter`].

use super::fix::{self, Note};
use super::inputs::{Draft, Inputs};
use super::options::{Mode, Options};
use super::output::Sink;
use super::read::{read_file, read_stdin_named};
use super::writers::{self, DiffWriter, ReportWriter, Verdict};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, baseline, corpus};
use draftlint::config::Settings;
use draftlint::input;
use draftlint::render::{self, Failure};
use draftlint::{Compared, FileReport, Source};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

/// A draft ready to be checked.
pub struct Prepared {
    pub source: Arc<Source>,
    pub settings: Settings,
    /// The findings of the fixed text, found while fixing (their source left empty): the
    /// report, unless the reference documents or other drafts tell more about the text.
    fixed: Option<FileReport>,
    /// What fixing the file did.
    note: Option<Note>,
}

impl Prepared {
    fn read(source: Source, settings: Settings) -> Prepared {
        Prepared {
            source: Arc::new(source),
            settings,
            fixed: None,
            note: None,
        }
    }

    fn fixed(mut report: FileReport, note: Note, settings: Settings) -> Prepared {
        let source = std::mem::replace(&mut report.source, Source::new("", ""));
        Prepared {
            source: Arc::new(source),
            settings,
            fixed: Some(report),
            note: Some(note),
        }
    }

    /// The draft's report, with what the reference documents and other drafts tell about it.
    fn check(self, compared: &Compared) -> (FileReport, Settings) {
        // The copy index has let go of its references by now: no copy of the text is made.
        let source = Arc::try_unwrap(self.source).unwrap_or_else(|shared| (*shared).clone());
        let report = match self.fixed {
            Some(mut report) if compared.copies.is_empty() && compared.previous.is_none() => {
                report.source = source;
                report
            }
            _ => draftlint::check_compared(source, &self.settings, compared),
        };
        (report, self.settings)
    }
}

/// Run the pipeline over the drafts of `inputs`, writing to `out`; the exit code.
pub fn run(options: &Options, inputs: Inputs, out: &mut Sink) -> u8 {
    let Inputs {
        drafts,
        mut failures,
        config_trouble,
    } = inputs;
    let color = options.stderr_color;
    let baseline = match baseline::read(options.baseline.as_deref(), color) {
        Ok(baseline) => baseline,
        Err(code) => return code,
    };
    let fixing = match options.mode {
        Mode::Fix(mode) => Some(mode),
        Mode::Report => None,
    };
    if fixing.is_some() && drafts.iter().any(|draft| draft.path.is_none()) {
        eprintln!("提示：标准输入只检查、不修正；--fix 和 --diff 只处理文件。");
    }
    let mut prepared = prepare(drafts, fixing, options.stdin_name.as_deref(), &mut failures);
    if options.verbose {
        say_how_read(&prepared);
    }
    let compared = corpus::find_copies(&options.corpus, &mut prepared, &mut failures);
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let notes: Vec<Note> = prepared.iter_mut().filter_map(|p| p.note.take()).collect();
    let progress = progress_bar(prepared.len(), options.quiet);
    let verdict = match fixing {
        Some(mode @ fix::Mode::Diff { .. }) => {
            let writer = DiffWriter::new(notes, mode, options.quiet, color, baseline, &failures);
            drive(prepared, compared, writer, &progress, out)
        }
        Some(fix::Mode::Write) => {
            let formats = prepared.iter().map(|p| p.source.origin.format);
            fix::announce(&notes, formats, options.format, out);
            write_reports(
                options, prepared, compared, baseline, &failures, &progress, out,
            )
        }
        None => write_reports(
            options, prepared, compared, baseline, &failures, &progress, out,
        ),
    };
    let Ok(verdict) = verdict else {
        return EXIT_TROUBLE;
    };
    if verdict.trouble || config_trouble || failures.iter().any(Failure::is_fatal) {
        EXIT_TROUBLE
    } else if verdict.fails && !verdict.baseline_written {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Read each draft, or fix it when it is a file that can be fixed; the drafts that could not
/// be read go to `failures`.
fn prepare(
    drafts: Vec<Draft>,
    fixing: Option<fix::Mode>,
    stdin_name: Option<&Path>,
    failures: &mut Vec<Failure>,
) -> Vec<Prepared> {
    let results: Vec<Result<Prepared, Failure>> = drafts
        .into_par_iter()
        .map(
            |Draft {
                 path,
                 settings,
                 named,
             }| match (path, fixing) {
                // A Word document or a PDF is checked, not rewritten.
                (Some(path), Some(mode)) if input::is_fixable(&path).is_ok() => {
                    fix::fix_file(&path, &settings, mode)
                        .map(|(report, note)| Prepared::fixed(report, note, settings))
                }
                // A document found in a folder whose text cannot be read is listed, not a failure.
                (Some(path), _) => read_file(&path, settings.read_options(), !named)
                    .map(|source| Prepared::read(source, settings)),
                (None, _) => read_stdin_named(stdin_name, settings.read_options())
                    .map(|source| Prepared::read(source, settings)),
            },
        )
        .collect();
    let mut prepared = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(draft) => prepared.push(draft),
            Err(failure) => failures.push(failure),
        }
    }
    prepared
}

/// `--verbose`: how each document read was read (format, encoding).
fn say_how_read(prepared: &[Prepared]) {
    let mut lines: Vec<String> = prepared
        .iter()
        .filter(|p| p.fixed.is_none())
        .map(|p| {
            format!(
                "读取 {}：{}\n",
                render::visible(&p.source.name),
                input::describe_origin(&p.source.origin)
            )
        })
        .collect();
    lines.sort();
    eprint!("{}", lines.concat());
}

/// The findings written in the run's format: a file at a time when the format allows it.
fn write_reports(
    options: &Options,
    prepared: Vec<Prepared>,
    compared: Vec<Compared>,
    baseline: Option<baseline::Loaded>,
    failures: &[Failure],
    progress: &ProgressBar,
    out: &mut Sink,
) -> Result<Verdict, ()> {
    match writers::streamed_format(options) {
        Some(format) => {
            let writer = writers::StreamWriter::begin(format, baseline, failures, options, out)?;
            drive(prepared, compared, writer, progress, out)
        }
        None => {
            let writer = writers::CollectWriter::new(options, baseline, failures);
            drive(prepared, compared, writer, progress, out)
        }
    }
}

/// Drafts checked at a time: checked and held in parallel, written in order, then dropped.
const CHUNK: usize = 256;

/// Check the drafts a chunk at a time and give the reports to `writer`.
fn drive<W: ReportWriter>(
    prepared: Vec<Prepared>,
    compared: Vec<Compared>,
    mut writer: W,
    progress: &ProgressBar,
    out: &mut Sink,
) -> Result<Verdict, ()> {
    let mut pending = prepared.into_iter().zip(compared);
    loop {
        let chunk: Vec<_> = pending.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let held: Vec<W::Held> = chunk
            .into_par_iter()
            .map(|(draft, compared)| {
                let (report, settings) = draft.check(&compared);
                progress.inc(1);
                writer.hold(report, settings)
            })
            .collect();
        for held in held {
            writer.write(held, out);
        }
    }
    progress.finish_and_clear();
    writer.finish(out)
}

/// Runs shorter than this finish before a bar would be read.
const PROGRESS_MIN_FILES: usize = 20;

/// A progress bar on stderr for long runs; hidden when stderr is not a terminal or with
/// `--quiet`, so pipes, CI logs and editors never see it.
fn progress_bar(files: usize, quiet: bool) -> ProgressBar {
    if quiet || files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("检查中 {bar:30} {pos}/{len} 个文件 {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}
