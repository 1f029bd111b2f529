//! The `draftlint` command: arguments in, exit code out. The work is in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
