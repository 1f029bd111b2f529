//! `draftlint check`: the options resolved, the documents found, then one pipeline for
//! every mode (report, `--fix`, `--diff`).

use super::args::CheckArgs;
use super::inputs;
use super::options::Options;
use super::output::Sink;
use super::read::read_source_with;
use super::settings::{Resolver, excludes};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE, pipeline};
use draftlint::config::packs;
use draftlint::identity;
use draftlint::render;
use std::path::PathBuf;

pub fn run(args: CheckArgs) -> u8 {
    let Ok(options) = Options::resolve(&args) else {
        return EXIT_TROUBLE;
    };
    let color = options.stderr_color;
    let Ok(mut resolver) = Resolver::new(&args.pack, &args.select, &args.ignore, color) else {
        return EXIT_TROUBLE;
    };
    let (Ok(exclude), Ok(extend_exclude)) = (
        excludes(&args.exclude, color),
        excludes(&args.extend_exclude, color),
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
    let walked = inputs::walk(&options.selection);
    start_pool(
        options.jobs,
        walked.files.len() + usize::from(options.selection.stdin),
    );
    let inputs = inputs::settle(
        walked,
        &options.selection,
        options.stdin_name.as_deref(),
        &mut resolver,
    );
    let mut sink = match Sink::open(options.report_path(), options.format) {
        Ok(sink) => sink,
        Err(failure) => {
            eprint!("{}", render::text::render_failure(&failure, color));
            return EXIT_TROUBLE;
        }
    };
    let code = pipeline::run(&options, inputs, &mut sink);
    if let Err(failure) = sink.finish() {
        eprint!("{}", render::text::render_failure(&failure, color));
        return EXIT_TROUBLE;
    }
    if code == EXIT_FINDINGS && options.exit_zero {
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
