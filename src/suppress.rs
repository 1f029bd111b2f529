//! Suppression comments in Markdown drafts (`grammar/directive.pest`):
//! `<!-- draftlint-disable RULE -->` … `<!-- draftlint-enable RULE -->` and
//! `<!-- draftlint-disable-next-line RULE -->`. Suppressions must name rules; unknown rules,
//! malformed directives and suppressions that hide nothing are reported by the `suppression`
//! rule.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};
use pest::Parser;
use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../grammar/directive.pest"]
struct DirectiveParser;

/// The rule id the suppression findings are reported under.
pub const RULE_ID: &str = "suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
}

impl DirectiveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DirectiveKind::Disable => "draftlint-disable",
            DirectiveKind::Enable => "draftlint-enable",
            DirectiveKind::DisableNextLine => "draftlint-disable-next-line",
        }
    }
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// `None` for a comment that starts with `draftlint` but is not a valid directive.
    pub kind: Option<DirectiveKind>,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    /// The rule ids named, with their spans.
    pub rules: Vec<(String, Span)>,
}

/// The directive in a comment whose body (the text between `<!--` and `-->`) starts at byte
/// `body_start`; `None` when the comment is not meant for draftlint.
pub fn parse_comment(body: &str, body_start: usize, comment: Span) -> Option<Directive> {
    if !body.trim_start().starts_with("draftlint") {
        return None;
    }
    let Ok(mut pairs) = DirectiveParser::parse(Rule::directive, body) else {
        return Some(Directive {
            kind: None,
            span: comment,
            rules: Vec::new(),
        });
    };
    let mut directive = Directive {
        kind: None,
        span: comment,
        rules: Vec::new(),
    };
    for pair in pairs.next().expect("directive").into_inner() {
        match pair.as_rule() {
            Rule::kind => {
                directive.kind = Some(match pair.as_str() {
                    "disable" => DirectiveKind::Disable,
                    "enable" => DirectiveKind::Enable,
                    _ => DirectiveKind::DisableNextLine,
                })
            }
            Rule::rule_id => {
                let span = pair.as_span();
                directive.rules.push((
                    pair.as_str().to_string(),
                    Span::new(body_start + span.start(), body_start + span.end()),
                ));
            }
            _ => {}
        }
    }
    Some(directive)
}

/// A rule silenced over a range of lines, and whether it silenced anything.
struct Suppression {
    rule: String,
    /// 0-based lines, inclusive.
    lines: (usize, usize),
    at: Span,
    used: bool,
}

fn suppressions(source: &Source, directives: &[Directive]) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for directive in directives {
        let end_line = source.position(directive.span.end).line;
        match directive.kind {
            Some(DirectiveKind::Disable) => {
                for (rule, at) in &directive.rules {
                    open.push(out.len());
                    out.push(Suppression {
                        rule: rule.clone(),
                        lines: (end_line, usize::MAX),
                        at: *at,
                        used: false,
                    });
                }
            }
            Some(DirectiveKind::Enable) => {
                let start_line = source.position(directive.span.start).line;
                for (rule, _) in &directive.rules {
                    if let Some(pos) = open.iter().rposition(|&i| out[i].rule == *rule) {
                        out[open.remove(pos)].lines.1 = start_line;
                    }
                }
            }
            Some(DirectiveKind::DisableNextLine) => {
                let target = next_content_line(source, end_line);
                for (rule, at) in &directive.rules {
                    out.push(Suppression {
                        rule: rule.clone(),
                        lines: (target, target),
                        at: *at,
                        used: false,
                    });
                }
            }
            None => {}
        }
    }
    out
}

/// The first line after `line` with something on it.
fn next_content_line(source: &Source, line: usize) -> usize {
    let count = source.line_index.line_count();
    let mut next = line + 1;
    while next < count {
        let start = source.line_index.line_start(next);
        let end = if next + 1 < count {
            source.line_index.line_start(next + 1)
        } else {
            source.text.len()
        };
        if !crate::parse::text::without_spaces(&source.text[start..end])
            .trim()
            .is_empty()
        {
            break;
        }
        next += 1;
    }
    next
}

/// Drop the findings the document's directives suppress. When `unused` is set (the
/// `suppression` rule is on, at that severity), report each suppression of a rule that ran
/// (`ran`) but hid nothing.
pub fn apply(
    source: &Source,
    ran: &dyn Fn(&str) -> bool,
    unused: Option<Severity>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let directives = &source.origin.directives;
    if directives.is_empty() {
        return;
    }
    let mut list = suppressions(source, directives);
    diagnostics.retain(|d| {
        if d.rule == RULE_ID {
            return true;
        }
        let line = source.position(d.span.start).line;
        let mut keep = true;
        for s in list.iter_mut() {
            if s.rule == d.rule && s.lines.0 <= line && line <= s.lines.1 {
                s.used = true;
                keep = false;
            }
        }
        keep
    });
    let Some(severity) = unused else {
        return;
    };
    for s in list.iter().filter(|s| !s.used && ran(&s.rule)) {
        let mut d = Diagnostic::new(
            RULE_ID,
            s.at,
            format!("禁用指令没有屏蔽任何 {} 问题，可以删除", s.rule),
        )
        .label("这里没有要屏蔽的问题")
        .help("删除这条禁用指令，或把它移到问题所在的行前")
        .data("suppressed", s.rule.clone());
        d.severity = severity;
        diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Option<Directive> {
        parse_comment(body, 0, Span::new(0, body.len()))
    }

    #[test]
    fn reads_directives() {
        let d = parse(" draftlint-disable placeholder, vague-claim ").unwrap();
        assert_eq!(d.kind, Some(DirectiveKind::Disable));
        let names: Vec<&str> = d.rules.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(names, vec!["placeholder", "vague-claim"]);
        let d = parse("draftlint-disable-next-line date-format").unwrap();
        assert_eq!(d.kind, Some(DirectiveKind::DisableNextLine));
        assert_eq!(
            &"draftlint-disable-next-line date-format"[d.rules[0].1.range()],
            "date-format"
        );
        assert_eq!(parse(" draftlint-enable a b ").unwrap().rules.len(), 2);
        assert!(parse(" 备注 ").is_none());
        assert_eq!(parse(" draftlint-disabel x ").unwrap().kind, None);
        assert!(parse(" draftlint-disable ").unwrap().rules.is_empty());
    }
}
