//! The reporting year: the year the report is about.

use crate::parse::Document;
use crate::source::Source;
use crate::tiered::TieredRegex;

/// Where the reporting year was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    /// `--year` or the config's `year`.
    Config,
    Title,
    /// The opening paragraph starts with the year, or names 「2019年度」.
    Opening,
    /// A heading about the year's work (「一、2022年法治政府建设工作情况」).
    Heading,
    /// The plan's heading names the next year (「三、2021年工作计划」).
    PlanHeading,
    /// Only the 成文日期: a report dated in the first half of a year is about the year before.
    Signature,
}

impl YearSource {
    /// Whether the year was read from something other than the 成文日期, so that the date can
    /// be checked against it.
    pub fn independent_of_signature(self) -> bool {
        self != YearSource::Signature
    }
}

static YEAR: TieredRegex =
    TieredRegex::new(r"((?:19|20)[0-9]{2})\s*年(\s*[—–―－~～-]+\s*(?:19|20)[0-9]{2})?");
static LEADING_YEAR: TieredRegex = TieredRegex::new(r"^((?:19|20)[0-9]{2})\s*年");
static FISCAL_YEAR: TieredRegex = TieredRegex::new(r"((?:19|20)[0-9]{2})\s*年度");

/// The first year in `text` that is not the start of a range (2021—2025年).
pub fn first_year(text: &str) -> Option<i32> {
    YEAR.captures_iter(text)
        .find(|c| {
            let before = text[..c.range(0).expect("whole match").start].trim_end();
            let ends_range = before.ends_with(['—', '–', '―', '－', '~', '～', '-']);
            c.get(2).is_none() && !ends_range
        })
        .and_then(|c| c.get(1)?.parse().ok())
}

pub fn range_start_year(text: &str) -> Option<i32> {
    LEADING_YEAR
        .captures(text.trim_start())
        .and_then(|c| c.get(1)?.parse().ok())
}

fn fiscal_year(text: &str) -> Option<i32> {
    FISCAL_YEAR
        .captures(text)
        .and_then(|c| c.get(1)?.parse().ok())
}

const PLAN_WORDS: &[&str] = &["计划", "安排", "打算", "设想", "思路"];
const WORK_WORDS: &[&str] = &["情况", "成效", "举措", "做法", "工作"];

/// The last (month, day) of the period a title reports on: the year, unless the title names a
/// half year or quarters (上半年 → 6月30日).
pub fn period_end(title: Option<&str>) -> (u32, u32) {
    let title = title.unwrap_or("");
    if title.contains("上半年") || title.contains("一季度") && title.contains("二季度") {
        (6, 30)
    } else if title.contains("前三季度") || title.contains("第三季度") {
        (9, 30)
    } else if title.contains("第一季度") || title.contains("一季度") {
        (3, 31)
    } else {
        (12, 31)
    }
}

/// The reporting year and where it was read: the title, else the opening paragraph (a leading
/// year or 「2019年度」), else a heading about the year's work, else the plan heading's year
/// minus one, else the 成文日期.
pub fn infer_with_source(source: &Source, doc: &Document) -> Option<(i32, YearSource)> {
    if let Some(title) = &doc.title
        && let Some(year) = first_year(&title.text)
    {
        return Some((year, YearSource::Title));
    }
    if let Some(opening) = doc.opening {
        let text = source.slice(opening);
        if let Some(year) = range_start_year(text).or_else(|| fiscal_year(text)) {
            return Some((year, YearSource::Opening));
        }
    }
    for section in &doc.sections {
        let heading = &section.heading.text;
        let about_the_year = WORK_WORDS.iter().any(|w| heading.contains(w))
            && !PLAN_WORDS.iter().any(|w| heading.contains(w));
        if about_the_year && let Some(year) = first_year(heading) {
            return Some((year, YearSource::Heading));
        }
    }
    for section in &doc.sections {
        let heading = &section.heading.text;
        if PLAN_WORDS.iter().any(|w| heading.contains(w))
            && let Some(year) = range_start_year(heading)
        {
            return Some((year - 1, YearSource::PlanHeading));
        }
    }
    let (year, month, _) = doc.signature.as_ref()?.ymd?;
    let year = year as i32;
    Some((
        if month <= 6 { year - 1 } else { year },
        YearSource::Signature,
    ))
}

/// The reporting year inferred from the document; see [`infer_with_source`].
pub fn infer(source: &Source, doc: &Document) -> Option<i32> {
    infer_with_source(source, doc).map(|(year, _)| year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer_text(text: &str) -> Option<(i32, YearSource)> {
        let source = Source::new("t.txt", text);
        let doc = crate::parse::parse(&source.text);
        infer_with_source(&source, &doc)
    }

    #[test]
    fn from_the_title_first() {
        assert_eq!(
            infer_text(
                "某县人民政府关于2022年法治政府建设情况的报告\n一、2021年工作情况\n正文。\n"
            ),
            Some((2022, YearSource::Title))
        );
    }

    #[test]
    fn a_range_in_the_title_is_not_the_year() {
        assert_eq!(
            infer_text("某县2021—2025年规划实施暨2023年度法治政府建设情况的报告\n正文。\n"),
            Some((2023, YearSource::Title))
        );
    }

    #[test]
    fn from_the_opening_or_a_heading() {
        let opening = "2021年，黑溪镇坚持以习近平新时代中国特色社会主义思想为指导，扎实开展法治建设工作，全面推进依法行政。\n一、主要举措\n正文。\n";
        assert_eq!(infer_text(opening), Some((2021, YearSource::Opening)));
        let heading = "今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导，扎实开展法治建设工作，全面推进依法行政。\n一、2020年法治政府建设工作情况\n正文。\n";
        assert_eq!(infer_text(heading), Some((2020, YearSource::Heading)));
    }

    #[test]
    fn from_the_plan_heading_then_the_date() {
        assert_eq!(
            infer_text("一、主要举措\n正文。\n二、2024年工作计划\n计划。\n"),
            Some((2023, YearSource::PlanHeading))
        );
        assert_eq!(
            infer_text("一、主要举措\n正文。\n某县人民政府\n2023年1月31日\n"),
            Some((2022, YearSource::Signature))
        );
    }
}
