//! `draftlint check`, and the per-file settings resolution it shares with `outline`.

use super::args::{CheckArgs, ColorChoice, Format, PackArgs};
use super::fix;
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE};
use draftlint::config::packs::{self, PackError};
use draftlint::config::{Config, ConfigError, ConfigFinder, Overrides, Settings};
use draftlint::input::{self, InputError};
use draftlint::render::{self, Failure};
use draftlint::{FileReport, Source, rules};
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
            eprint!(
                "{}",
                render::text::render_failure(
                    &Failure {
                        path: "命令行".to_string(),
                        reason: message
                    },
                    color
                )
            );
            Abort
        };
        let check_ids = |ids: &[String]| -> Result<HashSet<String>, Abort> {
            for id in ids {
                if rules::find(id).is_none() {
                    return Err(fail(format!(
                        "未知的规则 “{id}”；运行 draftlint rules 查看所有规则"
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
            Some(path) => match Config::load(path) {
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
            },
            reported: HashSet::new(),
            color,
        })
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

/// How a path is shown: as given, with `/` separators and no leading `./`.
pub fn display_name(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

enum Job {
    File(PathBuf, Settings),
    Stdin(Settings),
}

pub fn read_source(path: Option<&Path>) -> Result<Source, Failure> {
    let (name, text) = match path {
        Some(path) => (display_name(path), input::read_path(path)),
        None => ("<stdin>".to_string(), input::read_stdin()),
    };
    text.map(|text| Source::new(name.clone(), text))
        .map_err(|InputError { reason }| Failure { path: name, reason })
}

pub fn run(args: CheckArgs) -> u8 {
    let color = use_color(args.color, std::io::stdout().is_terminal());
    if let Some(jobs) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let Ok(mut resolver) = Resolver::new(&args.pack, &args.select, &args.ignore, color) else {
        return EXIT_TROUBLE;
    };
    let inputs = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_requested = inputs.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = inputs
        .into_iter()
        .filter(|p| p.as_os_str() != "-")
        .collect();
    let (files, walk_errors) = input::collect_paths(&paths);

    let mut failures: Vec<Failure> = walk_errors
        .into_iter()
        .map(|e| Failure {
            path: display_name(&e.path),
            reason: e.reason,
        })
        .collect();
    let mut config_trouble = false;
    let mut jobs = Vec::new();
    if stdin_requested {
        match resolver.settings_for(None) {
            Ok(settings) => jobs.push(Job::Stdin(settings)),
            Err(()) => config_trouble = true,
        }
    }
    for file in files {
        match resolver.settings_for(Some(&file)) {
            Ok(settings) => jobs.push(Job::File(file, settings)),
            Err(()) => {
                config_trouble = true;
                failures.push(Failure {
                    path: display_name(&file),
                    reason: "它所在文件夹的配置文件有错误，未检查".to_string(),
                });
            }
        }
    }

    if args.fix || args.diff {
        let drafts = jobs
            .into_iter()
            .map(|job| match job {
                Job::File(path, settings) => (Some(path), settings),
                Job::Stdin(settings) => (None, settings),
            })
            .collect();
        return fix::run(&args, drafts, failures, config_trouble, color);
    }
    let results: Vec<Result<FileReport, Failure>> = jobs
        .into_par_iter()
        .map(|job| match job {
            Job::File(path, settings) => {
                read_source(Some(&path)).map(|s| draftlint::check(s, &settings))
            }
            Job::Stdin(settings) => read_source(None).map(|s| draftlint::check(s, &settings)),
        })
        .collect();
    let mut reports = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(failure) => failures.push(failure),
        }
    }
    reports.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    failures.sort_by(|a, b| a.path.cmp(&b.path));

    let stderr_color = use_color(args.color, std::io::stderr().is_terminal());
    let mut err = std::io::stderr().lock();
    for failure in &failures {
        let _ = err.write_all(render::text::render_failure(failure, stderr_color).as_bytes());
    }
    let output = match args.format {
        Format::Text => {
            let mut text = render::text::render(&reports, failures.len(), color);
            if args.quiet {
                let summary =
                    render::text::summary_line(&render::Summary::of(&reports), failures.len());
                text.truncate(text.len() - summary.len());
            }
            text
        }
        Format::Concise => render::concise::render(&reports),
        Format::Json => render::json::render(&reports, &failures),
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(output.as_bytes());
    let _ = out.flush();

    if !failures.is_empty() || config_trouble {
        EXIT_TROUBLE
    } else if reports.iter().any(FileReport::fails) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
