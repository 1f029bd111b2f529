//! Errors in configuration and rule-pack files, with the span of the offending TOML.

use std::fmt;
use std::ops::Range;

/// A problem in a TOML file the user wrote (config or rule pack). Rendered as a diagnostic
/// pointing into the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// Path of the file as shown to the user.
    pub path: String,
    /// The file's text, for showing the offending line.
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    pub fn new(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        ConfigError {
            path: path.to_string(),
            text: text.to_string(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// From a TOML parse or schema error.
    pub fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        let error = ConfigError::new(
            path,
            text,
            err.span(),
            cut(&translate_toml_message(err.message())),
        );
        match suggest_field(err.message()) {
            Some(tip) => error.with_help(tip),
            None => error,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A message that may quote the file's values, cut to a width: errors show the offending line,
/// not the file.
fn cut(message: &str) -> String {
    const WIDTH: usize = 200;
    match message.char_indices().nth(WIDTH) {
        Some((at, _)) => format!("{}…", &message[..at]),
        None => message.to_string(),
    }
}

/// 「您是不是要写 …？」 for serde's `unknown field `x`, expected one of `a`, `b``.
fn suggest_field(message: &str) -> Option<String> {
    let rest = message.trim().strip_prefix("unknown field ")?;
    let (field, expected) = rest.split_once(", expected ")?;
    let field = field.trim_matches('`');
    let keys: Vec<&str> = expected
        .trim_start_matches("one of ")
        .split(", ")
        .map(|k| k.trim().trim_matches('`'))
        .collect();
    crate::suggest::did_you_mean(field, keys)
}

/// serde and toml speak English; the clerk reads Chinese. Translate the common messages and keep
/// the original detail (field names) after it.
fn translate_toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest).trim();
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| format!("；可用的键：{}", e.replace("one of ", "").replace('`', "")))
            .unwrap_or_default();
        return format!("未知的键 {field}{expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少必需的键 {rest}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("值的类型不对（{rest}）");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!("不认识的取值 {rest}");
    }
    format!("TOML 格式错误：{message}")
}
