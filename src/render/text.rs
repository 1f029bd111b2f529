//! `--format text` (the default): findings rendered like a compiler's, with the source line,
//! by codespan-reporting.

use super::excerpt::Excerpt;
use super::{Failure, Summary};
use crate::FileReport;
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Ansi, Buffer, NoColor, WriteColor};

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// The Chinese name of a severity, as every human format shows it (the summary line counts 错误、
/// 警告 and 提示). Machine formats keep `error`, `warning` and `info`.
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// Passes codespan-reporting's output through, with the severity that starts each header
/// (`error[rule]: …`) written in Chinese. codespan writes the name as one piece at the start of a
/// line, between colour changes, so it is recognised exactly there and nowhere else.
struct Chinese<W> {
    inner: W,
    line_start: bool,
}

impl<W: WriteColor> Chinese<W> {
    fn new(inner: W) -> Self {
        Chinese {
            inner,
            line_start: true,
        }
    }
}

impl<W: WriteColor> std::io::Write for Chinese<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        let translated: Option<&str> = if self.line_start {
            match buf {
                b"error" | b"bug" => Some("错误"),
                b"warning" => Some("警告"),
                b"note" | b"help" => Some("提示"),
                _ => None,
            }
        } else {
            None
        };
        self.line_start = buf.ends_with(b"\n");
        match translated {
            Some(label) => self.inner.write_all(label.as_bytes()),
            None => self.inner.write_all(&without_controls(buf)),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: WriteColor> WriteColor for Chinese<W> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(
        &mut self,
        spec: &codespan_reporting::term::termcolor::ColorSpec,
    ) -> std::io::Result<()> {
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.inner.reset()
    }
}

/// What codespan-reporting writes, with the control characters of the text it quotes (an
/// escape sequence in a draft, a C1 character) made visible; its own line breaks and the
/// colours (set apart from the text) are kept. Names and messages are made visible before.
fn without_controls(buf: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let c1 = |pair: &[u8]| pair[0] == 0xC2 && (0x80..0xA0).contains(&pair[1]);
    let control = |b: &u8| (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7F;
    if !buf.iter().any(control) && !buf.windows(2).any(c1) {
        return std::borrow::Cow::Borrowed(buf);
    }
    let text = String::from_utf8_lossy(buf);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else {
            super::push_visible(&mut out, c);
        }
    }
    std::borrow::Cow::Owned(out.into_bytes())
}

/// Draw a diagnostic with codespan-reporting, severities in Chinese.
fn emit<'f, F: codespan_reporting::files::Files<'f, FileId = ()>>(
    out: &mut impl WriteColor,
    files: &'f F,
    diagnostic: &CsDiagnostic<()>,
) -> Result<(), codespan_reporting::files::Error> {
    term::emit_to_write_style(&mut Chinese::new(out), &config(), files, diagnostic)
}

fn new_buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn config() -> term::Config {
    term::Config::default()
}

fn finish(buffer: Buffer) -> String {
    into_string(buffer.into_inner())
}

fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Labels spanning more lines than this are shown on their first line only, with the range in a
/// note: a passage of fifty lines would otherwise fill the screen.
const MAX_LABEL_LINES: usize = 3;

/// The part of `span` to draw, and the 1-based line range when it was shortened.
fn shown(source: &Source, span: Span) -> (Span, Option<(usize, usize)>) {
    let first = source.line_index.line_of(span.start);
    let last = source.line_index.line_of(span.end.min(source.text.len()));
    if last - first < MAX_LABEL_LINES {
        return (span, None);
    }
    let line_end = source.text[span.start..]
        .find(['\n', '\r'])
        .map_or(span.end, |i| span.start + i);
    (Span::new(span.start, line_end), Some((first + 1, last + 1)))
}

/// The diagnostic as codespan-reporting draws it, and the excerpt of the file it quotes.
fn to_codespan<'a>(source: &'a Source, d: &Diagnostic) -> (CsDiagnostic<()>, Excerpt<'a>) {
    let (primary, shortened) = shown(source, d.span);
    let secondary: Vec<(Span, String)> = d
        .labels
        .iter()
        .map(|l| {
            let (span, shortened) = shown(source, l.span);
            let message = match shortened {
                Some((a, b)) => format!("{}（第{a}—{b}行）", super::visible(&l.message)),
                None => super::visible(&l.message).into_owned(),
            };
            (span, message)
        })
        .collect();
    let spans: Vec<Span> = std::iter::once(primary)
        .chain(secondary.iter().map(|(span, _)| *span))
        .collect();
    let excerpt = Excerpt::new(source, &spans);
    let mut labels =
        vec![Label::primary((), excerpt.map(primary)).with_message(super::visible(&d.label))];
    labels.extend(
        secondary
            .into_iter()
            .map(|(span, message)| Label::secondary((), excerpt.map(span)).with_message(message)),
    );
    let mut notes = Vec::new();
    if let Some((a, b)) = shortened {
        notes.push(format!("标注只显示第一行；完整范围是第{a}—{b}行"));
    }
    if source.origin.format == crate::source::Format::Pdf
        && let Some(page) = source.origin.pages.get(source.position(d.span.start).line)
    {
        notes.push(format!("位置：PDF 第{page}页"));
    }
    if source.origin.format == crate::source::Format::Docx {
        let position = source.position(d.span.start);
        notes.push(format!(
            "位置：Word 文档第{}段，第{}个字",
            position.line + 1,
            position.char_column + 1
        ));
    }
    notes.extend(d.notes.iter().map(|n| super::visible(n).into_owned()));
    if let Some(help) = &d.help {
        notes.push(format!("建议：{}", super::visible(help)));
    }
    let diagnostic = CsDiagnostic::new(severity(d.severity))
        .with_code(d.rule)
        .with_message(super::visible(&d.message))
        .with_labels(labels)
        .with_notes(notes);
    (diagnostic, excerpt)
}

/// Every finding of every report, then a summary line (with the files in `failures`).
pub fn render(reports: &[FileReport], failures: &[Failure], color: bool) -> String {
    let mut out: String = reports.iter().map(|r| file(r, color)).collect();
    out.push_str(&summary_line(&Summary::of(reports), failures));
    out
}

/// The findings of one report.
pub fn file(report: &FileReport, color: bool) -> String {
    into_string(file_bytes(report, color))
}

/// The findings of one report, as the bytes written out (UTF-8 throughout: the text quoted is
/// the file's, decoded, and the rest is ours).
pub fn file_bytes(report: &FileReport, color: bool) -> Vec<u8> {
    let shown = super::group::fold(&report.source, &report.diagnostics);
    // A finding takes about 500 bytes: sized once, the buffer is not copied as it grows.
    let bytes = Vec::with_capacity(shown.len() * BYTES_PER_FINDING);
    emit_into(bytes, color, &report.source, shown)
}

/// [`file_bytes`], written out a batch of findings at a time: a report with a million findings
/// is never held as text.
pub fn write_file(
    report: &FileReport,
    color: bool,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    const BATCH: usize = 1024;
    let mut shown = super::group::fold(&report.source, &report.diagnostics).into_iter();
    let mut bytes = Vec::with_capacity(BATCH * BYTES_PER_FINDING);
    loop {
        let batch: Vec<_> = shown.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return Ok(());
        }
        bytes = emit_into(bytes, color, &report.source, batch);
        out.write_all(&bytes)?;
        bytes.clear();
    }
}

/// `shown` rendered after what `bytes` holds.
fn emit_into(
    bytes: Vec<u8>,
    color: bool,
    source: &Source,
    shown: Vec<super::group::Shown<'_>>,
) -> Vec<u8> {
    if color {
        let mut out = Ansi::new(bytes);
        emit_all(&mut out, source, shown);
        out.into_inner()
    } else {
        let mut out = NoColor::new(bytes);
        emit_all(&mut out, source, shown);
        out.into_inner()
    }
}

const BYTES_PER_FINDING: usize = 640;

fn emit_all(out: &mut impl WriteColor, source: &Source, shown: Vec<super::group::Shown<'_>>) {
    let config = config();
    for shown in shown {
        let (mut diagnostic, excerpt) = to_codespan(source, shown.diagnostic);
        if let Some(note) = shown.folded {
            diagnostic.notes.push(note);
        }
        term::emit_to_write_style(&mut Chinese::new(&mut *out), &config, &excerpt, &diagnostic)
            .expect("labels are mapped into the excerpt");
    }
}

/// The last line of a run: files checked, findings by severity, and the files that could not
/// be read or were not checked.
pub fn summary_line(summary: &Summary, failures: &[Failure]) -> String {
    let findings = if summary.errors + summary.warnings + summary.infos == 0 {
        format!("检查了 {} 个文件，未发现问题", summary.files)
    } else {
        format!(
            "检查了 {} 个文件：{} 个错误，{} 个警告，{} 个提示",
            summary.files, summary.errors, summary.warnings, summary.infos
        )
    };
    let super::Unchecked {
        unreadable,
        skipped,
    } = super::Unchecked::of(failures);
    let mut line = findings;
    if unreadable > 0 {
        line.push_str(&format!("；另有 {unreadable} 个文件无法检查"));
    }
    if skipped > 0 {
        line.push_str(&format!("；{skipped} 个文件的格式无法读取，未检查"));
    }
    line.push_str("。\n");
    line
}

/// A file that could not be checked.
pub fn render_failure(failure: &Failure, color: bool) -> String {
    let mut buffer = new_buffer(color);
    let headline = failure.headline();
    let headline = super::visible(&headline);
    let diagnostic = if failure.is_fatal() {
        CsDiagnostic::<()>::error()
    } else {
        CsDiagnostic::<()>::warning()
    }
    .with_message(headline);
    let file = SimpleFile::new("", "");
    emit(&mut buffer, &file, &diagnostic).expect("no labels");
    finish(buffer)
}

/// A configuration or pack error, pointing into the TOML file when the span is known.
/// The widest excerpt of a configuration or pack shown in an error, in characters.
pub const EXCERPT_WIDTH: usize = 120;

/// The line of `text` where `span` starts, cut to [`EXCERPT_WIDTH`] characters around it and
/// with control characters replaced, preceded by as many empty lines as come before it (so
/// the line number shown stays right); and the span within it, cut to that line.
fn config_excerpt(text: &str, span: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let end = span.end.clamp(start, line_start + line.len());
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let first = chars.partition_point(|(i, _)| *i < start - line_start);
    let last = chars.partition_point(|(i, _)| *i < end - line_start);
    let (from, to) = if chars.len() <= EXCERPT_WIDTH {
        (0, chars.len())
    } else {
        let from = first
            .saturating_sub(EXCERPT_WIDTH / 3)
            .min(chars.len() - EXCERPT_WIDTH);
        (from, from + EXCERPT_WIDTH)
    };
    let mut out = "\n".repeat(text[..line_start].matches('\n').count());
    if from > 0 {
        out.push('…');
    }
    let shown_start = out.len();
    let (mut span_start, mut span_end) = (None, None);
    for (k, &(_, c)) in chars.iter().enumerate().take(to).skip(from) {
        if k == first {
            span_start = Some(out.len());
        }
        if k == last {
            span_end = Some(out.len());
        }
        out.push(if c.is_control() && c != '\t' {
            '\u{FFFD}'
        } else {
            c
        });
    }
    let shown_end = out.len();
    if to < chars.len() {
        out.push('…');
    }
    let span_start = span_start.unwrap_or(if first < from { shown_start } else { shown_end });
    let span_end = span_end.unwrap_or(shown_end).max(span_start);
    (out, span_start..span_end)
}

pub fn render_config_error(error: &ConfigError, color: bool) -> String {
    let mut buffer = new_buffer(color);
    // Only the offending line, cut to a width: a `pack = "/etc/passwd"` or a secret file must
    // not end up in a CI log.
    let (text, span) = match &error.span {
        Some(span) if span.end <= error.text.len() => {
            let (text, span) = config_excerpt(&error.text, span.clone());
            (text, Some(span))
        }
        _ => (String::new(), None),
    };
    let path = super::visible(&error.path);
    let file = SimpleFile::new(path.as_ref(), text.as_str());
    let mut diagnostic = CsDiagnostic::<()>::error()
        .with_message(format!("配置有误：{}", super::visible(&error.message)));
    match span {
        Some(span) => {
            diagnostic =
                diagnostic.with_labels(vec![Label::primary((), span).with_message("这里")]);
        }
        _ => {
            diagnostic =
                diagnostic.with_message(format!("配置有误：{}：{}", error.path, error.message));
        }
    }
    if let Some(help) = &error.help {
        diagnostic = diagnostic.with_notes(vec![format!("建议：{help}")]);
    }
    emit(&mut buffer, &file, &diagnostic).expect("span checked");
    finish(buffer)
}
