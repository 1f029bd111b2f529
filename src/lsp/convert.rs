//! Conversions at the editor's edge: byte offsets <-> LSP positions in the negotiated encoding,
//! findings -> LSP diagnostics, fixes -> code actions, paths <-> `file:` URIs.
//!
//! Inside draftlint everything is a byte offset; LSP counts columns in UTF-16 code units unless
//! the client and server agreed on UTF-8 or UTF-32. A rare name character such as 𠮷 (U+20BB7)
//! is one scalar value, two UTF-16 units and four bytes.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::source::{LineIndex, Source, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, OptionalVersionedTextDocumentIdentifier, Position,
    PositionEncodingKind, Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's `general.positionEncodings`: the first one it
    /// lists that draftlint knows (clients list them by preference), else UTF-16, which every
    /// client supports.
    pub fn negotiate(offered: &[String]) -> Encoding {
        offered
            .iter()
            .find_map(|name| match name.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, ch: char) -> usize {
        match self {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Byte range of a line's content, without its terminator.
fn line_bounds(text: &str, index: &LineIndex, line: usize) -> (usize, usize) {
    let start = index.line_start(line);
    let next = if line + 1 < index.line_count() {
        index.line_start(line + 1)
    } else {
        text.len()
    };
    let content = text[start..next].trim_end_matches(['\n', '\r']);
    (start, start + content.len())
}

/// The byte offset of an LSP position. Positions outside the text are clamped: a line past the
/// end to the end of the text, a column past the line's end to the line's end, and a column
/// inside a character (half of a surrogate pair) to the start of that character.
pub fn offset(text: &str, index: &LineIndex, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= index.line_count() {
        return text.len();
    }
    let (start, end) = line_bounds(text, index, line);
    let wanted = position.character as usize;
    let mut units = 0;
    for (i, ch) in text[start..end].char_indices() {
        let next = units + encoding.units(ch);
        if next > wanted {
            return start + i;
        }
        units = next;
    }
    end
}

/// The LSP position of a byte offset (clamped to the text, rounded down to a character).
pub fn position(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // Counted from the index's checkpoints: a finding far into a megabyte paragraph costs no
    // rescan of the paragraph.
    let found = index.position(text, offset);
    let character = match encoding {
        Encoding::Utf8 => offset - index.line_start(found.line),
        Encoding::Utf16 => found.utf16_column,
        Encoding::Utf32 => found.char_column,
    };
    Position::new(found.line as u32, character as u32)
}

pub fn range(source: &Source, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(&source.text, &source.line_index, span.start, encoding),
        position(&source.text, &source.line_index, span.end, encoding),
    )
}

/// Byte range of an LSP range, clamped, start <= end.
pub fn span(text: &str, index: &LineIndex, range: Range, encoding: Encoding) -> Span {
    let a = offset(text, index, range.start, encoding);
    let b = offset(text, index, range.end, encoding);
    Span::new(a.min(b), a.max(b))
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The finding as an editor shows it. The message is the CLI's; the notes and the help follow
/// on their own lines, since most editors show nothing else of a diagnostic but its message.
/// `href` links the rule id to its documentation.
pub fn diagnostic(
    uri: &Uri,
    source: &Source,
    d: &Diagnostic,
    encoding: Encoding,
    href: Option<Uri>,
) -> lsp_types::Diagnostic {
    let mut message = d.message.to_string();
    for note in &d.notes {
        message.push('\n');
        message.push_str(note);
    }
    if let Some(help) = &d.help {
        message.push_str("\n建议：");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(source, label.span, encoding)),
            message: label.message.clone(),
        })
        .collect();
    let data = d
        .data
        .as_ref()
        .map(|data| serde_json::Value::Object((**data).clone()));
    lsp_types::Diagnostic {
        range: range(source, d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("draftlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

/// The text edits of a fix.
pub fn text_edits(source: &Source, fix: &Fix, encoding: Encoding) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|edit| {
            TextEdit::new(
                range(source, edit.span, encoding),
                edit.replacement.to_string(),
            )
        })
        .collect()
}

/// Whether two ranges overlap or touch (a cursor at either end of a finding counts).
pub fn ranges_meet(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// A quick fix for a finding that carries a fix. With `version`, the edit names the document
/// version it was computed for, so that a client can refuse to apply it to a newer text.
pub fn code_action(
    uri: &Uri,
    source: &Source,
    fix: &Fix,
    diagnostic: lsp_types::Diagnostic,
    encoding: Encoding,
    version: Option<i32>,
) -> CodeAction {
    CodeAction {
        title: fix.description.to_string(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(workspace_edit(
            uri,
            text_edits(source, fix, encoding),
            version,
        )),
        is_preferred: Some(true),
        ..CodeAction::default()
    }
}

/// Edits of one document as a workspace edit; with `version`, one that names the document
/// version it was computed for, so that a client can refuse to apply it to a newer text.
pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>, version: Option<i32>) -> WorkspaceEdit {
    match version {
        Some(version) => WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(lsp_types::OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        },
        None => WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)])),
    }
}

/// The local path of a `file:` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // An authority other than `localhost` names another machine (UNC on Windows).
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if cfg!(windows) {
        let trimmed = decoded.strip_prefix('/').unwrap_or(&decoded);
        let local = if authority.is_empty() || authority.eq_ignore_ascii_case("localhost") {
            trimmed.to_string()
        } else {
            format!(r"\\{authority}\{trimmed}")
        };
        return Some(PathBuf::from(local.replace('/', "\\")));
    }
    if !authority.is_empty() && !authority.eq_ignore_ascii_case("localhost") {
        return None;
    }
    Some(crate::identity::normalize(Path::new(&decoded)))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute path, percent-encoded as VS Code does.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    path.to_str()?;
    Uri::from_str(&crate::identity::file_uri(path)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn surrogate_pairs_count_two_utf16_units() {
        let text = "一𠮷二\r\n𠮷x\n";
        let index = LineIndex::new(text);
        let after_jia = "一𠮷".len();
        assert_eq!(
            position(text, &index, after_jia, Encoding::Utf16),
            pos(0, 3)
        );
        assert_eq!(
            position(text, &index, after_jia, Encoding::Utf32),
            pos(0, 2)
        );
        assert_eq!(position(text, &index, after_jia, Encoding::Utf8), pos(0, 7));
        assert_eq!(offset(text, &index, pos(0, 3), Encoding::Utf16), after_jia);
        assert_eq!(offset(text, &index, pos(0, 2), Encoding::Utf32), after_jia);
        assert_eq!(offset(text, &index, pos(0, 7), Encoding::Utf8), after_jia);
        let x = text.find('x').unwrap();
        assert_eq!(position(text, &index, x, Encoding::Utf16), pos(1, 2));
        assert_eq!(offset(text, &index, pos(1, 2), Encoding::Utf16), x);
    }

    #[test]
    fn positions_round_trip_on_every_character() {
        let text = "标题𠮷\n\n a𠮷𠮷b\r\n末尾";
        let index = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (i, _) in text.char_indices() {
                // The middle of a CRLF is no position of its own.
                if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                    continue;
                }
                let p = position(text, &index, i, encoding);
                assert_eq!(offset(text, &index, p, encoding), i, "{encoding:?} at {i}");
            }
        }
    }

    #[test]
    fn positions_far_into_a_long_line_round_trip() {
        let text = format!("标题\n{}", "报告a𠮷，".repeat(2000));
        let index = LineIndex::new(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (i, _) in text.char_indices().step_by(97) {
                let p = position(&text, &index, i, encoding);
                assert_eq!(offset(&text, &index, p, encoding), i, "{encoding:?} at {i}");
            }
        }
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "一𠮷\n二";
        let index = LineIndex::new(text);
        // Past the line's end: the end of the line, before its terminator.
        assert_eq!(
            offset(text, &index, pos(0, 99), Encoding::Utf16),
            "一𠮷".len()
        );
        // Past the last line: the end of the text.
        assert_eq!(offset(text, &index, pos(7, 0), Encoding::Utf16), text.len());
        // Inside the surrogate pair of 𠮷: the start of 𠮷.
        assert_eq!(offset(text, &index, pos(0, 2), Encoding::Utf16), "一".len());
        // Inside a multi-byte character in UTF-8: its start.
        assert_eq!(offset(text, &index, pos(0, 1), Encoding::Utf8), 0);
        // Offsets past the end or inside a character.
        assert_eq!(position(text, &index, 999, Encoding::Utf16), pos(1, 1));
        assert_eq!(position(text, &index, 1, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn negotiation_prefers_the_clients_first_known_encoding() {
        let offered = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(&offered(&["utf-8", "utf-16"])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(&offered(&["x-unknown", "utf-32", "utf-8"])),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(&offered(&["x-unknown"])),
            Encoding::Utf16
        );
    }

    fn uri() -> Uri {
        Uri::from_str("file:///tmp/%E6%8A%A5%E5%91%8A.txt").unwrap()
    }

    #[test]
    fn diagnostics_carry_rule_severity_labels_and_utf16_ranges() {
        let text = "𠮷一二三\n四𠮷五";
        let source = Source::new("报告.txt", text);
        let start = text.find('一').unwrap();
        let second = text.find('五').unwrap();
        let d = Diagnostic::new(
            "title-format",
            Span::new(start, start + "一二".len()),
            "标题不规范",
        )
        .secondary(Span::new(second, text.len()), "这里")
        .help("改为……")
        .data("part", "title");
        let mut d = d;
        d.severity = Severity::Error;
        let href = Uri::from_str("file:///docs/title-format.md").unwrap();
        let out = diagnostic(&uri(), &source, &d, Encoding::Utf16, Some(href.clone()));
        assert_eq!(out.range, Range::new(pos(0, 2), pos(0, 4)));
        assert_eq!(out.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(
            out.code,
            Some(NumberOrString::String("title-format".to_string()))
        );
        assert_eq!(out.source.as_deref(), Some("draftlint"));
        assert_eq!(out.message, "标题不规范\n建议：改为……");
        assert_eq!(out.code_description.unwrap().href, href);
        let related = out.related_information.unwrap();
        assert_eq!(related[0].location.range, Range::new(pos(1, 3), pos(1, 4)));
        assert_eq!(related[0].message, "这里");
        assert_eq!(out.data.unwrap()["part"], "title");
    }

    #[test]
    fn a_fix_becomes_a_quick_fix_with_utf16_edits() {
        // A synthetic finding with a fix: no rule on this branch carries one yet.
        let text = "𠮷市2022年度法治政府建设情况报告,";
        let source = Source::new("报告.txt", text);
        let comma = text.find(',').unwrap();
        let mut d = Diagnostic::new("punctuation-width", Span::new(comma, comma + 1), "半角逗号");
        d.fix = Some(Fix {
            description: "改为全角逗号".into(),
            edits: vec![Edit {
                span: Span::new(comma, comma + 1),
                replacement: "，".into(),
            }],
        });
        let lsp = diagnostic(&uri(), &source, &d, Encoding::Utf16, None);
        let fix = d.fix.as_ref().unwrap();
        let comma_col = text[..comma].encode_utf16().count() as u32;
        let action = code_action(&uri(), &source, fix, lsp.clone(), Encoding::Utf16, None);
        assert_eq!(action.title, "改为全角逗号");
        assert_eq!(action.kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(action.diagnostics, Some(vec![lsp.clone()]));
        let changes = action.edit.unwrap().changes.unwrap();
        let edits = &changes[&uri()];
        assert_eq!(
            edits,
            &vec![TextEdit::new(
                Range::new(pos(0, comma_col), pos(0, comma_col + 1)),
                "，".to_string()
            )]
        );
        let versioned = code_action(&uri(), &source, fix, lsp, Encoding::Utf16, Some(7));
        match versioned.edit.unwrap().document_changes.unwrap() {
            lsp_types::DocumentChanges::Edits(edits) => {
                assert_eq!(edits[0].text_document.version, Some(7));
                assert_eq!(edits[0].edits.len(), 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn ranges_meet_when_they_touch() {
        let a = Range::new(pos(1, 2), pos(1, 5));
        assert!(ranges_meet(a, Range::new(pos(1, 5), pos(1, 5))));
        assert!(ranges_meet(a, Range::new(pos(0, 0), pos(1, 2))));
        assert!(!ranges_meet(a, Range::new(pos(1, 6), pos(2, 0))));
    }

    #[test]
    fn file_uris_round_trip_with_chinese_paths() {
        if cfg!(windows) {
            return;
        }
        let path = Path::new("/tmp/报告 草稿/2022年.txt");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/%E6%8A%A5%E5%91%8A%20%E8%8D%89%E7%A8%BF/2022%E5%B9%B4.txt"
        );
        assert_eq!(uri_to_path(&uri).unwrap(), path);
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&untitled), None);
        let localhost = Uri::from_str("file://localhost/tmp/a.txt").unwrap();
        assert_eq!(uri_to_path(&localhost).unwrap(), Path::new("/tmp/a.txt"));
    }

    #[test]
    fn file_uris_have_no_dot_segments_either_way() {
        if cfg!(windows) {
            return;
        }
        let uri = path_to_uri(Path::new("/nowhere/ci/../reports/./a.txt")).unwrap();
        assert_eq!(uri.as_str(), "file:///nowhere/reports/a.txt");
        let dotted = Uri::from_str("file:///nowhere/ci/../reports/./a.txt").unwrap();
        assert_eq!(
            uri_to_path(&dotted).unwrap(),
            Path::new("/nowhere/reports/a.txt")
        );
    }
}
