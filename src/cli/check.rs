//! `draftlint check`, and the per-file settings resolution it shares with `outline`.

use super::args::{CheckArgs, ColorChoice, Format, PackArgs};
use super::fix;
use super::output::Sink;
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE};
use draftlint::config::packs::{self, PackError};
use draftlint::config::{Config, ConfigError, ConfigFinder, Excludes, Overrides, Settings};
use draftlint::copies::{self, CopyDocument};
use draftlint::identity::{self, FileId};
use draftlint::input::{self, InputError};
use draftlint::render::step_summary::Row as StepRow;
use draftlint::render::stream::{Stream, Streamed};
use draftlint::render::{self, Action, Failure, Summary};
use draftlint::{Compared, FileReport, Source, previous, rules};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Finds the settings for each file: the explicit `--config` or the nearest `.draftlint.toml`,
/// then the command-line overrides.
pub struct Resolver {
    explicit: Option<Arc<Config>>,
    finder: ConfigFinder,
    overrides: Overrides,
    reported: HashSet<String>,
    color: bool,
}

/// Something that stops the run before any file is checked; already printed.
pub struct Abort;

impl Resolver {
    pub fn new(
        args: &PackArgs,
        select: &[String],
        ignore: &[String],
        color: bool,
    ) -> Result<Resolver, Abort> {
        let fail = |message: String| {
            command_line_error(message, color);
            Abort
        };
        let check_ids = |ids: &[String]| -> Result<HashSet<String>, Abort> {
            for id in ids {
                if rules::find(id).is_none() {
                    return Err(fail(format!(
                        "未知的规则 “{id}”；{}",
                        draftlint::suggest::rule_help(id)
                    )));
                }
            }
            Ok(ids.iter().cloned().collect())
        };
        let pack = match &args.pack {
            None => None,
            Some(reference) => match packs::resolve(reference, Path::new(".")) {
                Ok(pack) => Some(pack),
                Err(PackError::Unknown(message)) => return Err(fail(message)),
                Err(PackError::Invalid(error)) => {
                    eprint!("{}", render::text::render_config_error(&error, color));
                    return Err(Abort);
                }
            },
        };
        let explicit = match &args.config {
            None => None,
            Some(path) => match Config::load(Path::new(&identity::display(path))) {
                Ok(config) => Some(Arc::new(config)),
                Err(error) => {
                    eprint!("{}", render::text::render_config_error(&error, color));
                    return Err(Abort);
                }
            },
        };
        Ok(Resolver {
            explicit,
            finder: ConfigFinder::default(),
            overrides: Overrides {
                pack,
                year: args.year,
                select: (!select.is_empty())
                    .then(|| check_ids(select))
                    .transpose()?,
                ignore: check_ids(ignore)?,
                ..Overrides::default()
            },
            reported: HashSet::new(),
            color,
        })
    }

    /// The command-line overrides, for options only `check` has.
    pub fn overrides_mut(&mut self) -> &mut Overrides {
        &mut self.overrides
    }

    /// Settings for a file (`None` for stdin: the working directory's config applies). A broken
    /// config is printed once and the file is not checked.
    pub fn settings_for(&mut self, file: Option<&Path>) -> Result<Settings, ()> {
        let config = match &self.explicit {
            Some(config) => Some(Ok(config.clone())),
            None => {
                let dir = file
                    .and_then(Path::parent)
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                self.finder.for_dir(dir)
            }
        };
        match config {
            None => Ok(Settings::resolve(None, file, &self.overrides)),
            Some(Ok(config)) => Ok(Settings::resolve(Some(&config), file, &self.overrides)),
            Some(Err(error)) => {
                self.report_config_error(&error);
                Err(())
            }
        }
    }

    fn report_config_error(&mut self, error: &ConfigError) {
        if self.reported.insert(error.path.clone()) {
            eprint!("{}", render::text::render_config_error(error, self.color));
        }
    }
}

pub fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

pub fn read_source(path: Option<&Path>) -> Result<Source, Failure> {
    read_source_with(path, input::ReadOptions::default())
}

/// Read standard input, as the file `name` would be read (`--stdin-filename`): its extension
/// decides Markdown or Word, and it is shown under that name.
pub fn read_stdin_named(
    name: Option<&Path>,
    options: input::ReadOptions,
) -> Result<Source, Failure> {
    let Some(name) = name else {
        return read_source_with(None, options);
    };
    let shown = identity::display(name);
    input::read_stdin_as(input::format_of(name), options)
        .map(|loaded| Source::with_origin(shown.clone(), loaded.text, loaded.origin))
        .map_err(|InputError { reason, .. }| Failure::read(shown, reason))
}

/// Read a document (text in any supported encoding, Markdown, .docx, PDF), or standard input,
/// into a [`Source`].
pub fn read_source_with(
    path: Option<&Path>,
    options: input::ReadOptions,
) -> Result<Source, Failure> {
    match path {
        Some(path) => read_file(path, options, false),
        None => input::read_stdin_document(options)
            .map(|loaded| Source::with_origin("<stdin>".to_string(), loaded.text, loaded.origin))
            .map_err(|InputError { reason, .. }| Failure::read("<stdin>", reason)),
    }
}

/// Read a file of the run. A sound document whose text cannot be read (a scanned PDF) found by
/// walking a folder is listed as not checked; named on the command line, it cannot be checked.
pub fn read_draft(args: &CheckArgs, path: &Path, settings: &Settings) -> Result<Source, Failure> {
    let named = args.paths.iter().any(|named| named == path);
    read_file(path, settings.read_options(), !named)
}

/// Read a document into a [`Source`]; with `skip_without_text`, a sound document whose text
/// cannot be read is a [`Failure::skip`] rather than a failure.
fn read_file(
    path: &Path,
    options: input::ReadOptions,
    skip_without_text: bool,
) -> Result<Source, Failure> {
    let name = identity::display(path);
    match input::read_document(path, options) {
        Ok(loaded) => Ok(Source::with_origin(name, loaded.text, loaded.origin)
            .with_path(Some(identity::absolute(path)))),
        Err(error) if error.without_text && skip_without_text => {
            Err(Failure::skip(name, error.reason))
        }
        Err(error) => Err(Failure::read(name, error.reason)),
    }
}

/// Say on stderr that the command line is wrong, and why.
fn command_line_error(reason: impl Into<String>, color: bool) {
    eprint!(
        "{}",
        render::text::render_failure(&Failure::new(Action::Usage, "命令行", reason), color)
    );
}

/// Compile `--exclude` or `--extend-exclude` patterns; `None` when there are none.
fn excludes(patterns: &[String], color: bool) -> Result<Option<Excludes>, Abort> {
    if patterns.is_empty() {
        return Ok(None);
    }
    Excludes::new(patterns.to_vec())
        .map(Some)
        .map_err(|reason| {
            command_line_error(reason, color);
            Abort
        })
}

pub fn run(args: CheckArgs) -> u8 {
    let color = use_color(
        args.color,
        std::io::stdout().is_terminal() && args.output.is_none(),
    );
    let stderr_color = use_color(args.color, std::io::stderr().is_terminal());
    let Ok(mut resolver) = Resolver::new(&args.pack, &args.select, &args.ignore, stderr_color)
    else {
        return EXIT_TROUBLE;
    };
    let (Ok(exclude), Ok(extend_exclude)) = (
        excludes(&args.exclude, stderr_color),
        excludes(&args.extend_exclude, stderr_color),
    ) else {
        return EXIT_TROUBLE;
    };
    {
        let overrides = resolver.overrides_mut();
        overrides.fail_on = args.fail_on.map(|l| l.severity());
        overrides.min_severity = args.severity.map(|l| l.severity());
        overrides.exclude = exclude;
        overrides.extend_exclude = extend_exclude;
    }
    if args.show_settings {
        return show_settings(&args, &mut resolver);
    }
    // With --stdin-filename and no paths, standard input is what is checked (as ruff does).
    let inputs = match (args.paths.is_empty(), args.stdin_filename.is_some()) {
        (true, true) => vec![PathBuf::from("-")],
        (true, false) => vec![PathBuf::from(".")],
        (false, _) => args.paths.clone(),
    };
    let stdin_requested = inputs.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = inputs
        .into_iter()
        .filter(|p| p.as_os_str() != "-")
        .collect();
    // Files named on the command line are checked even when excluded, unless --force-exclude.
    let explicit: HashSet<PathBuf> = paths.iter().filter(|p| !p.is_dir()).cloned().collect();
    let walked = input::collect_paths(&paths, args.follow_links);
    let files = walked.files;
    start_pool(args.jobs, files.len() + usize::from(stdin_requested));

    let mut failures: Vec<Failure> = walked.errors.into_iter().map(failure_of).collect();
    failures.extend(
        walked
            .skipped
            .into_iter()
            .filter(|skipped| !excluded(&mut resolver, &skipped.path))
            .map(|skipped| Failure::skip(identity::display(&skipped.path), skipped.reason)),
    );
    let mut config_trouble = false;
    let mut drafts: Vec<(Option<PathBuf>, Settings)> = Vec::new();
    if stdin_requested {
        match resolver.settings_for(args.stdin_filename.as_deref()) {
            Ok(settings)
                if args.force_exclude
                    && args.stdin_filename.as_deref().is_some_and(|name| {
                        settings.excluded || input::draftlint_ignores(name)
                    }) => {}
            Ok(settings) => drafts.push((None, settings)),
            Err(()) => config_trouble = true,
        }
    }
    for file in files {
        match resolver.settings_for(Some(&file)) {
            Ok(settings) => {
                let named = explicit.contains(&file);
                let skip = if named {
                    args.force_exclude && (settings.excluded || input::draftlint_ignores(&file))
                } else {
                    settings.excluded
                };
                if !skip {
                    drafts.push((Some(file), settings));
                }
            }
            Err(()) => {
                config_trouble = true;
                failures.push(Failure::new(
                    Action::Config,
                    identity::display(&file),
                    "它所在文件夹的配置文件有错误",
                ));
            }
        }
    }

    if args.format == Format::Docx && (args.fix || args.diff) {
        command_line_error(
            "--format docx 已把可自动修正的问题写成修订，不能与 --fix 或 --diff 同用",
            stderr_color,
        );
        return EXIT_TROUBLE;
    }
    if args.group.is_some() && !matches!(args.format, Format::Concise | Format::Json) {
        command_line_error(
            "--group 只用于 --format concise 和 json：文字输出已把同类问题合并显示，github 格式按文件合并同一规则的注释；请去掉 --group，或改用 --format concise 或 json",
            stderr_color,
        );
        return EXIT_TROUBLE;
    }
    if args.diff && args.write_baseline.is_some() {
        command_line_error(
            "--diff 只显示修改、不写入文件，文件里的问题与修正后的不同，不能同时用 --write-baseline 记录基线；请先用 --fix --write-baseline 修正并记录修正后剩下的问题，或去掉 --diff 记录现有的问题",
            stderr_color,
        );
        return EXIT_TROUBLE;
    }
    // A reviewed copy goes where --output says; what is said about it goes to standard output.
    let sink_path = args
        .output
        .as_deref()
        .filter(|_| args.format != Format::Docx);
    let mut sink = match Sink::open(sink_path, args.format) {
        Ok(sink) => sink,
        Err(failure) => {
            eprint!("{}", render::text::render_failure(&failure, stderr_color));
            return EXIT_TROUBLE;
        }
    };
    let code = if args.fix || args.diff {
        fix::run(&args, drafts, failures, config_trouble, color, &mut sink)
    } else {
        check_drafts(&args, drafts, failures, config_trouble, color, &mut sink)
    };
    if let Err(failure) = sink.finish() {
        eprint!("{}", render::text::render_failure(&failure, stderr_color));
        return EXIT_TROUBLE;
    }
    if code == EXIT_FINDINGS && args.exit_zero {
        EXIT_CLEAN
    } else {
        code
    }
}

/// `--show-settings`: the settings for the first file named (or standard input's name, or a
/// file in the working folder), as TOML.
fn show_settings(args: &CheckArgs, resolver: &mut Resolver) -> u8 {
    let target: PathBuf = args
        .stdin_filename
        .clone()
        .or_else(|| args.paths.iter().find(|p| p.as_os_str() != "-").cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let file = if target.is_dir() {
        target.join("-")
    } else {
        target.clone()
    };
    let Ok(settings) = resolver.settings_for(Some(&file)) else {
        return EXIT_TROUBLE;
    };
    let detected = (settings.pack.is_none() && file.is_file())
        .then(|| read_source_with(Some(&file), settings.read_options()).ok())
        .flatten()
        .map(|source| draftlint::analyse(&source, &settings).pack.name.clone());
    let mut out = format!("# 对 {} 生效的设置\n", identity::display(&target));
    if settings.excluded {
        out.push_str("# 这个文件被 exclude 排除：遍历文件夹时不检查\n");
    }
    out.push_str(&settings.to_toml(detected.as_deref()));
    super::print_out(&out)
}

/// Read and check the drafts, and write the reports.
fn check_drafts(
    args: &CheckArgs,
    drafts: Vec<(Option<PathBuf>, Settings)>,
    mut failures: Vec<Failure>,
    config_trouble: bool,
    color: bool,
    sink: &mut Sink,
) -> u8 {
    let read: Vec<Result<(Source, Settings), Failure>> = drafts
        .into_par_iter()
        .map(|(path, settings)| {
            match path {
                Some(path) => read_draft(args, &path, &settings),
                None => read_stdin_named(args.stdin_filename.as_deref(), settings.read_options()),
            }
            .map(|source| (source, settings))
        })
        .collect();
    let mut sources = Vec::new();
    for result in read {
        match result {
            Ok(pair) => sources.push(pair),
            Err(failure) => failures.push(failure),
        }
    }
    if args.verbose {
        let mut names: Vec<String> = sources
            .iter()
            .map(|(s, _)| {
                format!(
                    "读取 {}：{}\n",
                    render::visible(&s.name),
                    input::describe_origin(&s.origin)
                )
            })
            .collect();
        names.sort();
        eprint!("{}", names.concat());
    }

    let mut sources: Vec<(Arc<Source>, Settings)> = sources
        .into_iter()
        .map(|(source, settings)| (Arc::new(source), settings))
        .collect();
    let copies = find_copies(&args.corpus, &mut sources, &mut failures);
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let progress = progress_bar(sources.len(), args.quiet);
    let checked = match streamed_format(args, color) {
        Some(format) => check_streamed(
            args, format, sources, copies, &failures, &progress, color, sink,
        ),
        None => check_collected(args, sources, copies, &failures, &progress, color, sink),
    };
    let Ok(checked) = checked else {
        return EXIT_TROUBLE;
    };
    if failures.iter().any(Failure::is_fatal)
        || config_trouble
        || checked.baseline == super::baseline::Outcome::Failed
    {
        EXIT_TROUBLE
    } else if checked.baseline == super::baseline::Outcome::Written {
        EXIT_CLEAN
    } else if checked.fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Runs of at most this many files are mostly start-up.
const FEW_FILES: usize = 16;

/// Start the thread pool the checks run on, and have it load the built-in packs (about a
/// millisecond) while the configuration is found and the files are read and parsed.
fn start_pool(jobs: Option<usize>, files: usize) {
    let jobs = jobs.map(bounded_jobs);
    let mut pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.map_or(0, |jobs| jobs.max(1)));
    if files <= FEW_FILES {
        // This thread works in the pool rather than waiting on it: one thread fewer to start.
        // Not for long runs: glibc gives this thread's heap back less readily than the
        // workers', and 10,000 files peaked 5 % higher.
        pool = pool.use_current_thread();
    }
    let _ = pool.build_global();
    rayon::spawn(|| {
        packs::builtin();
    });
}

/// More threads than this many per processor only cost start-up time and memory.
const THREADS_PER_CPU: usize = 4;

/// `-j N`, at most four threads per processor: `-j 100000` would spend minutes starting
/// threads. A larger value is lowered, with a note.
fn bounded_jobs(jobs: usize) -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let limit = cpus * THREADS_PER_CPU;
    if jobs > limit {
        eprintln!(
            "提示：-j {jobs} 超过上限（处理器核数 {cpus} 的 {THREADS_PER_CPU} 倍），按 {limit} 个线程运行。"
        );
        limit
    } else {
        jobs
    }
}

/// How a run of checks ended.
struct Checked {
    /// Some finding reached the failing severity.
    fails: bool,
    baseline: super::baseline::Outcome,
}

/// Reports this many files at a time: checked in parallel, rendered in parallel, written in
/// order, then dropped.
const CHUNK: usize = 256;

/// The format, when it can be written a file at a time (and no baseline is being recorded,
/// which needs every finding first).
fn streamed_format(args: &CheckArgs, color: bool) -> Option<Streamed> {
    if args.write_baseline.is_some() {
        return None;
    }
    match args.format {
        Format::Text => Some(Streamed::Text {
            color,
            summary: !args.quiet,
        }),
        Format::Concise => Some(Streamed::Concise {
            grouped: args.group.is_some(),
        }),
        Format::Github => Some(Streamed::Github),
        Format::Json => Some(Streamed::Json {
            grouped: args.group.is_some(),
        }),
        Format::Sarif => Some(Streamed::Sarif),
        Format::Junit | Format::Html | Format::Docx => None,
    }
}

fn write_failures(args: &CheckArgs, failures: &[Failure]) {
    let stderr_color = use_color(args.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    for failure in failures {
        let _ = err.write_all(render::text::render_failure(failure, stderr_color).as_bytes());
    }
}

/// A report of a streamed run, ready to write.
enum Output {
    Rendered(Vec<u8>),
    /// A report with so many findings that it is written straight out, a finding at a time,
    /// rather than held as text (a PDF pasted without line breaks can have a million).
    Large(Box<FileReport>),
}

/// The findings above which a report is written straight out rather than rendered first.
const LARGE_REPORT: usize = 20_000;

/// One file of a streamed run, rendered and counted, waiting to be written in order.
struct CheckedFile {
    output: Output,
    counted: Summary,
    failed: bool,
    /// Findings the baseline hid.
    hidden: usize,
    /// What the job summary keeps of it, when there is one to write.
    row: Option<StepRow>,
}

#[allow(clippy::too_many_arguments)]
fn check_streamed(
    args: &CheckArgs,
    format: Streamed,
    sources: Vec<(Arc<Source>, Settings)>,
    copies: Vec<Compared>,
    failures: &[Failure],
    progress: &ProgressBar,
    color: bool,
    out: &mut Sink,
) -> Result<Checked, ()> {
    let baseline = super::baseline::read(args, color).map_err(|_| ())?;
    write_failures(args, failures);
    let mut stream = Stream::begin(format, out).map_err(|_| ())?;
    let mut summary = Summary::default();
    let (mut fails, mut hidden) = (false, 0);
    let mut pending = sources.into_iter().zip(copies);
    let summarise = format == Streamed::Github && step_summary_path().is_some();
    let mut step_rows = Vec::new();
    // A closed pipe (`| head`) ends the output, not the run's verdict: the rest is checked for
    // the exit code, without rendering what nobody reads.
    let mut reader_gone = false;
    loop {
        let chunk: Vec<_> = pending.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let done: Vec<CheckedFile> = chunk
            .into_par_iter()
            .map(|((source, settings), copies)| {
                let mut report = check_one(source, &settings, &copies);
                let hid = baseline.as_ref().map_or(0, |b| b.filter(&mut report));
                progress.inc(1);
                let mut counted = Summary::default();
                counted.add(&report);
                let failed = report.fails();
                let row = summarise.then(|| StepRow::of(&report));
                let output = if reader_gone {
                    Output::Rendered(Vec::new())
                } else if report.diagnostics.len() > LARGE_REPORT {
                    Output::Large(Box::new(report))
                } else {
                    Output::Rendered(stream.render(&report))
                };
                CheckedFile {
                    failed,
                    row,
                    output,
                    counted,
                    hidden: hid,
                }
            })
            .collect();
        for CheckedFile {
            output,
            counted,
            failed,
            hidden: hid,
            row,
        } in done
        {
            step_rows.extend(row);
            // Any write error ends the output; the sink keeps it (but a closed pipe) for the
            // verdict.
            if !reader_gone {
                let written = match &output {
                    Output::Rendered(text) => stream.write(text, out),
                    Output::Large(report) => stream.write_report(report, out),
                };
                reader_gone = written.is_err();
            }
            summary.merge(counted);
            fails |= failed;
            hidden += hid;
        }
    }
    progress.finish_and_clear();
    if summarise {
        write_step_summary(&step_rows);
    }
    let _ = stream.finish(&summary, failures, out);
    let _ = out.flush();
    super::baseline::report_hidden(args, hidden);
    Ok(Checked {
        fails,
        baseline: super::baseline::Outcome::Nothing,
    })
}

/// Check every draft, then write all reports at once (formats that describe the whole run,
/// and recording a baseline).
fn check_collected(
    args: &CheckArgs,
    sources: Vec<(Arc<Source>, Settings)>,
    copies: Vec<Compared>,
    failures: &[Failure],
    progress: &ProgressBar,
    color: bool,
    out: &mut Sink,
) -> Result<Checked, ()> {
    let mut checked: Vec<(FileReport, Settings)> = sources
        .into_par_iter()
        .zip(copies.into_par_iter())
        .map(|((source, settings), copies)| {
            let report = check_one(source, &settings, &copies);
            progress.inc(1);
            (report, settings)
        })
        .collect();
    progress.finish_and_clear();
    checked.sort_by(|a, b| a.0.source.name.cmp(&b.0.source.name));
    let (mut reports, settings): (Vec<FileReport>, Vec<Settings>) = checked.into_iter().unzip();
    let baseline = super::baseline::apply(args, &mut reports, failures, color).map_err(|_| ())?;
    write_failures(args, failures);
    if args.format == Format::Docx {
        let unwritten = super::review::write_copies(args, &reports, &settings, out);
        write_failures(args, &unwritten);
        if !args.quiet {
            let summary = render::Summary::of(&reports);
            let all: Vec<Failure> = failures.iter().chain(&unwritten).cloned().collect();
            let line = render::text::summary_line(&summary, &all);
            let _ = out.write_all(line.as_bytes());
        }
        let _ = out.flush();
        if !unwritten.is_empty() {
            return Err(());
        }
        return Ok(Checked {
            fails: reports.iter().any(FileReport::fails),
            baseline,
        });
    }
    let _ = write_reports(args, &reports, failures, color, out);
    let _ = out.flush();
    Ok(Checked {
        fails: reports.iter().any(FileReport::fails),
        baseline,
    })
}

fn check_one(source: Arc<Source>, settings: &Settings, compared: &Compared) -> FileReport {
    // The copy index has let go of its references by now: no copy of the text is made.
    let source = Arc::try_unwrap(source).unwrap_or_else(|shared| (*shared).clone());
    draftlint::check_compared(source, settings, compared)
}

/// Write the reports in the format the user asked for.
pub fn write_reports(
    args: &CheckArgs,
    reports: &[FileReport],
    failures: &[Failure],
    color: bool,
    out: &mut Sink,
) -> std::io::Result<()> {
    let output = match args.format {
        Format::Text => {
            let mut text = render::text::render(reports, failures, color);
            if args.quiet {
                let summary = render::text::summary_line(&render::Summary::of(reports), failures);
                text.truncate(text.len() - summary.len());
            }
            text
        }
        Format::Concise => render::concise::render(reports, args.group.is_some()),
        Format::Sarif => render::sarif::render(reports, failures),
        Format::Github => {
            let rows: Vec<_> = reports.iter().map(render::step_summary::Row::of).collect();
            write_step_summary(&rows);
            render::github::render(reports)
        }
        Format::Junit => render::junit::render(reports, failures),
        Format::Html => return out.write_html(reports, failures, args.quiet),
        // Reviewed copies are files of their own, written by `review::write_copies`.
        Format::Docx => String::new(),
        Format::Json => return render::json::write(reports, failures, args.group.is_some(), out),
    };
    out.write_all(output.as_bytes())
}

/// Where GitHub Actions reads the job summary of a step, when the run is one.
fn step_summary_path() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// Append the run's Markdown summary to `$GITHUB_STEP_SUMMARY` (set by GitHub Actions). A summary
/// that cannot be written is said on stderr; the annotations and the exit code stand.
fn write_step_summary(rows: &[render::step_summary::Row]) {
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

/// Whether the configuration excludes a file found in a folder walked (a configuration error
/// is reported with the files it concerns).
fn excluded(resolver: &mut Resolver, file: &Path) -> bool {
    resolver
        .settings_for(Some(file))
        .is_ok_and(|settings| settings.excluded)
}

fn failure_of(error: input::WalkError) -> Failure {
    Failure::read(identity::display(&error.path), error.reason)
}

/// What the reference documents and the other drafts tell about each draft: the passages
/// copied into it, and the same body's latest report of an earlier year among the reference
/// documents. Reference documents come from `--corpus` (relative to the working folder) and
/// from the `corpus` of each draft's configuration; unreadable ones are reported once and
/// skipped. Sorts `drafts` by name, the order in which a passage two drafts share is
/// attributed to the earlier one.
pub fn find_copies(
    cli_corpus: &[String],
    drafts: &mut [(Arc<Source>, Settings)],
    failures: &mut Vec<Failure>,
) -> Vec<Compared> {
    drafts.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let none = || (0..drafts.len()).map(|_| Compared::default()).collect();
    let wants_copies = drafts
        .iter()
        .any(|(_, settings)| settings.runs("copied-text"));
    let wants_previous = drafts
        .iter()
        .any(|(_, settings)| draftlint::PREVIOUS_RULES.iter().any(|id| settings.runs(id)));
    if !wants_copies && !wants_previous {
        return none();
    }
    let mut patterns: Vec<(PathBuf, String)> = cli_corpus
        .iter()
        .map(|g| (PathBuf::from("."), g.clone()))
        .collect();
    for (_, settings) in drafts.iter() {
        for pattern in &settings.corpus {
            if !patterns.contains(pattern) {
                patterns.push(pattern.clone());
            }
        }
    }
    let references = read_references(&patterns, drafts, failures);
    let mut found: Vec<Compared> = none();
    if wants_previous && !references.is_empty() {
        let sources: Vec<&Source> = drafts.iter().map(|(s, _)| s.as_ref()).collect();
        for (compared, previous) in found
            .iter_mut()
            .zip(previous::earlier_in(&sources, &references))
        {
            compared.previous = previous;
        }
    }
    if !wants_copies || references.is_empty() && drafts.len() < 2 {
        return found;
    }
    let first_draft = references.len();
    let mut documents: Vec<CopyDocument> = references
        .into_iter()
        .map(|source| CopyDocument {
            source,
            draft: false,
        })
        .collect();
    documents.extend(drafts.iter().map(|(source, _)| CopyDocument {
        source: source.clone(),
        draft: true,
    }));
    let mut copies = copies::find_copies(&documents);
    copies.drain(..first_draft);
    for (compared, copies) in found.iter_mut().zip(copies) {
        compared.copies = copies;
    }
    found
}

/// The readable reference documents the patterns name, the drafts left out: a draft that is
/// also in the corpus is compared with the other drafts, never with itself, however either
/// path is spelled.
fn read_references(
    patterns: &[(PathBuf, String)],
    drafts: &[(Arc<Source>, Settings)],
    failures: &mut Vec<Failure>,
) -> Vec<Arc<Source>> {
    if patterns.is_empty() {
        return Vec::new();
    }
    let (corpus_files, errors) = input::expand_corpus(patterns);
    failures.extend(errors.into_iter().map(failure_of));
    let draft_files: HashSet<FileId> = drafts.iter().filter_map(|(s, _)| s.file_id()).collect();
    let read: Vec<Result<Source, Failure>> = corpus_files
        .par_iter()
        .filter(|p| FileId::of(p).map_or(true, |id| !draft_files.contains(&id)))
        .map(|p| {
            // A scanned PDF in an archive of earlier years is listed, not a failure.
            read_file(p, input::ReadOptions::default(), true).map_err(|f| Failure {
                reason: format!("{}（参考文件，已跳过）", f.reason),
                ..f
            })
        })
        .collect();
    let mut references = Vec::with_capacity(read.len());
    for reference in read {
        match reference {
            Ok(source) => references.push(Arc::new(source)),
            Err(failure) => failures.push(failure),
        }
    }
    references
}
