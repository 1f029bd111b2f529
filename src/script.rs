//! Traditional characters. Reports republished by mirror sites are in 繁体; the rules match
//! 简体 words (parts, units, terms, titles, years), so a text with traditional characters is
//! read through a copy folded to simplified, character for character. Every folded character
//! has the UTF-8 length of the original, so every offset is valid in both texts: findings
//! point at, quote and fix the text as written.

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// Frequent characters that only traditional text uses (their simplified forms differ): a
/// text with a few of them is folded.
const TRADITIONAL_MARKERS: &[&str] = &[
    "這", "個", "們", "來", "對", "國", "會", "發", "學", "時", "說", "為", "與", "經", "過", "設",
    "報", "區", "縣", "鄉", "鎮", "機", "關", "議", "務", "實", "動", "開", "問", "題", "間", "長",
    "門", "進", "還", "應", "義", "體", "現", "點", "將", "總", "統", "際", "農", "業", "黨", "規",
    "劃", "從", "員", "導", "項", "廣", "執", "處", "辦", "織", "領", "據", "權", "歷", "條", "習",
    "況", "責", "護", "營", "環", "頭", "訂",
];

/// How many marker characters make a text traditional (one may be a quotation or a name).
const MIN_MARKERS: usize = 3;

fn markers() -> &'static AhoCorasick {
    static MARKERS: OnceLock<AhoCorasick> = OnceLock::new();
    MARKERS.get_or_init(|| {
        // A DFA: most texts are simplified and searched to their end.
        AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(TRADITIONAL_MARKERS)
            .expect("plain strings always build an automaton")
    })
}

/// How much of a text, in bytes, is read to tell whether it is traditional: a mirror page is
/// traditional from its first paragraph on, and a simplified report need not be read whole.
const SAMPLE_BYTES: usize = 8 * 1024;

/// Whether a text is (partly) written in traditional characters.
pub fn has_traditional(text: &str) -> bool {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    markers()
        .find_iter(&text[..end])
        .nth(MIN_MARKERS - 1)
        .is_some()
}

/// The text folded to simplified characters, byte for byte as long as `text`; `None` when it has
/// no traditional characters, or when folding would change its length.
pub fn fold(text: &str) -> Option<String> {
    if !has_traditional(text) {
        return None;
    }
    let folded = fast2s::convert(text);
    (folded.len() == text.len() && folded != text).then_some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_text_keeping_every_offset() {
        let text =
            "瀘州市人民政府2022年度法治政府建設工作報告\n（一）堅持黨的領導，共辦理案件12條。";
        let folded = fold(text).expect("traditional");
        assert_eq!(folded.len(), text.len());
        assert!(folded.starts_with("泸州市人民政府2022年度法治政府建设工作报告"));
        assert!(folded.contains("坚持党的领导"));
        assert!(folded.contains("12条"));
    }

    #[test]
    fn leaves_simplified_text_alone() {
        assert_eq!(
            fold("某县2023年法治政府建设情况报告，共办理案件12件。"),
            None
        );
        // One traditional character in a quotation does not make a traditional text.
        assert_eq!(fold("引用“國”字的写法，本报告其余均为简体。"), None);
    }
}
