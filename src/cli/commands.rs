//! `outline`, `rules`, `explain` and `init`.

use super::EXIT_TROUBLE;
use super::args::{OutlineArgs, OutlineFormat};
use super::read::read_source;
use super::settings::Resolver;
use draftlint::config::CONFIG_FILE_NAME;
use draftlint::render::{self, Action, Failure};
use draftlint::rules;
use std::io::IsTerminal;
use std::path::Path;

pub fn outline(args: OutlineArgs) -> u8 {
    let color = std::io::stderr().is_terminal();
    let Ok(mut resolver) = Resolver::new(&args.pack, &[], &[], color) else {
        return EXIT_TROUBLE;
    };
    let path = (args.file.as_os_str() != "-").then_some(args.file.as_path());
    let Ok(settings) = resolver.settings_for(path) else {
        return EXIT_TROUBLE;
    };
    let source = match read_source(path) {
        Ok(source) => source,
        Err(failure) => {
            eprint!("{}", render::text::render_failure(&failure, color));
            return EXIT_TROUBLE;
        }
    };
    let analysis = draftlint::analyse(&source, &settings);
    let output = match args.format {
        OutlineFormat::Text => render::outline::render_text(&source, &analysis),
        OutlineFormat::Json => render::outline::render_json(&source, &analysis),
    };
    super::print_out(&output)
}

pub fn rules() -> u8 {
    let width = rules::all()
        .iter()
        .map(|r| r.info().id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in rules::all() {
        let info = rule.info();
        out.push_str(&format!(
            "{:width$}  {}  {}\n",
            info.id,
            render::text::severity_label(info.severity),
            info.summary
        ));
    }
    super::print_out(&out)
}

pub fn explain(id: &str) -> u8 {
    let Some(rule) = rules::find(id) else {
        let failure = Failure::new(
            Action::Usage,
            id,
            format!(
                "没有 “{id}” 这条规则；{}",
                draftlint::suggest::rule_help(id)
            ),
        );
        eprint!(
            "{}",
            render::text::render_failure(&failure, std::io::stderr().is_terminal())
        );
        return EXIT_TROUBLE;
    };
    let info = rule.info();
    let mut out = format!(
        "# {}（默认级别：{}，即 {}）\n\n{}\n\n{}",
        info.id,
        render::text::severity_label(info.severity),
        info.severity.as_str(),
        info.summary,
        info.explain
    );
    if !info.options.is_empty() {
        out.push_str("\n## 选项\n");
        for option in info.options {
            out.push_str(&format!(
                "- {}（{}）：{}\n",
                option.name,
                option.kind.describe(),
                option.doc
            ));
        }
    }
    super::print_out(&out)
}

const STARTER_CONFIG: &str = r#"# draftlint 配置文件。放在报告所在的文件夹或其上级文件夹中，
# 对其下所有文件生效；路径和 glob 相对于本文件所在的文件夹。

# 规则包：内置的 "fzzf-annual-report"（法治政府建设年度报告）、"npc-investigation"
# （人大常委会调查报告），或自己编写的 .toml 规则包的路径。不写则按文件标题自动判断。
# pack = "fzzf-annual-report"

# 报告年度。不写则从标题、正文和落款推断。
# year = 2023

# 单个文件的大小上限（默认 "20MB"）；.docx 解压后最多可达上限的 10 倍。
# max-file-size = "20MB"

# 不检查的文件（glob，相对于本文件所在的文件夹；文件夹名表示其中的所有文件），
# 加在默认排除的 README、CHANGELOG、LICENSE 等之外。
# 也可以在 .draftlintignore 中按 .gitignore 的写法列出。
# extend-exclude = ["archive/"]

# 达到哪一级别时以退出码 1 结束："error"（默认）、"warning" 或 "info"。
fail-on = "error"

[rules]
# 调整规则的级别（off、info、warning、error），或设置规则的选项：
# section-order = "off"
# empty-section = { severity = "warning", min-chars = 20 }

# 对部分文件不运行某些规则：
# [[per-file]]
# glob = "archive/**"
# ignore = ["date-format"]
"#;

pub fn init(force: bool) -> u8 {
    let path = Path::new(CONFIG_FILE_NAME);
    // A link counts as a file, dangling or not: `init` never writes through it.
    if path.symlink_metadata().is_ok() && !force {
        let failure = Failure::new(
            Action::Write,
            CONFIG_FILE_NAME,
            "文件已存在，未覆盖（加上 --force 覆盖）",
        );
        eprint!(
            "{}",
            render::text::render_failure(&failure, std::io::stderr().is_terminal())
        );
        return EXIT_TROUBLE;
    }
    if let Err(err) = super::output::write_atomically(path, STARTER_CONFIG.as_bytes()) {
        let failure = Failure::new(
            Action::Write,
            CONFIG_FILE_NAME,
            draftlint::input::describe_write_error(&err),
        );
        eprint!(
            "{}",
            render::text::render_failure(&failure, std::io::stderr().is_terminal())
        );
        return EXIT_TROUBLE;
    }
    super::print_out(&format!("已写入 {CONFIG_FILE_NAME}\n"))
}
