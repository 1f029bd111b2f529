//! Text encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Chinese
//! encodings GB18030/GBK (and Big5) detected with `chardetng`. Anything that is not text in one
//! of these is refused.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// How a text file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-16 without a byte order mark, recognised by where its zero bytes fall.
    Utf16LeNoBom,
    Utf16BeNoBom,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    Big5,
}

impl TextEncoding {
    /// Stable lower-case name, as JSON shows it.
    pub fn id(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom => "utf-16le",
            TextEncoding::Utf16Be | TextEncoding::Utf16BeNoBom => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
            TextEncoding::Big5 => "big5",
        }
    }

    /// Name for people.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8（带 BOM）",
            TextEncoding::Utf16Le => "UTF-16 LE（带 BOM）",
            TextEncoding::Utf16Be => "UTF-16 BE（带 BOM）",
            TextEncoding::Utf16LeNoBom => "UTF-16 LE（无 BOM）",
            TextEncoding::Utf16BeNoBom => "UTF-16 BE（无 BOM）",
            TextEncoding::Gb18030 => "GB18030/GBK",
            TextEncoding::Big5 => "Big5",
        }
    }

    /// The bytes of `text` in this encoding, BOM included: what `--fix` writes back, so a GBK
    /// file stays GBK. `None` when a character cannot be represented (Big5 lacks many).
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            TextEncoding::Utf8 => Some(text.as_bytes().to_vec()),
            TextEncoding::Utf8Bom => Some([b"\xEF\xBB\xBF", text.as_bytes()].concat()),
            TextEncoding::Utf16Le
            | TextEncoding::Utf16Be
            | TextEncoding::Utf16LeNoBom
            | TextEncoding::Utf16BeNoBom => {
                let le = matches!(self, TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom);
                let mut out = match self {
                    TextEncoding::Utf16Le => vec![0xFF, 0xFE],
                    TextEncoding::Utf16Be => vec![0xFE, 0xFF],
                    _ => Vec::new(),
                };
                for unit in text.encode_utf16() {
                    let bytes = if le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    };
                    out.extend_from_slice(&bytes);
                }
                Some(out)
            }
            TextEncoding::Gb18030 | TextEncoding::Big5 => {
                let encoding = if self == TextEncoding::Big5 {
                    BIG5
                } else {
                    GB18030
                };
                let (bytes, _, unmappable) = encoding.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
        }
    }
}

/// A decoded text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
}

/// Decode a text file. The reason for a refusal is Chinese, for the clerk.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (encoding, text) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = simdutf8::compat::from_utf8(rest).map_err(|e| {
            format!(
                "文件开头标明是 UTF-8，但第 {} 个字节处编码错误；文件可能已损坏",
                e.valid_up_to() + 4
            )
        })?;
        (TextEncoding::Utf8Bom, text.to_string())
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (TextEncoding::Utf16Le, utf16(UTF_16LE, rest)?)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (TextEncoding::Utf16Be, utf16(UTF_16BE, rest)?)
    } else if let Some(decoded) = utf16_without_bom(bytes) {
        decoded
    } else {
        if bytes.contains(&0) {
            return Err(binary_reason());
        }
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => (TextEncoding::Utf8, text.to_string()),
            Err(_) => legacy(bytes)?,
        }
    };
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err("文件为空，没有可检查的内容".to_string());
    }
    if !looks_like_text(&text) {
        return Err(binary_reason());
    }
    Ok(Decoded { text, encoding })
}

fn binary_reason() -> String {
    "这是二进制文件，不是文本文件".to_string()
}

fn utf16(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| "文件开头标明是 UTF-16，但内容中有无效的字符；文件可能已损坏".to_string())
}

/// UTF-16 without a byte order mark (some Windows tools write it). Line breaks, digits and
/// Latin letters have a zero high byte, Chinese characters almost never a zero low byte: when
/// the zero bytes fall nearly all on one side of the 16-bit units, that side is the high byte.
/// Believed only when the text decodes without error and reads as Chinese text.
fn utf16_without_bom(bytes: &[u8]) -> Option<(TextEncoding, String)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for unit in bytes.chunks_exact(2) {
        first += usize::from(unit[0] == 0);
        second += usize::from(unit[1] == 0);
    }
    let (encoding, id) = if second > first * 4 {
        (UTF_16LE, TextEncoding::Utf16LeNoBom)
    } else if first > second * 4 {
        (UTF_16BE, TextEncoding::Utf16BeNoBom)
    } else {
        return None;
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    (!text.contains('\0') && looks_like_text(&text) && mostly_chinese(&text))
        .then(|| (id, text.into_owned()))
}

/// A file that is not UTF-8: GB18030 (GBK) or Big5, as `chardetng` guesses with a Chinese
/// top-level domain as the hint; GB18030 is tried whatever the guess.
fn legacy(bytes: &[u8]) -> Result<(TextEncoding, String), String> {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let order: &[(&'static Encoding, TextEncoding)] = if guess == BIG5 {
        &[(BIG5, TextEncoding::Big5), (GB18030, TextEncoding::Gb18030)]
    } else {
        &[(GB18030, TextEncoding::Gb18030)]
    };
    for (encoding, id) in order {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
            && mostly_chinese(&text)
        {
            return Ok((*id, text.into_owned()));
        }
    }
    Err(format!(
        "无法识别文件的编码：不是 UTF-8，也不是 GB18030/GBK（看起来像 {}）；请在编辑器中把文件另存为 UTF-8 编码",
        guess.name()
    ))
}

/// Text decoded from a legacy encoding is believed when most of its non-ASCII characters are
/// Chinese characters or full-width punctuation (a Latin-1 file read as GBK is mostly rare
/// characters and symbols).
fn mostly_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut chinese = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if is_common_chinese(c) {
            chinese += 1;
        }
    }
    non_ascii == 0 || chinese * 10 >= non_ascii * 8
}

fn is_common_chinese(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'      // CJK unified ideographs
        | '\u{3000}'..='\u{303F}'    // CJK punctuation
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms
        | '\u{2010}'..='\u{2027}'    // dashes, quotes, ellipsis
        | '\u{2460}'..='\u{24FF}'    // ①
        | '\u{00B7}' | '\u{00D7}' | '\u{2030}' | '\u{2103}' | '\u{25CB}' | '\u{2605}')
}

/// Control characters other than tab, line breaks and form feed are rare in text; many of them
/// mean a binary file that happened to decode.
fn looks_like_text(text: &str) -> bool {
    // Counted on the UTF-8 bytes, which vectorises: a character is one leading byte, a C0
    // control is one byte, a C1 control (U+0080–U+009F) is 0xC2 followed by 0x80–0x9F.
    let bytes = text.as_bytes();
    let total: usize = bytes.iter().map(|&b| usize::from((b & 0xC0) != 0x80)).sum();
    let c0: usize = bytes
        .iter()
        .map(|&b| {
            let control = b < 0x20 || b == 0x7F;
            let allowed = matches!(b, b'\t' | b'\n' | b'\r' | 0x0C);
            usize::from(control && !allowed)
        })
        .sum();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| {
            bytes
                .get(i + 1)
                .is_some_and(|&n| (0x80..=0x9F).contains(&n) && n != 0x85)
        })
        .count();
    let control = c0 + c1;
    control == 0 || (control <= 8 && control * 1000 <= total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_without_bom_is_recognised_and_written_back_without_one() {
        let text = "一、主要举措和成效\n2023年办理案件12件。\n";
        for (bytes, id) in [
            (
                text.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
                TextEncoding::Utf16LeNoBom,
            ),
            (
                text.encode_utf16()
                    .flat_map(u16::to_be_bytes)
                    .collect::<Vec<u8>>(),
                TextEncoding::Utf16BeNoBom,
            ),
        ] {
            let decoded = decode(&bytes).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(decoded.encoding, id);
            assert_eq!(id.encode(text).unwrap(), bytes);
        }
        assert!(decode(b"ab\0cd").unwrap_err().contains("二进制"));
    }

    #[test]
    fn control_characters_are_counted_like_the_unicode_definition() {
        let by_chars = |text: &str| {
            let total = text.chars().count();
            let control = text
                .chars()
                .filter(|&c| {
                    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}' | '\u{85}')
                })
                .count();
            control == 0 || (control <= 8 && control * 1000 <= total)
        };
        let long = "报告正文。".repeat(400);
        for text in [
            "正文\t\r\n\u{0C}\u{85}".to_string(),
            format!("{long}\u{1}"),
            format!("{long}\u{9F}\u{80}\u{7F}"),
            "短\u{1}".to_string(),
            "短\u{A0}¢".to_string(),
            format!("{}\u{2}", "\u{1}".repeat(9)),
        ] {
            assert_eq!(looks_like_text(&text), by_chars(&text), "{text:?}");
        }
    }

    const REPORT: &str = "青禾县人民政府关于2023年度法治政府建设情况的报告\r\n一、主要举措和成效\r\n（一）强化组织领导。";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(REPORT.as_bytes()).unwrap().encoding,
            TextEncoding::Utf8
        );
        let with_bom = TextEncoding::Utf8Bom.encode(REPORT).unwrap();
        let decoded = decode(&with_bom).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Utf8Bom);
        assert_eq!(decoded.text, REPORT);
    }

    #[test]
    fn utf16_with_bom_round_trips() {
        for encoding in [TextEncoding::Utf16Le, TextEncoding::Utf16Be] {
            let decoded = decode(&encoding.encode(REPORT).unwrap()).unwrap();
            assert_eq!(
                decoded,
                Decoded {
                    text: REPORT.to_string(),
                    encoding
                }
            );
        }
        assert!(decode(b"\xFF\xFE\x00\xD8").unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn gbk_is_detected() {
        let bytes = TextEncoding::Gb18030.encode(REPORT).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Gb18030);
        assert_eq!(decoded.text, REPORT);
        // Two characters are enough.
        assert_eq!(decode(&[0xB1, 0xA8, 0xB8, 0xE6]).unwrap().text, "报告");
    }

    #[test]
    fn refuses_empty_binary_and_undecodable() {
        assert!(decode(b"").unwrap_err().contains("为空"));
        assert!(decode(b" \r\n\t").unwrap_err().contains("为空"));
        assert!(decode(b"\xEF\xBB\xBF\n").unwrap_err().contains("为空"));
        assert!(decode(b"ab\0cd").unwrap_err().contains("二进制"));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8 | 1).collect();
        assert!(decode(&noise).is_err());
        // Latin-1 text is not a Chinese report.
        assert!(
            decode(b"caf\xE9 cr\xE8me br\xFBl\xE9e")
                .unwrap_err()
                .contains("编码")
        );
    }
}
