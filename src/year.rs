//! The reporting year: the year the report is about.

use crate::parse::Document;
use crate::source::Source;
use regex::Regex;
use std::sync::OnceLock;

fn year_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(19|20)\d{2}\s*年").expect("valid regex"))
}

fn first_year(text: &str) -> Option<i32> {
    let m = year_pattern().find(text)?;
    m.as_str()[..4].parse().ok()
}

/// Inferred from the title, else the first top-level heading or the opening paragraph that
/// starts with a year, else the 成文日期 (a report dated in the first half of a year is about
/// the year before).
pub fn infer(source: &Source, doc: &Document) -> Option<i32> {
    if let Some(title) = &doc.title
        && let Some(year) = first_year(&title.text)
    {
        return Some(year);
    }
    let leading_year = |text: &str| {
        let text = text.trim_start();
        year_pattern()
            .find(text)
            .filter(|m| m.start() == 0)
            .and_then(|m| m.as_str()[..4].parse().ok())
    };
    if let Some(opening) = doc.opening
        && let Some(year) = leading_year(source.slice(opening))
    {
        return Some(year);
    }
    for section in &doc.sections {
        let heading = &section.heading.text;
        let about_the_year = ["情况", "成效", "举措"].iter().any(|w| heading.contains(w));
        if about_the_year && let Some(year) = first_year(heading) {
            return Some(year);
        }
    }
    let (year, month, _) = doc.signature.as_ref()?.ymd?;
    let year = year as i32;
    Some(if month <= 6 { year - 1 } else { year })
}
