//! Reading documents from disk or stdin into decoded text.

mod corpus;
mod walk;

pub use corpus::expand as expand_corpus;
pub use walk::{WalkError, collect_paths};

use std::io::{self, Read};
use std::path::Path;

/// Why a document could not be read. The message is for the clerk, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub reason: String,
}

impl InputError {
    fn new(reason: impl Into<String>) -> Self {
        InputError {
            reason: reason.into(),
        }
    }
}

/// A document's text, decoded.
pub fn read_path(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::new(describe_io_error(&e)))?;
    decode(&bytes)
}

pub fn read_stdin() -> Result<String, InputError> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(describe_io_error(&e)))?;
    decode(&bytes)
}

/// Decode a document: UTF-8 with or without BOM. Empty and binary files are refused.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new("文件为空，没有可检查的内容"));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::new(
            "这是一个压缩包或 Word（.docx）文件，不是纯文本；请另存为 .txt 后再检查",
        ));
    }
    if bytes.contains(&0) {
        return Err(InputError::new("这是二进制文件，不是文本文件"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(InputError::new(format!(
            "不是有效的 UTF-8 文本（第 {} 个字节处编码错误）；请把文件另存为 UTF-8 编码",
            e.valid_up_to() + 1
        ))),
    }
}

/// An I/O error in Chinese.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "文件或文件夹不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        io::ErrorKind::IsADirectory => "这是文件夹，不是文件".to_string(),
        io::ErrorKind::InvalidData => "文件内容无法读取".to_string(),
        _ => format!("读取失败（{err}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_non_utf8() {
        assert!(decode(b"").unwrap_err().reason.contains("为空"));
        assert!(decode(b"  \n").unwrap_err().reason.contains("为空"));
        assert!(decode(b"ab\0cd").unwrap_err().reason.contains("二进制"));
        assert!(
            decode(&[0xB1, 0xA8, 0xB8, 0xE6])
                .unwrap_err()
                .reason
                .contains("UTF-8")
        );
        assert_eq!(decode("\u{FEFF}报告".as_bytes()).unwrap(), "报告");
    }
}
