//! Bytes to text: report text encoded as UTF-8 (with or without BOM), UTF-16 (either order,
//! with or without BOM), GB18030 or Big5, then damaged or not, and raw bytes; read as plain
//! text and as Markdown. A clean UTF-8 or BOM-marked file must decode to exactly its text.

use crate::Outcome;
use crate::report::report;
use arbitrary::Unstructured;
use draftlint::input::{self, ReadOptions};
use draftlint::source::Format;
use encoding_rs::{BIG5, GB18030};

fn utf16(text: &str, little: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

pub fn run(u: &mut Unstructured) -> Outcome {
    let kind = u.int_in_range(0..=8u8).unwrap_or(0);
    let text = match report(u, false) {
        Ok(r) => r.text,
        Err(_) => String::new(),
    };
    let (mut bytes, exact) = match kind {
        0 => (text.as_bytes().to_vec(), true),
        1 => ([b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), true),
        2 => ([b"\xFF\xFE".as_slice(), &utf16(&text, true)].concat(), true),
        3 => (
            [b"\xFE\xFF".as_slice(), &utf16(&text, false)].concat(),
            true,
        ),
        4 => (utf16(&text, true), false),
        5 => (utf16(&text, false), false),
        6 => (GB18030.encode(&text).0.into_owned(), false),
        7 => (BIG5.encode(&text).0.into_owned(), false),
        _ => (u.bytes(u.len()).unwrap_or_default().to_vec(), false),
    };
    let damaged = u.ratio(1, 3).unwrap_or(false);
    if damaged && !bytes.is_empty() {
        for _ in 0..u.int_in_range(1..=8).unwrap_or(1) {
            let at = u.choose_index(bytes.len()).unwrap_or(0);
            match u.int_in_range(0..=3u8).unwrap_or(0) {
                0 => bytes[at] = u.arbitrary().unwrap_or(0),
                1 => bytes.truncate(at),
                2 => bytes.insert(at, u.arbitrary().unwrap_or(0)),
                _ => {
                    bytes.remove(at);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
    }
    crate::show("kind", &kind);
    crate::show("text", &text);
    crate::show("bytes", &bytes);
    let decoded = input::decode_text(&bytes);
    let _ = input::load(&bytes, Format::Text, ReadOptions::default());
    let _ = input::load(&bytes, Format::Markdown, ReadOptions::default());
    // A text that starts with U+FEFF reads, in UTF-8 without a BOM, as one with a BOM.
    if exact && !damaged && !(kind == 0 && text.starts_with('\u{feff}')) {
        // A text without control characters or with nothing but spaces may be refused; what
        // is read must be the text itself.
        if let Ok(decoded) = decoded
            && decoded.text != text
        {
            return Err(format!(
                "decoded as {} to a different text ({} bytes, was {})",
                decoded.encoding.label(),
                decoded.text.len(),
                text.len()
            ));
        }
    }
    Ok(())
}
