//! What a document may become once read: its decoded text and its lines. The file size limit
//! and the unpack limit of a .docx bound what a file *is*; a few hundred bytes of Word XML can
//! still become gigabytes of text (a list numbered from four billion in letters) or tens of
//! millions of lines (a 190 KB archive of empty paragraphs), and every line costs memory in the
//! checks that follow. The budget is counted while the text is built, before anything is
//! allocated for it, and a document over it is refused like any unreadable file.

/// Decoded text a document may become, in bytes of UTF-8, at the default file size limit. A
/// 500-page report is about 1.5 MB; a 20 MB GB18030 or UTF-16 text file, the largest read by
/// default, decodes to at most 30 MB. Checking costs about ten times the text in memory, so
/// this keeps one document well under a gigabyte.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Lines (a .docx: paragraphs and table rows) a document may have, at the default file size
/// limit. A long report has a few thousand; the checks need about 150 bytes for each line, so a
/// million lines is some 150 MB.
pub const MAX_LINES: u64 = 1_000_000;

/// Why a document was refused for what it would become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverBudget {
    /// More decoded text than `limit` bytes.
    Text { limit: u64 },
    /// More lines than `limit`.
    Lines { limit: u64 },
    /// The memory for the text could not be reserved.
    Memory,
}

impl OverBudget {
    /// The reason, in Chinese. `unpacked` is for a .docx, which becomes far more than its
    /// file; a text file decodes to about its size, and only raising `max-file-size` helps.
    pub fn reason(self, unpacked: bool) -> String {
        let what = match self {
            OverBudget::Text { limit } => format!("{} 文本上限", super::human_size(limit)),
            OverBudget::Lines { limit } if unpacked => format!("{}（行）上限", count(limit, "段")),
            OverBudget::Lines { limit } => format!("{}上限", count(limit, "行")),
            OverBudget::Memory if unpacked => {
                return "内存不足，容纳不下文档展开后的文字，已拒绝读取".to_string();
            }
            OverBudget::Memory => return "内存不足，容纳不下文件的内容，已拒绝读取".to_string(),
        };
        if unpacked {
            format!("文档展开后超过 {what}，可能是恶意构造的文件，已拒绝读取")
        } else {
            format!(
                "文件超过 {what}，不像是一份报告；如确需检查，可在 .draftlint.toml 中调大 max-file-size（这一上限随之提高）"
            )
        }
    }
}

/// A count as people read it: "100 万行", "12345 行".
fn count(n: u64, unit: &str) -> String {
    if n >= 10_000 && n.is_multiple_of(10_000) {
        format!("{} 万{unit}", n / 10_000)
    } else {
        format!("{n} {unit}")
    }
}

/// The budget for one document, spent as its text is built.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    max_text: u64,
    max_lines: u64,
    text: u64,
    lines: u64,
}

impl Budget {
    pub fn new(max_text: u64, max_lines: u64) -> Budget {
        Budget {
            max_text,
            max_lines,
            text: 0,
            lines: 0,
        }
    }

    /// Spend `bytes` of text.
    pub fn text(&mut self, bytes: usize) -> Result<(), OverBudget> {
        self.text = self.text.saturating_add(bytes as u64);
        if self.text > self.max_text {
            return Err(OverBudget::Text {
                limit: self.max_text,
            });
        }
        Ok(())
    }

    /// Spend one line.
    pub fn line(&mut self) -> Result<(), OverBudget> {
        self.lines += 1;
        if self.lines > self.max_lines {
            return Err(OverBudget::Lines {
                limit: self.max_lines,
            });
        }
        Ok(())
    }

    /// Append `text` to `out`, spending its bytes.
    pub fn push(&mut self, out: &mut String, text: &str) -> Result<(), OverBudget> {
        self.text(text.len())?;
        append(out, text)
    }

    /// Check a text decoded whole (bounded by the file size limit) before it is used: its size
    /// and its lines, counted as the checks count them (`\n`, `\r\n` or a lone `\r`).
    pub fn check_text(mut self, text: &str) -> Result<(), OverBudget> {
        self.text(text.len())?;
        let bytes = text.as_bytes();
        let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .count() as u64;
        // The first line, then one more after each break.
        if breaks >= self.max_lines {
            return Err(OverBudget::Lines {
                limit: self.max_lines,
            });
        }
        Ok(())
    }
}

/// Append `text` to `out` (text already spent, moved from one buffer to the next), reserving
/// the memory fallibly: a failure is an error, not an abort.
pub fn append(out: &mut String, text: &str) -> Result<(), OverBudget> {
    out.try_reserve(text.len())
        .map_err(|_| OverBudget::Memory)?;
    out.push_str(text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spends_text_and_lines_up_to_the_limit() {
        let mut budget = Budget::new(10, 2);
        let mut out = String::new();
        budget.push(&mut out, "12345").unwrap();
        budget.push(&mut out, "67890").unwrap();
        assert_eq!(
            budget.push(&mut out, "x"),
            Err(OverBudget::Text { limit: 10 })
        );
        assert_eq!(out, "1234567890");
        budget.line().unwrap();
        budget.line().unwrap();
        assert_eq!(budget.line(), Err(OverBudget::Lines { limit: 2 }));
    }

    #[test]
    fn a_decoded_text_counts_lines_like_the_line_index() {
        let budget = Budget::new(100, 3);
        assert!(budget.check_text("a\nb\nc").is_ok());
        assert!(budget.check_text("a\r\nb\r\nc\r\n").is_err());
        assert!(budget.check_text("a\r\nb\r\nc").is_ok());
        assert!(budget.check_text("a\rb\rc").is_ok());
        assert!(budget.check_text("a\rb\r\rc").is_err());
        assert_eq!(
            Budget::new(4, 10).check_text("12345"),
            Err(OverBudget::Text { limit: 4 })
        );
    }

    #[test]
    fn reasons_name_the_limit() {
        let text = OverBudget::Text {
            limit: MAX_TEXT_BYTES,
        };
        assert_eq!(
            text.reason(true),
            "文档展开后超过 64 MB 文本上限，可能是恶意构造的文件，已拒绝读取"
        );
        let lines = OverBudget::Lines { limit: MAX_LINES };
        assert!(lines.reason(true).contains("超过 100 万段（行）上限"));
        assert!(lines.reason(false).starts_with("文件超过 100 万行上限"));
        assert_eq!(count(12_345, "行"), "12345 行");
    }
}
