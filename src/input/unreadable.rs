//! Documents draftlint cannot read, known by their extension: legacy Word and WPS files,
//! spreadsheets and slides, OpenDocument, OFD, images and Word's lock files. A folder walk lists
//! them as not checked (with what to do) instead of passing over them in silence; named on the
//! command line they are refused with the same reason.

use std::path::Path;

/// Why a file of this kind is not checked, and what to do: `None` for everything else.
pub fn reason(path: &Path) -> Option<&'static str> {
    if is_lock_file(path) {
        return Some(LOCK_FILE);
    }
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|(extensions, _)| extensions.contains(&extension.as_str()))
        .map(|(_, reason)| *reason)
}

/// Word and WPS write `~$name.docx` next to a document while it is open; it holds the name of
/// the person editing it, not the document.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

const LOCK_FILE: &str = "这是 Word 或 WPS 打开文档时生成的临时锁定文件，不是报告；请检查文档本身（文件名去掉开头的“~$”），并先在 Word 中保存修改";

const KINDS: &[(&[&str], &str)] = &[
    (
        &["doc", "dot"],
        "旧版 Word 文档（.doc）无法读取：请在 Word 或 WPS 中“另存为”.docx 后再检查",
    ),
    (
        &["docm", "dotm", "dotx", "rtf"],
        "这种 Word 格式（模板、带宏文档或 RTF）无法读取：请“另存为”.docx 后再检查",
    ),
    (
        &["wps", "wpt"],
        "WPS 文字文档（.wps）无法读取：请在 WPS 中“另存为”.docx 后再检查",
    ),
    (
        &["odt", "ott", "fodt"],
        "OpenDocument 文档无法读取：请“另存为”.docx 后再检查",
    ),
    (
        &["ofd"],
        "OFD 版式文件无法读取：请提供报告的 .docx 或 .txt 版本",
    ),
    (
        &["et", "ett", "xls", "xlsx", "xlsm", "ods"],
        "这是表格文件，不是报告文字：如报告正文在其中，请复制到 .docx 或 .txt 后再检查",
    ),
    (
        &["dps", "dpt", "ppt", "pptx", "odp"],
        "这是演示文稿，不是报告文字：请提供报告的 .docx 或 .txt 版本",
    ),
    (
        &[
            "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic",
        ],
        "这是图片（扫描件或截图），没有可读取的文字：请提供报告的 .docx 或 .txt 版本",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_formats_images_and_lock_files_have_a_reason() {
        assert!(reason(Path::new("a/报告.DOC")).unwrap().contains(".docx"));
        assert!(reason(Path::new("报告.wps")).unwrap().contains("WPS"));
        assert!(reason(Path::new("扫描件.JPG")).unwrap().contains("图片"));
        assert!(reason(Path::new("统计.et")).unwrap().contains("表格"));
        assert!(
            reason(Path::new("~$报告.docx"))
                .unwrap()
                .contains("锁定文件")
        );
    }

    #[test]
    fn reports_and_unknown_files_have_none() {
        for name in [
            "报告.docx",
            "报告.txt",
            "报告.md",
            "说明",
            "Makefile",
            "a.rs",
        ] {
            assert_eq!(reason(Path::new(name)), None, "{name}");
        }
    }
}
