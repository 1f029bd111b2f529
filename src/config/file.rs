//! `.draftlint.toml`: loading and validating a configuration file.

use super::error::ConfigError;
use super::pack::Pack;
use super::packs::{self, PackError};
use crate::diagnostic::Severity;
use crate::rules::{self, Options};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

pub const CONFIG_FILE_NAME: &str = ".draftlint.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    pack: Option<Spanned<String>>,
    year: Option<Spanned<i64>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    corpus: Vec<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    max_file_size: Option<Spanned<toml::Value>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    per_file: Vec<PerFileEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PerFileEntry {
    glob: Spanned<String>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// A rule's configured level: off, or a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        if text == "off" {
            Some(Level::Off)
        } else {
            Severity::parse(text).map(Level::On)
        }
    }
}

/// What the configuration says about one rule.
#[derive(Debug, Clone, Default)]
pub struct RuleSetting {
    pub level: Option<Level>,
    pub options: Options,
}

#[derive(Debug)]
pub struct PerFile {
    pub glob: GlobMatcher,
    pub ignore: HashSet<String>,
    pub rules: HashMap<String, RuleSetting>,
}

/// A loaded, validated configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    /// The folder the config's relative paths and globs are resolved against.
    pub dir: PathBuf,
    pub pack: Option<Arc<Pack>>,
    pub year: Option<i32>,
    pub fail_on: Option<Severity>,
    /// Glob patterns of reference documents, relative to `dir`.
    pub corpus: Vec<String>,
    /// Largest document read, in bytes (`max-file-size`).
    pub max_file_size: Option<u64>,
    /// Files not checked when folders are walked (`exclude`, replacing the defaults), relative
    /// to `dir`.
    pub exclude: Option<super::Excludes>,
    /// More of them (`extend-exclude`, added to `exclude` or the defaults).
    pub extend_exclude: Option<super::Excludes>,
    pub rules: HashMap<String, RuleSetting>,
    pub per_file: Vec<PerFile>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let display = path.display().to_string();
        // A regular file of at most 1 MB: a FIFO or `/dev/zero` named `.draftlint.toml` in a
        // cloned repository must not hang the run or the language server.
        let text = crate::input::read_small_text(path, crate::input::MAX_CONFIG_SIZE).map_err(
            |reason| ConfigError::new(&display, "", None, format!("无法读取配置文件：{reason}")),
        )?;
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Config::parse(&display, &text, &dir).map(|mut c| {
            c.path = path.to_path_buf();
            c
        })
    }

    /// Parse config text; `dir` resolves relative paths.
    pub fn parse(display: &str, text: &str, dir: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(display, text, &e))?;
        let err = |span: std::ops::Range<usize>, message: String| {
            ConfigError::new(display, text, Some(span), message)
        };
        let pack = match &file.pack {
            None => None,
            Some(reference) => Some(packs::resolve(reference.get_ref(), dir).map_err(
                |e| match e {
                    PackError::Unknown(message) => err(reference.span(), message),
                    PackError::Invalid(inner) => inner,
                },
            )?),
        };
        let year = match &file.year {
            None => None,
            Some(year) => {
                let value = *year.get_ref();
                if !(1990..=2100).contains(&value) {
                    return Err(err(
                        year.span(),
                        format!("年度 {value} 不合理：应为四位年份，如 2023"),
                    ));
                }
                Some(value as i32)
            }
        };
        let fail_on = match &file.fail_on {
            None => None,
            Some(level) => Some(Severity::parse(level.get_ref()).ok_or_else(|| {
                let error = err(
                    level.span(),
                    "fail-on 应为 error、warning 或 info".to_string(),
                );
                match crate::suggest::did_you_mean(level.get_ref(), ["error", "warning", "info"]) {
                    Some(tip) => error.with_help(tip),
                    None => error,
                }
            })?),
        };
        for pattern in &file.corpus {
            Glob::new(pattern.get_ref())
                .map_err(|e| err(pattern.span(), format!("glob 模式无效：{}", e.kind())))?;
        }
        let excludes = |patterns: &[Spanned<String>]| {
            for pattern in patterns {
                Glob::new(pattern.get_ref())
                    .map_err(|e| err(pattern.span(), format!("glob 模式无效：{}", e.kind())))?;
            }
            super::Excludes::new(patterns.iter().map(|g| g.get_ref().clone()).collect())
                .map_err(|e| err(0..0, e))
        };
        let exclude = file.exclude.as_deref().map(excludes).transpose()?;
        let extend_exclude = (!file.extend_exclude.is_empty())
            .then(|| excludes(&file.extend_exclude))
            .transpose()?;
        let max_file_size = match &file.max_file_size {
            None => None,
            Some(value) => Some(parse_size(value.get_ref()).ok_or_else(|| {
                err(
                    value.span(),
                    "max-file-size 应为字节数（如 20000000）或带单位的大小（如 \"20MB\"、\"500KB\"）"
                        .to_string(),
                )
            })?),
        };
        let rules = rule_settings(&file.rules, &err)?;
        let mut per_file = Vec::new();
        for entry in &file.per_file {
            let glob = Glob::new(entry.glob.get_ref())
                .map_err(|e| err(entry.glob.span(), format!("glob 模式无效：{}", e.kind())))?
                .compile_matcher();
            let mut ignore = HashSet::new();
            for id in &entry.ignore {
                known_rule(id, &err)?;
                ignore.insert(id.get_ref().clone());
            }
            per_file.push(PerFile {
                glob,
                ignore,
                rules: rule_settings(&entry.rules, &err)?,
            });
        }
        Ok(Config {
            path: PathBuf::from(display),
            dir: dir.to_path_buf(),
            pack,
            year,
            fail_on,
            corpus: file.corpus.iter().map(|g| g.get_ref().clone()).collect(),
            max_file_size,
            exclude,
            extend_exclude,
            rules,
            per_file,
        })
    }
}

/// A size: a positive integer of bytes, or a string with a unit ("20MB", "500 KB", "1GB").
fn parse_size(value: &toml::Value) -> Option<u64> {
    if let Some(bytes) = value.as_integer() {
        return (bytes > 0).then_some(bytes as u64);
    }
    let text = value.as_str()?.trim().to_ascii_uppercase();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let number: f64 = text[..digits_end].parse().ok()?;
    let unit = match text[digits_end..].trim() {
        "" | "B" => 1.0,
        "K" | "KB" | "KIB" => 1024.0,
        "M" | "MB" | "MIB" => 1024.0 * 1024.0,
        "G" | "GB" | "GIB" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * unit).round();
    (1.0..1e15).contains(&bytes).then_some(bytes as u64)
}

fn known_rule(
    id: &Spanned<String>,
    err: &impl Fn(std::ops::Range<usize>, String) -> ConfigError,
) -> Result<&'static dyn rules::Rule, ConfigError> {
    rules::find(id.get_ref()).ok_or_else(|| {
        err(id.span(), format!("未知的规则 “{}”", id.get_ref()))
            .with_help(crate::suggest::rule_help(id.get_ref()))
    })
}

fn rule_settings(
    entries: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    err: &impl Fn(std::ops::Range<usize>, String) -> ConfigError,
) -> Result<HashMap<String, RuleSetting>, ConfigError> {
    let mut settings = HashMap::new();
    for (id, value) in entries {
        let rule = known_rule(id, err)?;
        let info = rule.info();
        let level_of = |text: &str| {
            Level::parse(text).ok_or_else(|| {
                let error = err(
                    value.span(),
                    format!(
                        "规则 {} 的级别 “{text}” 无效：应为 off、info、warning 或 error",
                        info.id
                    ),
                );
                match crate::suggest::did_you_mean(text, ["off", "info", "warning", "error"]) {
                    Some(tip) => error.with_help(tip),
                    None => error,
                }
            })
        };
        let setting = match value.get_ref() {
            toml::Value::String(level) => RuleSetting {
                level: Some(level_of(level)?),
                options: Options::default(),
            },
            toml::Value::Table(table) => {
                let mut setting = RuleSetting::default();
                for (key, option) in table {
                    if key == "severity" {
                        let level = option.as_str().ok_or_else(|| {
                            err(
                                value.span(),
                                "severity 应为字符串：off、info、warning 或 error".to_string(),
                            )
                        })?;
                        setting.level = Some(level_of(level)?);
                        continue;
                    }
                    let Some(spec) = info.options.iter().find(|o| o.name == key) else {
                        let available: Vec<&str> = std::iter::once("severity")
                            .chain(info.options.iter().map(|o| o.name))
                            .collect();
                        let mut error = err(
                            value.span(),
                            format!(
                                "规则 {} 没有选项 “{key}”；可用的选项：{}",
                                info.id,
                                available.join("、")
                            ),
                        );
                        if let Some(tip) =
                            crate::suggest::did_you_mean(key, available.iter().copied())
                        {
                            error = error.with_help(tip);
                        }
                        return Err(error);
                    };
                    if !spec.kind.accepts(option) {
                        return Err(err(
                            value.span(),
                            format!("规则 {} 的选项 {key} 应为{}", info.id, spec.kind.describe()),
                        ));
                    }
                    setting.options.0.insert(key.clone(), option.clone());
                }
                setting
            }
            _ => {
                return Err(err(
                    value.span(),
                    format!(
                        "规则 {} 的设置应为级别字符串（如 \"warning\"）或表（如 {{ severity = \"info\" }}）",
                        info.id
                    ),
                ));
            }
        };
        settings.insert(id.get_ref().clone(), setting);
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(".draftlint.toml", text, Path::new("."))
    }

    #[test]
    fn reads_the_documented_example() {
        let config = parse(
            r#"
pack = "fzzf-annual-report"
year = 2022
fail-on = "error"
corpus = ["archive/**/*.txt"]
[rules]
section-order = "off"
empty-section = { severity = "info", min-chars = 20 }
[[per-file]]
glob = "drafts/old/**"
ignore = ["date-format"]
"#,
        )
        .unwrap();
        assert_eq!(config.year, Some(2022));
        assert_eq!(config.rules["section-order"].level, Some(Level::Off));
        assert_eq!(
            config.rules["empty-section"]
                .options
                .integer("min-chars", 0),
            20
        );
        assert!(config.per_file[0].glob.is_match("drafts/old/2019.txt"));
    }

    #[test]
    fn reads_file_size_limits() {
        let size = |text: &str| parse(text).map(|c| c.max_file_size);
        assert_eq!(size("max-file-size = \"20MB\"\n").unwrap(), Some(20 << 20));
        assert_eq!(size("max-file-size = \"1.5 kb\"\n").unwrap(), Some(1536));
        assert_eq!(size("max-file-size = 4096\n").unwrap(), Some(4096));
        let err = size("max-file-size = \"big\"\n").unwrap_err();
        assert!(err.message.contains("max-file-size"));
    }

    #[test]
    fn errors_point_into_the_file() {
        for (text, needle, message) in [
            ("packk = \"x\"\n", "packk", "未知的键"),
            (
                "[rules]\nno-such-rule = \"off\"\n",
                "no-such-rule",
                "未知的规则",
            ),
            ("[rules]\nsection-order = \"loud\"\n", "\"loud\"", "无效"),
            (
                "[rules]\nempty-section = { min-char = 3 }\n",
                "{ min-char = 3 }",
                "没有选项",
            ),
            ("year = 23\n", "23", "不合理"),
            ("pack = \"nope\"\n", "\"nope\"", "未知的规则包"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.message.contains(message), "{text}: {}", err.message);
            let span = err.span.clone().expect("span");
            assert!(text[span].contains(needle), "{text}");
        }
    }
}
