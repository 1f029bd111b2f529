//! Findings produced by rules.

use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parse `info`, `warning` or `error`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A text edit: replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: Cow<'static, str>,
}

/// A safe fix: edits that never change a Chinese character, a number or the meaning, nor
/// anything that is not prose (addresses, file names, code), and that change both halves of a
/// pair of brackets or neither. `crate::fix::Guard` holds every fix to this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: Cow<'static, str>,
    pub edits: Vec<Edit>,
}

/// A secondary location shown with the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// The passage a finding's span was compared with and found (nearly) the same as: where a
/// copy came from, for a reader to see the two side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// The document it is in, as named in the findings; `None` for the document checked.
    pub document: Option<String>,
    /// 1-based line where `text` starts.
    pub line: usize,
    /// Its text as written there, with the rest of its lines (`copies::widened`).
    pub text: String,
    /// Where in `text` the passage itself is (bytes).
    pub passage: std::ops::Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Cow<'static, str>,
    pub span: Span,
    /// What the primary label under the span says (short); empty for none.
    pub label: Cow<'static, str>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    /// What to do about it.
    pub help: Option<Cow<'static, str>>,
    /// Facts for scripts (the JSON `data`), boxed: most findings have none.
    pub data: Option<Box<serde_json::Map<String, serde_json::Value>>>,
    pub fix: Option<Fix>,
    /// A replacement offered to pick by hand (an editor's quick fix), never applied by `--fix`:
    /// it changes words, which only the writer can judge in context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Fix>,
    /// A remark that accompanies the rule and stays `info` whatever the rule's severity.
    #[serde(skip)]
    pub remark: bool,
    /// For a copy: the passage it copies (boxed: few findings have one).
    #[serde(skip)]
    pub original: Option<Box<Original>>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, span: Span, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            message: message.into(),
            span,
            label: Cow::Borrowed(""),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            data: None,
            fix: None,
            suggestion: None,
            remark: false,
            original: None,
        }
    }

    /// Mark as a remark: reported as `info` whatever severity the rule has.
    pub fn remark(mut self) -> Self {
        self.remark = true;
        self
    }

    pub fn label(mut self, text: impl Into<Cow<'static, str>>) -> Self {
        self.label = text.into();
        self
    }

    pub fn secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: text.into(),
        });
        self
    }

    pub fn note(mut self, text: impl Into<String>) -> Self {
        self.notes.push(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Attach a safe fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Offer a replacement to pick by hand (see [`Diagnostic::suggestion`]).
    pub fn with_suggestion(mut self, fix: Fix) -> Self {
        self.suggestion = Some(fix);
        self
    }

    /// Attach the passage this finding's span copies.
    pub fn copying(mut self, original: Original) -> Self {
        self.original = Some(Box::new(original));
        self
    }

    pub fn data(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.data
            .get_or_insert_default()
            .insert(key.to_string(), value.into());
        self
    }

    /// The datum under `key`, `null` when there is none.
    pub fn datum(&self, key: &str) -> &serde_json::Value {
        static NULL: serde_json::Value = serde_json::Value::Null;
        self.data
            .as_ref()
            .and_then(|data| data.get(key))
            .unwrap_or(&NULL)
    }
}
