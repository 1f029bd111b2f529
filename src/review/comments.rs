//! The comments part of a reviewed copy (`word/comments.xml`), and what makes Word find it:
//! its content type and its relationship from the document, each added only when missing.

use crate::input::docx::{AUTHOR, attr, local};
use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::Event;
use std::collections::HashSet;
use std::ops::Range;

const MAIN: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

/// A comment to write: its paragraphs of text.
pub struct Comment {
    pub id: u32,
    pub paragraphs: Vec<String>,
}

/// The ids of draftlint's comments in a comments part, and where each is written.
pub fn own_comments(xml: &[u8]) -> (HashSet<String>, Vec<Range<usize>>) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut ids = HashSet::new();
    let mut ranges = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    loop {
        let start = reader.buffer_position() as usize;
        buf.clear();
        let Ok(event) = reader.read_event_into(&mut buf) else {
            break;
        };
        let end = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                if let Some((_, depth)) = open.as_mut() {
                    *depth += 1;
                } else if local(&e) == "comment" && attr(&e, "author").as_deref() == Some(AUTHOR) {
                    ids.extend(attr(&e, "id"));
                    open = Some((start, 1));
                }
            }
            Event::Empty(e)
                if open.is_none()
                    && local(&e) == "comment"
                    && attr(&e, "author").as_deref() == Some(AUTHOR) =>
            {
                ids.extend(attr(&e, "id"));
                ranges.push(start..end);
            }
            Event::End(_) => {
                if let Some((from, depth)) = open.as_mut() {
                    *depth -= 1;
                    if *depth == 0 {
                        ranges.push(*from..end);
                        open = None;
                    }
                }
            }
            _ => {}
        }
    }
    (ids, ranges)
}

/// The largest `w:id` written in a part, or 0.
pub fn largest_id(xml: &[u8]) -> u32 {
    let needle = b"w:id=\"";
    memchr::memmem::find_iter(xml, needle)
        .filter_map(|at| {
            let digits = &xml[at + needle.len()..];
            let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
            std::str::from_utf8(&digits[..len])
                .ok()?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

fn comment_xml(comment: &Comment, date: &str) -> String {
    let mut out = format!(
        "<w:comment xmlns:w=\"{MAIN}\" w:id=\"{}\" w:author=\"{AUTHOR}\" w:date=\"{date}\" w:initials=\"DL\">",
        comment.id
    );
    for paragraph in &comment.paragraphs {
        out.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
        out.push_str(&escape(paragraph.as_str()));
        out.push_str("</w:t></w:r></w:p>");
    }
    out.push_str("</w:comment>");
    out
}

/// The comments part: the existing one without draftlint's earlier comments and with the new
/// ones at its end, or a new one.
pub fn comments_part(existing: Option<&[u8]>, comments: &[Comment], date: &str) -> Vec<u8> {
    let written: String = comments.iter().map(|c| comment_xml(c, date)).collect();
    let Some(xml) = existing else {
        return format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN}\">{written}</w:comments>"
        )
        .into_bytes();
    };
    let (_, ranges) = own_comments(xml);
    let mut out = Vec::with_capacity(xml.len() + written.len());
    let mut at = 0;
    for range in ranges {
        out.extend_from_slice(&xml[at..range.start]);
        at = range.end;
    }
    out.extend_from_slice(&xml[at..]);
    insert_before_end(out, "comments", &written)
}

/// `xml` with `content` put before the closing tag of its root `root`; a root written as an
/// empty element is opened.
fn insert_before_end(xml: Vec<u8>, root: &str, content: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(&xml).into_owned();
    if let Some(at) = text.rfind("</") {
        let closing = &text[at..];
        if closing.contains(root) {
            return [&text[..at], content, closing].concat().into_bytes();
        }
    }
    if let Some(at) = text.rfind("/>") {
        let name_start = text[..at].rfind('<').unwrap_or(0);
        let name: String = text[name_start + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect();
        if name.ends_with(root) {
            return [&text[..at], ">", content, "</", &name, ">", &text[at + 2..]]
                .concat()
                .into_bytes();
        }
    }
    text.into_bytes()
}

/// `[Content_Types].xml` declaring the comments part at `part` (`word/comments.xml`); `None`
/// when it already does.
pub fn content_types(xml: &[u8], part: &str) -> Option<Vec<u8>> {
    let name = format!("/{part}");
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if local(&e) == "Override"
                    && attr(&e, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&name)) =>
            {
                return None;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let entry = format!("<Override PartName=\"{name}\" ContentType=\"{CONTENT_TYPE}\"/>");
    Some(insert_before_end(xml.to_vec(), "Types", &entry))
}

/// The comments part the document's relationships name (relative to `word/`), if any.
pub fn related_comments(rels: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(rels);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if local(&e) == "Relationship"
                    && attr(&e, "Type").as_deref() == Some(RELATIONSHIP) =>
            {
                return attr(&e, "Target");
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The document's relationships with one to `comments.xml` added.
pub fn relate_comments(rels: Option<&[u8]>) -> Vec<u8> {
    let xml = rels.map(<[u8]>::to_vec).unwrap_or_else(|| {
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_vec()
    });
    let text = String::from_utf8_lossy(&xml);
    let mut n = 1;
    while text.contains(&format!("Id=\"rId{n}\"")) {
        n += 1;
    }
    let entry =
        format!("<Relationship Id=\"rId{n}\" Type=\"{RELATIONSHIP}\" Target=\"comments.xml\"/>");
    insert_before_end(xml, "Relationships", &entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_own_comments_are_replaced_and_others_kept() {
        let existing = format!(
            "<w:comments xmlns:w=\"{MAIN}\"><w:comment w:id=\"0\" w:author=\"张三\"><w:p/></w:comment><w:comment w:id=\"7\" w:author=\"draftlint\"><w:p/></w:comment></w:comments>"
        );
        let (ids, _) = own_comments(existing.as_bytes());
        assert_eq!(ids, HashSet::from(["7".to_string()]));
        let new = comments_part(
            Some(existing.as_bytes()),
            &[Comment {
                id: 8,
                paragraphs: vec!["a<b".into()],
            }],
            "2026-01-01T00:00:00Z",
        );
        let new = String::from_utf8(new).unwrap();
        assert!(new.contains("张三"));
        assert!(!new.contains("w:id=\"7\""));
        assert!(new.contains("w:id=\"8\"") && new.contains("a&lt;b"));
        assert_eq!(largest_id(new.as_bytes()), 8);
    }

    #[test]
    fn content_type_and_relationship_are_added_only_when_missing() {
        let types = b"<Types xmlns=\"x\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
        let added = content_types(types, "word/comments.xml").unwrap();
        assert!(String::from_utf8_lossy(&added).contains("/word/comments.xml"));
        assert_eq!(content_types(&added, "word/comments.xml"), None);
        let rels = relate_comments(Some(b"<Relationships xmlns=\"r\"><Relationship Id=\"rId1\" Type=\"t\" Target=\"styles.xml\"/></Relationships>"));
        assert_eq!(related_comments(&rels).as_deref(), Some("comments.xml"));
        assert!(String::from_utf8_lossy(&rels).contains("Id=\"rId2\""));
    }
}
