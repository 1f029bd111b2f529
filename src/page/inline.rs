//! Debris inside a line of report text: what a mirror site, a converter or a 范文 site put into
//! the report's own lines. Found by shape: a pinyin gloss after a character, question marks
//! where the indentation was, mojibake where a full stop was, a site's name and address
//! appended to a line, an elision marker, commas a converter put before other punctuation.

use crate::parse::{Line, LineKind};
use crate::source::Span;
use crate::tiered::TieredRegex;

/// A kind of debris inside a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InlineKind {
    /// 統(tǒng)：a converter's pinyin after a character.
    PinyinGloss,
    /// ??一、…：the paragraph's indentation lost to an encoding that had no full-width space.
    LostIndent,
    /// 建設?,F(xiàn)：a full stop and the character after it garbled by a wrong encoding.
    Mojibake,
    /// …主要举措和成效 公文汇 www.…：a repost site's name and address appended to a line.
    Watermark,
    /// (略)：the site cut text out of the report.
    Elision,
    /// 一,、 / 根本,。：a comma a converter put before other punctuation.
    InsertedComma,
    /// 1、…建 / 2、设…：a document-sharing site's text extract, cut into numbered chunks of a
    /// few hundred characters wherever the count falls, mid-word included.
    ChunkNumber,
}

impl InlineKind {
    /// The name a finding uses, in Chinese.
    pub fn name(self) -> &'static str {
        match self {
            InlineKind::PinyinGloss => "转换网站加注的拼音",
            InlineKind::LostIndent => "段首缩进变成的问号",
            InlineKind::Mojibake => "编码错误造成的乱码",
            InlineKind::Watermark => "转载网站的水印",
            InlineKind::Elision => "网站删节标记",
            InlineKind::InsertedComma => "转换网站插入的逗号",
            InlineKind::ChunkNumber => "文档网站的分段编号",
        }
    }

    /// Whether deleting the debris restores the report's text. Mojibake and an elision stand
    /// where report text was lost: deleting them would hide the loss.
    pub fn deletable(self) -> bool {
        !matches!(self, InlineKind::Mojibake | InlineKind::Elision)
    }
}

/// One piece of debris inside a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inline {
    pub kind: InlineKind,
    /// The debris, with the space that joined an appended watermark to the line.
    pub span: Span,
    /// The line it stands in.
    pub line: usize,
}

/// A converter's pinyin after a Han character: letters with at least one tone mark, in
/// parentheses of either width.
static PINYIN_GLOSS: TieredRegex =
    TieredRegex::new(r"\p{Han}([(（][a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}[)）])");

/// Question marks where a paragraph's two full-width indentation spaces were.
static LOST_INDENT: TieredRegex = TieredRegex::new(r"(?m)^[ \t]*((?:\?\?|？？)+)[^?？\s]");

/// A question mark right after a Han character or closing mark, followed by ASCII
/// punctuation: what 「。」 and the next character become when GBK text is read as another
/// encoding. The letters that follow belong to the garbled character.
static MOJIBAKE: TieredRegex = TieredRegex::new(r"[\p{Han}）)》”]((?:\?[,!.;:'])[A-Za-z]{0,4})");

/// A short name of two to eight Han characters, then an address: a site's mark.
static NAMED_ADDRESS: TieredRegex =
    TieredRegex::new(r"(?i)(\p{Han}{2,8})[ \t　,，]*(?:https?://|www\.)[a-z0-9.-]*");

/// 「（略）」 where a site left text out.
static ELISION: TieredRegex = TieredRegex::new(r"[ \t]*[(（]\s*略\s*[)）][ \t]*");

/// What may follow a comma a converter inserted.
fn is_mark_after_comma(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | '，' | ',' | '；' | ';' | '：' | ':' | '！' | '？'
    )
}

/// Fewest characters of a document site's numbered chunk: its cuts come every few hundred
/// characters, while a report's numbered item that long is a whole paragraph.
const MIN_CHUNK_CHARS: usize = 200;

/// The numbers a document-sharing site put before the chunks of its text extract: two or more
/// lines numbered 1、 2、 3、 … one after another (blank lines between allowed), each but the
/// last at least [`MIN_CHUNK_CHARS`] long and cut off mid-sentence (a report's numbered
/// paragraphs end theirs); the last is where the text ends. `(line, number span)`.
pub fn chunk_numbers(text: &str, lines: &[Line]) -> Vec<(usize, Span)> {
    let numbered = |i: usize| -> Option<(u32, Span, &str)> {
        let line = &lines[i];
        let (s, e) = crate::parse::text::trimmed_range(&text[line.span.range()]);
        let content = &text[line.span.start + s..line.span.start + e];
        let digits = content.bytes().take_while(u8::is_ascii_digit).count();
        let rest = content[digits..].strip_prefix('、')?;
        let number = content[..digits].parse().ok()?;
        let marker = Span::new(
            line.span.start + s,
            line.span.start + s + digits + '、'.len_utf8(),
        );
        Some((number, marker, rest))
    };
    let ends_mid_sentence = |content: &str| {
        !content.trim_end().ends_with([
            '。', '！', '？', '!', '?', '；', ';', '：', ':', '”', '’', '」', '』', '）', ')', '…',
        ])
    };
    let mut found = Vec::new();
    // Numbered lines in a row: (line, number, whether it is a whole chunk, cut mid-sentence).
    let mut run: Vec<(usize, Span, bool)> = Vec::new();
    let mut finish = |run: &mut Vec<(usize, Span, bool)>| {
        // Every chunk but the last is whole; the last may be where the text ends.
        let whole = run.iter().take_while(|&&(.., cut)| cut).count();
        let chunks = (whole + 1).min(run.len());
        if chunks >= 2 {
            found.extend(
                run[..chunks]
                    .iter()
                    .map(|&(line, marker, _)| (line, marker)),
            );
        }
        run.clear();
    };
    let cut_chunk = |rest: &str| rest.chars().count() >= MIN_CHUNK_CHARS && ends_mid_sentence(rest);
    for (i, line) in lines.iter().enumerate() {
        if line.kind == LineKind::Blank {
            continue;
        }
        match numbered(i) {
            Some((number, marker, rest)) if number as usize == run.len() + 1 => {
                run.push((i, marker, cut_chunk(rest)));
            }
            other => {
                finish(&mut run);
                if let Some((1, marker, rest)) = other {
                    run.push((i, marker, cut_chunk(rest)));
                }
            }
        }
    }
    finish(&mut run);
    found
}

/// Most characters a watermark appended to a line takes.
const MAX_WATERMARK_CHARS: usize = 40;
/// Fewest inserted commas that show a converter rather than a typing slip.
const MIN_INSERTED_COMMAS: usize = 3;

fn is_government_address(address: &str) -> bool {
    let address = address.to_ascii_lowercase();
    address.contains(".gov") || address.contains("gov.cn")
}

/// The debris inside the lines of `text` that are not debris as a whole. Each shape is searched
/// in the whole text once, and only when the characters it needs are there.
pub fn find(text: &str, lines: &[Line], debris_line: &[bool]) -> Vec<Inline> {
    let prose = |i: usize| {
        !debris_line.get(i).copied().unwrap_or(false)
            && !matches!(lines[i].kind, LineKind::Blank | LineKind::Debris)
    };
    let line_of = |offset: usize| {
        lines
            .partition_point(|l| l.span.start <= offset)
            .saturating_sub(1)
    };
    let mut found = Vec::new();
    let mut push = |kind, span: Span| {
        let i = line_of(span.start);
        if prose(i) && span.end <= lines[i].span.end {
            found.push(Inline {
                kind,
                span,
                line: i,
            });
        }
    };
    let group = |g: &crate::tiered::Groups<'_>| {
        let r = g.range(1).expect("a group");
        Span::new(r.start, r.end)
    };
    let has = |needle: &str| text.contains(needle);
    // Tone-marked vowels are two-byte UTF-8 sequences led by one of these bytes.
    let toned = text.bytes().any(|b| matches!(b, 0xC3 | 0xC4 | 0xC5 | 0xC7));
    if toned && (has("(") || has("（")) {
        for g in PINYIN_GLOSS.captures_iter(text) {
            push(InlineKind::PinyinGloss, group(&g));
        }
    }
    if has("?") || has("？") {
        for g in LOST_INDENT.captures_iter(text) {
            push(InlineKind::LostIndent, group(&g));
        }
        for g in MOJIBAKE.captures_iter(text) {
            push(InlineKind::Mojibake, group(&g));
        }
    }
    if has("略") {
        for r in ELISION.find_iter(text) {
            push(InlineKind::Elision, Span::new(r.start, r.end));
        }
    }
    let mut commas: Vec<Span> = [",", "，"]
        .iter()
        .flat_map(|comma| {
            memchr::memmem::find_iter(text.as_bytes(), comma.as_bytes())
                .map(|at| Span::new(at, at + comma.len()))
        })
        .filter(|c| {
            text[c.end..]
                .chars()
                .next()
                .is_some_and(is_mark_after_comma)
        })
        .filter(|c| prose(line_of(c.start)))
        .collect();
    commas.sort_unstable();
    // One or two are a typing slip, for the punctuation rules.
    if commas.len() >= MIN_INSERTED_COMMAS {
        for c in commas {
            push(InlineKind::InsertedComma, c);
        }
    }
    let address = ["www.", "http", ".com", ".cn", ".net"]
        .iter()
        .any(|a| has(a));
    let names = if address {
        watermark_names(text, lines)
    } else {
        Vec::new()
    };
    for line in lines {
        if let Some(r) = appended_watermark(&text[line.span.range()], &names) {
            push(
                InlineKind::Watermark,
                Span::new(line.span.start + r.start, line.span.start + r.end),
            );
        }
    }
    if has("、") {
        for (_, marker) in chunk_numbers(text, lines) {
            push(InlineKind::ChunkNumber, marker);
        }
    }
    found.sort_by_key(|d| (d.span.start, d.span.end));
    found.dedup_by(|b, a| b.span.start < a.span.end);
    found
}

/// The names of the sites whose marks the page carries: a short name followed by an address
/// that is not a government site's, standing alone on a line or appended to one after a space.
fn watermark_names(text: &str, lines: &[Line]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines.iter().filter(|l| l.kind != LineKind::Blank) {
        let content = text[line.span.range()].trim_end();
        for g in NAMED_ADDRESS.captures_iter(content) {
            let whole = g.range(0).expect("a match");
            let name = g.get(1).expect("a group");
            let before = &content[..whole.start];
            let at_end = content[whole.end..].trim().is_empty();
            let separated = before.is_empty() || before.ends_with(char::is_whitespace);
            if at_end
                && separated
                && !is_government_address(&content[whole.clone()])
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The watermark appended to a line after a space: from the name of a site whose mark the
/// page carries to the end of the line.
fn appended_watermark(content: &str, names: &[String]) -> Option<std::ops::Range<usize>> {
    if names.is_empty() {
        return None;
    }
    let body = content.trim_end();
    body.char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .find_map(|(offset, _)| {
            let rest = body[offset..].trim_start();
            let before = body[..offset].trim_end();
            // A line that is the mark alone is taken whole by the page stage.
            let appended = !before.is_empty()
                && rest.chars().count() <= MAX_WATERMARK_CHARS
                && names.iter().any(|n| rest.starts_with(n.as_str()));
            appended.then_some(before.len()..body.len())
        })
}

/// Whether the trimmed `content` of a line is a site's mark and nothing else: a short name and
/// an address that is not a government site's.
pub fn is_watermark_line(content: &str) -> bool {
    content.chars().count() <= MAX_WATERMARK_CHARS
        && NAMED_ADDRESS.captures(content).is_some_and(|g| {
            let whole = g.range(0).expect("a match");
            whole.start == 0
                && content[whole.end..].trim().is_empty()
                && !is_government_address(content)
        })
}
