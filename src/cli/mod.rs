//! Command-line interface.

mod args;
mod baseline;
mod check;
mod commands;
mod corpus;
mod fix;
mod frame;
mod html_folder;
mod inputs;
mod options;
mod output;
mod pipeline;
mod read;
mod review;
mod settings;
mod writers;

use args::Command;
use std::process::ExitCode;

/// Exit codes, identical in every output format.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn run() -> ExitCode {
    let cli = match frame::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Outline(args) => commands::outline(args),
        Command::Rules => commands::rules(),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Init { force } => commands::init(force),
        Command::Lsp => draftlint::lsp::run_stdio(),
    };
    ExitCode::from(code)
}

/// Write to standard output, and give the exit code. A reader that stops early (`draftlint
/// rules | head`) closes the pipe: that ends the output, it is not an error. Any other write
/// error (a full disk) is said on stderr, with exit 2.
pub fn print_out(text: &str) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let failure = draftlint::render::Failure::new(
                draftlint::render::Action::Write,
                output::STDOUT_NAME,
                draftlint::input::describe_write_error(&e),
            );
            let color = settings::use_color(args::ColorChoice::Auto, {
                use std::io::IsTerminal;
                std::io::stderr().is_terminal()
            });
            eprint!(
                "{}",
                draftlint::render::text::render_failure(&failure, color)
            );
            EXIT_TROUBLE
        }
        _ => EXIT_CLEAN,
    }
}
