//! Word documents made from report texts, as a clerk's draft would be: headings numbered by
//! Word's automatic numbering (一、 and （一）), text split into runs of differing formatting,
//! a table, a header, and a comment by another reviewer. Also the text draftlint reads from
//! such a document (the report's text with the table's rows in it), to compare with.

use std::io::{Cursor, Write};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The table put into every document, as draftlint reads it.
pub const TABLE_ROWS: [[&str; 2]; 2] = [["指标", "数量"], ["办理行政复议案件", "12件"]];

/// The author of the comment already in every document.
pub const OTHER_AUTHOR: &str = "张科长";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

fn chinese(n: usize) -> String {
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => String::new(),
    }
}

/// Runs of a few characters each, every third one bold, all in the body font.
fn runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, piece) in chars.chunks(7).enumerate() {
        let bold = if i % 3 == 2 { "<w:b/>" } else { "" };
        let properties = format!(
            "<w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/>{bold}<w:sz w:val=\"32\"/></w:rPr>"
        );
        let piece: String = piece.iter().collect();
        let mut parts = piece.split('\t');
        out.push_str(&format!("<w:r w:rsidR=\"00A1\">{properties}"));
        if let Some(first) = parts.next() {
            out.push_str(&format!(
                "<w:t xml:space=\"preserve\">{}</w:t>",
                escape(first)
            ));
        }
        for part in parts {
            out.push_str("<w:tab/>");
            out.push_str(&format!(
                "<w:t xml:space=\"preserve\">{}</w:t>",
                escape(part)
            ));
        }
        out.push_str("</w:r>");
    }
    out
}

fn paragraph(text: &str, numbering: Option<u8>) -> String {
    if text.is_empty() && numbering.is_none() {
        return "<w:p/>".to_string();
    }
    let properties = match numbering {
        Some(level) => format!(
            "<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
        ),
        None => "<w:pPr><w:jc w:val=\"both\"/></w:pPr>".to_string(),
    };
    format!("<w:p>{properties}{}</w:p>", runs(text))
}

/// The numbering level and the text after the marker, for a line whose marker is the next one
/// Word would print.
fn numbered<'a>(line: &'a str, counters: &mut [usize; 2]) -> Option<(u8, &'a str)> {
    let first = format!("{}、", chinese(counters[0] + 1));
    if let Some(rest) = line.strip_prefix(first.as_str()) {
        counters[0] += 1;
        counters[1] = 0;
        return Some((0, rest));
    }
    let second = format!("（{}）", chinese(counters[1] + 1));
    if counters[0] > 0
        && let Some(rest) = line.strip_prefix(second.as_str())
    {
        counters[1] += 1;
        return Some((1, rest));
    }
    None
}

fn table() -> String {
    let mut out = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>",
    );
    for row in TABLE_ROWS {
        out.push_str("<w:tr>");
        for cell in row {
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
                paragraph(cell, None)
            ));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// The text draftlint reads from the table.
fn table_text() -> Vec<String> {
    TABLE_ROWS
        .iter()
        .map(|row| format!("| {} | {} |", row[0], row[1]))
        .collect()
}

const NUMBERING: &str = "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/><w:suff w:val=\"nothing\"/><w:lvlJc w:val=\"left\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:suff w:val=\"nothing\"/><w:lvlJc w:val=\"left\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";

/// A .docx of `text`, and the text draftlint reads from it: `text` with the table's rows after
/// the first section's heading.
pub fn report_docx(text: &str) -> (Vec<u8>, String) {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut body = String::new();
    let mut read: Vec<String> = Vec::new();
    let mut counters = [0usize; 2];
    let mut table_placed = false;
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            // The other reviewer's comment, on the title.
            body.push_str(&format!(
                "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>",
                runs(line)
            ));
        } else {
            match numbered(line, &mut counters) {
                Some((level, rest)) => body.push_str(&paragraph(rest, Some(level))),
                None => body.push_str(&paragraph(line, None)),
            }
        }
        read.push(line.to_string());
        // The table follows the first section's heading, inside the report proper.
        if !table_placed && counters[0] == 1 {
            table_placed = true;
            body.push_str(&table());
            read.extend(table_text());
        }
    }
    body.push_str("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{body}</w:body></w:document>"
    );
    let parts: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{R}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{R}/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"{R}/comments\" Target=\"comments.xml\"/><Relationship Id=\"rId4\" Type=\"{R}/header\" Target=\"header1.xml\"/></Relationships>"),
        ),
        (
            "word/styles.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\"><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>"),
        ),
        (
            "word/numbering.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W}\">{NUMBERING}</w:numbering>"),
        ),
        (
            "word/comments.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{W}\"><w:comment w:id=\"0\" w:author=\"{OTHER_AUTHOR}\" w:date=\"2024-01-05T09:00:00Z\" w:initials=\"ZK\"><w:p><w:r><w:t>标题请再核对一下。</w:t></w:r></w:p></w:comment></w:comments>"),
        ),
        (
            "word/header1.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr xmlns:w=\"{W}\"><w:p><w:r><w:t>内部征求意见稿</w:t></w:r></w:p></w:hdr>"),
        ),
    ];
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in &parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    (out.into_inner(), read.join("\n"))
}
