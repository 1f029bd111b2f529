//! The frame of the command line in Chinese: help, usage and clap's errors, and the bare path
//! (`draftlint 报告.txt`) taken as `check`.

use super::EXIT_TROUBLE;
use super::args::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::path::Path;

const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

const COMMANDS: [&str; 7] = [
    "check", "outline", "rules", "explain", "init", "lsp", "help",
];

/// The command line, every heading and generated text in Chinese.
pub fn command() -> Command {
    let root = Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .help_template(HELP_TEMPLATE)
        .after_help("运行 draftlint help 命令 或 draftlint 命令 --help 查看该命令的说明。")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help("显示帮助（-h 为摘要）")
                .help_heading("选项")
                .display_order(usize::MAX),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    root.mut_subcommands(|sub| sub.help_template(HELP_TEMPLATE).mut_args(localise_arg))
}

/// Put an argument under a Chinese heading, with its possible and default values described in
/// Chinese (clap's own `[possible values: …]` and `[default: …]` are hidden).
fn localise_arg(arg: Arg) -> Arg {
    if arg.get_id() == "help" || arg.get_id() == "version" {
        return arg;
    }
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let arg = arg.help_heading(heading);
    if !arg.get_action().takes_values() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let mut short = help.clone();
    let mut notes = Vec::new();
    if !names.is_empty() {
        notes.push(format!("可选 {}", names.join("、")));
    }
    if !defaults.is_empty() {
        notes.push(format!("默认 {}", defaults.join("、")));
    }
    short.push_str(&format!("（{}）", notes.join("；")));
    let mut long = help;
    if values.iter().any(|v| v.get_help().is_some()) {
        long.push_str("\n\n可选的值：");
        for value in &values {
            match value.get_help() {
                Some(doc) => long.push_str(&format!("\n- {}：{}", value.get_name(), doc)),
                None => long.push_str(&format!("\n- {}", value.get_name())),
            }
        }
        if !defaults.is_empty() {
            long.push_str(&format!("\n\n默认：{}", defaults.join("、")));
        }
    } else {
        long = short.clone();
    }
    arg.hide_possible_values(true)
        .hide_default_value(true)
        .help(short)
        .long_help(long)
}

/// Read the command line. `Err` carries the exit code once help, the version or an error has been
/// printed.
pub fn parse(args: Vec<OsString>) -> Result<Cli, u8> {
    let args = rewrite(args);
    let subcommand = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|a| COMMANDS.contains(a))
        .map(str::to_string);
    let result = command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    result.map_err(|err| match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            super::print_out(&localise_usage(&err.to_string()))
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", localise_usage(&err.to_string()));
            EXIT_TROUBLE
        }
        _ => {
            eprint!("{}", render_error(&err, subcommand.as_deref()));
            EXIT_TROUBLE
        }
    })
}

/// `draftlint help [COMMAND]` as `draftlint [COMMAND] --help`; `draftlint PATH…` as
/// `draftlint check PATH…` when the first argument is a file or folder, or looks like a file;
/// `draftlint --OPTION …` (other than help and version) as `draftlint check --OPTION …`.
fn rewrite(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(first) = args.get(1).and_then(|a| a.to_str()).map(str::to_string) else {
        return args;
    };
    if first == "help" {
        args.remove(1);
        args.push("--help".into());
        return args;
    }
    if COMMANDS.contains(&first.as_str())
        || ["-h", "--help", "-V", "--version"].contains(&first.as_str())
    {
        return args;
    }
    if first.starts_with('-') || looks_like_path(&first) {
        args.insert(1, "check".into());
    }
    args
}

/// An existing file or folder, a name with a folder in it, or a name with a report's extension.
fn looks_like_path(arg: &str) -> bool {
    let path = Path::new(arg);
    path.exists()
        || arg.contains(['/', '\\'])
        || path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["txt", "md", "markdown", "docx", "text"].contains(&e.to_ascii_lowercase().as_str())
        })
}

/// clap writes `Usage:`, `[OPTIONS]` and a colon after each heading itself.
fn localise_usage(text: &str) -> String {
    let mut text = text
        .replace("Usage: ", "用法：")
        .replace("[OPTIONS]", "[选项]");
    for heading in ["命令", "参数", "选项"] {
        text = text.replace(&format!("\n{heading}:\n"), &format!("\n{heading}：\n"));
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A clap error, in Chinese: what is wrong with which argument, a suggestion, the usage.
pub fn render_error(err: &clap::Error, subcommand: Option<&str>) -> String {
    // `--format <格式>` is named `--format`.
    let arg = context(err, ContextKind::InvalidArg)
        .map(|a| match a.split_once(' ') {
            Some((flag, _)) if flag.starts_with('-') => flag.to_string(),
            _ => a,
        })
        .unwrap_or_default();
    let value = context(err, ContextKind::InvalidValue).unwrap_or_default();
    let mut tips = Vec::new();
    let headline = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = context(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            tips.push(format!(
                "要检查文件，请写 draftlint check {name}；运行 draftlint --help 查看所有命令"
            ));
            format!("没有 “{name}” 这个命令")
        }
        ErrorKind::UnknownArgument => {
            if arg.starts_with('-') {
                format!("没有 {arg} 这个选项")
            } else {
                format!("多余的参数 “{arg}”")
            }
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 后面缺少值"),
        ErrorKind::InvalidValue => format!("{arg} 不接受 “{value}”"),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(err)
                .map(|e| format!("：{e}"))
                .unwrap_or_default();
            format!("{arg} 的值 “{value}” 无效{reason}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = context(err, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::TooManyValues => format!("{arg} 多了一个值 “{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("{arg} 的值要用等号写在后面，如 {arg}=值"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文字".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| context(err, kind));
    if let Some(suggested) = suggested {
        tips.insert(0, format!("您是不是要写 {suggested}？"));
    }
    if let Some(valid) = context(err, ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        tips.push(format!("可用的值：{valid}"));
    }
    let mut out = format!("错误: {headline}\n");
    if !tips.is_empty() {
        out.push('\n');
        for tip in &tips {
            out.push_str(&format!("  提示：{tip}\n"));
        }
    }
    let usage = context(err, ContextKind::Usage).map(|u| localise_usage(&u).trim().to_string());
    let command = match subcommand {
        Some(sub) => format!("draftlint {sub}"),
        None => "draftlint".to_string(),
    };
    if let Some(usage) = usage {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str(&format!("\n运行 {command} --help 查看帮助。\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(args: &[&str]) -> Vec<String> {
        rewrite(args.iter().map(OsString::from).collect())
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn a_bare_path_is_checked() {
        assert_eq!(
            rewritten(&["draftlint", "报告.txt"]),
            ["draftlint", "check", "报告.txt"]
        );
        assert_eq!(
            rewritten(&["draftlint", "drafts/", "--quiet"]),
            ["draftlint", "check", "drafts/", "--quiet"]
        );
        assert_eq!(rewritten(&["draftlint", "-"]), ["draftlint", "check", "-"]);
        assert_eq!(rewritten(&["draftlint", "chek"]), ["draftlint", "chek"]);
        assert_eq!(rewritten(&["draftlint", "rules"]), ["draftlint", "rules"]);
        assert_eq!(rewritten(&["draftlint", "--help"]), ["draftlint", "--help"]);
        assert_eq!(rewritten(&["draftlint", "-V"]), ["draftlint", "-V"]);
        assert_eq!(
            rewritten(&["draftlint", "--severity", "error", "a"]),
            ["draftlint", "check", "--severity", "error", "a"]
        );
    }

    #[test]
    fn help_is_a_flag() {
        assert_eq!(
            rewritten(&["draftlint", "help", "check"]),
            ["draftlint", "check", "--help"]
        );
    }

    #[test]
    fn the_command_line_is_consistent() {
        command().debug_assert();
    }
}
