//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`. With
//! `--group paragraph`, one line per rule and paragraph, which says where the others are.

use super::Cursor;
use super::group::{self, Group};
use crate::FileReport;
use std::io::{self, Write};

/// 1-based line and column.
type Position = (usize, usize);

/// How many places of the other findings a grouped line names.
const PLACES_NAMED: usize = 10;

pub fn render(reports: &[FileReport], grouped: bool) -> String {
    reports.iter().map(|r| file(r, grouped)).collect()
}

/// The findings of one report, a line each (`grouped`: a line per rule and paragraph).
pub fn file(report: &FileReport, grouped: bool) -> String {
    let mut out = Vec::with_capacity(report.diagnostics.len() * (report.source.name.len() + 120));
    write_file(report, grouped, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the lines are UTF-8")
}

/// [`file`], written a line at a time.
pub fn write_file(report: &FileReport, grouped: bool, out: &mut impl Write) -> io::Result<()> {
    let mut cursor = Cursor::new(&report.source);
    let positions: Vec<Position> = report
        .diagnostics
        .iter()
        .map(|d| cursor.position(d.span.start))
        .collect();
    let groups = if grouped {
        group::by_paragraph(report)
    } else {
        (0..report.diagnostics.len())
            .map(|first| Group {
                first,
                others: Vec::new(),
            })
            .collect()
    };
    let name = super::visible(&report.source.name);
    for Group { first, others } in groups {
        let d = &report.diagnostics[first];
        let (line, column) = positions[first];
        write!(
            out,
            "{}:{}:{}: {}[{}] {}",
            name,
            line,
            column,
            d.severity.as_str(),
            d.rule,
            super::visible(&d.message)
        )?;
        if !others.is_empty() {
            let folded: Vec<(Position, &str)> = others
                .iter()
                .map(|&o| (positions[o], report.diagnostics[o].message.as_ref()))
                .collect();
            write!(
                out,
                "（本段还有 {} 处同一规则的问题：{}）",
                others.len(),
                where_the_others_are(&d.message, &folded)
            )?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Where the findings folded into a line are: 「第 3 行第 25、45 列」 for those that say what the
/// line says; the others with what they say (「第 2 行第 1 列：缺少“……”部分」), so that no
/// finding's message is lost. At most [`PLACES_NAMED`] places, then 「等」.
fn where_the_others_are(message: &str, folded: &[(Position, &str)]) -> String {
    // The places of each message (`None`: the line's own), in order of first appearance.
    let mut parts: Vec<(Option<&str>, Vec<Position>)> = Vec::new();
    for &(place, said) in folded.iter().take(PLACES_NAMED) {
        let key = (said != message).then_some(said);
        match parts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, places)) => places.push(place),
            None => parts.push((key, vec![place])),
        }
    }
    // Those that say what the line says first.
    parts.sort_by_key(|(said, _)| said.is_some());
    let mut out = parts
        .iter()
        .map(|(said, places)| match said {
            None => named_places(places),
            Some(said) => format!("{}：{}", named_places(places), super::visible(said)),
        })
        .collect::<Vec<_>>()
        .join("；");
    if folded.len() > PLACES_NAMED {
        out.push('等');
    }
    out
}

/// 「第 3 行第 5、9 列，第 4 行第 2 列」.
fn named_places(places: &[Position]) -> String {
    let mut by_line: Vec<(usize, Vec<String>)> = Vec::new();
    for &(line, column) in places {
        match by_line.last_mut() {
            Some((last, columns)) if *last == line => columns.push(column.to_string()),
            _ => by_line.push((line, vec![column.to_string()])),
        }
    }
    by_line
        .iter()
        .map(|(line, columns)| format!("第 {line} 行第 {} 列", columns.join("、")))
        .collect::<Vec<_>>()
        .join("，")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_places_by_line_and_the_messages_that_differ() {
        let same = "应为全角“，”";
        let folded = [
            ((3, 25), same),
            ((3, 45), same),
            ((3, 75), "应为全角“：”"),
            ((4, 2), same),
        ];
        assert_eq!(
            where_the_others_are(same, &folded),
            "第 3 行第 25、45 列，第 4 行第 2 列；第 3 行第 75 列：应为全角“：”"
        );
        let many: Vec<((usize, usize), &str)> = (1..=12).map(|c| ((7, c), same)).collect();
        assert_eq!(
            where_the_others_are(same, &many),
            "第 7 行第 1、2、3、4、5、6、7、8、9、10 列等"
        );
    }
}
