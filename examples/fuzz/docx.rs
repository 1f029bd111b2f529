//! Word documents: packages built from generated `document.xml`, `numbering.xml` and
//! `styles.xml` (paragraphs with styles and list numbering, runs, revisions, fields, tables,
//! hidden text, random nesting, numbering with huge or nonsense start values, style chains
//! that loop), sometimes with their bytes damaged; and the test documents damaged byte by
//! byte. Reading may refuse; it must not panic or hang.

use crate::Outcome;
use crate::report::report;
use arbitrary::{Result, Unstructured};
use draftlint::config::Settings;
use draftlint::input::{self, ReadOptions};
use draftlint::source::{Format, Source};
use std::io::{Cursor, Write};
use std::sync::OnceLock;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

const FORMATS: &[&str] = &[
    "decimal",
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "ideographDigital",
    "decimalEnclosedCircle",
    "decimalEnclosedCircleChinese",
    "decimalEnclosedParen",
    "decimalEnclosedFullstop",
    "decimalFullWidth",
    "decimalZero",
    "upperRoman",
    "lowerRoman",
    "upperLetter",
    "lowerLetter",
    "taiwaneseCounting",
    "japaneseCounting",
    "koreanCounting",
    "bullet",
    "none",
    "nonsense",
    "",
];

const LEVEL_TEXTS: &[&str] = &[
    "%1、",
    "（%1）",
    "(%1)",
    "%1.",
    "%1.%2",
    "%1.%2.%3",
    "第%1部分",
    "%1",
    "",
    "%",
    "%0",
    "%9",
    "%10",
    "%1%1%1%1",
    "&#x4E00;、",
    "%2）",
];

const STARTS: &[&str] = &[
    "0",
    "1",
    "2",
    "10",
    "99",
    "4294967295",
    "4294967296",
    "-1",
    "-2147483648",
    "abc",
    "",
    "1e9",
    "18446744073709551615",
];

const STYLE_IDS: &[&str] = &[
    "1", "2", "Heading1", "Heading2", "Title", "a", "a0", "TOC1", "",
];

fn text_xml(u: &mut Unstructured) -> Result<String> {
    let text = if u.ratio(1, 2)? {
        report(u, false)?.text
    } else {
        u.choose(&[
            "一、总体情况",
            "（二）存在的不足",
            "正文",
            "2023年",
            "&amp;",
            "&lt;",
            "&#0;",
            "&#xFFFF;",
            "&bogus;",
            "]]>",
            "<![CDATA[x]]>",
        ])?
        .to_string()
    };
    // Most text escaped as XML requires; now and then raw, markup characters and all.
    Ok(if u.ratio(7, 8)? {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    })
}

fn run_xml(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=11)? {
        0..=4 => format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", text_xml(u)?),
        5 => "<w:r><w:tab/></w:r>".to_string(),
        6 => "<w:r><w:br/></w:r>".to_string(),
        7 => format!("<w:ins w:author=\"a\"><w:r><w:t>{}</w:t></w:r></w:ins>", text_xml(u)?),
        8 => format!("<w:del w:author=\"a\"><w:r><w:delText>{}</w:delText></w:r></w:del>", text_xml(u)?),
        9 => format!("<w:r><w:rPr><w:vanish/></w:rPr><w:t>{}</w:t></w:r>", text_xml(u)?),
        10 => "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>".to_string(),
        _ => "<w:r><w:footnoteReference w:id=\"1\"/><w:noBreakHyphen/></w:r>".to_string(),
    })
}

fn paragraph(u: &mut Unstructured, depth: u32) -> Result<String> {
    let mut p = String::from("<w:p>");
    if u.ratio(1, 2)? {
        p.push_str("<w:pPr>");
        if u.ratio(1, 2)? {
            p.push_str(&format!("<w:pStyle w:val=\"{}\"/>", u.choose(STYLE_IDS)?));
        }
        if u.ratio(1, 2)? {
            p.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                u.choose(&["0", "1", "2", "8", "9", "-1", "x", "99999999999"])?,
                u.choose(&["0", "1", "2", "3", "x", "4294967296"])?
            ));
        }
        if u.ratio(1, 4)? {
            p.push_str(&format!(
                "<w:outlineLvl w:val=\"{}\"/>",
                u.choose(&["0", "1", "8", "9", "255", "-1"])?
            ));
        }
        p.push_str("</w:pPr>");
    }
    for _ in 0..u.int_in_range(0..=4)? {
        match u.int_in_range(0..=9)? {
            0 if depth < 12 => {
                // A table cell holds paragraphs of its own.
                p.push_str("</w:p><w:tbl><w:tr><w:tc>");
                p.push_str(&paragraph(u, depth + 1)?);
                p.push_str("</w:tc></w:tr></w:tbl><w:p>");
            }
            1 if depth < 12 => {
                let tag = u.choose(&[
                    "w:hyperlink",
                    "w:smartTag",
                    "w:sdt",
                    "w:sdtContent",
                    "w:customXml",
                    "w:fldSimple",
                    "mc:AlternateContent",
                    "w:txbxContent",
                    "w:unknown",
                ])?;
                p.push_str(&format!("<{tag}>{}</{tag}>", run_xml(u)?));
            }
            2 if u.ratio(1, 8)? => {
                p.push_str(u.choose(&["</w:p>", "<w:p>", "</w:body>", "<w:t>", "</w:r>"])?)
            }
            _ => p.push_str(&run_xml(u)?),
        }
    }
    p.push_str("</w:p>");
    Ok(p)
}

fn document(u: &mut Unstructured) -> Result<String> {
    let mut body = String::new();
    for _ in 0..u.int_in_range(0..=40)? {
        if u.is_empty() {
            break;
        }
        body.push_str(&paragraph(u, 0)?);
    }
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>"
    ))
}

fn numbering(u: &mut Unstructured) -> Result<String> {
    let mut out = format!("<w:numbering {W}>");
    for id in 0..u.int_in_range(0..=3)? {
        out.push_str(&format!("<w:abstractNum w:abstractNumId=\"{id}\">"));
        for level in 0..u.int_in_range(0..=9)? {
            out.push_str(&format!(
                "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"{}\"/><w:numFmt w:val=\"{}\"/><w:lvlText w:val=\"{}\"/>",
                u.choose(STARTS)?,
                u.choose(FORMATS)?,
                u.choose(LEVEL_TEXTS)?
            ));
            if u.ratio(1, 4)? {
                out.push_str(&format!(
                    "<w:lvlRestart w:val=\"{}\"/>",
                    u.choose(&["0", "1", "5", "x"])?
                ));
            }
            if u.ratio(1, 4)? {
                out.push_str(&format!(
                    "<w:suff w:val=\"{}\"/>",
                    u.choose(&["tab", "space", "nothing", "x"])?
                ));
            }
            out.push_str("</w:lvl>");
        }
        out.push_str("</w:abstractNum>");
    }
    for id in 0..u.int_in_range(0..=4)? {
        out.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\"/>",
            id + u.int_in_range(0..=1)?,
            u.choose(&["0", "1", "2", "7", "x"])?
        ));
        if u.ratio(1, 3)? {
            out.push_str(&format!(
                "<w:lvlOverride w:ilvl=\"{}\"><w:startOverride w:val=\"{}\"/></w:lvlOverride>",
                u.int_in_range(0..=9)?,
                u.choose(STARTS)?
            ));
        }
        out.push_str("</w:num>");
    }
    out.push_str("</w:numbering>");
    Ok(out)
}

fn styles(u: &mut Unstructured) -> Result<String> {
    let mut out = format!("<w:styles {W}>");
    for _ in 0..u.int_in_range(0..=6)? {
        let id = u.choose(STYLE_IDS)?;
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{}\"/>",
            u.choose(&[
                "heading 1",
                "heading 2",
                "Title",
                "标题 1",
                "Normal",
                "toc 1",
                ""
            ])?
        ));
        if u.ratio(1, 2)? {
            // Chains of styles, loops included.
            out.push_str(&format!("<w:basedOn w:val=\"{}\"/>", u.choose(STYLE_IDS)?));
        }
        if u.ratio(1, 2)? {
            out.push_str(&format!(
                "<w:pPr><w:outlineLvl w:val=\"{}\"/><w:numPr><w:numId w:val=\"{}\"/></w:numPr></w:pPr>",
                u.choose(&["0", "1", "9", "x"])?,
                u.choose(&["1", "2", "x"])?
            ));
        }
        out.push_str("</w:style>");
    }
    out.push_str("</w:styles>");
    Ok(out)
}

fn package(parts: &[(&str, String)], stored: bool) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, content) in parts {
            zip.start_file(*name, options).expect("in memory");
            zip.write_all(content.as_bytes()).expect("in memory");
        }
        zip.finish().expect("in memory");
    }
    out.into_inner()
}

fn fixtures() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        [
            "report.docx",
            "numbered.docx",
            "numbered-handmade.docx",
            "headings.docx",
        ]
        .iter()
        .map(|name| {
            let path = format!("{}/fixtures/inputs/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        })
        .collect()
    })
}

fn generated(u: &mut Unstructured) -> Result<Vec<u8>> {
    let mut parts = vec![("word/document.xml", document(u)?)];
    if u.ratio(2, 3)? {
        parts.push(("word/numbering.xml", numbering(u)?));
    }
    if u.ratio(2, 3)? {
        parts.push(("word/styles.xml", styles(u)?));
    }
    if u.ratio(1, 4)? {
        let target = u.choose(&[
            "word/document.xml",
            "/word/document.xml",
            "word/missing.xml",
            "../x",
            "",
        ])?;
        parts.push((
            "_rels/.rels",
            format!("<Relationships><Relationship Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{target}\"/></Relationships>"),
        ));
    }
    Ok(package(&parts, u.arbitrary()?))
}

fn damage(u: &mut Unstructured, bytes: &mut Vec<u8>) {
    for _ in 0..u.int_in_range(1..=8).unwrap_or(1) {
        if bytes.is_empty() {
            return;
        }
        let at = u.choose_index(bytes.len()).unwrap_or(0);
        match u.int_in_range(0..=3u8).unwrap_or(0) {
            0 => bytes[at] = u.arbitrary().unwrap_or(0),
            1 => bytes.truncate(at),
            2 => {
                let len = u.int_in_range(1..=64).unwrap_or(1).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
            _ => bytes.insert(at, u.arbitrary().unwrap_or(0)),
        }
    }
}

pub fn run(u: &mut Unstructured) -> Outcome {
    let mut bytes = if u.ratio(2, 3).unwrap_or(true) {
        match generated(u) {
            Ok(bytes) => bytes,
            Err(_) => return Ok(()),
        }
    } else {
        u.choose(fixtures()).cloned().unwrap_or_default()
    };
    if u.ratio(1, 2).unwrap_or(false) {
        damage(u, &mut bytes);
    }
    if let Ok(loaded) = input::load(&bytes, Format::Docx, ReadOptions::default()) {
        let _ = draftlint::check(
            Source::with_origin("p.docx", loaded.text, loaded.origin),
            &Settings::default(),
        );
    }
    Ok(())
}
