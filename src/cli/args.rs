//! Arguments, as clap reads them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "draftlint",
    version,
    about = "检查法治政府建设年度报告等公文草稿是否符合报送要求",
    long_about = "draftlint 按规则包（清单）检查报告草稿：必备部分是否齐全、标题和落款是否规范、编号是否正确等，\n并像编译器一样指出问题所在的位置。"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum Command {
    /// 检查文件或文件夹中的报告
    Check(CheckArgs),
    /// 显示报告的结构：标题、各级标题及其对应的部分、落款、年度
    Outline(OutlineArgs),
    /// 列出所有规则
    Rules,
    /// 显示某条规则的说明
    Explain {
        /// 规则 id，如 missing-section
        #[arg(value_name = "规则")]
        rule: String,
    },
    /// 在当前文件夹写一个带注释的 .draftlint.toml
    Init {
        /// 覆盖已有的 .draftlint.toml
        #[arg(long)]
        force: bool,
    },
    /// 启动语言服务器（LSP，经标准输入输出通信），供编辑器实时显示问题
    Lsp,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 带源文本的详细输出
    Text,
    /// 每条问题一行：文件:行:列: 级别[规则] 信息
    Concise,
    /// 机器可读的 JSON
    Json,
    /// SARIF 2.1.0（代码扫描平台）
    Sarif,
    /// GitHub Actions 注释
    Github,
    /// JUnit XML（CI 测试报告）
    Junit,
    /// 独立的 HTML 审阅页面（多份报告一览）
    Html,
    /// Word 审阅稿：问题写成批注、可自动修正的写成修订（只用于 .docx；默认写在原文件旁，名为“名称（审阅）.docx”，也可用 --output 指定）
    Docx,
}

/// A severity named on the command line.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// 错误
    Error,
    /// 警告
    Warning,
    /// 提示
    Info,
}

impl Level {
    pub fn severity(self) -> draftlint::Severity {
        match self {
            Level::Error => draftlint::Severity::Error,
            Level::Warning => draftlint::Severity::Warning,
            Level::Info => draftlint::Severity::Info,
        }
    }
}

/// How `--group` folds findings.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Group {
    /// 同一段落中同一规则的问题合为一条（从 PDF 复制时断成几行的一段算一段）
    Paragraph,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args)]
pub struct PackArgs {
    /// 规则包：内置名称（fzzf-annual-report、npc-investigation）或 .toml 文件路径；默认按文件标题自动判断
    #[arg(long, value_name = "名称|路径")]
    pub pack: Option<String>,
    /// 配置文件；默认从每个文件所在的文件夹向上查找 .draftlint.toml
    #[arg(long, value_name = "路径")]
    pub config: Option<PathBuf>,
    /// 报告年度（无法从标题推断时使用）
    #[arg(long, value_name = "N", value_parser = parse_year)]
    pub year: Option<i32>,
}

#[derive(Args)]
pub struct CheckArgs {
    /// 要检查的文件或文件夹；“-”表示标准输入；默认当前文件夹
    #[arg(value_name = "路径")]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub pack: PackArgs,
    /// 参考文件（往年报告、其他单位的报告），供 copied-text 比较，其中同一单位往年的报告还用来核对不足、数字和去年的工作安排；glob 模式，可重复使用
    #[arg(long, value_name = "GLOB")]
    pub corpus: Vec<String>,
    /// 只运行这些规则（逗号分隔的规则 id）
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub select: Vec<String>,
    /// 不运行这些规则（逗号分隔的规则 id）
    #[arg(long, value_delimiter = ',', value_name = "规则")]
    pub ignore: Vec<String>,
    /// 每段每条规则只列一条问题，注明其余几处的位置（只用于 concise 和 json）
    #[arg(long, value_enum, value_name = "方式")]
    pub group: Option<Group>,
    /// 只输出问题：不输出汇总行和进度条
    #[arg(long, short)]
    pub quiet: bool,
    /// 是否使用颜色
    #[arg(long, value_enum, value_name = "何时", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 并行检查的线程数；默认为处理器核数
    #[arg(short = 'j', long, value_name = "N", value_parser = parse_count)]
    pub jobs: Option<usize>,
    /// 只报告基线文件中没有记录的问题
    #[arg(long, value_name = "文件")]
    pub baseline: Option<PathBuf>,
    /// 把本次发现的所有问题记录到基线文件（JSON），以后用 --baseline 只看新问题
    #[arg(long, value_name = "文件")]
    pub write_baseline: Option<PathBuf>,
    /// 在标准错误输出中显示每个文件的读取方式（格式、编码）
    #[arg(long, short)]
    pub verbose: bool,
    /// 自动修正可安全修正的问题（标点宽度、多余空格、断行、序号标点、复制带入的网页内容），写回文件
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// 以统一差异格式（unified diff）显示 --fix 会做的修改，不写入文件
    #[arg(long)]
    pub diff: bool,
    /// 只显示这一级别及以上的问题（error 只看错误）；其余的问题不显示、不计数
    #[arg(long, value_enum, value_name = "级别")]
    pub severity: Option<Level>,
    /// 达到这一级别的问题使退出码为 1；覆盖配置文件中的 fail-on（默认 error）
    #[arg(long, value_enum, value_name = "级别")]
    pub fail_on: Option<Level>,
    /// 发现问题时退出码仍为 0（无法读取文件、配置错误时仍为 2）
    #[arg(long)]
    pub exit_zero: bool,
    /// 把结果写入文件而不是标准输出（写完后一次替换，不会留下半个文件）
    #[arg(short = 'o', long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 标准输入的文件名：按它的扩展名（.md、.docx）读取，按它的位置查找配置；不写路径时检查标准输入
    #[arg(long, value_name = "文件名")]
    pub stdin_filename: Option<PathBuf>,
    /// 不检查匹配这些 glob 的文件（取代配置文件中的 exclude），可重复使用
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// 在 exclude 之外再排除这些 glob，可重复使用
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    pub extend_exclude: Vec<String>,
    /// 命令行上直接写出的文件也按 exclude 和 .draftlintignore 排除（供 pre-commit 等工具使用）
    #[arg(long)]
    pub force_exclude: bool,
    /// 遍历文件夹时也跟随指向文件夹之外的符号链接（默认不检查、不修正这些链接指向的文件）
    #[arg(long)]
    pub follow_links: bool,
    /// 显示对第一个文件生效的设置（TOML 格式），不检查
    #[arg(long)]
    pub show_settings: bool,
}

#[derive(Args)]
pub struct OutlineArgs {
    /// 报告文件；“-”表示标准输入
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 输出格式
    #[arg(long, value_enum, value_name = "格式", default_value_t = OutlineFormat::Text)]
    pub format: OutlineFormat,
    #[command(flatten)]
    pub pack: PackArgs,
}

/// A reporting year, 1990 to 2100.
fn parse_year(value: &str) -> Result<i32, String> {
    match value.trim().parse::<i32>() {
        Ok(year) if (1990..=2100).contains(&year) => Ok(year),
        Ok(_) => Err("年度应在 1990 到 2100 之间".to_string()),
        Err(_) => Err("应为四位数的年份，如 2023".to_string()),
    }
}

/// A count of threads.
fn parse_count(value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse::<usize>()
        .map_err(|_| "应为正整数，如 4".to_string())
}
