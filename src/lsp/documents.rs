//! The texts of the documents open in the editor, kept in step with full and incremental
//! changes.

use super::convert::{self, Encoding};
use crate::source::LineIndex;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub version: i32,
    pub line_index: LineIndex,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        let line_index = LineIndex::new(&text);
        Document {
            text,
            version,
            line_index,
        }
    }

    /// Apply the changes of one `didChange`, in order: each range is read against the text as
    /// the previous changes left it. A change without a range replaces the whole text. Ranges
    /// outside the text are clamped (see [`convert::offset`]); a range whose end comes before
    /// its start is taken with its ends swapped.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = convert::span(&self.text, &self.line_index, range, encoding);
                    self.text.replace_range(span.range(), &change.text);
                }
            }
            self.line_index = LineIndex::new(&self.text);
        }
    }
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        self.open.insert(uri, Document::new(text, version));
    }

    /// Apply changes to an open document; `false` when the document is not open (the change
    /// is ignored: there is no text to apply it to).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> bool {
        match self.open.get_mut(uri) {
            Some(document) => {
                document.apply(changes, encoding);
                document.version = version;
                true
            }
            None => false,
        }
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.open.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(start.0, start.1),
                Position::new(end.0, end.1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn full(text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.to_string(),
        }
    }

    fn apply(text: &str, changes: Vec<TextDocumentContentChangeEvent>) -> String {
        let mut document = Document::new(text.to_string(), 1);
        document.apply(changes, Encoding::Utf16);
        // The line index follows the text.
        assert_eq!(
            document.line_index.line_count(),
            LineIndex::new(&document.text).line_count()
        );
        document.text
    }

    #[test]
    fn edits_around_a_surrogate_pair() {
        // 𠮷 takes UTF-16 columns 1..3 of line 0.
        let text = "一𠮷二\n三";
        assert_eq!(
            apply(text, vec![edit((0, 3), (0, 3), "吉")]),
            "一𠮷吉二\n三"
        );
        assert_eq!(
            apply(text, vec![edit((0, 1), (0, 1), "吉")]),
            "一吉𠮷二\n三"
        );
        assert_eq!(apply(text, vec![edit((0, 1), (0, 3), "")]), "一二\n三");
        assert_eq!(
            apply(text, vec![edit((0, 1), (0, 3), "𠮷𠮷")]),
            "一𠮷𠮷二\n三"
        );
        // Across the line break.
        assert_eq!(apply(text, vec![edit((0, 3), (1, 0), "")]), "一𠮷三");
    }

    #[test]
    fn sequential_changes_read_the_text_the_previous_ones_left() {
        let text = "标题\n正文";
        let out = apply(
            text,
            vec![
                edit((0, 2), (0, 2), "𠮷"),
                // After the first change, line 0 is 标题𠮷 (4 UTF-16 units).
                edit((0, 4), (0, 4), "！"),
                edit((1, 0), (1, 2), "内容"),
                edit((1, 2), (1, 2), "\n第三行"),
                edit((2, 3), (2, 3), "。"),
            ],
        );
        assert_eq!(out, "标题𠮷！\n内容\n第三行。");
    }

    #[test]
    fn full_replacement_then_incremental() {
        let out = apply("旧", vec![full("新𠮷文本"), edit((0, 3), (0, 5), "内容")]);
        assert_eq!(out, "新𠮷内容");
    }

    #[test]
    fn out_of_range_edits_are_clamped() {
        let text = "一𠮷\n二";
        // Column past the end of the line: at the line's end, before the break.
        assert_eq!(
            apply(text, vec![edit((0, 50), (0, 60), "！")]),
            "一𠮷！\n二"
        );
        // Line past the end: appended.
        assert_eq!(apply(text, vec![edit((9, 0), (9, 4), "。")]), "一𠮷\n二。");
        // Start in the middle of 𠮷 (column 2): from the start of 𠮷.
        assert_eq!(apply(text, vec![edit((0, 2), (0, 3), "吉")]), "一吉\n二");
        // Reversed range: the ends swapped.
        assert_eq!(apply(text, vec![edit((0, 3), (0, 1), "")]), "一\n二");
        // An empty text.
        assert_eq!(apply("", vec![edit((3, 3), (4, 4), "甲")]), "甲");
    }

    #[test]
    fn crlf_lines() {
        let text = "一\r\n𠮷\r\n三";
        assert_eq!(
            apply(text, vec![edit((1, 2), (1, 9), "吉")]),
            "一\r\n𠮷吉\r\n三"
        );
        assert_eq!(apply(text, vec![edit((1, 2), (2, 0), "")]), "一\r\n𠮷三");
    }

    #[test]
    fn changes_to_unknown_documents_are_ignored() {
        let mut documents = Documents::default();
        let uri = Uri::from_str("file:///tmp/a.txt").unwrap();
        assert!(!documents.change(&uri, 2, vec![full("x")], Encoding::Utf16));
        documents.open(uri.clone(), "甲".to_string(), 1);
        assert!(documents.change(&uri, 2, vec![full("乙")], Encoding::Utf16));
        assert_eq!(documents.get(&uri).unwrap().text, "乙");
        assert_eq!(documents.get(&uri).unwrap().version, 2);
        assert!(documents.close(&uri).is_some());
        assert!(documents.get(&uri).is_none());
    }
}
