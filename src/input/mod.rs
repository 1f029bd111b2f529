//! Reading documents from disk or stdin into decoded text: plain text in any of the encodings
//! real offices use, Markdown, Word (.docx) and PDF with a text layer. Hostile input (empty, binary, corrupt, zip
//! bombs, huge files, renamed .doc files) is refused with a Chinese reason, never a panic.

mod budget;
mod corpus;
pub mod docx;
mod encoding;
mod markdown;
mod numbering;
mod outline;
pub mod pdf;
pub mod unreadable;
mod walk;

pub use budget::{MAX_LINES, MAX_TEXT_BYTES, OverBudget};
pub use corpus::expand as expand_corpus;
pub use encoding::{Decoded, TextEncoding};
pub use walk::{IGNORE_FILE_NAME, WalkError, Walked, collect_paths, draftlint_ignores};

use crate::source::{Format, Origin};
use std::io::{self, Read};
use std::path::Path;

/// Files larger than this are refused unless `max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

/// A .docx may unpack to at most this many times the file size limit.
pub const DOCX_UNPACK_FACTOR: u64 = 10;

/// The streams of a PDF may unpack to at most this many times the file size limit (images
/// aside, which reading text never decodes).
pub const PDF_UNPACK_FACTOR: u64 = 10;

/// Why a document could not be read. The message is for the clerk, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub reason: String,
    /// Set when the document is readable but was refused for what it would become.
    pub over_budget: Option<OverBudget>,
    /// A sound document of a kind whose text cannot be read (a scanned PDF): in a folder walked
    /// it is listed as not checked, not counted as a failure.
    pub without_text: bool,
}

impl InputError {
    fn new(reason: impl Into<String>) -> Self {
        InputError {
            reason: reason.into(),
            over_budget: None,
            without_text: false,
        }
    }

    fn without_text(reason: impl Into<String>) -> Self {
        InputError {
            without_text: true,
            ..InputError::new(reason)
        }
    }

    /// Refused for what it would become; `unpacked` for a .docx, which becomes far more than
    /// its file.
    fn over_budget(over: OverBudget, unpacked: bool) -> Self {
        InputError {
            reason: over.reason(unpacked),
            over_budget: Some(over),
            without_text: false,
        }
    }
}

/// How documents are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest file read, in bytes (checked before reading).
    pub max_file_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

impl ReadOptions {
    pub fn docx_limits(self) -> docx::Limits {
        let (max_text, max_lines) = self.budget_limits();
        docx::Limits {
            max_unpacked: self.max_file_size.saturating_mul(DOCX_UNPACK_FACTOR),
            max_text,
            max_lines,
            ..docx::Limits::default()
        }
    }

    fn pdf_limits(self) -> pdf::Limits {
        let (max_text, max_lines) = self.budget_limits();
        pdf::Limits {
            max_unpacked: self.max_file_size.saturating_mul(PDF_UNPACK_FACTOR),
            max_text,
            max_lines,
        }
    }

    /// Text bytes and lines a document may become: [`MAX_TEXT_BYTES`] and [`MAX_LINES`], and
    /// as many times more as `max-file-size` is raised above its default, so that a file let in
    /// on purpose is not refused for what it decodes to.
    fn budget_limits(self) -> (u64, u64) {
        let scale = self.max_file_size.div_ceil(DEFAULT_MAX_FILE_SIZE).max(1);
        (
            MAX_TEXT_BYTES.saturating_mul(scale),
            MAX_LINES.saturating_mul(scale),
        )
    }

    fn budget(self) -> budget::Budget {
        let (max_text, max_lines) = self.budget_limits();
        budget::Budget::new(max_text, max_lines)
    }
}

/// Refuse a text decoded whole (plain text, Markdown) that is over the budget of `options`:
/// too many lines for the checks to hold.
pub fn check_budget(text: &str, options: ReadOptions) -> Result<(), InputError> {
    options
        .budget()
        .check_text(text)
        .map_err(|over| InputError::over_budget(over, false))
}

/// A document read: the text rules check, and what the reader learned about the file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub text: String,
    pub origin: Origin,
}

/// The format a path's extension promises.
pub fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Format::Markdown,
        Some("docx") => Format::Docx,
        Some("pdf") => Format::Pdf,
        _ => Format::Text,
    }
}

/// Whether `--fix` may rewrite this file. A .docx or a PDF is read as text but cannot be
/// written back without losing its formatting, so it is refused with a reason.
pub fn is_fixable(path: &Path) -> Result<(), String> {
    match format_of(path) {
        Format::Docx => Err(
            "Word 文档（.docx）只检查、不自动修正：请按检查结果在 Word 或 WPS 中修改".to_string(),
        ),
        Format::Pdf => {
            Err("PDF 只检查、不自动修正：请在原始的 Word 或 WPS 文档中按检查结果修改".to_string())
        }
        _ => Ok(()),
    }
}

/// Read and decode a document, refusing files over the size limit before reading them.
pub fn read_document(path: &Path, options: ReadOptions) -> Result<Loaded, InputError> {
    let bytes = read_bytes(path, options)?;
    refuse_unreadable_kind(path, &bytes)?;
    load(&bytes, format_of(path), options)
}

/// A file whose name says it is a kind draftlint cannot read ([`unreadable`]) is refused with
/// what to do, unless its content is a Word document (a .docx renamed); a lock file always is.
fn refuse_unreadable_kind(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    match unreadable::reason(path) {
        Some(reason) if unreadable::is_lock_file(path) || !is_zip(bytes) => {
            Err(InputError::new(reason))
        }
        _ => Ok(()),
    }
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A file's bytes, refusing folders, FIFOs, devices and files over the size limit before
/// reading them.
pub fn read_bytes(path: &Path, options: ReadOptions) -> Result<Vec<u8>, InputError> {
    let describe = |e: io::Error| InputError::new(describe_io_error(&e));
    // Only a regular file: a FIFO or a device would block or never end.
    let (file, metadata) = open_regular(path).map_err(InputError::new)?;
    if metadata.len() > options.max_file_size {
        return Err(too_large(metadata.len(), options.max_file_size));
    }
    let mut bytes = Vec::new();
    // The size is the file system's word, up to a limit the user may have raised far: reserved
    // fallibly, so a size the memory cannot hold is a refusal, not an abort.
    bytes
        .try_reserve_exact(metadata.len() as usize)
        .map_err(|_| InputError::over_budget(OverBudget::Memory, false))?;
    file.take(options.max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    if bytes.len() as u64 > options.max_file_size {
        return Err(too_large(bytes.len() as u64, options.max_file_size));
    }
    Ok(bytes)
}

/// Read and decode standard input (plain text, Markdown, .docx or PDF by content).
pub fn read_stdin_document(options: ReadOptions) -> Result<Loaded, InputError> {
    read_stdin_as(Format::Text, options)
}

/// Standard input, read as a document of `format` (`--stdin-filename` names it).
pub fn read_stdin_as(format: Format, options: ReadOptions) -> Result<Loaded, InputError> {
    let mut bytes = Vec::new();
    io::stdin()
        .take(options.max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(describe_io_error(&e)))?;
    if bytes.len() as u64 > options.max_file_size {
        return Err(too_large(bytes.len() as u64, options.max_file_size));
    }
    load(&bytes, format, options)
}

fn too_large(size: u64, limit: u64) -> InputError {
    InputError::new(format!(
        "文件有 {}，超过大小上限 {}；如确需检查，可在 .draftlint.toml 中调大 max-file-size",
        human_size(size),
        human_size(limit)
    ))
}

/// Size caps for the small files a run depends on.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;
pub const MAX_PACK_SIZE: u64 = 1024 * 1024;
pub const MAX_BASELINE_SIZE: u64 = 64 * 1024 * 1024;

/// Open a file for reading only if it is a regular file: a FIFO, a socket or a device (which
/// would block, or never end) is refused before it is opened, and the open itself never
/// blocks (a file swapped for a FIFO in between). The reason is Chinese.
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), String> {
    let metadata = std::fs::metadata(path).map_err(|e| describe_io_error(&e))?;
    check_regular(&metadata)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| describe_io_error(&e))?;
    let metadata = file.metadata().map_err(|e| describe_io_error(&e))?;
    check_regular(&metadata)?;
    Ok((file, metadata))
}

fn check_regular(metadata: &std::fs::Metadata) -> Result<(), String> {
    if metadata.is_dir() {
        Err("这是文件夹，不是文件".to_string())
    } else if !metadata.is_file() {
        Err("不是普通文件（管道、设备或套接字），未读取".to_string())
    } else {
        Ok(())
    }
}

/// Read a configuration, pack or baseline: a regular file of at most `cap` bytes. The reason
/// is Chinese and never quotes the content.
pub fn read_small_file(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let (file, metadata) = open_regular(path)?;
    let over = |size: u64| {
        format!(
            "文件有 {}，超过上限 {}，未读取",
            human_size(size),
            human_size(cap)
        )
    };
    if metadata.len() > cap {
        return Err(over(metadata.len()));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io_error(&e))?;
    if bytes.len() as u64 > cap {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_small_file`], as UTF-8 text.
pub fn read_small_text(path: &Path, cap: u64) -> Result<String, String> {
    String::from_utf8(read_small_file(path, cap)?)
        .map_err(|_| "不是 UTF-8 编码的文本文件，未读取".to_string())
}

/// Sizes for people: 20 MB, 512 KB, 300 字节.
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = bytes * 10 / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} 字节")
    }
}

/// Read decoded text as Markdown: the text the rules check (markup blanked, offsets kept), with
/// its headings, directives and markup. `--fix` reads each pass of a Markdown file with it: the
/// file was decoded and accepted once, and a fixed text is read as Markdown whatever it became.
pub fn read_markdown(text: String) -> Loaded {
    let md = markdown::read(&text);
    let headings = outline::heading_hints(&md.headings);
    let shown = (md.text != text).then_some(text);
    Loaded {
        text: md.text,
        origin: Origin {
            format: Format::Markdown,
            headings,
            directives: md.directives,
            shown,
            markup: md.markup,
            ..Origin::default()
        },
    }
}

/// Decode a document's bytes as the format its name promises, trusting the content over the
/// name: a ZIP is read as .docx, an OLE file is a legacy .doc, a file with a PDF header is a PDF.
pub fn load(bytes: &[u8], format: Format, options: ReadOptions) -> Result<Loaded, InputError> {
    if format == Format::Pdf || bytes.starts_with(b"%PDF-") {
        return load_pdf(bytes, options);
    }
    if format == Format::Docx || is_zip(bytes) || bytes.starts_with(docx::OLE_MAGIC) {
        if format != Format::Docx && bytes.starts_with(docx::OLE_MAGIC) {
            return Err(InputError::new(
                "这是旧版 Word（.doc）、WPS 或 Excel 等 Office 二进制文件，不是文本；请另存为 .docx 或 .txt 后再检查",
            ));
        }
        let read = docx::read(bytes, options.docx_limits()).map_err(|error| match error {
            docx::DocxError::OverBudget(over) => InputError::over_budget(over, true),
            docx::DocxError::Invalid(reason) if format == Format::Docx => InputError::new(reason),
            docx::DocxError::Invalid(reason) => InputError::new(format!(
                "这是 ZIP 压缩包，不是文本文件，也无法作为 Word 文档读取（{reason}）"
            )),
        })?;
        if read.text.trim().is_empty() {
            return Err(InputError::new("文件为空：Word 文档中没有文字"));
        }
        let headings = outline::heading_hints(&read.headings);
        return Ok(Loaded {
            text: read.text,
            origin: Origin {
                format: Format::Docx,
                headings,
                ..Origin::default()
            },
        });
    }
    let decoded = encoding::decode(bytes).map_err(InputError::new)?;
    check_budget(&decoded.text, options)?;
    let encoding = Some(decoded.encoding.id());
    if format == Format::Markdown {
        let mut loaded = read_markdown(decoded.text);
        loaded.origin.encoding = encoding;
        return Ok(loaded);
    }
    Ok(Loaded {
        text: decoded.text,
        origin: Origin {
            format: Format::Text,
            encoding,
            ..Origin::default()
        },
    })
}

fn load_pdf(bytes: &[u8], options: ReadOptions) -> Result<Loaded, InputError> {
    let read = pdf::read(bytes, options.pdf_limits()).map_err(|error| match error {
        pdf::PdfError::Invalid(reason) => InputError::new(reason),
        pdf::PdfError::NoText(reason) => InputError::without_text(reason),
        pdf::PdfError::OverBudget(over) => InputError::over_budget(over, true),
    })?;
    if read.text.trim().is_empty() {
        return Err(InputError::without_text("PDF 中没有可读取的文字"));
    }
    Ok(Loaded {
        text: read.text,
        origin: Origin {
            format: Format::Pdf,
            pages: read.pages,
            ..Origin::default()
        },
    })
}

/// What `--verbose` says about how a file was read.
pub fn describe_origin(origin: &Origin) -> String {
    let encoding = origin
        .encoding
        .and_then(|id| {
            [
                TextEncoding::Utf8,
                TextEncoding::Utf8Bom,
                TextEncoding::Utf16Le,
                TextEncoding::Utf16Be,
                TextEncoding::Utf16LeNoBom,
                TextEncoding::Utf16BeNoBom,
                TextEncoding::Gb18030,
                TextEncoding::Big5,
            ]
            .into_iter()
            .find(|e| e.id() == id)
        })
        .map(|e| e.label());
    match (origin.format, encoding) {
        (Format::Docx, _) => format!(
            "Word 文档（.docx），每段一行，{} 个按样式识别的标题",
            origin.headings.len()
        ),
        (Format::Pdf, _) => format!(
            "PDF 文字层，按版面重组为 {} 段（已去掉页眉、页脚和页码），{} 页",
            origin.pages.len(),
            origin.pages.last().copied().unwrap_or(0)
        ),
        (Format::Markdown, Some(encoding)) => format!(
            "Markdown，编码 {encoding}，{} 个 # 标题，{} 条禁用指令",
            origin.headings.len(),
            origin.directives.len()
        ),
        (_, Some(encoding)) => format!("纯文本，编码 {encoding}"),
        (_, None) => "纯文本".to_string(),
    }
}

/// A document's text, decoded (any supported format; the format follows the extension).
pub fn read_path(path: &Path) -> Result<String, InputError> {
    read_document(path, ReadOptions::default()).map(|l| l.text)
}

pub fn read_stdin() -> Result<String, InputError> {
    read_stdin_document(ReadOptions::default()).map(|l| l.text)
}

/// Decode a text file: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK (detected).
/// Empty, binary and Word files are refused.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    decode_text(bytes).map(|d| d.text)
}

/// [`decode`], with the encoding found (for writing the file back in it).
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::new(
            "这是一个压缩包或 Word（.docx）文件，不是纯文本",
        ));
    }
    if bytes.starts_with(docx::OLE_MAGIC) {
        return Err(InputError::new(
            "这是旧版 Word（.doc）等 Office 二进制文件，不是纯文本",
        ));
    }
    encoding::decode(bytes).map_err(InputError::new)
}

/// An I/O error in Chinese.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "文件或文件夹不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        io::ErrorKind::IsADirectory => "这是文件夹，不是文件".to_string(),
        io::ErrorKind::InvalidData => "文件内容无法读取".to_string(),
        _ if err.raw_os_error() == Some(40) => "符号链接形成循环，无法打开".to_string(),
        _ => format!("读取失败（{err}）"),
    }
}

/// Why a write failed, in words for the user (the verb is 写入, never 读取).
pub fn describe_write_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "所在文件夹不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        io::ErrorKind::IsADirectory => "这是文件夹，不是文件".to_string(),
        io::ErrorKind::StorageFull => "磁盘空间不足，写入失败".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "文件系统只读，写入失败".to_string(),
        io::ErrorKind::QuotaExceeded => "超出磁盘配额，写入失败".to_string(),
        _ if err.raw_os_error() == Some(40) => "符号链接形成循环，无法写入".to_string(),
        _ => format!("写入失败（{err}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_office_files() {
        assert!(decode(b"").unwrap_err().reason.contains("为空"));
        assert!(decode(b"  \n").unwrap_err().reason.contains("为空"));
        assert!(decode(b"ab\0cd").unwrap_err().reason.contains("二进制"));
        assert_eq!(decode(&[0xB1, 0xA8, 0xB8, 0xE6]).unwrap(), "报告");
        assert_eq!(decode("\u{FEFF}报告".as_bytes()).unwrap(), "报告");
        let ole = load(
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0",
            Format::Text,
            ReadOptions::default(),
        );
        assert!(ole.unwrap_err().reason.contains(".doc"));
        let zip = load(b"PK\x03\x04\0\0", Format::Text, ReadOptions::default());
        assert!(zip.unwrap_err().reason.contains("ZIP"));
    }

    #[test]
    fn text_and_markdown_over_the_line_budget_are_refused() {
        let text = format!("报告{}", "\n".repeat(MAX_LINES as usize - 1));
        for format in [Format::Text, Format::Markdown] {
            assert!(load(text.as_bytes(), format, ReadOptions::default()).is_ok());
            let over = format!("{text}\r");
            let refused = load(over.as_bytes(), format, ReadOptions::default()).unwrap_err();
            assert_eq!(
                refused.over_budget,
                Some(OverBudget::Lines { limit: MAX_LINES })
            );
            assert!(
                refused.reason.contains("100 万行上限"),
                "{}",
                refused.reason
            );
            // Raising the file size limit raises the budget with it.
            let raised = ReadOptions {
                max_file_size: DEFAULT_MAX_FILE_SIZE * 2,
            };
            assert!(load(over.as_bytes(), format, raised).is_ok());
        }
    }

    #[test]
    fn docx_is_fixable_never() {
        assert!(is_fixable(Path::new("a/报告.DOCX")).is_err());
        assert!(is_fixable(Path::new("a/报告.md")).is_ok());
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(20 * 1024 * 1024), "20 MB");
        assert_eq!(human_size(1536 * 1024), "1.5 MB");
        assert_eq!(human_size(2048), "2 KB");
    }
}
