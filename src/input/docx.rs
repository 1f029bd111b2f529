//! Word documents (.docx): the body's paragraphs in order, one line each, with Word's automatic
//! numbering rendered as it prints ("一、", "（一）", "1.") and heading styles kept as outline
//! levels. Tables become one line per row (`| cell | cell |`). Headers, footers, comments,
//! footnotes, text boxes, deleted revisions and hidden text are not read.
//!
//! A .docx is a ZIP archive from an untrusted source: the number of entries and the size of
//! every part read are capped (decompressed bytes are counted, not the sizes the archive
//! claims), the body is read as it is decompressed, and what it becomes is budgeted as it is
//! built: its text, its lines (paragraphs and table rows), its numbering markers. Every
//! malformed input is an error, never a panic.

use super::budget::{self, Budget, OverBudget};
use super::numbering::Numbering;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufReader, Cursor, Read};

/// Limits on what a .docx may unpack to, and become.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the archive.
    pub max_entries: usize,
    /// Decompressed bytes of all the parts read together.
    pub max_unpacked: u64,
    /// Bytes of text the document may become (paragraphs, markers, table rows, line breaks).
    pub max_text: u64,
    /// Lines (paragraphs outside tables, table rows) the document may become.
    pub max_lines: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 5_000,
            max_unpacked: 200 * 1024 * 1024,
            max_text: budget::MAX_TEXT_BYTES,
            max_lines: budget::MAX_LINES,
        }
    }
}

/// Elements open at once in a part. A real document nests a few dozen deep, tables in tables
/// included; the XML parser remembers every open element, and a part of nothing but opening
/// tags would make it remember tens of millions.
pub const MAX_DEPTH: usize = 1_000;

/// Why a .docx could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a readable Word document. The reason is Chinese, for the clerk.
    Invalid(String),
    /// A readable document that would become more than its budget.
    OverBudget(OverBudget),
}

impl From<String> for DocxError {
    fn from(reason: String) -> Self {
        DocxError::Invalid(reason)
    }
}

impl From<OverBudget> for DocxError {
    fn from(over: OverBudget) -> Self {
        DocxError::OverBudget(over)
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Invalid(reason) => f.write_str(reason),
            DocxError::OverBudget(over) => f.write_str(&over.reason(true)),
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
    /// Where each byte of the text came from; empty unless read with [`read_traced`].
    pub trace: Trace,
}

/// Where a byte of the text came from: the `offset`-th byte of the text of the `event`-th XML
/// event of `document.xml` (counting every event the reader gives, from 0), or nowhere
/// ([`At::MADE`]: numbering markers, table borders, line breaks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub event: u32,
    pub offset: u32,
}

impl At {
    /// A byte the reader made up.
    pub const MADE: At = At {
        event: u32::MAX,
        offset: 0,
    };

    pub fn is_made(self) -> bool {
        self.event == u32::MAX
    }
}

/// How the text maps back onto `document.xml`, for writing into the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// One per byte of the text.
    pub origins: Vec<At>,
    /// For each line, the event that opened its paragraph (`<w:p>`); `None` for a table row.
    pub paragraphs: Vec<Option<u32>>,
}

/// The author draftlint writes its comments and revisions under. Its own pending revisions are
/// read as if rejected: a reviewed copy reads as the document it was made from.
pub const AUTHOR: &str = "draftlint";

/// Start of an OLE compound file: a legacy .doc (or .xls, .wps) saved under another name.
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Read a .docx from its bytes.
pub fn read(bytes: &[u8], limits: Limits) -> Result<DocxText, DocxError> {
    read_with(bytes, limits, false)
}

/// [`read`], keeping where each byte of the text came from ([`DocxText::trace`]).
pub fn read_traced(bytes: &[u8], limits: Limits) -> Result<DocxText, DocxError> {
    read_with(bytes, limits, true)
}

fn read_with(bytes: &[u8], limits: Limits, tracing: bool) -> Result<DocxText, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(
            "这是旧版 Word（.doc）或 WPS 格式的文件，只是扩展名改成了 .docx；请在 Word 或 WPS 中“另存为” .docx 格式后再检查"
                .to_string()
                .into(),
        );
    }
    if !bytes.starts_with(b"PK") {
        return Err(
            "不是有效的 .docx 文件（.docx 应是 ZIP 压缩格式），文件可能已损坏或被改了扩展名"
                .to_string()
                .into(),
        );
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "文件已损坏或不完整：无法作为 .docx（ZIP）压缩包打开".to_string())?;
    if archive.len() > limits.max_entries {
        return Err(format!(
            "压缩包中有 {} 个条目，超过上限 {}，疑似“压缩炸弹”，已拒绝读取",
            archive.len(),
            limits.max_entries
        )
        .into());
    }
    let mut unpack = Unpack {
        limit: limits.max_unpacked,
        left: limits.max_unpacked,
    };
    let main_part = main_document_path(&mut archive, &mut unpack)?;
    if archive.index_for_name(&main_part).is_none() {
        return Err(
            "压缩包中没有 Word 正文（word/document.xml），不是 .docx 文档"
                .to_string()
                .into(),
        );
    }
    let styles = match read_part(&mut archive, "word/styles.xml", &mut unpack)? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let numbering = match read_part(&mut archive, "word/numbering.xml", &mut unpack)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    // The body is parsed as it is decompressed: only what it becomes is held.
    let entry = open_part(&mut archive, &main_part)?.ok_or_else(|| {
        "压缩包中没有 Word 正文（word/document.xml），不是 .docx 文档".to_string()
    })?;
    let mut reader = Reader::from_reader(BufReader::new(Counted {
        inner: entry,
        left: unpack.left,
        over: false,
    }));
    let budget = Budget::new(limits.max_text, limits.max_lines);
    read_body(&mut reader, &styles, numbering, budget, tracing).map_err(|error| match error {
        BodyError::Docx(error) => error,
        BodyError::Xml(error) => {
            if reader.get_ref().get_ref().over {
                unpack.bomb().into()
            } else {
                xml_error(&error, &main_part).into()
            }
        }
    })
}

/// The decompressed bytes the parts read may still take.
struct Unpack {
    limit: u64,
    left: u64,
}

impl Unpack {
    fn bomb(&self) -> String {
        format!(
            "解压后的内容超过 {}，疑似“压缩炸弹”，已拒绝读取",
            super::human_size(self.limit)
        )
    }
}

/// A part being decompressed, failing once it has given more bytes than are left.
struct Counted<R> {
    inner: R,
    left: u64,
    over: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            self.over = true;
            return Err(io::Error::other("unpack limit"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Why a part's XML could not be read, in Chinese.
fn xml_error(error: &quick_xml::Error, name: &str) -> String {
    match error {
        quick_xml::Error::Io(_) => format!("文件已损坏或不完整：压缩包中的 {name} 无法解压"),
        quick_xml::Error::Encoding(_) => {
            format!("文件已损坏：压缩包中的 {name} 不是有效的 UTF-8 XML")
        }
        _ => "文件已损坏：Word 正文（document.xml）不是完整的 XML".to_string(),
    }
}

/// The main document's path from `_rels/.rels`, else the usual `word/document.xml`.
fn main_document_path(archive: &mut Archive, unpack: &mut Unpack) -> Result<String, String> {
    let default = "word/document.xml".to_string();
    let Some(rels) = read_part(archive, "_rels/.rels", unpack)? else {
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

/// A part of the archive, to be decompressed. `None` when absent.
fn open_part<'a, 'b>(
    archive: &'a mut Archive<'b>,
    name: &str,
) -> Result<Option<zip::read::ZipFile<'a, Cursor<&'b [u8]>>>, String> {
    match archive.by_name(name) {
        Ok(entry) => Ok(Some(entry)),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(_)) => {
            Err(format!("无法读取压缩包中的 {name}：加密或不支持的压缩方式"))
        }
        Err(_) => Err(format!("文件已损坏：压缩包中的 {name} 无法读取")),
    }
}

/// A part's text, counting its decompressed bytes against the budget. `None` when absent.
fn read_part(
    archive: &mut Archive,
    name: &str,
    unpack: &mut Unpack,
) -> Result<Option<String>, String> {
    let Some(entry) = open_part(archive, name)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    let read = entry
        .take(unpack.left + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| format!("文件已损坏或不完整：压缩包中的 {name} 无法解压"))?;
    if read as u64 > unpack.left {
        return Err(unpack.bomb());
    }
    unpack.left -= read as u64;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("文件已损坏：压缩包中的 {name} 不是有效的 UTF-8 XML"))?;
    Ok(Some(text))
}

/// The element's name without its namespace prefix (`p` for `w:p`).
pub(crate) fn local<'a>(e: &'a BytesStart) -> &'a str {
    let name = e.name();
    let full: &str = name.0;
    full.rsplit(':').next().unwrap_or(full)
}

/// The value of the attribute whose local name is `name` (`w:val` for "val").
pub(crate) fn attr(e: &BytesStart, name: &str) -> Option<String> {
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

/// Styles, abstract numbering definitions and lists a document may define, each. A real
/// document has hundreds at most; each costs a few hundred bytes held for the whole read.
pub const MAX_DEFINITIONS: usize = 100_000;

pub(super) fn too_many_definitions(what: &str) -> String {
    format!(
        "文档中的{what}定义超过 {} 万个，疑似恶意构造的文件，已拒绝读取",
        MAX_DEFINITIONS / 10_000
    )
}

/// How deep the elements of a part are open, refused past [`MAX_DEPTH`]: the XML parser
/// remembers every open element.
#[derive(Default)]
pub(super) struct Depth(usize);

impl Depth {
    pub(super) fn follow(&mut self, event: &Event, part: &str) -> Result<(), String> {
        match event {
            Event::Start(_) => {
                self.0 += 1;
                if self.0 > MAX_DEPTH {
                    return Err(format!(
                        "文件已损坏：{part} 中的元素嵌套超过 {MAX_DEPTH} 层，疑似恶意构造的文件，已拒绝读取"
                    ));
                }
            }
            Event::End(_) => self.0 = self.0.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }
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
    /// The paragraph styles; an error for a part built to exhaust memory (more than
    /// [`MAX_DEFINITIONS`] styles, or nested deeper than [`MAX_DEPTH`]).
    pub fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut depth = Depth::default();
        let mut count = 0usize;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            depth.follow(&event, "styles.xml")?;
            match event {
                Event::Start(e) | Event::Empty(e) => match local(&e) {
                    "style" => {
                        if let Some((id, style)) = current.take() {
                            styles.by_id.insert(id, style);
                        }
                        count += 1;
                        if count > MAX_DEFINITIONS {
                            return Err(too_many_definitions("样式"));
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
        Ok(styles)
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
    /// Where each byte of `text` came from, when tracing.
    origins: Vec<At>,
    /// The event that opened it.
    event: u32,
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

/// Why the body could not be read: an XML error (its reason depends on why the reader
/// failed), or a reason already known.
enum BodyError {
    Xml(quick_xml::Error),
    Docx(DocxError),
}

impl<E: Into<DocxError>> From<E> for BodyError {
    fn from(error: E) -> Self {
        BodyError::Docx(error.into())
    }
}

/// The text being built, one line at a time, and what it has spent.
struct Output {
    text: String,
    lines: usize,
    headings: Vec<StyledHeading>,
    budget: Budget,
    tracing: bool,
    trace: Trace,
}

impl Output {
    /// A finished line. Line breaks inside it would shift every later paragraph: they are
    /// dropped. Its text was spent as it was gathered; the line and its break are spent here.
    /// `origins`: where each byte of `text` came from (when tracing); `paragraph`: the event
    /// that opened its paragraph.
    fn line(
        &mut self,
        text: &str,
        origins: &[At],
        paragraph: Option<u32>,
    ) -> Result<(), OverBudget> {
        self.budget.line()?;
        if self.lines > 0 {
            self.budget.push(&mut self.text, "\n")?;
            if self.tracing {
                self.trace.origins.push(At::MADE);
            }
        }
        let mut at = 0;
        for part in text.split(['\n', '\r']) {
            budget::append(&mut self.text, part)?;
            if self.tracing {
                self.trace
                    .origins
                    .extend_from_slice(&origins[at..at + part.len()]);
            }
            at += part.len() + 1;
        }
        if self.tracing {
            self.trace.paragraphs.push(paragraph);
        }
        self.lines += 1;
        Ok(())
    }
}

/// A table cell or row being gathered, and where its bytes came from (when tracing).
#[derive(Default)]
struct Gathered {
    text: String,
    origins: Vec<At>,
}

impl Gathered {
    fn push(&mut self, text: &str, origins: &[At], tracing: bool) -> Result<(), OverBudget> {
        budget::append(&mut self.text, text)?;
        if tracing {
            self.origins.extend_from_slice(origins);
        }
        Ok(())
    }

    fn push_made(&mut self, text: &str, tracing: bool) -> Result<(), OverBudget> {
        budget::append(&mut self.text, text)?;
        if tracing {
            self.origins
                .extend(std::iter::repeat_n(At::MADE, text.len()));
        }
        Ok(())
    }
}

fn read_body<R: io::BufRead>(
    reader: &mut Reader<R>,
    styles: &Styles,
    mut numbering: Numbering,
    budget: Budget,
    tracing: bool,
) -> Result<DocxText, BodyError> {
    let mut out = Output {
        text: String::new(),
        lines: 0,
        headings: Vec::new(),
        budget,
        tracing,
        trace: Trace::default(),
    };
    let mut buf = Vec::new();
    let mut depth = Depth::default();
    let mut skipping = 0usize;
    let mut paragraph: Option<Paragraph> = None;
    let mut in_run = false;
    let mut hidden = false;
    let mut in_text = false;
    let mut table_depth = 0usize;
    // The row being read, "| cell | cell |" so far.
    let mut row: Option<Gathered> = None;
    let mut cell: Option<Gathered> = None;
    let mut saw_body = false;
    // Revisions of draftlint's own that are open: their deleted text is read.
    let mut own_deletions = 0usize;
    let mut ordinal: u32 = 0;
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(error) => return Err(BodyError::Xml(error)),
        };
        let here = ordinal;
        ordinal = ordinal.saturating_add(1);
        depth.follow(&event, "document.xml")?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if skipping > 0 {
                    skipping += 1;
                    continue;
                }
                let own = || attr(&e, "author").as_deref() == Some(AUTHOR);
                if name == "del" && own() {
                    own_deletions += 1;
                    continue;
                }
                if SKIPPED.contains(&name) || (name == "ins" && own()) {
                    skipping += 1;
                    continue;
                }
                match name {
                    "body" => saw_body = true,
                    "p" => {
                        paragraph = Some(Paragraph {
                            event: here,
                            ..Paragraph::default()
                        })
                    }
                    "r" => {
                        in_run = true;
                        hidden = false;
                    }
                    "t" => in_text = true,
                    "delText" if own_deletions > 0 => in_text = true,
                    "tbl" => table_depth += 1,
                    "tr" if table_depth == 1 => {
                        let mut started = Gathered::default();
                        started.push_made("|", tracing)?;
                        row = Some(started);
                    }
                    "tc" if table_depth == 1 => cell = Some(Gathered::default()),
                    _ => paragraph_property(&e, name, paragraph.as_mut(), in_run, &mut hidden),
                }
            }
            Event::Empty(e) => {
                let name = local(&e);
                if skipping > 0 || SKIPPED.contains(&name) {
                    continue;
                }
                match name {
                    "tab" if in_run => push_text(paragraph.as_mut(), hidden, "\t", here, &mut out)?,
                    "noBreakHyphen" if in_run => {
                        push_text(paragraph.as_mut(), hidden, "-", here, &mut out)?
                    }
                    "p" => emit(
                        Paragraph {
                            event: here,
                            ..Paragraph::default()
                        },
                        styles,
                        &mut numbering,
                        &mut out,
                        cell.as_mut(),
                    )?,
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
                    "t" | "delText" => in_text = false,
                    "del" => own_deletions = own_deletions.saturating_sub(1),
                    "r" => in_run = false,
                    "p" => {
                        if let Some(p) = paragraph.take() {
                            emit(p, styles, &mut numbering, &mut out, cell.as_mut())?;
                        }
                    }
                    "tc" if table_depth == 1 => {
                        if let (Some(row), Some(cell)) = (row.as_mut(), cell.take()) {
                            out.budget.text(3)?;
                            row.push_made(" ", tracing)?;
                            let start = cell.text.len() - cell.text.trim_start().len();
                            let trimmed = cell.text.trim();
                            let origins = cell
                                .origins
                                .get(start..start + trimmed.len())
                                .unwrap_or_default();
                            row.push(trimmed, origins, tracing)?;
                            row.push_made(" |", tracing)?;
                        }
                    }
                    "tr" if table_depth == 1 => {
                        if let Some(mut row) = row.take() {
                            if row.text == "|" {
                                // A row without cells: "|  |".
                                out.budget.text(3)?;
                                row.push_made("  |", tracing)?;
                            }
                            out.line(&row.text, &row.origins, None)?;
                        }
                    }
                    "tbl" => table_depth = table_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skipping == 0 => {
                push_text(
                    paragraph.as_mut(),
                    hidden,
                    &t.xml10_content(),
                    here,
                    &mut out,
                )?;
            }
            Event::CData(t) if in_text && skipping == 0 => {
                push_text(paragraph.as_mut(), hidden, &t.into_inner(), here, &mut out)?;
            }
            Event::GeneralRef(r) if in_text && skipping == 0 => {
                push_text(
                    paragraph.as_mut(),
                    hidden,
                    &reference_text(&r),
                    here,
                    &mut out,
                )?;
            }
            _ => {}
        }
    }
    if !saw_body {
        return Err(DocxError::from(
            "文件已损坏：Word 正文（document.xml）中没有正文内容（w:body）".to_string(),
        )
        .into());
    }
    Ok(DocxText {
        text: out.text,
        headings: out.headings,
        trace: out.trace,
    })
}

/// The text an entity or character reference stands for; nothing for an unknown entity.
pub fn reference_text(r: &quick_xml::events::BytesRef) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => match &**r {
            "amp" => "&".to_string(),
            "lt" => "<".to_string(),
            "gt" => ">".to_string(),
            "quot" => "\"".to_string(),
            "apos" => "'".to_string(),
            _ => String::new(),
        },
    }
}

/// Text of a run, added to its paragraph and spent.
fn push_text(
    paragraph: Option<&mut Paragraph>,
    hidden: bool,
    text: &str,
    event: u32,
    out: &mut Output,
) -> Result<(), OverBudget> {
    if let Some(p) = paragraph
        && !hidden
    {
        out.budget.push(&mut p.text, text)?;
        if out.tracing {
            p.origins
                .extend((0..text.len() as u32).map(|offset| At { event, offset }));
        }
    }
    Ok(())
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
    out: &mut Output,
    cell: Option<&mut Gathered>,
) -> Result<(), OverBudget> {
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
    let mut origins = Vec::new();
    if let Some(marker) = marker {
        out.budget.push(&mut text, &marker)?;
        if out.tracing {
            origins.extend(std::iter::repeat_n(At::MADE, marker.len()));
        }
    }
    budget::append(&mut text, &p.text)?;
    origins.extend_from_slice(&p.origins);
    if let Some(cell) = cell {
        return cell.push(&text, &origins, out.tracing);
    }
    let level = match p.outline {
        Some(outline) if outline < 9 => Some(outline + 1),
        Some(_) => None,
        None => styles.heading_level(p.style.as_deref()),
    };
    if let Some(depth) = level
        && !text.trim().is_empty()
    {
        out.headings.push(StyledHeading {
            line: out.lines,
            depth,
            text: text.trim().to_string(),
        });
    }
    out.line(&text, &origins, Some(p.event))
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
    fn own_pending_revisions_read_as_rejected_others_as_accepted() {
        let body = "<w:p><w:r><w:t>甲</w:t></w:r><w:ins w:id=\"1\" w:author=\"draftlint\"><w:r><w:t>加</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"draftlint\"><w:r><w:delText>删</w:delText></w:r></w:del><w:ins w:id=\"3\" w:author=\"张三\"><w:r><w:t>补</w:t></w:r></w:ins><w:del w:id=\"4\" w:author=\"张三\"><w:r><w:delText>去</w:delText></w:r></w:del></w:p>";
        let bytes = docx(&[("word/document.xml", &document(body))]);
        let read = read_traced(&bytes, Limits::default()).unwrap();
        assert_eq!(read.text, "甲删补");
        assert_eq!(read.trace.origins.len(), read.text.len());
        assert!(read.trace.origins.iter().all(|at| !at.is_made()));
        assert_eq!(read.trace.paragraphs.len(), 1);
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
    fn what_a_document_becomes_is_budgeted() {
        let limits = Limits {
            max_lines: 3,
            max_text: 40,
            ..Limits::default()
        };
        let empty = |n: usize| docx(&[("word/document.xml", &document(&"<w:p/>".repeat(n)))]);
        assert_eq!(read(&empty(3), limits).unwrap().text, "\n\n");
        assert_eq!(
            read(&empty(4), limits),
            Err(DocxError::OverBudget(OverBudget::Lines { limit: 3 }))
        );
        // Rows are lines too; a row without cells reads as before.
        let rows = "<w:tbl><w:tr></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>";
        let bytes = docx(&[("word/document.xml", &document(rows))]);
        assert_eq!(read(&bytes, limits).unwrap().text, "|  |\n|  |");
        // Text is spent as it is gathered, line breaks and row borders included: 13 characters
        // of three bytes and a break are 40 bytes, one more is over.
        let text = |n: usize| {
            let body = format!("{}{}", p(&"法".repeat(n)), p(""));
            docx(&[("word/document.xml", &document(&body))])
        };
        assert!(read(&text(13), limits).is_ok());
        assert_eq!(
            read(&text(14), limits),
            Err(DocxError::OverBudget(OverBudget::Text { limit: 40 }))
        );
        // So are numbering markers.
        let numbering = format!(
            "<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"{}\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
            "%1".repeat(100)
        );
        let numbered = "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p>";
        let bytes = docx(&[
            ("word/document.xml", &document(&numbered.repeat(2))),
            ("word/numbering.xml", &numbering),
        ]);
        assert_eq!(
            read(&bytes, limits),
            Err(DocxError::OverBudget(OverBudget::Text { limit: 40 }))
        );
        let one = Limits {
            max_text: 40,
            ..Limits::default()
        };
        let bytes = docx(&[
            ("word/document.xml", &document(numbered)),
            ("word/numbering.xml", &numbering),
        ]);
        assert_eq!(
            read(&bytes, one).unwrap().text,
            format!("{} ", "1".repeat(31))
        );
    }

    #[test]
    fn refuses_parts_built_to_exhaust_the_parser() {
        // The document and its body are two levels.
        let nested = |n: usize| document(&format!("{}{}", "<x>".repeat(n), "</x>".repeat(n)));
        let bytes = docx(&[("word/document.xml", &nested(MAX_DEPTH - 2))]);
        assert!(read(&bytes, Limits::default()).is_ok_and(|d| d.text.is_empty()));
        let bytes = docx(&[("word/document.xml", &nested(MAX_DEPTH - 1))]);
        let refused = read(&bytes, Limits::default()).unwrap_err().to_string();
        assert!(refused.contains("嵌套超过 1000 层"), "{refused}");
        let styles = format!(
            "<w:styles {W}>{}</w:styles>",
            "<w:style w:styleId=\"a\"/>".repeat(MAX_DEFINITIONS + 1)
        );
        let bytes = docx(&[
            ("word/document.xml", &document(&p("正文"))),
            ("word/styles.xml", &styles),
        ]);
        let refused = read(&bytes, Limits::default()).unwrap_err().to_string();
        assert!(refused.contains("样式定义超过 10 万个"), "{refused}");
    }

    #[test]
    fn line_breaks_inside_a_paragraph_are_dropped() {
        let body = format!("{}{}", p("一&#10;二&#13;三"), p("四"));
        let bytes = docx(&[("word/document.xml", &document(&body))]);
        assert_eq!(read(&bytes, Limits::default()).unwrap().text, "一二三\n四");
    }

    #[test]
    fn refuses_hostile_archives() {
        let refused = |bytes: &[u8], limits: Limits| read(bytes, limits).unwrap_err().to_string();
        assert!(refused(b"PK\x03\x04garbage", Limits::default()).contains("损坏"));
        assert!(
            refused(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", Limits::default()).contains(".doc")
        );
        let bytes = docx(&[("word/other.xml", "<x/>")]);
        assert!(refused(&bytes, Limits::default()).contains("document.xml"));
        let big = document(&p(&"法".repeat(100_000)));
        let bytes = docx(&[("word/document.xml", &big)]);
        let limits = Limits {
            max_unpacked: 10_000,
            ..Limits::default()
        };
        assert!(refused(&bytes, limits).contains("压缩炸弹"));
        let many: Vec<(String, &str)> = (0..20).map(|i| (format!("f{i}.xml"), "<x/>")).collect();
        let refs: Vec<(&str, &str)> = many.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        let limits = Limits {
            max_entries: 10,
            ..Limits::default()
        };
        assert!(refused(&docx(&refs), limits).contains("条目"));
        let truncated = &docx(&[("word/document.xml", &big)])[..500];
        assert!(read(truncated, Limits::default()).is_err());
        let broken = docx(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(
            read(&broken, Limits::default()).is_ok_and(|d| d.text.is_empty())
                || read(&broken, Limits::default()).is_err()
        );
    }
}
