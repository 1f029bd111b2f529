//! Property tests: no input makes the readers or the parser panic or hang. Random text built
//! from the characters reports are made of (markers, brackets, digits, line breaks, markup),
//! arbitrary bytes, and .docx files with bytes flipped or cut short.

use draftlint::config::Settings;
use draftlint::input::{self, ReadOptions};
use draftlint::prose::verbatim::Verbatim;
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

/// Prose around what is not prose: Chinese, half-width punctuation to fix, spaces to remove,
/// brackets of every width. No backticks, square or angle brackets, so that the Markdown made
/// of it has no markup but what `verbatim_piece` puts in.
fn prose_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("法治政府".to_string()),
        Just("2023年".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just(":".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just("(一)".to_string()),
        Just("《纲要》".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just(" ".to_string()),
        Just("１２".to_string()),
        // Latin after a file name, with no space, would be read as part of its extension.
        Just(" Windows (x64)".to_string()),
        Just("。\n".to_string()),
        Just("。\n\n".to_string()),
    ]
}

/// What must come out of --fix byte for byte: addresses, e-mail addresses and file names in
/// any text; in Markdown, code, link destinations and HTML too.
fn verbatim_piece(markdown: bool) -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just("https://www.example.gov.cn/a?b=1,c:2".to_string()),
        Just("http://x.cn/p(1),q".to_string()),
        Just("www.example.cn/a;b".to_string()),
        Just("fzb@example.cn".to_string()),
        Just("报告(终稿).docx".to_string()),
        Just("data/2023/a_b.txt".to_string()),
    ];
    if !markdown {
        return text.boxed();
    }
    prop_oneof![
        text,
        Just("`f(x),y １２`".to_string()),
        Just("](https://a.cn/a,b(c))".to_string()),
        Just("<https://b.cn/x,y>".to_string()),
        Just("<span title=\"a,b\">".to_string()),
        Just("\n\n    缩进代码(一),内容 一 二\n\n".to_string()),
        Just("\n\n```\n围栏代码(一),内容 一 二\n```\n\n".to_string()),
    ]
    .boxed()
}

/// A document of prose and non-prose pieces, and the non-prose pieces.
fn mixed(markdown: bool) -> impl Strategy<Value = (String, Vec<String>)> {
    prop::collection::vec(
        (
            prop::collection::vec(prose_piece(), 1..4),
            verbatim_piece(markdown),
        ),
        1..8,
    )
    .prop_map(move |parts| {
        let mut text = String::from("某县关于2023年度法治政府建设情况的报告\n一、主要举措\n");
        let mut pieces = Vec::new();
        for (prose, piece) in parts {
            text.extend(prose);
            // A link destination follows its link text.
            if piece.starts_with("](") {
                text.push_str("[通知,见");
            }
            text.push_str(&piece);
            pieces.push(piece);
        }
        text.push_str("完毕。\n");
        (text, pieces)
    })
}

/// The brackets of a text, the half- and full-width forms of one taken as the same.
fn bracket_sequence(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '(' | '（' => Some('('),
            ')' | '）' => Some(')'),
            '《' | '》' | '“' | '”' | '[' | ']' => Some(c),
            _ => None,
        })
        .collect()
}

/// Pairs of parentheses, line by line, whose halves differ in width; brackets that are part of
/// an address, a file name or code (`verbatim`) left out.
fn mixed_pairs(text: &str, verbatim: &Verbatim) -> usize {
    let mut mixed = 0;
    let mut open: Vec<char> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '\n' | '\r' => open.clear(),
            _ if verbatim.contains(i) => {}
            '(' | '（' => open.push(c),
            ')' | '）' => {
                if let Some(o) = open.pop()
                    && (o == '(') != (c == ')')
                {
                    mixed += 1;
                }
            }
            _ => {}
        }
    }
    mixed
}

fn han_letters_and_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap()
            }
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// What --fix promises, for one document: every non-prose piece and every span the checker
/// took for non-prose comes out byte for byte, in order; every Han character, letter and digit
/// is kept; no bracket comes or goes, and no pair of parentheses is split.
fn fixing_keeps(
    original: &str,
    pieces: &[String],
    source: &Source,
    fixed: &draftlint::fix::Fixed,
) -> Result<(), TestCaseError> {
    let out = &fixed.text;
    for piece in pieces {
        prop_assert!(
            out.matches(piece.as_str()).count() >= original.matches(piece.as_str()).count(),
            "{:?} changed in {:?}",
            piece,
            out
        );
    }
    let mut at = 0;
    for span in source.verbatim().spans() {
        let piece = &original[span.range()];
        match out[at..].find(piece) {
            Some(i) => at += i + piece.len(),
            None => prop_assert!(false, "{:?} changed in {:?}", piece, out),
        }
    }
    prop_assert_eq!(
        han_letters_and_digits(out),
        han_letters_and_digits(original)
    );
    prop_assert_eq!(bracket_sequence(out), bracket_sequence(original));
    prop_assert!(
        mixed_pairs(out, fixed.report.source.verbatim())
            <= mixed_pairs(original, source.verbatim()),
        "a pair split: {:?}",
        out
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fixing_text_keeps_addresses_file_names_characters_and_pairs((text, pieces) in mixed(false)) {
        let source = Source::new("p.txt", text.clone());
        let fixed = draftlint::fix::fix(source.clone(), &Settings::default());
        fixing_keeps(&text, &pieces, &source, &fixed)?;
    }

    #[test]
    fn fixing_markdown_keeps_code_links_html_characters_and_pairs((text, pieces) in mixed(true)) {
        let read = |raw: String| {
            let loaded = input::load(raw.as_bytes(), Format::Markdown, ReadOptions::default()).unwrap();
            Source::with_origin("p.md", loaded.text, loaded.origin)
        };
        let source = read(text.clone());
        let fixed = draftlint::fix::fix_with(text.clone(), &Settings::default(), read);
        fixing_keeps(&text, &pieces, &source, &fixed)?;
    }
}
