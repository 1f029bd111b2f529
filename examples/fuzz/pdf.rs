//! PDFs: the test PDFs damaged byte by byte, cut short, with chunks doubled or replaced by the
//! tokens the parser keys on. Reading may refuse; it must not panic or hang.

use crate::Outcome;
use arbitrary::Unstructured;
use draftlint::config::Settings;
use draftlint::input::{self, ReadOptions};
use draftlint::source::{Format, Source};
use std::sync::OnceLock;

const FIXTURES: &[&str] = &["paged.pdf", "garbled.pdf", "scanned.pdf", "encrypted.pdf"];

fn fixtures() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        FIXTURES
            .iter()
            .map(|name| {
                let path = format!("{}/tests/pdf/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
                std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
            })
            .collect()
    })
}

const TOKENS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"99999999999",
    b"4294967296",
    b" ",
    b"\n",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"obj",
    b"endobj",
    b"stream\n",
    b"\nendstream",
    b"/Length 0",
    b"/Length 999999",
    b"/Filter /FlateDecode",
    b"/Type /Page",
    b"/Kids [",
    b"/Count 1000000",
    b"R",
    b"0 0 R",
    b"BT",
    b"ET",
    b"Tj",
    b"TJ",
    b"Tf",
    b"/F1 12",
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"/ToUnicode",
    b"begincmap",
    b"beginbfchar",
    b"<0001> <4E2D>",
    b"/Encrypt",
];

pub fn run(u: &mut Unstructured) -> Outcome {
    let files = fixtures();
    let mut bytes = u.choose(files).cloned().unwrap_or_default();
    for _ in 0..u.int_in_range(1..=12).unwrap_or(1) {
        if bytes.is_empty() {
            break;
        }
        let at = u.choose_index(bytes.len()).unwrap_or(0);
        match u.int_in_range(0..=5u8).unwrap_or(0) {
            0 => bytes[at] = u.arbitrary().unwrap_or(0),
            1 => bytes.truncate(at),
            2 => {
                let token = u.choose(TOKENS).copied().unwrap_or(b"0");
                let end = (at + u.int_in_range(0..=token.len()).unwrap_or(0)).min(bytes.len());
                bytes.splice(at..end, token.iter().copied());
            }
            3 => {
                let len = u.int_in_range(1..=256).unwrap_or(1).min(bytes.len() - at);
                let chunk = bytes[at..at + len].to_vec();
                bytes.splice(at..at, chunk);
            }
            4 => {
                let len = u.int_in_range(1..=256).unwrap_or(1).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
            _ => {
                let digit = b'0' + u.int_in_range(0..=9u8).unwrap_or(0);
                if bytes[at].is_ascii_digit() {
                    bytes[at] = digit;
                }
            }
        }
    }
    if let Ok(loaded) = input::load(&bytes, Format::Pdf, ReadOptions::default()) {
        let _ = draftlint::check(
            Source::with_origin("p.pdf", loaded.text, loaded.origin),
            &Settings::default(),
        );
    }
    Ok(())
}
