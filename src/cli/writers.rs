//! Where a run's reports go: written a file at a time as they are checked, collected for the
//! formats that describe the whole run (and for recording a baseline), or only counted when
//! the run shows a diff.

use super::args::Format;
use super::baseline::{self, Loaded, Outcome};
use super::fix::{self, Note};
use super::options::Options;
use super::output::Sink;
use draftlint::FileReport;
use draftlint::config::Settings;
use draftlint::input;
use draftlint::render::step_summary::Row as StepRow;
use draftlint::render::stream::{Rendered, Stream, Streamed};
use draftlint::render::{self, Failure, Summary};
use draftlint::source;
use std::io::Write;
use std::path::PathBuf;

/// How a run's output ended.
#[derive(Default)]
pub struct Verdict {
    /// Some finding reached the failing severity (or, for a diff, something would change).
    pub fails: bool,
    /// Something could not be written.
    pub trouble: bool,
    /// `--write-baseline` recorded the findings: the run succeeds.
    pub baseline_written: bool,
}

/// Takes the reports of a run as they are checked.
pub trait ReportWriter: Sync {
    /// What is kept of a report until it is written; made in parallel, as reports are checked.
    type Held: Send;
    fn hold(&self, report: FileReport, settings: Settings) -> Self::Held;
    /// Called with each report's [`Self::Held`], in the run's order.
    fn write(&mut self, held: Self::Held, out: &mut Sink);
    fn finish(self, out: &mut Sink) -> Result<Verdict, ()>;
}

/// The format, when it can be written a file at a time (and no baseline is being recorded,
/// which needs every finding first).
pub fn streamed_format(options: &Options) -> Option<Streamed> {
    if options.write_baseline.is_some() {
        return None;
    }
    match options.format {
        Format::Text => Some(Streamed::Text {
            color: options.color,
            summary: !options.quiet,
        }),
        Format::Concise => Some(Streamed::Concise {
            grouped: options.grouped,
        }),
        Format::Github => Some(Streamed::Github),
        Format::Json => Some(Streamed::Json {
            grouped: options.grouped,
        }),
        Format::Sarif => Some(Streamed::Sarif),
        Format::Junit | Format::Html | Format::Docx => None,
    }
}

/// Say on stderr what could not be checked.
fn write_failures(failures: &[Failure], color: bool) {
    let mut err = std::io::stderr().lock();
    for failure in failures {
        let _ = err.write_all(render::text::render_failure(failure, color).as_bytes());
    }
}

/// The findings above which a report is written straight out rather than rendered first.
const LARGE_REPORT: usize = 20_000;

/// A report of a streamed run, ready to write.
pub enum Output {
    Rendered(Rendered),
    /// A report with so many findings that it is written straight out, a finding at a time,
    /// rather than held as text (a PDF pasted without line breaks can have a million).
    Large(Box<FileReport>),
}

/// One file of a streamed run, rendered and counted, waiting to be written in order.
pub struct StreamedFile {
    output: Output,
    counted: Summary,
    failed: bool,
    /// Findings the baseline hid.
    hidden: usize,
    /// What the job summary keeps of it, when there is one to write.
    row: Option<StepRow>,
}

/// Writes each report as it comes, in a format that allows it.
pub struct StreamWriter<'a> {
    stream: Stream,
    baseline: Option<Loaded>,
    failures: &'a [Failure],
    summary: Summary,
    fails: bool,
    hidden: usize,
    /// The job summary's rows, when GitHub Actions asks for one.
    step_rows: Option<Vec<StepRow>>,
    /// A closed pipe (`| head`) ends the output, not the run's verdict: the rest is checked
    /// for the exit code, without rendering what nobody reads.
    reader_gone: bool,
}

impl<'a> StreamWriter<'a> {
    pub fn begin(
        format: Streamed,
        baseline: Option<Loaded>,
        failures: &'a [Failure],
        options: &Options,
        out: &mut Sink,
    ) -> Result<StreamWriter<'a>, ()> {
        write_failures(failures, options.stderr_color);
        let stream = Stream::begin(format, out).map_err(|_| ())?;
        let summarise = format == Streamed::Github && step_summary_path().is_some();
        Ok(StreamWriter {
            stream,
            baseline,
            failures,
            summary: Summary::default(),
            fails: false,
            hidden: 0,
            step_rows: summarise.then(Vec::new),
            reader_gone: false,
        })
    }
}

impl ReportWriter for StreamWriter<'_> {
    type Held = StreamedFile;

    fn hold(&self, mut report: FileReport, _: Settings) -> StreamedFile {
        let hidden = self.baseline.as_ref().map_or(0, |b| b.filter(&mut report));
        let mut counted = Summary::default();
        counted.add(&report);
        let failed = report.fails();
        let row = self.step_rows.is_some().then(|| StepRow::of(&report));
        let output = if self.reader_gone {
            Output::Rendered(Rendered::Bytes(Vec::new()))
        } else if report.diagnostics.len() > LARGE_REPORT {
            Output::Large(Box::new(report))
        } else {
            Output::Rendered(self.stream.render(&report))
        };
        StreamedFile {
            output,
            counted,
            failed,
            hidden,
            row,
        }
    }

    fn write(&mut self, file: StreamedFile, out: &mut Sink) {
        if let Some(rows) = &mut self.step_rows {
            rows.extend(file.row);
        }
        // Any write error ends the output; the sink keeps it (but a closed pipe) for the
        // verdict.
        if !self.reader_gone {
            let written = match file.output {
                Output::Rendered(rendered) => self.stream.write(rendered, out),
                Output::Large(report) => self.stream.write_report(&report, out),
            };
            self.reader_gone = written.is_err();
        }
        self.summary.merge(file.counted);
        self.fails |= file.failed;
        self.hidden += file.hidden;
    }

    fn finish(self, out: &mut Sink) -> Result<Verdict, ()> {
        if let Some(rows) = &self.step_rows {
            write_step_summary(rows);
        }
        let _ = self.stream.finish(&self.summary, self.failures, out);
        let _ = out.flush();
        if let Some(baseline) = &self.baseline {
            baseline.report_hidden(self.hidden);
        }
        Ok(Verdict {
            fails: self.fails,
            ..Verdict::default()
        })
    }
}

/// Keeps every report, then writes them all: the formats that describe the whole run, reviewed
/// Word copies, and runs that record a baseline.
pub struct CollectWriter<'a> {
    options: &'a Options,
    baseline: Option<Loaded>,
    failures: &'a [Failure],
    reports: Vec<FileReport>,
    settings: Vec<Settings>,
}

impl<'a> CollectWriter<'a> {
    pub fn new(
        options: &'a Options,
        baseline: Option<Loaded>,
        failures: &'a [Failure],
    ) -> CollectWriter<'a> {
        CollectWriter {
            options,
            baseline,
            failures,
            reports: Vec::new(),
            settings: Vec::new(),
        }
    }
}

impl ReportWriter for CollectWriter<'_> {
    type Held = (FileReport, Settings);

    fn hold(&self, report: FileReport, settings: Settings) -> (FileReport, Settings) {
        (report, settings)
    }

    fn write(&mut self, (report, settings): (FileReport, Settings), _: &mut Sink) {
        self.reports.push(report);
        self.settings.push(settings);
    }

    fn finish(mut self, out: &mut Sink) -> Result<Verdict, ()> {
        let options = self.options;
        let color = options.stderr_color;
        // What is recorded is every finding, those an older baseline hides included.
        let recorded = options
            .write_baseline
            .as_deref()
            .map(|path| baseline::record(path, &self.reports, self.failures, color));
        if let Some(baseline) = &self.baseline {
            let hidden = self.reports.iter_mut().map(|r| baseline.filter(r)).sum();
            baseline.report_hidden(hidden);
        }
        write_failures(self.failures, color);
        let mut verdict = Verdict {
            fails: self.reports.iter().any(FileReport::fails),
            trouble: recorded == Some(Outcome::Failed),
            baseline_written: recorded == Some(Outcome::Written),
        };
        if options.format == Format::Docx {
            let unwritten = super::review::write_copies(
                options.output.as_deref(),
                &self.reports,
                &self.settings,
                out,
            );
            write_failures(&unwritten, color);
            if !options.quiet {
                let summary = Summary::of(&self.reports);
                let all: Vec<Failure> = self.failures.iter().chain(&unwritten).cloned().collect();
                let line = render::text::summary_line(&summary, &all);
                let _ = out.write_all(line.as_bytes());
            }
            verdict.trouble |= !unwritten.is_empty();
        } else {
            let _ = write_all(options, &self.reports, self.failures, out);
        }
        let _ = out.flush();
        Ok(verdict)
    }
}

/// Write the reports in the format the user asked for, all at once.
fn write_all(
    options: &Options,
    reports: &[FileReport],
    failures: &[Failure],
    out: &mut Sink,
) -> std::io::Result<()> {
    let output = match options.format {
        Format::Text => {
            let mut text = render::text::render(reports, failures, options.color);
            if options.quiet {
                let summary = render::text::summary_line(&Summary::of(reports), failures);
                text.truncate(text.len() - summary.len());
            }
            text
        }
        Format::Concise => render::concise::render(reports, options.grouped),
        Format::Sarif => render::sarif::render(reports, failures),
        Format::Github => {
            let rows: Vec<_> = reports.iter().map(StepRow::of).collect();
            write_step_summary(&rows);
            render::github::render(reports)
        }
        Format::Junit => render::junit::render(reports, failures),
        Format::Html => return out.write_html(reports, failures, options.quiet),
        // Reviewed copies are files of their own, written by `review::write_copies`.
        Format::Docx => String::new(),
        Format::Json => return render::json::write(reports, failures, options.grouped, out),
    };
    out.write_all(output.as_bytes())
}

/// A Word document or PDF of a diff run: checked, not rewritten.
pub struct Unwritable {
    name: String,
    findings: usize,
    fixable: usize,
    format: source::Format,
}

/// What a diff run keeps of a report.
pub struct Counted {
    failed: bool,
    hidden: usize,
    unwritable: Option<Unwritable>,
}

/// `--diff`: the output is the diff of the fixes; the reports are only counted (for the exit
/// code and the documents that cannot be rewritten).
pub struct DiffWriter<'a> {
    notes: Vec<Note>,
    mode: fix::Mode,
    quiet: bool,
    stderr_color: bool,
    baseline: Option<Loaded>,
    failures: &'a [Failure],
    fails: bool,
    hidden: usize,
    unwritable: Vec<Unwritable>,
}

impl<'a> DiffWriter<'a> {
    pub fn new(
        notes: Vec<Note>,
        mode: fix::Mode,
        quiet: bool,
        stderr_color: bool,
        baseline: Option<Loaded>,
        failures: &'a [Failure],
    ) -> DiffWriter<'a> {
        DiffWriter {
            notes,
            mode,
            quiet,
            stderr_color,
            baseline,
            failures,
            fails: false,
            hidden: 0,
            unwritable: Vec::new(),
        }
    }
}

impl ReportWriter for DiffWriter<'_> {
    type Held = Counted;

    fn hold(&self, mut report: FileReport, _: Settings) -> Counted {
        let hidden = self.baseline.as_ref().map_or(0, |b| b.filter(&mut report));
        let format = report.source.origin.format;
        let unwritable = draftlint::fix::fix_hint_for(format).map(|_| Unwritable {
            name: report.source.name.clone(),
            findings: report.diagnostics.len(),
            fixable: report
                .diagnostics
                .iter()
                .filter(|d| d.fix.is_some())
                .count(),
            format,
        });
        Counted {
            failed: report.fails(),
            hidden,
            unwritable,
        }
    }

    fn write(&mut self, counted: Counted, _: &mut Sink) {
        self.fails |= counted.failed;
        self.hidden += counted.hidden;
        self.unwritable.extend(counted.unwritable);
    }

    fn finish(self, out: &mut Sink) -> Result<Verdict, ()> {
        if let Some(baseline) = &self.baseline {
            baseline.report_hidden(self.hidden);
        }
        let fix::Mode::Diff { color } = self.mode else {
            unreachable!("a diff run shows a diff");
        };
        write_failures(self.failures, self.stderr_color);
        let mut err = std::io::stderr().lock();
        let mut note = String::new();
        for document in &self.unwritable {
            note.push_str(&fix::checked_not_rewritten(
                &document.name,
                document.findings,
                document.fixable,
            ));
        }
        note.push_str(&fix::unwritable_hints(
            self.unwritable.iter().map(|d| d.format),
        ));
        let _ = err.write_all(note.as_bytes());
        let _ = err.write_all(fix::diff_notes(&self.notes, color, self.quiet).as_bytes());
        for note in &self.notes {
            let _ = out.write_all(note.diff.as_bytes());
        }
        let _ = out.flush();
        let changes = self
            .notes
            .iter()
            .any(|n| !n.diff.is_empty() || n.foreign_encoding.is_some());
        Ok(Verdict {
            fails: changes || self.fails,
            ..Verdict::default()
        })
    }
}

/// Where GitHub Actions reads the job summary of a step, when the run is one.
fn step_summary_path() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// Append the run's Markdown summary to `$GITHUB_STEP_SUMMARY` (set by GitHub Actions). A summary
/// that cannot be written is said on stderr; the annotations and the exit code stand.
fn write_step_summary(rows: &[StepRow]) {
    let Some(path) = step_summary_path() else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(render::step_summary::render(rows).as_bytes()));
    if let Err(error) = written {
        eprintln!(
            "警告：无法写入 GitHub 作业摘要 {}：{}",
            path.display(),
            input::describe_io_error(&error)
        );
    }
}
