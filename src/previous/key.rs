//! Which body a report is from and which year it reports on, read from its title.

use crate::source::Source;

/// The reporting body and year a report's title names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReportKey {
    /// The body, normalized: spaces and punctuation dropped, 人民政府 / 政府 / 办事处 after a
    /// place name dropped (某某县人民政府 and 某某县 are one body).
    pub body: String,
    pub year: i32,
}

/// How much of a text is parsed for its title: a title stands within the first lines, even
/// under a web page's navigation and metadata table (on the real pages kept for development,
/// by line 16 and within 700 bytes; the seeds', the real pages' and 1,000 generated documents'
/// titles read from this head are those read from the first 4,000 bytes).
const HEAD_LINES: usize = 20;
const HEAD_BYTES: usize = 1_500;

/// The key of a document, from the title among its first lines; `None` when it has no title,
/// the title names no year, or no body can be read from it.
pub fn of_source(source: &Source) -> Option<ReportKey> {
    let document = crate::parse::parse(head(&source.text));
    of_title(&document.title?.text)
}

/// The first [`HEAD_LINES`] lines of `text`, cut at the last line end within [`HEAD_BYTES`]
/// (the whole text when it is shorter; the first [`HEAD_BYTES`] of a text without line ends).
pub fn head(text: &str) -> &str {
    let mut end = 0;
    for (lines, (i, _)) in text.match_indices('\n').enumerate() {
        if i > HEAD_BYTES || lines >= HEAD_LINES {
            break;
        }
        end = i + 1;
    }
    if text.len() <= HEAD_BYTES && text[end..].find('\n').is_none() {
        return text;
    }
    if end == 0 {
        end = (0..=HEAD_BYTES.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
    }
    &text[..end]
}

/// The key a title names: the year is the title's report year ([`crate::year::first_year`]),
/// the body what stands before the first number (or, in 「关于2022年度某某县法治政府建设情况的报告」, between
/// the year and the subject).
pub fn of_title(title: &str) -> Option<ReportKey> {
    let year = crate::year::first_year(title)?;
    let at = year_position(title, year)?;
    // The body's name comes before any number (青石县2021—2025年规划实施暨2023年度……).
    let first_digit = title.find(|c: char| c.is_ascii_digit()).unwrap_or(at);
    let body = match normalize_body(&title[..first_digit.min(at)]) {
        Some(body) => body,
        None => {
            let after = title[at..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let after = after
                .trim_start_matches("年度")
                .trim_start_matches('年')
                .trim_start_matches('的');
            let subject = SUBJECTS
                .iter()
                .filter_map(|s| after.find(s))
                .min()
                .unwrap_or(0);
            normalize_body(&after[..subject])?
        }
    };
    Some(ReportKey { body, year })
}

/// What a report title says it is about, after the body's name.
const SUBJECTS: &[&str] = &["法治", "依法行政", "推进", "全面"];

/// Byte offset of the year `year` as written in `title` (the first occurrence not inside a
/// range, which is how [`crate::year::first_year`] read it).
fn year_position(title: &str, year: i32) -> Option<usize> {
    let digits = year.to_string();
    title.match_indices(&digits).map(|(i, _)| i).find(|&i| {
        let before = title[..i].trim_end();
        !before.ends_with(['—', '–', '―', '－', '~', '～', '-'])
    })
}

/// Letters, digits and Han characters only: how a body's name is compared, and how a text is
/// searched for one.
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Endings of a body's name that say only that it is the government of the place named
/// before them.
const GOVERNMENT_ENDINGS: &[&str] = &["人民政府", "政府", "办事处"];

/// Characters that end the name of an administrative area: a body's name may be written with
/// or without the areas above it (黔江区黑溪镇, 黑溪镇).
const AREA_ENDINGS: &[char] = &['省', '市', '州', '盟', '区', '县', '旗'];

/// Shortest body name (赵县).
const MIN_BODY_CHARS: usize = 2;

/// The body's name as compared: letters and Han characters only, without 关于 and the
/// government endings; `None` when nothing that names a body is left, or the name is a
/// template's placeholder (××镇).
pub fn normalize_body(text: &str) -> Option<String> {
    let mut body = compact(text);
    if body
        .chars()
        .any(|c| matches!(c, 'x' | 'X' | '×' | 'ｘ' | 'Ｘ' | '○'))
    {
        return None;
    }
    if let Some(stripped) = body.strip_suffix("关于") {
        body = stripped.to_string();
    }
    for ending in GOVERNMENT_ENDINGS {
        if let Some(stripped) = body.strip_suffix(ending)
            && stripped.chars().count() >= 2
        {
            body = stripped.to_string();
            break;
        }
    }
    (body.chars().count() >= MIN_BODY_CHARS && crate::parse::names_a_body(&body)).then_some(body)
}

/// Whether two normalized names are the same body: equal, or one is the other with the areas
/// above it left out (重庆市梁平区袁驿镇, 梁平区袁驿镇, 袁驿镇). 甲县 and 乙县 are not.
pub fn same_body(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || long
            .strip_suffix(short)
            .is_some_and(|areas| areas.ends_with(AREA_ENDINGS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(title: &str) -> Option<(String, i32)> {
        of_title(title).map(|k| (k.body, k.year))
    }

    #[test]
    fn reads_body_and_year_from_the_usual_title_shapes() {
        let shapes = [
            (
                "青石县人民政府关于2022年度法治政府建设情况的报告",
                "青石县",
                2022,
            ),
            ("青石县2023年法治政府建设情况报告", "青石县", 2023),
            ("云岭镇人民政府2021年度法治政府建设情况报告", "云岭镇", 2021),
            (
                "柳河街道办事处关于 2019 年度法治政府建设情况的报告",
                "柳河街道",
                2019,
            ),
            (
                "青石县司法局2022年度法治政府建设工作报告",
                "青石县司法局",
                2022,
            ),
            ("关于2022年度青石县法治政府建设情况的报告", "青石县", 2022),
            (
                "青石县2021—2025年规划实施暨2023年度法治政府建设情况的报告",
                "青石县",
                2023,
            ),
        ];
        for (title, body, year) in shapes {
            assert_eq!(key(title), Some((body.to_string(), year)), "{title}");
        }
    }

    #[test]
    fn no_key_without_a_year_a_body_or_with_a_placeholder() {
        assert_eq!(key("青石县人民政府关于法治政府建设情况的报告"), None);
        assert_eq!(key("关于2022年度法治政府建设情况的报告"), None);
        assert_eq!(key("××镇2022年法治政府建设情况报告"), None);
        assert_eq!(key("县2022年法治政府建设情况报告"), None);
    }

    #[test]
    fn the_head_ends_at_a_line_end() {
        let line = "报告正文的一行文字。".repeat(40);
        let text = format!(
            "青石县2023年法治政府建设情况报告\n{}",
            format!("{line}\n").repeat(40)
        );
        let cut = head(&text);
        assert!(
            cut.len() <= HEAD_BYTES && cut.ends_with('\n'),
            "{}",
            cut.len()
        );
        let source = Source::new("t.txt", text.clone());
        assert_eq!(of_source(&source).map(|k| k.year), Some(2023));
        assert_eq!(head("短文本"), "短文本");
        let many: String = "一行\n".repeat(100);
        assert_eq!(head(&many).matches('\n').count(), HEAD_LINES);
    }

    #[test]
    fn one_body_with_or_without_its_government_ending_and_areas() {
        let a = normalize_body("青石县人民政府").unwrap();
        let b = normalize_body("青石县").unwrap();
        assert!(same_body(&a, &b));
        assert!(same_body("江州市青石县云岭镇", "云岭镇"));
        assert!(same_body("青石县云岭镇", "江州市青石县云岭镇"));
        assert!(!same_body("青石县", "白沙县"));
        assert!(!same_body("青石县云岭镇", "白沙县云岭"));
        // A longer name that only ends like the other is another body.
        assert!(!same_body("新云岭镇", "云岭镇"));
        assert!(!same_body("青石县司法局", "青石县"));
    }
}
