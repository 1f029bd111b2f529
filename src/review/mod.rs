//! The reviewed copy of a Word document (`--format docx`): the same package, with every
//! finding as a comment by draftlint on the characters it marks and every safe fix as a
//! tracked change, for the clerk to accept or reject in Word or WPS.
//!
//! Only `word/document.xml` and the comment parts change; every other entry is copied as it is
//! stored. Comments and revisions by draftlint from an earlier run are replaced, not added to.
//! draftlint reads its own pending revisions as rejected ([`crate::input::docx::AUTHOR`]), so
//! checking a reviewed copy finds what checking the original found.

mod body;
mod comments;
pub mod edits;
mod plan;
mod time;

use crate::FileReport;
use crate::diagnostic::Diagnostic;
use crate::input::docx::{self, Limits};
use crate::render::text::severity_label;
use comments::Comment;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

pub use time::now_utc;

const DOCUMENT: &str = "word/document.xml";
const RELATIONSHIPS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";

/// A reviewed copy and what went into it.
#[derive(Debug)]
pub struct Reviewed {
    pub bytes: Vec<u8>,
    pub comments: usize,
    /// Edits written as tracked changes.
    pub revisions: usize,
    /// Edits that could not be (they change a numbering marker or a table's layout).
    pub left_out: usize,
}

/// The paragraphs of a finding's comment: what is wrong, what to do, which rule.
pub fn comment_text(d: &Diagnostic) -> Vec<String> {
    let mut paragraphs = vec![format!("【{}】{}", severity_label(d.severity), d.message)];
    if let Some(help) = &d.help {
        paragraphs.push(format!("建议：{help}"));
    }
    if let Some(fix) = &d.fix {
        paragraphs.push(format!(
            "可自动修正：{}（已作为修订标出，可接受或拒绝）",
            fix.description
        ));
    }
    paragraphs.push(format!(
        "规则：{}（运行 draftlint explain {} 查看说明）",
        d.rule, d.rule
    ));
    paragraphs
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn read_entry(archive: &mut Archive, name: &str) -> Result<Option<Vec<u8>>, String> {
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(format!("文件已损坏：压缩包中的 {name} 无法读取")),
    };
    let mut bytes = Vec::new();
    entry
        .read_to_end(&mut bytes)
        .map_err(|_| format!("文件已损坏或不完整：压缩包中的 {name} 无法解压"))?;
    Ok(Some(bytes))
}

/// The reviewed copy of the .docx `original`, for `report` (the findings on it) and `fixed`
/// (its text after `--fix`). `date`: when the comments and revisions are made (ISO 8601).
/// The reason is Chinese.
pub fn review(
    original: &[u8],
    report: &FileReport,
    fixed: &str,
    date: &str,
    limits: Limits,
) -> Result<Reviewed, String> {
    let read = docx::read_traced(original, limits).map_err(|e| e.to_string())?;
    let text = &report.source.text;
    if read.text != *text {
        return Err("文档的文字与检查时读到的不一致（文件可能在检查时被改动），请重新检查".into());
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(original))
        .map_err(|_| "文件已损坏或不完整：无法作为 .docx（ZIP）压缩包打开".to_string())?;
    let document = read_entry(&mut archive, DOCUMENT)?
        .ok_or_else(|| "压缩包中没有 Word 正文（word/document.xml），无法写审阅稿".to_string())?;
    let relationships = read_entry(&mut archive, RELATIONSHIPS)?;
    let related = relationships
        .as_deref()
        .and_then(comments::related_comments);
    let comments_path = match &related {
        Some(target) if target.starts_with('/') => target.trim_start_matches('/').to_string(),
        Some(target) => format!("word/{target}"),
        None => "word/comments.xml".to_string(),
    };
    let existing = read_entry(&mut archive, &comments_path)?;
    let own = existing
        .as_deref()
        .map(|xml| comments::own_comments(xml).0)
        .unwrap_or_default();
    let first_id = comments::largest_id(&document)
        .max(existing.as_deref().map_or(0, comments::largest_id))
        .saturating_add(1);

    let findings = &report.diagnostics;
    let written: Vec<Comment> = findings
        .iter()
        .zip(first_id..)
        .map(|(d, id)| Comment {
            id,
            paragraphs: comment_text(d),
        })
        .collect();
    let anchors: Vec<(u32, std::ops::Range<usize>)> = findings
        .iter()
        .zip(first_id..)
        .map(|(d, id)| (id, d.span.range()))
        .collect();
    let changes = edits::between(text, fixed);
    let plan = plan::place(text, &read.trace, &anchors, &changes)
        .ok_or_else(|| "文档中没有可以加批注的文字".to_string())?;
    let mut signature = body::Signature {
        date,
        next_id: first_id.saturating_add(findings.len() as u32),
    };
    let document = body::rewrite(&document, &plan, &own, &mut signature)?;

    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    replaced.insert(DOCUMENT.to_string(), document);
    replaced.insert(
        comments_path.clone(),
        comments::comments_part(existing.as_deref(), &written, date),
    );
    if related.is_none() {
        replaced.insert(
            RELATIONSHIPS.to_string(),
            comments::relate_comments(relationships.as_deref()),
        );
    }
    if let Some(types) = read_entry(&mut archive, CONTENT_TYPES)?
        && let Some(types) = comments::content_types(&types, &comments_path)
    {
        replaced.insert(CONTENT_TYPES.to_string(), types);
    }
    let bytes = repack(&mut archive, replaced)?;
    Ok(Reviewed {
        bytes,
        comments: written.len(),
        revisions: plan.revisions,
        left_out: plan.left_out,
    })
}

/// The archive with the entries of `replaced` written anew (in place, or at the end when
/// new) and every other entry copied as stored.
fn repack(
    archive: &mut Archive,
    mut replaced: HashMap<String, Vec<u8>>,
) -> Result<Vec<u8>, String> {
    let broken = |_| "写审阅稿时压缩包出错".to_string();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|_| "文件已损坏：压缩包中的条目无法读取".to_string())?;
        let name = entry
            .name()
            .map_err(|_| "文件已损坏：压缩包中的条目名称无法读取".to_string())?
            .into_owned();
        match replaced.remove(&name) {
            Some(bytes) => {
                let options = match entry.last_modified() {
                    Some(time) => options.last_modified_time(time),
                    None => options,
                };
                drop(entry);
                out.start_file(name, options).map_err(broken)?;
                out.write_all(&bytes).map_err(|e| broken(e.into()))?;
            }
            None => out.raw_copy_file(entry).map_err(broken)?,
        }
    }
    let mut added: Vec<(String, Vec<u8>)> = replaced.into_iter().collect();
    added.sort();
    for (name, bytes) in added {
        out.start_file(name, options).map_err(broken)?;
        out.write_all(&bytes).map_err(|e| broken(e.into()))?;
    }
    Ok(out.finish().map_err(broken)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::input::docx::tests::{document, docx};
    use crate::source::Source;

    const TITLE: &str =
        "<w:p><w:r><w:t>某县人民政府关于2023年度法治政府建设情况的报告</w:t></w:r></w:p>";

    fn reviewed(body: &str) -> (Reviewed, String) {
        let bytes = docx(&[("word/document.xml", &document(body))]);
        let text = docx::read(&bytes, Limits::default()).unwrap().text;
        let settings = Settings::default();
        let report = crate::check(Source::new("t.docx", text.clone()), &settings);
        let fixed = crate::fix::fix(Source::new("t.docx", text), &settings).text;
        let reviewed = review(
            &bytes,
            &report,
            &fixed,
            "2026-01-01T00:00:00Z",
            Limits::default(),
        )
        .unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(&reviewed.bytes[..])).unwrap();
        let body = String::from_utf8(read_entry(&mut archive, DOCUMENT).unwrap().unwrap()).unwrap();
        (reviewed, body)
    }

    #[test]
    fn a_fix_inside_a_run_splits_it_keeping_its_properties() {
        let body = format!(
            "{TITLE}<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>我县全年办结12件,成效明显。</w:t></w:r></w:p>"
        );
        let (reviewed, xml) = reviewed(&body);
        assert!(reviewed.comments > 0 && reviewed.revisions > 0);
        assert!(
            xml.contains("<w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">,</w:delText></w:r></w:del>"),
            "{xml}"
        );
        assert!(
            xml.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">，</w:t>"),
            "{xml}"
        );
        assert!(
            xml.contains("<w:t xml:space=\"preserve\">我县全年办结12件</w:t>"),
            "{xml}"
        );
        assert!(xml.contains("<w:commentRangeStart"), "{xml}");
    }

    #[test]
    fn runs_without_a_finding_or_a_fix_stay_as_written() {
        let clean = "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>全年办结案件十二件。</w:t></w:r></w:p>";
        let fixable = "<w:p><w:r><w:t>正文,内容。</w:t></w:r></w:p>";
        let body = format!("{TITLE}{fixable}{clean}{fixable}");
        let (_, xml) = reviewed(&body);
        assert!(xml.contains(clean), "{xml}");
    }

    #[test]
    fn comment_text_names_the_rule_and_the_advice() {
        let d = Diagnostic::new("cjk-spacing", crate::source::Span::new(0, 1), "多余空格")
            .help("删除空格");
        let text = comment_text(&d).join("\n");
        assert!(text.contains("多余空格") && text.contains("建议：删除空格"));
        assert!(text.contains("cjk-spacing"));
    }
}
