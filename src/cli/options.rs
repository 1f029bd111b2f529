//! The options of a `check` run, resolved from the command line into plain values and checked
//! against each other before anything is read.

use super::args::{CheckArgs, Format};
use super::fix;
use super::settings::{Abort, command_line_error, use_color};
use std::io::IsTerminal;
use std::path::PathBuf;

/// What a run does with its documents besides reporting their findings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report the findings.
    Report,
    /// Fix what is safe to fix (`--fix` writes it, `--diff` shows it).
    Fix(fix::Mode),
}

/// Which documents a run checks.
pub struct Selection {
    /// The files and folders named (standard input's `-` left out).
    pub paths: Vec<PathBuf>,
    /// Standard input is one of the documents.
    pub stdin: bool,
    pub force_exclude: bool,
    pub follow_links: bool,
}

/// Everything a run needs to know from its command line, as plain values.
pub struct Options {
    pub mode: Mode,
    pub format: Format,
    /// Colour on standard output.
    pub color: bool,
    /// Colour on standard error.
    pub stderr_color: bool,
    pub quiet: bool,
    pub verbose: bool,
    /// `--group`: a finding per rule and paragraph.
    pub grouped: bool,
    pub corpus: Vec<String>,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    /// The name standard input is read under (`--stdin-filename`).
    pub stdin_name: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub exit_zero: bool,
    pub jobs: Option<usize>,
    pub selection: Selection,
}

impl Options {
    /// The options of `args`; options that cannot go together are said on stderr.
    pub fn resolve(args: &CheckArgs) -> Result<Options, Abort> {
        let color = use_color(
            args.color,
            std::io::stdout().is_terminal() && args.output.is_none(),
        );
        let stderr_color = use_color(args.color, std::io::stderr().is_terminal());
        let refuse = |reason: &str| {
            command_line_error(reason, stderr_color);
            Err(Abort)
        };
        if args.format == Format::Docx && (args.fix || args.diff) {
            return refuse(
                "--format docx 已把可自动修正的问题写成修订，不能与 --fix 或 --diff 同用",
            );
        }
        if args.group.is_some() && !matches!(args.format, Format::Concise | Format::Json) {
            return refuse(
                "--group 只用于 --format concise 和 json：文字输出已把同类问题合并显示，github 格式按文件合并同一规则的注释；请去掉 --group，或改用 --format concise 或 json",
            );
        }
        if args.diff && args.write_baseline.is_some() {
            return refuse(
                "--diff 只显示修改、不写入文件，文件里的问题与修正后的不同，不能同时用 --write-baseline 记录基线；请先用 --fix --write-baseline 修正并记录修正后剩下的问题，或去掉 --diff 记录现有的问题",
            );
        }
        if args.diff
            && args.format == Format::Html
            && args
                .output
                .as_deref()
                .is_some_and(super::output::names_folder)
        {
            return refuse(
                "--diff 的输出是差异，不能写进审阅页面的文件夹；请去掉 --diff 生成审阅页面，或用 --output 指定一个文件保存差异",
            );
        }
        let mode = match (args.fix, args.diff) {
            (true, _) => Mode::Fix(fix::Mode::Write),
            (false, true) => Mode::Fix(fix::Mode::Diff { color }),
            (false, false) => Mode::Report,
        };
        Ok(Options {
            mode,
            format: args.format,
            color,
            stderr_color,
            quiet: args.quiet,
            verbose: args.verbose,
            grouped: args.group.is_some(),
            corpus: args.corpus.clone(),
            baseline: args.baseline.clone(),
            write_baseline: args.write_baseline.clone(),
            stdin_name: args.stdin_filename.clone(),
            output: args.output.clone(),
            exit_zero: args.exit_zero,
            jobs: args.jobs,
            selection: Selection::of(args),
        })
    }

    /// Where the report goes: `--output`, or standard output. A reviewed Word copy is written
    /// where `--output` says, and what is said about it goes to standard output.
    pub fn report_path(&self) -> Option<&std::path::Path> {
        self.output
            .as_deref()
            .filter(|_| self.format != Format::Docx)
    }
}

impl Selection {
    fn of(args: &CheckArgs) -> Selection {
        // With --stdin-filename and no paths, standard input is what is checked (as ruff does).
        let named = match (args.paths.is_empty(), args.stdin_filename.is_some()) {
            (true, true) => vec![PathBuf::from("-")],
            (true, false) => vec![PathBuf::from(".")],
            (false, _) => args.paths.clone(),
        };
        let stdin = named.iter().any(|p| p.as_os_str() == "-");
        Selection {
            paths: named.into_iter().filter(|p| p.as_os_str() != "-").collect(),
            stdin,
            force_exclude: args.force_exclude,
            follow_links: args.follow_links,
        }
    }
}
