//! Property tests: no input makes the readers or the parser panic or hang. Random text built
//! from the characters reports are made of (markers, brackets, digits, line breaks, markup),
//! arbitrary bytes, and .docx files with bytes flipped or cut short.

use draftlint::config::Settings;
use draftlint::input::{self, ReadOptions};
use draftlint::source::{Format, HeadingHint, Source};
use proptest::prelude::*;

/// Pieces real drafts are made of, so random text reaches the interesting parser paths.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("一、".to_string()),
        Just("（二）".to_string()),
        Just("(3)".to_string()),
        Just("1.".to_string()),
        Just("1、".to_string()),
        Just("第一部分".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("。".to_string()),
        Just("存在的不足和原因".to_string()),
        Just("关于2023年度法治政府建设情况的报告".to_string()),
        Just("2024年1月30日".to_string()),
        Just("审结率99%".to_string()),
        Just("## ".to_string()),
        Just("---\n".to_string()),
        Just("<!-- draftlint-disable vague-period -->".to_string()),
        Just("<!--".to_string()),
        Just("| a | b |".to_string()),
        Just("\u{3000}".to_string()),
        Just("𠮷".to_string()),
        "[\\PC]{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

fn docx_bytes() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/inputs/numbered.docx"
    ))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_takes_every_text(text in text(), hints in prop::collection::vec((0usize..50, 0u8..6), 0..6)) {
        let hints: Vec<HeadingHint> = hints.into_iter().map(|(line, level)| HeadingHint { line, level }).collect();
        let doc = draftlint::parse::parse_with(&text, &hints);
        for section in doc.all_sections() {
            prop_assert!(section.span.end <= text.len());
            prop_assert!(text.is_char_boundary(section.span.start));
        }
    }

    #[test]
    fn every_rule_takes_every_text(text in text()) {
        let report = draftlint::check(Source::new("p.txt", text.clone()), &Settings::default());
        for d in &report.diagnostics {
            prop_assert!(d.span.end <= text.len());
        }
    }

    #[test]
    fn markdown_keeps_every_offset(text in text()) {
        if let Ok(loaded) = input::load(text.as_bytes(), Format::Markdown, ReadOptions::default()) {
            let written = loaded.origin.shown.as_deref().unwrap_or(&loaded.text);
            prop_assert_eq!(written, text.as_str());
            prop_assert_eq!(loaded.text.len(), text.len());
            prop_assert_eq!(loaded.text.lines().count(), text.lines().count());
            let report = draftlint::check(Source::with_origin("p.md", loaded.text, loaded.origin), &Settings::default());
            for d in &report.diagnostics {
                prop_assert!(d.span.end <= text.len());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for format in [Format::Text, Format::Markdown, Format::Docx] {
            let _ = input::load(&bytes, format, ReadOptions::default());
        }
        let zipped = [b"PK\x03\x04".as_slice(), &bytes].concat();
        let _ = input::load(&zipped, Format::Docx, ReadOptions::default());
    }

    #[test]
    fn damaged_docx_files_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let original = docx_bytes();
        let mut bytes = original.clone();
        for (at, value) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        if let Ok(loaded) = input::load(&bytes, Format::Docx, ReadOptions::default()) {
            let _ = draftlint::check(Source::with_origin("p.docx", loaded.text, loaded.origin), &Settings::default());
        }
        let _ = input::load(&original[..cut.index(original.len())], Format::Docx, ReadOptions::default());
    }
}
