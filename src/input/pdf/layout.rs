//! Paragraphs rebuilt from the lines laid out on a PDF's pages. A PDF knows lines, not
//! paragraphs: the running headers, footers and page numbers are dropped (lines that repeat at
//! the same place on most pages, and page numbers as offices print them: `- 3 -`, `第 3 页`,
//! `3`), and the lines of a paragraph are joined: a line that reaches the right margin goes on
//! in the next one, unless that one is indented as a first line, is set apart by more space or
//! a different size, or begins a numbered heading after a finished sentence. Headings, which
//! end short of the margin, stay on their own line.

/// A line of text on a page, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionedLine {
    /// Where the first glyph starts and the last one ends.
    pub x0: f32,
    pub x1: f32,
    /// The baseline, from the top of the page.
    pub baseline: f32,
    /// The text size.
    pub size: f32,
    pub text: String,
}

/// The lines of one page, top to bottom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLines {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<PositionedLine>,
}

/// A paragraph of the document, and the page (0-based) it begins on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub page: usize,
}

/// Lines looked at from each end of a page for running headers, footers and page numbers.
const FURNITURE_DEPTH: usize = 3;

/// The document's paragraphs, in reading order.
pub fn paragraphs(pages: &[PageLines]) -> Vec<Paragraph> {
    let body = body_lines(pages);
    let Some(metrics) = Metrics::of(&body) else {
        return Vec::new();
    };
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&BodyLine> = None;
    for line in &body {
        match (previous, paragraphs.last_mut()) {
            (Some(before), Some(paragraph)) if metrics.continues(before, line) => {
                join(&mut paragraph.text, &line.line.text);
            }
            _ => paragraphs.push(Paragraph {
                text: line.line.text.clone(),
                page: line.page,
            }),
        }
        previous = Some(line);
    }
    paragraphs
}

/// A line of the body (not a running header or footer) and its page.
#[derive(Debug)]
struct BodyLine<'a> {
    page: usize,
    line: &'a PositionedLine,
}

/// Every line but the running headers, footers and page numbers, page after page.
fn body_lines(pages: &[PageLines]) -> Vec<BodyLine<'_>> {
    let running = running_keys(pages);
    let mut body = Vec::new();
    for (page_index, page) in pages.iter().enumerate() {
        let count = page.lines.len();
        let furniture = |index: usize| {
            let line = &page.lines[index];
            is_page_number(&line.text) || running.contains(&furniture_key(line))
        };
        // Only the outermost lines of a page can be its header or footer: stop at the first
        // line from each end that is not.
        let mut first = 0;
        while first < count.min(FURNITURE_DEPTH) && furniture(first) {
            first += 1;
        }
        let mut last = count;
        while last > first && count - last < FURNITURE_DEPTH && furniture(last - 1) {
            last -= 1;
        }
        body.extend(page.lines[first..last].iter().map(|line| BodyLine {
            page: page_index,
            line,
        }));
    }
    body
}

/// The place and text of a line, digits folded, for finding what repeats page after page.
fn furniture_key(line: &PositionedLine) -> (i32, String) {
    let text = line
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    ((line.baseline / 4.0).round() as i32, text)
}

/// Lines near the top or bottom of a page that recur at the same place on at least half the
/// pages (and at least two).
fn running_keys(pages: &[PageLines]) -> std::collections::HashSet<(i32, String)> {
    let mut seen: std::collections::HashMap<(i32, String), usize> = Default::default();
    for page in pages {
        let count = page.lines.len();
        let ends = (0..count.min(FURNITURE_DEPTH))
            .chain(count.saturating_sub(FURNITURE_DEPTH)..count)
            .collect::<std::collections::BTreeSet<_>>();
        let keys: std::collections::HashSet<_> = ends
            .into_iter()
            .map(|i| furniture_key(&page.lines[i]))
            .collect();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    seen.into_iter()
        .filter(|(_, n)| *n >= needed)
        .map(|(key, _)| key)
        .collect()
}

/// Page numbers as printed: `3`, `- 3 -`, `—3—`, `第 3 页`, `第3页 共9页`, `3 / 9`,
/// `Page 3 of 9`, in Arabic or Roman numerals.
pub fn is_page_number(text: &str) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let trimmed = compact.trim_matches(['-', '—', '–', '－', '·', '•']);
    let number = |s: &str| {
        !s.is_empty()
            && s.len() <= 4
            && (s.chars().all(|c| c.is_ascii_digit())
                || s.chars().all(|c| "ivxlcIVXLC".contains(c)))
    };
    if number(trimmed) {
        return true;
    }
    if let Some(rest) = trimmed.strip_prefix('第')
        && let Some((n, tail)) = rest.split_once('页')
    {
        return number(n)
            && (tail.is_empty()
                || tail
                    .strip_prefix('共')
                    .and_then(|t| t.strip_suffix('页'))
                    .is_some_and(number)
                || tail
                    .trim_start_matches(['/', '，', ','])
                    .strip_prefix('共')
                    .and_then(|t| t.strip_suffix('页'))
                    .is_some_and(number));
    }
    if let Some((a, b)) = trimmed.split_once('/') {
        return number(a) && number(b);
    }
    let lower = trimmed.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return match rest.split_once("of") {
            Some((a, b)) => number(a) && number(b),
            None => number(rest),
        };
    }
    false
}

/// What a document's body looks like: where its lines start and end, its text size, the
/// distance from one line to the next.
#[derive(Debug)]
struct Metrics {
    size: f32,
    left: f32,
    right: f32,
    pitch: f32,
}

impl Metrics {
    fn of(body: &[BodyLine<'_>]) -> Option<Metrics> {
        if body.is_empty() {
            return None;
        }
        // Most lines of a paragraph start at the left margin: the commonest start.
        let left = mode(body.iter().map(|l| l.line.x0))?;
        // Lines that reach the margin end at it, or within a character of it when the text is
        // not justified; the margin is where the longest tenth of lines end.
        let mut ends: Vec<f32> = body.iter().map(|l| l.line.x1).collect();
        ends.sort_by(f32::total_cmp);
        let right = ends[(ends.len() * 9 / 10).min(ends.len() - 1)];
        let mut steps: Vec<f32> = body
            .windows(2)
            .filter(|w| w[0].page == w[1].page)
            .map(|w| w[1].line.baseline - w[0].line.baseline)
            .filter(|step| *step > 0.0)
            .collect();
        steps.sort_by(f32::total_cmp);
        let size = mode(body.iter().map(|l| l.line.size))?;
        let pitch = steps
            .get(steps.len() / 2)
            .copied()
            .unwrap_or(size * 1.5)
            .max(size);
        Some(Metrics {
            size,
            left,
            right,
            pitch,
        })
    }

    /// Whether `line` goes on with the paragraph `before` ends.
    fn continues(&self, before: &BodyLine<'_>, line: &BodyLine<'_>) -> bool {
        let (a, b) = (before.line, line.line);
        let size = a.size.max(b.size);
        // A line ends short of the margin only where the next word did not fit: if the next
        // line's first word would have fitted, the line ended its paragraph.
        let reaches_margin = self.right - a.x1 <= first_word_width(&b.text, size) + 0.25 * size;
        let indented = b.x0 - self.left > 0.5 * size;
        let same_size = (a.size - b.size).abs() <= 0.15 * size;
        let close = line.page != before.page || b.baseline - a.baseline <= 1.5 * self.pitch;
        let numbered_after_sentence = a
            .text
            .ends_with(['。', '；', '：', '！', '？', '.', ';', ':'])
            && starts_numbered(&b.text);
        if self.wrapped_centred(a, b) && same_size && close {
            return true;
        }
        reaches_margin && !indented && same_size && close && !numbered_after_sentence
    }

    /// Whether `a` and `b` are both centred and `a` spans most of the text width: a title too
    /// long for one line.
    fn wrapped_centred(&self, a: &PositionedLine, b: &PositionedLine) -> bool {
        // As far in from either margin, to a character.
        let centred =
            |l: &PositionedLine| ((l.x0 - self.left) - (self.right - l.x1)).abs() <= l.size;
        // A full line of body text is centred too; a title stands in from the margins or is
        // set larger.
        let set_apart =
            |l: &PositionedLine| l.x0 - self.left > 0.5 * l.size || l.size > 1.15 * self.size;
        centred(a)
            && centred(b)
            && set_apart(a)
            && set_apart(b)
            && a.x1 - a.x0 >= 0.6 * (self.right - self.left)
    }
}

/// Opening marks, which a line may not end with, and closing ones, which it may not start with.
const OPENING: &str = "（《“‘「『【〔([{";
const CLOSING: &str = "，。、；：！？）》”’」』】〕…—,.;:!?)]}%";

/// The width a line's first unbreakable unit takes, estimated: opening marks, then a Latin
/// word or one Chinese character, then closing marks; a wide character one em, a narrow one
/// six tenths.
fn first_word_width(text: &str, size: f32) -> f32 {
    let width = |c: char| {
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            size
        } else {
            0.6 * size
        }
    };
    let mut chars = text.chars().peekable();
    let mut total = 0.0;
    while let Some(c) = chars.next_if(|c| OPENING.contains(*c)) {
        total += width(c);
    }
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => {
            total += width(c);
            while let Some(c) =
                chars.next_if(|c| c.is_ascii_alphanumeric() || "-./:_%".contains(*c))
            {
                total += width(c);
            }
        }
        Some(c) => total += width(c),
        None => {}
    }
    while let Some(c) = chars.next_if(|c| CLOSING.contains(*c)) {
        total += width(c);
    }
    total
}

/// The value most lines share, to a point.
fn mode(values: impl Iterator<Item = f32>) -> Option<f32> {
    let mut counts: std::collections::HashMap<i32, usize> = Default::default();
    for value in values {
        *counts.entry(value.round() as i32).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(value, n)| (n, -value))
        .map(|(value, _)| value as f32)
}

/// Whether a line begins with a heading number: 一、 （一） 1. 1、 （1） 第一章.
fn starts_numbered(text: &str) -> bool {
    const CHINESE: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let rest = text.trim_start();
    let (inner, close) = match rest.strip_prefix(['（', '(']) {
        Some(inner) => (inner, true),
        None => (rest, false),
    };
    let numeral_len = inner
        .chars()
        .take_while(|c| CHINESE.contains(c) || c.is_ascii_digit())
        .map(char::len_utf8)
        .sum::<usize>();
    if numeral_len == 0 {
        return rest.strip_prefix('第').is_some_and(|tail| {
            let numerals = tail.trim_start_matches(|c: char| CHINESE.contains(&c));
            numerals.len() < tail.len() && numerals.starts_with(['章', '节', '部', '条'])
        });
    }
    let after = &inner[numeral_len..];
    if close {
        after.starts_with(['）', ')'])
    } else {
        after.starts_with(['、', '．'])
            || (after.starts_with('.') && !after[1..].starts_with(|c: char| c.is_ascii_digit()))
    }
}

/// Append a line to the paragraph it continues: directly, or with a space between two Latin
/// words.
fn join(paragraph: &mut String, line: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(paragraph.chars().last()) && latin(line.chars().next()) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A4 in points, 16-point text from x = 80 to x = 520 (27 characters and a half).
    const LEFT: f32 = 80.0;
    const RIGHT: f32 = 520.0;
    const SIZE: f32 = 16.0;

    /// A line of `text` starting at `x0`, a character per em, on baseline `y`.
    fn line(x0: f32, y: f32, text: &str) -> PositionedLine {
        let width: f32 = text
            .chars()
            .map(|c| if c.is_ascii() { 0.5 * SIZE } else { SIZE })
            .sum();
        PositionedLine {
            x0,
            x1: x0 + width,
            baseline: y,
            size: SIZE,
            text: text.to_string(),
        }
    }

    /// A full body line (reaching the right margin).
    fn full(y: f32, text: &str) -> PositionedLine {
        PositionedLine {
            x1: RIGHT,
            ..line(LEFT, y, text)
        }
    }

    fn page(lines: Vec<PositionedLine>) -> PageLines {
        PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        }
    }

    fn texts(pages: &[PageLines]) -> Vec<String> {
        paragraphs(pages).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn lines_reaching_the_margin_are_joined_and_an_indent_starts_a_paragraph() {
        let pages = [page(vec![
            line(LEFT, 100.0, "一、主要工作"),
            PositionedLine {
                x0: LEFT + 2.0 * SIZE,
                ..full(128.0, "全年完成扫描")
            },
            full(156.0, "一千二百卷，建立目录"),
            line(LEFT, 184.0, "数据库。"),
            PositionedLine {
                x0: LEFT + 2.0 * SIZE,
                ..full(212.0, "开通网上预约")
            },
            line(LEFT, 240.0, "查档更方便。"),
        ])];
        assert_eq!(
            texts(&pages),
            vec![
                "一、主要工作",
                "全年完成扫描一千二百卷，建立目录数据库。",
                "开通网上预约查档更方便。"
            ]
        );
    }

    #[test]
    fn a_short_line_ends_its_paragraph_unless_the_next_word_did_not_fit() {
        // Ends four characters short: the next line's first character would have fitted.
        let short = line(LEFT, 100.0, &"字".repeat(23));
        // Ends a character and a half short: the next word, "2025年)", would not have.
        let tight = PositionedLine {
            x1: RIGHT - 1.5 * SIZE,
            ..line(LEFT, 128.0, "规划(2021-")
        };
        let pages = [page(vec![
            short,
            tight,
            line(LEFT, 156.0, "2025年)》等文件。"),
            full(184.0, "下一段"),
        ])];
        let read = texts(&pages);
        assert_eq!(read.len(), 3, "{read:?}");
        assert_eq!(read[1], "规划(2021-2025年)》等文件。");
    }

    #[test]
    fn a_paragraph_goes_on_across_a_page_break() {
        let pages = [
            page(vec![full(100.0, "第一页的最后一行"), full(128.0, "满行")]),
            page(vec![line(LEFT, 100.0, "到下一页结束。")]),
        ];
        assert_eq!(texts(&pages), vec!["第一页的最后一行满行到下一页结束。"]);
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped_and_body_lines_kept() {
        let pages: Vec<PageLines> = [(1, "甲"), (2, "乙"), (3, "丙")]
            .iter()
            .map(|(n, word)| {
                page(vec![
                    line(240.0, 60.0, "某县人民政府办公室"),
                    full(100.0, &format!("{word}页正文")),
                    line(LEFT, 128.0, &format!("{word}结束。")),
                    line(280.0, 800.0, &format!("- {n} -")),
                ])
            })
            .collect();
        assert_eq!(
            texts(&pages),
            vec!["甲页正文甲结束。", "乙页正文乙结束。", "丙页正文丙结束。"]
        );
        // A line that repeats, but not at the top or bottom of the page, is text.
        let body_repeat: Vec<PageLines> = ["甲", "乙", "丙"]
            .iter()
            .map(|word| {
                let mut lines: Vec<PositionedLine> = (0..7)
                    .map(|i| line(LEFT, 100.0 + 28.0 * i as f32, &format!("{word}{i}。")))
                    .collect();
                lines[3] = line(LEFT, lines[3].baseline, "重复的正文");
                page(lines)
            })
            .collect();
        assert_eq!(
            texts(&body_repeat)
                .iter()
                .filter(|t| t.contains("重复的正文"))
                .count(),
            3
        );
    }

    #[test]
    fn page_numbers_as_offices_print_them() {
        for number in [
            "3",
            "- 3 -",
            "—3—",
            "第 3 页",
            "第3页 共9页",
            "3 / 9",
            "Page 3 of 9",
            "ii",
        ] {
            assert!(is_page_number(number), "{number}");
        }
        for text in ["3次", "第三章", "2023年", "一、", "12345"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn a_numbered_heading_after_a_finished_sentence_starts_a_paragraph() {
        let pages = [page(vec![
            full(100.0, "上一段到此结束。"),
            line(LEFT, 128.0, "（二）下一项工作"),
        ])];
        assert_eq!(texts(&pages).len(), 2);
        let pages = [page(vec![
            full(100.0, "句子没有结束，"),
            line(LEFT, 128.0, "二是接着说"),
        ])];
        assert_eq!(texts(&pages).len(), 1);
    }

    #[test]
    fn a_wrapped_centred_title_is_one_paragraph() {
        let title = |y: f32, x0: f32, x1: f32, text: &str| PositionedLine {
            x0,
            x1,
            baseline: y,
            size: 22.0,
            text: text.to_string(),
        };
        let pages = [page(vec![
            title(60.0, 85.0, 515.0, "某县人民政府关于2031年度法治政"),
            title(90.0, 200.0, 400.0, "府建设情况的报告"),
            full(130.0, "正文一行"),
            line(LEFT, 158.0, "结束。"),
        ])];
        assert_eq!(
            texts(&pages),
            vec![
                "某县人民政府关于2031年度法治政府建设情况的报告",
                "正文一行结束。"
            ]
        );
    }
}
