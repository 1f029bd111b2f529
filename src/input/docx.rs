//! Word documents (.docx): the body's paragraphs in order, one line each, with Word's automatic
//! numbering rendered as it prints ("一、", "（一）", "1.") and heading styles kept as outline
//! levels. Tables become one line per row (`| cell | cell |`). Headers, footers, comments,
//! footnotes, text boxes, deleted revisions and hidden text are not read.
//!
//! A .docx is a ZIP archive from an untrusted source: the number of entries and the size of
//! every part read are capped (decompressed bytes are counted, not the sizes the archive
//! claims), and every malformed input is an error, never a panic.

use super::numbering::Numbering;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Limits on what a .docx may unpack to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the archive.
    pub max_entries: usize,
    /// Decompressed bytes of all the parts read together.
    pub max_unpacked: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 5_000,
            max_unpacked: 200 * 1024 * 1024,
        }
    }
}

/// A paragraph that Word marks as a heading (by style or outline level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledHeading {
    /// 0-based line (= paragraph) in the text.
    pub line: usize,
    /// 1-based outline level (Heading 1 = 1).
    pub depth: u8,
    pub text: String,
}

/// What a .docx reads as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    /// One line per paragraph (or table row), joined with `\n`.
    pub text: String,
    pub headings: Vec<StyledHeading>,
}

/// Start of an OLE compound file: a legacy .doc (or .xls, .wps) saved under another name.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Read a .docx from its bytes. The error is Chinese, for the clerk.
pub fn read(bytes: &[u8], limits: Limits) -> Result<DocxText, String> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(
            "这是旧版 Word（.doc）或 WPS 格式的文件，只是扩展名改成了 .docx；请在 Word 或 WPS 中“另存为” .docx 格式后再检查"
                .to_string(),
        );
    }
    if !bytes.starts_with(b"PK") {
        return Err(
            "不是有效的 .docx 文件（.docx 应是 ZIP 压缩格式），文件可能已损坏或被改了扩展名"
                .to_string(),
        );
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "文件已损坏或不完整：无法作为 .docx（ZIP）压缩包打开".to_string())?;
    if archive.len() > limits.max_entries {
        return Err(format!(
            "压缩包中有 {} 个条目，超过上限 {}，疑似“压缩炸弹”，已拒绝读取",
            archive.len(),
            limits.max_entries
        ));
    }
    let mut budget = limits.max_unpacked;
    let main_part = main_document_path(&mut archive, &mut budget)?;
    let document = read_part(&mut archive, &main_part, &mut budget)?.ok_or_else(|| {
        "压缩包中没有 Word 正文（word/document.xml），不是 .docx 文档".to_string()
    })?;
    let styles = match read_part(&mut archive, "word/styles.xml", &mut budget)? {
        Some(xml) => Styles::parse(&xml),
        None => Styles::default(),
    };
    let numbering = match read_part(&mut archive, "word/numbering.xml", &mut budget)? {
        Some(xml) => Numbering::parse(&xml),
        None => Numbering::default(),
    };
    read_body(&document, &styles, numbering)
}

/// The main document's path from `_rels/.rels`, else the usual `word/document.xml`.
fn main_document_path(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    budget: &mut u64,
) -> Result<String, String> {
    let default = "word/document.xml".to_string();
    let Some(rels) = read_part(archive, "_rels/.rels", budget)? else {
        return Ok(default);
    };
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(&e) == "Relationship" => {
                let kind = attr(&e, "Type").unwrap_or_default();
                if kind.ends_with("/officeDocument")
                    && let Some(target) = attr(&e, "Target")
                {
                    return Ok(target.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(default),
            _ => {}
        }
    }
}

/// A part's text, counting its decompressed bytes against the budget. `None` when absent.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, String> {
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => {
            return Err(format!("无法读取压缩包中的 {name}：加密或不支持的压缩方式"));
        }
        Err(_) => return Err(format!("文件已损坏：压缩包中的 {name} 无法读取")),
    };
    let mut bytes = Vec::new();
    let read = entry
        .take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| format!("文件已损坏或不完整：压缩包中的 {name} 无法解压"))?;
    if read as u64 > *budget {
        return Err(format!(
            "解压后的内容超过 {}，疑似“压缩炸弹”，已拒绝读取",
            super::human_size(*budget)
        ));
    }
    *budget -= read as u64;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("文件已损坏：压缩包中的 {name} 不是有效的 UTF-8 XML"))?;
    Ok(Some(text))
}

/// The element's name without its namespace prefix (`p` for `w:p`).
pub(super) fn local<'a>(e: &'a BytesStart) -> &'a str {
    let name = e.name();
    let full: &str = name.0;
    full.rsplit(':').next().unwrap_or(full)
}

/// The value of the attribute whose local name is `name` (`w:val` for "val").
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        (key.rsplit(':').next() == Some(name))
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

pub(super) fn attr_u32(e: &BytesStart, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// A run property switched on: `<w:vanish/>`, not `<w:vanish w:val="0"/>`.
fn toggled_on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(u32, Option<u8>)>,
}

/// Paragraph styles from `styles.xml`.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

impl Styles {
    pub fn parse(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e) {
                    "style" => {
                        if let Some((id, style)) = current.take() {
                            styles.by_id.insert(id, style);
                        }
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        if let Some(id) = attr(&e, "styleId").filter(|_| paragraph) {
                            if attr(&e, "default").is_some_and(|d| d == "1" || d == "true") {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                    }
                    name => {
                        if let Some((_, style)) = current.as_mut() {
                            match name {
                                "name" => style.name = attr(&e, "val").unwrap_or_default(),
                                "basedOn" => style.based_on = attr(&e, "val"),
                                "outlineLvl" => {
                                    style.outline = attr_u32(&e, "val").map(|v| v.min(9) as u8)
                                }
                                "numId" => {
                                    let level = style.num.and_then(|n| n.1);
                                    style.num = attr_u32(&e, "val").map(|id| (id, level));
                                }
                                "ilvl" => {
                                    let level = attr_u32(&e, "val").map(|v| v.min(8) as u8);
                                    style.num = Some((style.num.map_or(u32::MAX, |n| n.0), level));
                                }
                                _ => {}
                            }
                        }
                    }
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                _ => {}
            }
        }
        if let Some((id, style)) = current.take() {
            styles.by_id.insert(id, style);
        }
        styles
    }

    /// Follow `basedOn` from a style (or the default paragraph style), at most a few steps.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            let Some(style) = self.by_id.get(id) else {
                break;
            };
            if out.len() > 16 {
                break;
            }
            out.push(style);
            next = style.based_on.as_deref();
        }
        out
    }

    /// The 1-based heading level a style gives: its outline level, else a name like
    /// "heading 2" or "标题 2". The title style gives none.
    fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for style in self.chain(id) {
            if let Some(outline) = style.outline {
                return (outline < 9).then_some(outline + 1);
            }
            if let Some(level) = level_from_name(&style.name) {
                return Some(level);
            }
        }
        None
    }

    fn numbering(&self, id: Option<&str>) -> Option<(u32, Option<u8>)> {
        self.chain(id)
            .iter()
            .find_map(|s| s.num)
            .filter(|n| n.0 != u32::MAX)
    }
}

fn level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let digits = rest.trim();
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[derive(Default)]
struct Paragraph {
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    text: String,
}

/// Elements whose content is not part of the printed body text.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "instrText",
    "delInstrText",
    "txbxContent",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "tabs",
];

fn read_body(xml: &str, styles: &Styles, mut numbering: Numbering) -> Result<DocxText, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = DocxText::default();
    let mut lines: Vec<String> = Vec::new();
    let mut skipping = 0usize;
    let mut paragraph: Option<Paragraph> = None;
    let mut in_run = false;
    let mut hidden = false;
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut saw_body = false;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(_) => {
                return Err("文件已损坏：Word 正文（document.xml）不是完整的 XML".to_string());
            }
        };
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if skipping > 0 || SKIPPED.contains(&name) {
                    skipping += 1;
                    continue;
                }
                match name {
                    "body" => saw_body = true,
                    "p" => paragraph = Some(Paragraph::default()),
                    "r" => {
                        in_run = true;
                        hidden = false;
                    }
                    "t" => in_text = true,
                    "tbl" => table_depth += 1,
                    "tr" if table_depth == 1 => row = Some(Vec::new()),
                    "tc" if table_depth == 1 => cell = Some(String::new()),
                    _ => paragraph_property(&e, name, paragraph.as_mut(), in_run, &mut hidden),
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if skipping > 0 || SKIPPED.contains(&name) {
                    continue;
                }
                match name {
                    "tab" if in_run => push_text(paragraph.as_mut(), hidden, "\t"),
                    "noBreakHyphen" if in_run => push_text(paragraph.as_mut(), hidden, "-"),
                    "p" => emit(
                        Paragraph::default(),
                        styles,
                        &mut numbering,
                        &mut lines,
                        &mut out.headings,
                        cell.as_mut(),
                    ),
                    _ => paragraph_property(&e, name, paragraph.as_mut(), in_run, &mut hidden),
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name: &str = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match name {
                    "t" => in_text = false,
                    "r" => in_run = false,
                    "p" => {
                        if let Some(p) = paragraph.take() {
                            emit(
                                p,
                                styles,
                                &mut numbering,
                                &mut lines,
                                &mut out.headings,
                                cell.as_mut(),
                            );
                        }
                    }
                    "tc" if table_depth == 1 => {
                        if let (Some(row), Some(cell)) = (row.as_mut(), cell.take()) {
                            row.push(cell);
                        }
                    }
                    "tr" if table_depth == 1 => {
                        if let Some(cells) = row.take() {
                            let cells: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
                            lines.push(format!("| {} |", cells.join(" | ")));
                        }
                    }
                    "tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skipping == 0 => {
                push_text(paragraph.as_mut(), hidden, &t.xml10_content());
            }
            Event::CData(t) if in_text && skipping == 0 => {
                push_text(paragraph.as_mut(), hidden, &t.into_inner());
            }
            Event::GeneralRef(r) if in_text && skipping == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        _ => String::new(),
                    },
                };
                push_text(paragraph.as_mut(), hidden, &resolved);
            }
            _ => {}
        }
    }
    if !saw_body {
        return Err("文件已损坏：Word 正文（document.xml）中没有正文内容（w:body）".to_string());
    }
    // Line breaks inside the text of a line would shift every later paragraph.
    for line in &mut lines {
        if line.contains(['\n', '\r']) {
            *line = line.replace(['\n', '\r'], "");
        }
    }
    out.text = lines.join("\n");
    Ok(out)
}

fn push_text(paragraph: Option<&mut Paragraph>, hidden: bool, text: &str) {
    if let Some(p) = paragraph
        && !hidden
    {
        p.text.push_str(text);
    }
}

fn paragraph_property(
    e: &BytesStart,
    name: &str,
    paragraph: Option<&mut Paragraph>,
    in_run: bool,
    hidden: &mut bool,
) {
    if in_run {
        if name == "vanish" || name == "specVanish" {
            *hidden = toggled_on(e);
        }
        return;
    }
    let Some(p) = paragraph else {
        return;
    };
    match name {
        "pStyle" => p.style = attr(e, "val"),
        "numId" => p.num_id = attr_u32(e, "val"),
        "ilvl" => p.ilvl = attr_u32(e, "val").map(|v| v.min(8) as u8),
        "outlineLvl" => p.outline = attr_u32(e, "val").map(|v| v.min(9) as u8),
        _ => {}
    }
}

/// A finished paragraph: its numbering rendered in front, as a line of its own or as part of
/// the table cell it sits in.
fn emit(
    p: Paragraph,
    styles: &Styles,
    numbering: &mut Numbering,
    lines: &mut Vec<String>,
    headings: &mut Vec<StyledHeading>,
    cell: Option<&mut String>,
) {
    let style_num = styles.numbering(p.style.as_deref());
    let num = match (p.num_id, style_num) {
        (Some(id), _) => Some((id, p.ilvl.or(style_num.and_then(|s| s.1)).unwrap_or(0))),
        (None, Some((id, level))) => Some((id, p.ilvl.or(level).unwrap_or(0))),
        (None, None) => None,
    };
    let marker = match num {
        Some((id, level)) if id != 0 => numbering.next(id, level),
        _ => None,
    };
    let mut text = String::new();
    if let Some(marker) = marker {
        text.push_str(&marker);
    }
    text.push_str(&p.text);
    if let Some(cell) = cell {
        cell.push_str(&text);
        return;
    }
    let level = match p.outline {
        Some(outline) if outline < 9 => Some(outline + 1),
        Some(_) => None,
        None => styles.heading_level(p.style.as_deref()),
    };
    if let Some(depth) = level
        && !text.trim().is_empty()
    {
        headings.push(StyledHeading {
            line: lines.len(),
            depth,
            text: text.trim().to_string(),
        });
    }
    lines.push(text);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    pub const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// A .docx built from its parts, for tests.
    pub fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, content) in parts {
                zip.start_file(*name, options).unwrap();
                zip.write_all(content.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    pub fn document(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>"
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn reads_paragraphs_tables_and_skips_what_does_not_print() {
        let body = [
            p("青禾县人民政府关于2023年度法治政府建设情况的报告"),
            "<w:p><w:r><w:t>一、主要</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>举措&amp;成效</w:t></w:r><w:r><w:commentReference w:id=\"1\"/></w:r></w:p>".to_string(),
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
            "<w:p/>".to_string(),
            p("正文"),
        ]
        .concat();
        let bytes = docx(&[("word/document.xml", &document(&body))]);
        let read = read(&bytes, Limits::default()).unwrap();
        assert_eq!(
            read.text,
            "青禾县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措&成效\n| 项目 | 数量 |\n\n正文"
        );
    }

    #[test]
    fn heading_styles_give_levels() {
        let styles = format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Mine\"><w:name w:val=\"我的标题\"/><w:basedOn w:val=\"1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"a5\"><w:name w:val=\"标题 2\"/></w:style></w:styles>"
        );
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Mine\"/></w:pPr><w:r><w:t>存在的问题</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"a5\"/></w:pPr><w:r><w:t>执法</w:t></w:r></w:p><w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>细项</w:t></w:r></w:p>";
        let bytes = docx(&[
            ("word/document.xml", &document(body)),
            ("word/styles.xml", &styles),
        ]);
        let read = read(&bytes, Limits::default()).unwrap();
        let levels: Vec<(usize, u8)> = read.headings.iter().map(|h| (h.line, h.depth)).collect();
        assert_eq!(levels, vec![(0, 1), (1, 2), (2, 3)]);
    }

    #[test]
    fn refuses_hostile_archives() {
        assert!(
            read(b"PK\x03\x04garbage", Limits::default())
                .unwrap_err()
                .contains("损坏")
        );
        assert!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", Limits::default())
                .unwrap_err()
                .contains(".doc")
        );
        let bytes = docx(&[("word/other.xml", "<x/>")]);
        assert!(
            read(&bytes, Limits::default())
                .unwrap_err()
                .contains("document.xml")
        );
        let big = document(&p(&"法".repeat(100_000)));
        let bytes = docx(&[("word/document.xml", &big)]);
        let limits = Limits {
            max_unpacked: 10_000,
            ..Limits::default()
        };
        assert!(read(&bytes, limits).unwrap_err().contains("压缩炸弹"));
        let many: Vec<(String, &str)> = (0..20).map(|i| (format!("f{i}.xml"), "<x/>")).collect();
        let refs: Vec<(&str, &str)> = many.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        let limits = Limits {
            max_entries: 10,
            ..Limits::default()
        };
        assert!(read(&docx(&refs), limits).unwrap_err().contains("条目"));
        let truncated = &docx(&[("word/document.xml", &big)])[..500];
        assert!(read(truncated, Limits::default()).is_err());
        let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(
            read(&broken, Limits::default()).is_ok_and(|d| d.text.is_empty())
                || read(&broken, Limits::default()).is_err()
        );
    }
}
