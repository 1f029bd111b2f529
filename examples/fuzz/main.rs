//! Fuzzing on the stable toolchain: structure-aware inputs built with `arbitrary` from seeded
//! random bytes, run in-process against the readers, the grammar, the fix engine and the
//! language server's framing.
//!
//! ```sh
//! cargo run --profile fuzz --example fuzz -- --target all --cases 1000000 --seed 1
//! cargo run --profile fuzz --example fuzz -- --target all --seconds 60
//! cargo run --profile fuzz --example fuzz -- --replay fuzz-failures/fix-1-42.bin
//! ```
//!
//! Each case is a byte string drawn from the seed and the case number; the target reads
//! everything it builds (text, a .docx package, a mutated PDF, a stream of frames) from those
//! bytes. A case fails when it panics, breaks the target's invariant, or runs longer than the
//! per-case budget (a hang). The failing bytes, shrunk while they still fail, are saved under
//! `fuzz-failures/` and the command to replay them is printed.

mod decode;
mod docx;
mod fix;
mod grammar;
mod lsp;
mod pdf;
mod report;

use arbitrary::Unstructured;
use clap::Parser;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a target says about one case: `Err` when an invariant is broken. Running out of bytes
/// while building the input is not a failure: the input is simply shorter.
pub type Outcome = Result<(), String>;

/// One fuzzing target.
struct Target {
    name: &'static str,
    /// Its share of the cases of `--target all`.
    weight: u64,
    /// Longest byte string a case gets (most get far fewer).
    max_len: usize,
    run: fn(&mut Unstructured) -> Outcome,
}

const TARGETS: &[Target] = &[
    Target {
        name: "grammar",
        weight: 2,
        max_len: 16 * 1024,
        run: grammar::run,
    },
    Target {
        name: "decode",
        weight: 3,
        max_len: 8 * 1024,
        run: decode::run,
    },
    Target {
        name: "docx",
        weight: 2,
        max_len: 16 * 1024,
        run: docx::run,
    },
    Target {
        name: "pdf",
        weight: 1,
        max_len: 1024,
        run: pdf::run,
    },
    Target {
        name: "fix",
        weight: 2,
        max_len: 8 * 1024,
        run: fix::run,
    },
    Target {
        name: "lsp",
        weight: 3,
        max_len: 8 * 1024,
        run: lsp::run,
    },
];

#[derive(Parser)]
#[command(about = "Fuzz draftlint's readers, grammar, fix engine and LSP framing")]
struct Args {
    /// A target (grammar, decode, docx, pdf, fix, lsp) or `all`.
    #[arg(long, default_value = "all")]
    target: String,
    /// Cases in total (split across the targets of `all` by weight).
    #[arg(long)]
    cases: Option<u64>,
    /// Stop after this many seconds (with or without `--cases`).
    #[arg(long)]
    seconds: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Run only this case number (with `--target` and `--seed`).
    #[arg(long)]
    case: Option<u64>,
    /// A case taking longer than this many seconds is a hang.
    #[arg(long, default_value_t = 20)]
    case_timeout: u64,
    /// Replay a saved failing input (its target is in its file name).
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Where failing inputs are saved.
    #[arg(long, default_value = "fuzz-failures")]
    out: PathBuf,
}

/// The case in progress, for the watchdog.
struct Current {
    target: &'static str,
    seed: u64,
    case: u64,
    started: Instant,
    bytes: Arc<Vec<u8>>,
}

/// Set by `--replay`: targets print the input they built.
static SHOW: AtomicBool = AtomicBool::new(false);

/// Print what a target built from the bytes, when replaying.
pub fn show(what: &str, value: &dyn std::fmt::Debug) {
    if SHOW.load(Ordering::Relaxed) {
        eprintln!("{what}: {value:?}");
    }
}

/// Panics caught inside the library (which it survives); the last message, for the report.
static CAUGHT: AtomicUsize = AtomicUsize::new(0);
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() {
    let args = Args::parse();
    panic::set_hook(Box::new(|info| {
        CAUGHT.fetch_add(1, Ordering::Relaxed);
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(format!("{message} ({location})"));
    }));
    if let Some(path) = &args.replay {
        std::process::exit(replay(path));
    }
    let targets: Vec<&Target> = if args.target == "all" {
        TARGETS.iter().collect()
    } else {
        match TARGETS.iter().find(|t| t.name == args.target) {
            Some(t) => vec![t],
            None => {
                eprintln!("unknown target {}", args.target);
                std::process::exit(2);
            }
        }
    };
    let current: Arc<Mutex<Option<Current>>> = Arc::new(Mutex::new(None));
    spawn_watchdog(
        current.clone(),
        Duration::from_secs(args.case_timeout),
        args.out.clone(),
    );
    if let Some(case) = args.case {
        let code = run_cases(&targets, &args, &current, Some(case));
        std::process::exit(code);
    }
    std::process::exit(run_cases(&targets, &args, &current, None));
}

/// The bytes of case `case` of `target` under `seed`: lengths skewed towards short inputs.
fn case_bytes(target: &Target, seed: u64, case: u64) -> Vec<u8> {
    let mut rng = fastrand::Rng::with_seed(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ case
            ^ (target.name.len() as u64) << 56
            ^ u64::from(target.name.as_bytes()[0]) << 48,
    );
    let len = match rng.u8(..) {
        0..=127 => rng.usize(..=target.max_len / 16),
        128..=239 => rng.usize(..=target.max_len / 4),
        _ => rng.usize(..=target.max_len),
    };
    let mut bytes = vec![0u8; len];
    rng.fill(&mut bytes);
    bytes
}

/// Run one case: `Some(reason)` when it fails (a panic or a broken invariant).
fn run_one(target: &Target, bytes: &[u8]) -> Option<String> {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let mut u = Unstructured::new(bytes);
        (target.run)(&mut u)
    }));
    match result {
        Ok(Ok(())) => None,
        Ok(Err(reason)) => Some(reason),
        Err(_) => {
            let message = LAST_PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_default();
            Some(format!("panic: {message}"))
        }
    }
}

fn run_cases(
    targets: &[&Target],
    args: &Args,
    current: &Mutex<Option<Current>>,
    only: Option<u64>,
) -> i32 {
    let started = Instant::now();
    let deadline = args.seconds.map(|s| started + Duration::from_secs(s));
    let weights: u64 = targets.iter().map(|t| t.weight).sum();
    // Targets take turns in rounds, each running its weight in cases per round.
    let totals: Vec<u64> = targets
        .iter()
        .map(|t| match (only, args.cases) {
            (Some(_), _) => 1,
            (None, Some(cases)) => cases * t.weight / weights,
            (None, None) => u64::MAX,
        })
        .collect();
    let mut done = vec![0u64; targets.len()];
    let mut time = vec![Duration::ZERO; targets.len()];
    let mut caught = vec![0usize; targets.len()];
    let mut last_report = Instant::now();
    'rounds: loop {
        let mut any = false;
        for (i, target) in targets.iter().enumerate() {
            for _ in 0..target.weight {
                if done[i] >= totals[i] {
                    break;
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break 'rounds;
                }
                any = true;
                let case = only.unwrap_or(done[i]);
                let bytes = Arc::new(case_bytes(target, args.seed, case));
                *current.lock().unwrap() = Some(Current {
                    target: target.name,
                    seed: args.seed,
                    case,
                    started: Instant::now(),
                    bytes: bytes.clone(),
                });
                let before = CAUGHT.load(Ordering::Relaxed);
                let t0 = Instant::now();
                let failed = run_one(target, &bytes);
                time[i] += t0.elapsed();
                *current.lock().unwrap() = None;
                if let Some(reason) = failed {
                    report_failure(target, args.seed, case, &bytes, &reason, &args.out);
                    return 1;
                }
                // Panics the library caught and survived (the PDF interpreter's).
                let after = CAUGHT.load(Ordering::Relaxed);
                if after > before {
                    caught[i] += after - before;
                    if caught[i] == after - before {
                        let message = LAST_PANIC.lock().unwrap().take().unwrap_or_default();
                        eprintln!(
                            "note: {} case {case} (seed {}): a panic was caught inside the library: {message}",
                            target.name, args.seed
                        );
                    }
                }
                done[i] += 1;
            }
        }
        if !any {
            break;
        }
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            eprintln!(
                "[{:>6.0} s] {}",
                started.elapsed().as_secs_f64(),
                targets
                    .iter()
                    .zip(&done)
                    .map(|(t, n)| format!("{} {n}", t.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let total: u64 = done.iter().sum();
    println!(
        "fuzz: seed {}, {total} cases in {:.1} s, no failure",
        args.seed,
        started.elapsed().as_secs_f64()
    );
    for (i, target) in targets.iter().enumerate() {
        println!(
            "  {:<8} {:>9} cases  {:>8.1} s  {:>9.0} cases/s  {} panics caught inside the library",
            target.name,
            done[i],
            time[i].as_secs_f64(),
            done[i] as f64 / time[i].as_secs_f64().max(1e-9),
            caught[i]
        );
    }
    0
}

fn save(out: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(out);
    let path = out.join(name);
    if let Err(e) = std::fs::write(&path, bytes) {
        eprintln!("could not save {}: {e}", path.display());
    }
    path
}

fn report_failure(target: &Target, seed: u64, case: u64, bytes: &[u8], reason: &str, out: &Path) {
    eprintln!("FAILED: target {}, seed {seed}, case {case}", target.name);
    eprintln!("  {reason}");
    let shrunk = shrink(target, bytes);
    let path = save(out, &format!("{}-{seed}-{case}.bin", target.name), &shrunk);
    if let Some(again) = run_one(target, &shrunk) {
        eprintln!(
            "  shrunk from {} to {} bytes: {again}",
            bytes.len(),
            shrunk.len()
        );
    }
    eprintln!(
        "  replay: cargo run --profile fuzz --example fuzz -- --replay {}",
        path.display()
    );
    eprintln!(
        "  or:     cargo run --profile fuzz --example fuzz -- --target {} --seed {seed} --case {case}",
        target.name
    );
}

/// Remove chunks of the input, largest first, while the case still fails (at most a minute).
fn shrink(target: &Target, bytes: &[u8]) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut best = bytes.to_vec();
    let mut chunk = best.len() / 2;
    while chunk > 0 && Instant::now() < deadline {
        let mut at = 0;
        while at < best.len() && Instant::now() < deadline {
            let mut candidate = best.clone();
            candidate.drain(at..(at + chunk).min(best.len()));
            if run_one(target, &candidate).is_some() {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

fn replay(path: &Path) -> i32 {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some(target) = TARGETS
        .iter()
        .find(|t| name.starts_with(&format!("{}-", t.name)))
    else {
        eprintln!("the file name does not start with a target name: {name}");
        return 2;
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            return 2;
        }
    };
    SHOW.store(true, Ordering::Relaxed);
    match run_one(target, &bytes) {
        Some(reason) => {
            eprintln!("FAILED: {reason}");
            1
        }
        None => {
            println!("passes");
            0
        }
    }
}

/// Flags a case running past its budget: saves its input, says how to replay it, and ends the
/// run (the stuck case cannot be stopped from outside its thread).
fn spawn_watchdog(current: Arc<Mutex<Option<Current>>>, budget: Duration, out: PathBuf) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let guard = current.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(c) = guard.as_ref()
                && c.started.elapsed() > budget
            {
                let path = save(
                    &out,
                    &format!("{}-{}-{}.bin", c.target, c.seed, c.case),
                    &c.bytes,
                );
                eprintln!(
                    "HANG: target {}, seed {}, case {}: over {} s",
                    c.target,
                    c.seed,
                    c.case,
                    budget.as_secs()
                );
                eprintln!(
                    "  replay: cargo run --profile fuzz --example fuzz -- --replay {}",
                    path.display()
                );
                let _ = std::io::stderr().flush();
                std::process::exit(1);
            }
        }
    });
}
