//! PDF documents with a text layer: earlier years' reports as published, and drafts saved as
//! PDF. The text is rebuilt as paragraphs from where the glyphs stand on the page
//! ([`layout`]); what the glyphs are comes from interpreting the pages ([`extract`]). A PDF
//! whose text cannot be recovered faithfully (a scan, fonts without a Unicode map) is refused,
//! never checked as garbage; so are encrypted files and files built to exhaust the reader
//! ([`guard`]).

mod extract;
mod guard;
pub mod layout;

use super::budget::{Budget, OverBudget};

/// Limits on what a PDF may unpack to, and become.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes all its streams may unpack to (images aside).
    pub max_unpacked: u64,
    pub max_text: u64,
    pub max_lines: u64,
}

/// Pages read at most: a report has dozens.
pub const MAX_PAGES: usize = 10_000;

/// Share of glyphs, in percent, whose text may be missing before the document is refused: a
/// logo or a symbol font is a few glyphs, a font without a Unicode map is all of its text.
const MAX_ILLEGIBLE_PERCENT: usize = 5;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Not a readable PDF (damaged, encrypted, hostile). The reason is Chinese.
    Invalid(String),
    /// A sound PDF whose text cannot be read: pages that are images (a scan), or fonts without
    /// a Unicode map. The reason is Chinese and says what to do.
    NoText(String),
    /// A readable document that would become more than its budget.
    OverBudget(OverBudget),
}

/// What a PDF reads as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    /// One line per paragraph, joined with `\n`.
    pub text: String,
    /// The page (1-based) each line begins on.
    pub pages: Vec<u32>,
    /// Pages in the document.
    pub page_count: usize,
}

/// Read a PDF's text from its bytes.
pub fn read(bytes: &[u8], limits: Limits) -> Result<PdfText, PdfError> {
    let invalid = |reason: &str| PdfError::Invalid(reason.to_string());
    guard::check(bytes, limits.max_unpacked).map_err(|refusal| match refusal {
        guard::Refusal::NotPdf => invalid(
            "不是有效的 PDF 文件（缺少 PDF 文件头），文件可能已损坏或被改了扩展名",
        ),
        guard::Refusal::Encrypted => invalid(
            "PDF 已加密（设有打开密码或权限限制），无法读取其中的文字；请用 PDF 阅读器打开后另存为（或打印为）未加密的 PDF，或改用 Word 版",
        ),
        guard::Refusal::Unpacks { limit } => PdfError::Invalid(format!(
            "PDF 中的数据流解压后超过 {}，可能是恶意构造的文件，已拒绝读取",
            super::human_size(limit)
        )),
    })?;
    // The interpreter is written not to panic on malformed files; should it still, the file
    // is refused like any other unreadable one.
    let drawn = std::panic::catch_unwind(|| {
        let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).map_err(|error| match error {
            hayro_syntax::LoadPdfError::Decryption(_) => invalid(
                "PDF 已加密（设有打开密码或权限限制），无法读取其中的文字；请用 PDF 阅读器打开后另存为（或打印为）未加密的 PDF，或改用 Word 版",
            ),
            hayro_syntax::LoadPdfError::Invalid => {
                invalid("PDF 文件已损坏或不完整，无法读取；请重新下载或重新导出后再检查")
            }
        })?;
        let pages = pdf.pages().len();
        if pages > MAX_PAGES {
            return Err(PdfError::Invalid(format!(
                "PDF 有 {pages} 页，超过 {MAX_PAGES} 页上限，不像是一份报告，已拒绝读取"
            )));
        }
        Ok(extract::draw(&pdf))
    })
    .unwrap_or_else(|_| Err(invalid("PDF 文件结构异常，无法读取；请重新导出后再检查")))?;
    if drawn.truncated {
        return Err(PdfError::Invalid(format!(
            "PDF 中的文字超过 {} 个字符上限，可能是恶意构造的文件，已拒绝读取",
            extract::MAX_GLYPHS
        )));
    }
    judge_legibility(&drawn)?;
    let paragraphs = layout::paragraphs(&drawn.pages);
    let mut budget = Budget::new(limits.max_text, limits.max_lines);
    let mut text = String::new();
    let mut pages = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            budget.push(&mut text, "\n").map_err(PdfError::OverBudget)?;
        }
        budget.line().map_err(PdfError::OverBudget)?;
        budget
            .push(&mut text, &paragraph.text)
            .map_err(PdfError::OverBudget)?;
        pages.push(paragraph.page as u32 + 1);
    }
    Ok(PdfText {
        text,
        pages,
        page_count: drawn.pages.len(),
    })
}

/// Refuse a PDF without text, or whose text is not what it shows.
fn judge_legibility(drawn: &extract::Drawn) -> Result<(), PdfError> {
    if drawn.pages.is_empty() {
        return Err(PdfError::Invalid("PDF 中没有页面".to_string()));
    }
    let legible = drawn.glyphs - drawn.illegible;
    if legible == 0 && drawn.illegible == 0 {
        let reason = if drawn.image_pages > 0 {
            "PDF 没有文字层（页面是图片，可能是扫描件），无法读取其中的文字；请找到原始的 Word 或文字版 PDF，或先做文字识别（OCR）并核对后另存为 .docx"
        } else {
            "PDF 中没有可读取的文字"
        };
        return Err(PdfError::NoText(reason.to_string()));
    }
    if drawn.image_pages * 2 > drawn.pages.len() {
        return Err(PdfError::NoText(format!(
            "PDF 共 {} 页，其中 {} 页没有文字层（页面是图片，可能是扫描件），无法完整读取；请找到原始的 Word 或文字版 PDF",
            drawn.pages.len(),
            drawn.image_pages
        )));
    }
    if drawn.illegible * 100 > drawn.glyphs * MAX_ILLEGIBLE_PERCENT {
        return Err(PdfError::NoText(format!(
            "PDF 的文字无法可靠提取：{} 个字中有 {} 个的字体没有提供对应的文字（多为缺少 ToUnicode 映射的嵌入字体），提取结果会是乱码；请改用 Word 版，或用原文档重新导出 PDF",
            drawn.glyphs, drawn.illegible
        )));
    }
    Ok(())
}
