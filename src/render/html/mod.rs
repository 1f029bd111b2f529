//! `--format html`: one self-contained page for a reviewer who received many reports: a matrix
//! of documents × required parts with counts by severity, then each document's text with its
//! findings highlighted and listed beside it, and each copied passage beside its source. No
//! network: styles are inline. For large runs, the same as a folder: an index page with the
//! matrix and one page per report ([`write_index`], [`write_report`], named by [`page_names`]).

mod compare;
mod names;

pub use names::page_names;

use super::markup::escape;
use super::{Failure, Summary, line_column};
use crate::FileReport;
use crate::diagnostic::Severity;
use crate::structure::Presence;
use std::fmt::Write;

const STYLE: &str = r#"
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --ok: #2e7d32; --line: #e0e0e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #212121; background: #fafafa; }
header, main { max-width: 1400px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
.meta { color: #616161; font-size: 13px; }
.matrix-all { margin: 12px 0 24px; }
.matrix-part { content-visibility: auto; }
table.matrix { table-layout: fixed; border-collapse: collapse; background: #fff; width: 100%; margin: 0; }
col.c-doc { width: 26%; } col.c-count { width: 4em; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 6px 8px; text-align: center; font-size: 14px; }
.matrix th { background: #f5f5f5; font-weight: 600; }
.matrix td.doc { text-align: left; word-break: break-all; }
.present { color: var(--ok); } .thin { color: var(--warning); background: #fff8e1; } .missing { color: var(--error); background: #ffebee; font-weight: 600; }
.na { color: #bdbdbd; }
.count-error { color: var(--error); font-weight: 600; } .count-warning { color: var(--warning); } .count-info { color: var(--info); }
section.doc { content-visibility: auto; contain-intrinsic-size: auto 1500px; background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 24px; padding: 16px; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; margin-top: 12px; }
.text { align-self: start; font-size: 14px; border: 1px solid var(--line); border-radius: 4px; max-height: 80vh; overflow: auto; padding: 8px 0; }
.line { display: flex; white-space: pre-wrap; word-break: break-all; }
.ln { flex: 0 0 3.5em; text-align: right; padding-right: 10px; color: #9e9e9e; user-select: none; }
.lt { flex: 1; padding-right: 8px; }
mark { background: none; border-bottom: 2px solid; padding: 0 1px; }
mark.error { border-color: var(--error); background: #ffebee; } mark.warning { border-color: var(--warning); background: #fff8e1; } mark.info { border-color: var(--info); background: #e3f2fd; }
mark:target, mark.focus { outline: 2px solid #212121; }
ol.findings { list-style: none; margin: 0; padding: 0; max-height: 80vh; overflow: auto; }
ol.findings li { border-left: 4px solid; padding: 6px 10px; margin: 0 0 8px; background: #fafafa; font-size: 14px; }
ol.findings li.error { border-color: var(--error); } ol.findings li.warning { border-color: var(--warning); } ol.findings li.info { border-color: var(--info); }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px; color: #fff; margin-right: 6px; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); }
.rule { font-family: ui-monospace, monospace; font-size: 12px; color: #616161; }
.help { color: #424242; font-size: 13px; }
.failures { background: #ffebee; border: 1px solid var(--error); padding: 8px 16px; border-radius: 4px; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
.doc-title { font-weight: 600; } .doc-file { display: block; color: #757575; font-size: 12px; }
input.filter { position: absolute; opacity: 0; pointer-events: none; }
.filters { font-size: 14px; margin: 8px 0; }
.filters label { display: inline-block; margin: 0 12px 4px 0; cursor: pointer; user-select: none; }
.filters label::before { content: "☐ "; } .filters details { display: inline-block; vertical-align: top; }
.filters details label { font-family: ui-monospace, monospace; font-size: 12px; }
.compares { margin-top: 16px; }
h3 { font-size: 16px; margin: 0 0 4px; }
.legend { color: #616161; font-size: 13px; margin: 0 0 8px; }
.compare { border-left: 4px solid var(--warning); padding: 4px 0 4px 10px; margin: 0 0 16px; }
.compare.error { border-color: var(--error); } .compare.info { border-color: var(--info); }
.compare-head { margin: 0 0 6px; font-size: 14px; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 900px) { .pair { grid-template-columns: minmax(0, 1fr); } }
.side-name { margin: 0 0 2px; color: #616161; font-size: 13px; word-break: break-all; }
.passage { font-size: 14px; white-space: pre-wrap; word-break: break-all; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; background: #fff; }
ins { text-decoration: none; background: #c8e6c9; border-bottom: 2px solid var(--ok); }
del { text-decoration: line-through; text-decoration-color: var(--error); background: #ffcdd2; }
.context { color: #8d8d8d; }
.to-compare { font-size: 13px; } .br { color: #9e9e9e; padding: 0 2px; }
.pager { font-size: 14px; margin: 4px 0; } .pager a { margin-right: 16px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  header, main { max-width: none; padding: 0; }
  .filters { display: none; }
  .matrix-all { break-after: page; }
  .matrix-part, section.doc { content-visibility: visible; }
  .matrix th, .matrix td { padding: 3px 4px; font-size: 11px; }
  section.doc { border: none; border-radius: 0; padding: 0; margin: 0; break-before: page; }
  .columns { display: block; }
  .text, ol.findings { max-height: none; overflow: visible; }
  .text { border: none; }
  ol.findings { margin-top: 12px; }
  ol.findings li, .line { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  mark, .badge, .missing, .thin, ins, del { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .pager, .to-compare { display: none; }
  body.report section.doc { break-before: auto; }
  .pair { display: block; }
  .side + .side { margin-top: 6px; }
  .compare-head, .side-name { break-after: avoid; }
}
"#;

/// The severities a reader can show or hide, in the order the findings list them.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Checkboxes that show or hide findings by severity and by rule, with nothing but CSS: each
/// box sits before `<main>`, and a rule hides the findings of an unchecked one. Without styles
/// every finding shows.
fn filters(out: &mut Page, rules: &[&str]) {
    let mut style = String::new();
    for severity in SEVERITIES {
        let s = severity.as_str();
        let _ = write!(
            out,
            "<input type=\"checkbox\" class=\"filter\" id=\"show-{s}\" checked>"
        );
        let _ = write!(
            style,
            "#show-{s}:not(:checked) ~ main li.{s}, #show-{s}:not(:checked) ~ main .compare.{s} {{ display: none; }}\n#show-{s}:checked ~ header label[for=show-{s}]::before {{ content: \"☑ \"; }}\n"
        );
    }
    for (i, rule) in rules.iter().enumerate() {
        let _ = write!(
            out,
            "<input type=\"checkbox\" class=\"filter\" id=\"show-rule-{i}\" checked>"
        );
        let _ = write!(
            style,
            "#show-rule-{i}:not(:checked) ~ main [data-rule=\"{rule}\"] {{ display: none; }}\n#show-rule-{i}:checked ~ header label[for=show-rule-{i}]::before {{ content: \"☑ \"; }}\n"
        );
    }
    let _ = writeln!(out, "\n<style>\n{style}</style>");
}

/// The labels of the filter checkboxes, in the header.
fn filter_labels(out: &mut Page, rules: &[&str]) {
    out.push_str("<div class=\"filters\">显示：");
    for severity in SEVERITIES {
        let _ = write!(
            out,
            "<label for=\"show-{}\">{}</label>",
            severity.as_str(),
            severity_name(severity)
        );
    }
    if !rules.is_empty() {
        out.push_str("<details><summary>按规则</summary>");
        for (i, rule) in rules.iter().enumerate() {
            let _ = write!(out, "<label for=\"show-rule-{i}\">{}</label>", escape(rule));
        }
        out.push_str("</details>");
    }
    out.push_str("</div>\n");
}

/// The rules with findings in the run, in order: a filter each.
fn rules_found(reports: &[FileReport]) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// What a report is called: its title, else its file name.
fn report_name(report: &FileReport) -> &str {
    report.title.as_deref().unwrap_or(&report.source.name)
}

fn severity_name(severity: Severity) -> &'static str {
    super::text::severity_label(severity)
}

/// The page, written to `out` a piece at a time: the page of a document with a million findings
/// is never held whole.
struct Page<'a> {
    buffer: String,
    out: &'a mut dyn std::io::Write,
    failed: Option<std::io::Error>,
}

impl Page<'_> {
    /// Bytes gathered before they are written out.
    const CHUNK: usize = 64 * 1024;

    fn push_str(&mut self, text: &str) {
        self.buffer.push_str(text);
        if self.buffer.len() >= Self::CHUNK {
            self.flush();
        }
    }

    /// Write a page with `body` to `out`, a piece at a time.
    fn write_to(out: &mut dyn std::io::Write, body: impl FnOnce(&mut Page)) -> std::io::Result<()> {
        let mut page = Page {
            buffer: String::with_capacity(Page::CHUNK * 2),
            out,
            failed: None,
        };
        body(&mut page);
        page.flush();
        page.failed.map_or(Ok(()), Err)
    }

    fn flush(&mut self) {
        if self.failed.is_none()
            && let Err(error) = self.out.write_all(self.buffer.as_bytes())
        {
            self.failed = Some(error);
        }
        self.buffer.clear();
    }
}

impl Write for Page<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

pub fn render(reports: &[FileReport], failures: &[Failure]) -> String {
    let mut out = Vec::new();
    write(reports, failures, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the page is UTF-8")
}

/// Write the page of the whole run to `out`.
pub fn write(
    reports: &[FileReport],
    failures: &[Failure],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    Page::write_to(out, |page| {
        let rules = rules_found(reports);
        head(page, "draftlint 审阅报告", "");
        filters(page, &rules);
        run_header(page, reports, failures);
        filter_labels(page, &rules);
        page.push_str("</header>\n<main>\n");
        failure_lists(page, failures);
        matrix(page, reports, Links::Anchors);
        for (i, report) in reports.iter().enumerate() {
            document(page, i, report);
        }
        page.push_str("</main>\n</body>\n</html>\n");
    })
}

/// Write the index page of a folder: the run's counts and the matrix, each report linking to
/// its page (`pages`, from [`page_names`]).
pub fn write_index(
    reports: &[FileReport],
    failures: &[Failure],
    pages: &[String],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    Page::write_to(out, |page| {
        head(page, "draftlint 审阅报告", "index");
        run_header(page, reports, failures);
        page.push_str("</header>\n<main>\n");
        failure_lists(page, failures);
        matrix(page, reports, Links::Pages(pages));
        page.push_str("</main>\n</body>\n</html>\n");
    })
}

/// Write the page of report `index` of a folder, with links to the index and to the reports
/// before and after it.
pub fn write_report(
    reports: &[FileReport],
    index: usize,
    pages: &[String],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let report = &reports[index];
    Page::write_to(out, |page| {
        let rules = rules_found(std::slice::from_ref(report));
        head(
            page,
            &format!("{} — draftlint 审阅报告", report_name(report)),
            "report",
        );
        filters(page, &rules);
        page.push_str("<header>\n<nav class=\"pager\"><a href=\"index.html\">← 全部报告</a>");
        if let Some(before) = index.checked_sub(1).and_then(|i| pages.get(i)) {
            let _ = write!(page, "<a href=\"{}\">上一份</a>", escape(before));
        }
        if let Some(after) = pages.get(index + 1) {
            let _ = write!(page, "<a href=\"{}\">下一份</a>", escape(after));
        }
        let _ = writeln!(
            page,
            "<span class=\"meta\">第 {} 份，共 {} 份</span></nav>",
            index + 1,
            reports.len()
        );
        filter_labels(page, &rules);
        page.push_str("</header>\n<main>\n");
        document(page, index, report);
        page.push_str("</main>\n</body>\n</html>\n");
    })
}

/// The document's head and the start of its body (of class `class`, when not empty).
fn head(out: &mut Page, title: &str, class: &str) {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body{class}>\n",
        escape(title)
    );
}

/// The page's heading and the run's counts, in an open `<header>`.
fn run_header(out: &mut Page, reports: &[FileReport], failures: &[Failure]) {
    let summary = Summary::of(reports);
    let _ = write!(
        out,
        "<header>\n<h1>draftlint 审阅报告</h1>\n<p class=\"meta\">共 {} 份文件：{} 个错误，{} 个警告，{} 个提示{}</p>\n",
        summary.files,
        summary.errors,
        summary.warnings,
        summary.infos,
        unchecked_counts(failures)
    );
}

/// The files that could not be checked, and those skipped, each as a list.
fn failure_lists(out: &mut Page, failures: &[Failure]) {
    for (fatal, heading) in [
        (true, "以下文件无法检查："),
        (false, "以下文件的格式无法读取，未检查："),
    ] {
        let listed: Vec<&Failure> = failures.iter().filter(|f| f.is_fatal() == fatal).collect();
        if listed.is_empty() {
            continue;
        }
        let _ = write!(out, "<div class=\"failures\"><p>{heading}</p><ul>");
        for f in listed {
            let _ = write!(out, "<li>{}</li>", escape(&f.headline()));
        }
        out.push_str("</ul></div>\n");
    }
}

/// 「；2 份文件无法检查；1 份文件未检查」 after the counts of findings.
fn unchecked_counts(failures: &[Failure]) -> String {
    let super::Unchecked {
        unreadable,
        skipped,
    } = super::Unchecked::of(failures);
    let mut out = String::new();
    if unreadable > 0 {
        let _ = write!(out, "；{unreadable} 份文件无法检查");
    }
    if skipped > 0 {
        let _ = write!(out, "；{skipped} 份文件未检查");
    }
    out
}

/// Rows of the matrix in one table.
const MATRIX_PART: usize = 100;

/// Where the matrix sends a reader to read a report.
#[derive(Clone, Copy)]
enum Links<'a> {
    /// Its section further down the page.
    Anchors,
    /// Its own page, by file name.
    Pages(&'a [String]),
}

impl Links<'_> {
    fn to(self, index: usize) -> String {
        match self {
            Links::Anchors => format!("#doc-{index}"),
            Links::Pages(pages) => escape(&pages[index]),
        }
    }
}

/// Documents × required parts, then counts by severity.
fn matrix(out: &mut Page, reports: &[FileReport], links: Links) {
    // A column per part as named: packs share ids (`problems` is 存在的不足和原因 in one and
    // 存在问题 in another), and a column must not mix the two.
    let mut columns: Vec<(String, String)> = Vec::new();
    for report in reports {
        for part in &report.parts {
            if !columns
                .iter()
                .any(|(id, name)| id == &part.id && name == &part.name)
            {
                columns.push((part.id.clone(), part.name.clone()));
            }
        }
    }
    let mut head = String::from("<colgroup><col class=\"c-doc\">");
    head.push_str(&"<col>".repeat(columns.len()));
    head.push_str("<col class=\"c-count\"><col class=\"c-count\"><col class=\"c-count\"></colgroup>\n<thead><tr><th>文件</th>");
    for (_, name) in &columns {
        let _ = write!(head, "<th>{}</th>", escape(name));
    }
    head.push_str("<th>错误</th><th>警告</th><th>提示</th></tr></thead>\n<tbody>\n");
    // Tables of a hundred rows, each laid out on its own and only once scrolled to: one table
    // of 1,000 rows is laid out again and again as it arrives, and took over a second.
    out.push_str("<div class=\"matrix-all\">\n");
    for (i, report) in reports.iter().enumerate() {
        if i % MATRIX_PART == 0 {
            if i > 0 {
                out.push_str("</tbody>\n</table>\n</div>\n");
            }
            let rows = (reports.len() - i).min(MATRIX_PART);
            let _ = write!(
                out,
                "<div class=\"matrix-part\" style=\"contain-intrinsic-size: auto {}px\">\n<table class=\"matrix\">\n{head}",
                rows * 72 + 80
            );
        }
        let year = report
            .report_year
            .map_or(String::new(), |y| format!("（{y}年度）"));
        let _ = write!(
            out,
            "<tr><td class=\"doc\"><a href=\"{}\"><span class=\"doc-title\">{}</span></a>{}<span class=\"doc-file\">{}</span></td>",
            links.to(i),
            escape(report_name(report)),
            escape(&year),
            escape(&report.source.name)
        );
        for (id, name) in &columns {
            match report.parts.iter().find(|p| &p.id == id && &p.name == name) {
                Some(part) => {
                    let (class, text) = match part.presence {
                        Presence::Present => ("present", "✓ 有"),
                        Presence::Thin => ("thin", "△ 单薄"),
                        Presence::Missing => ("missing", "✗ 缺少"),
                    };
                    let _ = write!(out, "<td class=\"{class}\">{text}</td>");
                }
                None => out.push_str("<td class=\"na\">—</td>"),
            }
        }
        let count = |s: Severity| {
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == s)
                .count()
        };
        let _ = writeln!(
            out,
            "<td class=\"count-error\">{}</td><td class=\"count-warning\">{}</td><td class=\"count-info\">{}</td></tr>",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
    }
    if reports.is_empty() {
        let _ = write!(
            out,
            "<div class=\"matrix-part\">\n<table class=\"matrix\">\n{head}"
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n</div>\n");
}

fn document(out: &mut Page, index: usize, report: &FileReport) {
    let _ = write!(
        out,
        "<section class=\"doc\" id=\"doc-{index}\">\n<h2>{}</h2>\n<p class=\"meta\">文件：{}　规则包：{}（{}）　年度：{}</p>\n<div class=\"columns\">\n<div class=\"text\">\n",
        escape(report_name(report)),
        escape(&report.source.name),
        escape(&report.pack.display_name),
        escape(&report.pack.name),
        report
            .report_year
            .map_or("未知".to_string(), |y| y.to_string())
    );
    highlighted_text(out, index, report);
    out.push_str("</div>\n<ol class=\"findings\">\n");
    if report.diagnostics.is_empty() {
        out.push_str("<li class=\"info\">未发现问题。</li>\n");
    }
    // Errors first, then warnings, then remarks, each in text order.
    let mut order: Vec<usize> = (0..report.diagnostics.len()).collect();
    order.sort_by_key(|&j| std::cmp::Reverse(report.diagnostics[j].severity));
    for j in order {
        let d = &report.diagnostics[j];
        let class = d.severity.as_str();
        let (line, column) = line_column(&report.source, d.span.start);
        let _ = write!(
            out,
            "<li class=\"{class}\" data-rule=\"{}\"><span class=\"badge {class}\">{}</span>",
            escape(d.rule),
            severity_name(d.severity)
        );
        let _ = write!(
            out,
            "<a href=\"#m-{index}-{j}\">第{line}行第{column}列</a> <span class=\"rule\">{}</span><br>{}",
            escape(d.rule),
            escape(&d.message)
        );
        for note in &d.notes {
            let _ = write!(out, "<br><span class=\"help\">{}</span>", escape(note));
        }
        if let Some(help) = &d.help {
            let _ = write!(
                out,
                "<br><span class=\"help\">建议：{}</span>",
                escape(help)
            );
        }
        if d.original.is_some() {
            let _ = write!(
                out,
                "<br><a class=\"to-compare\" href=\"#c-{index}-{j}\">与来源并排对照 ↓</a>"
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</div>\n");
    comparisons(out, index, report);
    out.push_str("</section>\n");
}

/// Each copied passage beside the passage it copies, the changed characters marked, in text
/// order.
fn comparisons(out: &mut Page, index: usize, report: &FileReport) {
    let text = &report.source.text;
    let mut any = false;
    for (j, d) in report.diagnostics.iter().enumerate() {
        let Some(original) = d.original.as_deref() else {
            continue;
        };
        if !std::mem::replace(&mut any, true) {
            out.push_str("<div class=\"compares\">\n<h3>复制的文字与来源对照</h3>\n<p class=\"legend\">本文在左（窄屏和打印时在上），来源在右；<ins>绿底下划线</ins>是本文改动或新增的字，<del>红底删除线</del>是来源中被改动或删去的字，<span class=\"context\">灰字</span>是同一行的前后文，<span class=\"br\">↵</span> 是原文的换行。</p>\n");
        }
        let shown = crate::copies::widened(text, d.span.range());
        let start = shown.start;
        let passage = d.span.start.clamp(start, shown.end) - start
            ..d.span.end.clamp(start, shown.end) - start;
        let copy = text.get(shown).unwrap_or_default();
        let first = line_column(&report.source, start).0;
        let last = first + copy.trim_end().matches('\n').count();
        let original_last = original.line + original.text.trim_end().matches('\n').count();
        let from = match &original.document {
            Some(name) => format!(
                "来源：{} {}",
                escape(name),
                lines(original.line, original_last)
            ),
            None => format!(
                "本文{}（先出现的一处）",
                lines(original.line, original_last)
            ),
        };
        let (copy, original) = compare::marked(
            &compare::Side {
                text: copy,
                passage,
            },
            &compare::Side {
                text: &original.text,
                passage: original.passage.clone(),
            },
        );
        let _ = write!(
            out,
            "<div class=\"compare {}\" data-rule=\"{}\" id=\"c-{index}-{j}\">\n<p class=\"compare-head\"><a href=\"#m-{index}-{j}\">{}</a> {}</p>\n<div class=\"pair\">\n<div class=\"side\"><p class=\"side-name\">本文{}</p><div class=\"passage\">{copy}</div></div>\n<div class=\"side\"><p class=\"side-name\">{from}</p><div class=\"passage\">{original}</div></div>\n</div>\n</div>\n",
            d.severity.as_str(),
            escape(d.rule),
            lines(first, last),
            escape(&d.message),
            lines(first, last),
        );
    }
    if any {
        out.push_str("</div>\n");
    }
}

/// 「第3行」 or 「第3—5行」.
fn lines(first: usize, last: usize) -> String {
    if first == last {
        format!("第{first}行")
    } else {
        format!("第{first}—{last}行")
    }
}

/// The text, line by line, with every finding's span marked; where spans overlap, the most
/// severe wins the colour and every message shows in the tooltip.
fn highlighted_text(out: &mut Page, index: usize, report: &FileReport) {
    let text = &report.source.text;
    let spans: Vec<(usize, usize, usize)> = report
        .diagnostics
        .iter()
        .enumerate()
        .map(|(j, d)| {
            let start = d.span.start.min(text.len());
            let mut end = d.span.end.min(text.len()).max(start);
            if end == start {
                end = text[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
            }
            (start, end, j)
        })
        .collect();
    // One sweep over the text: the findings covering each piece are kept up to date at each
    // span's start and end, so the page is linear in the text and the findings.
    let mut by_start: Vec<usize> = (0..spans.len()).collect();
    by_start.sort_by_key(|&i| spans[i].0);
    let mut by_end: Vec<usize> = (0..spans.len()).collect();
    by_end.sort_by_key(|&i| spans[i].1);
    let (mut started, mut ended) = (0, 0);
    let mut covering: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut anchored = vec![false; report.diagnostics.len()];
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + content.len();
        let _ = write!(
            out,
            "<div class=\"line\"><span class=\"ln\">{}</span><span class=\"lt\">",
            line_no + 1
        );
        let mut at = line_start;
        loop {
            while let Some(&i) = by_start.get(started).filter(|&&i| spans[i].0 <= at) {
                covering.insert(spans[i].2);
                started += 1;
            }
            while let Some(&i) = by_end.get(ended).filter(|&&i| spans[i].1 <= at) {
                covering.remove(&spans[i].2);
                ended += 1;
            }
            if at >= line_end {
                break;
            }
            let next_event = [
                by_start.get(started).map(|&i| spans[i].0),
                by_end.get(ended).map(|&i| spans[i].1),
            ];
            let mut b = next_event
                .into_iter()
                .flatten()
                .filter(|&e| e > at)
                .fold(line_end, usize::min);
            while !text.is_char_boundary(b) {
                b += 1;
            }
            let piece = escape(&text[at..b]);
            at = b;
            if covering.is_empty() {
                out.push_str(&piece);
                continue;
            }
            let worst = covering
                .iter()
                .map(|&j| report.diagnostics[j].severity)
                .max()
                .unwrap_or(Severity::Info);
            let title: Vec<String> = covering
                .iter()
                .map(|&j| {
                    format!(
                        "[{}] {}",
                        report.diagnostics[j].rule, report.diagnostics[j].message
                    )
                })
                .collect();
            let ids: String = covering
                .iter()
                .filter(|&&j| !std::mem::replace(&mut anchored[j], true))
                .map(|j| format!("<a id=\"m-{index}-{j}\"></a>"))
                .collect();
            let _ = write!(
                out,
                "{ids}<mark class=\"{}\" title=\"{}\">{piece}</mark>",
                worst.as_str(),
                escape(&title.join("\n"))
            );
        }
        out.push_str("</span></div>\n");
    }
}
