//! Last year's plan, item by item, and whether this year's report takes each item up.
//!
//! An item is matched by its key terms: what is left of its topic (a subsection's heading, else
//! its first sentence) once the pack's stock phrases, the genre's common words (加强, 推进,
//! 进一步, 工作, 法治 …: `[copies] common-words`), function characters, numbers and punctuation
//! are taken out — 「（二）进一步强化执法人员资格培训」 has the key terms 执法人员 and 资格培训.
//! The item is taken up when one paragraph of this year's report (its own plan left out) holds
//! at least half of them, a term of more than four characters counting when most of its
//! character pairs are there. The match is lenient on purpose: an item is listed only when no
//! paragraph comes close, and an item with no key terms left is never listed.

use crate::config::literals::Phrases;
use crate::copies::normalize::fold;
use crate::parse::{Document, EnumKind, Section};
use crate::source::{Source, Span};
use crate::structure::{Structure, Via};

/// An item of last year's plan.
#[derive(Debug, Clone)]
pub struct PlanItem {
    /// The item in last year's report.
    pub span: Span,
    /// How the item is named in a message: its heading, else its first sentence (shortened).
    pub label: String,
    pub terms: Vec<String>,
}

/// Characters of grammar, not of content: they split key terms.
const FUNCTION_CHARS: &[char] = &[
    '的', '了', '和', '与', '及', '或', '并', '等', '对', '把', '将', '为', '以', '从', '向', '于',
    '其', '之', '是', '在', '由', '使', '各',
];

/// A term this long or shorter must stand in a paragraph as written; a longer one (执法资格考试
/// 培训) counts when this share of its character pairs is there.
const SHORT_TERM: usize = 4;
const LONG_TERM_SHARE: f64 = 0.6;
/// A label in a message is cut after this many characters.
const LABEL_CHARS: usize = 30;
/// Items whose heading gives fewer key terms than this also take those of their first sentence.
const FEW_TERMS: usize = 2;

/// The items of the plan part (`part`) of a report, in order: its subsections, else its
/// enumerated items (一是, ①), else its paragraphs, else the sentences of its one paragraph.
/// A lead-in sentence (ending in ：) is not an item.
pub fn items(
    source: &Source,
    document: &Document,
    structure: &Structure,
    part: usize,
    stock: &Phrases,
    common: &Phrases,
) -> Vec<PlanItem> {
    let text = source.text.as_str();
    let terms = |topic: &str| key_terms(topic, stock, common);
    let mut out = Vec::new();
    for occurrence in structure.of_part(part) {
        let section = occurrence
            .heading
            .and_then(|h| find_section(document, h.start));
        if let Some(section) =
            section.filter(|s| !s.children.is_empty() && occurrence.via != Via::ClosingParagraph)
        {
            for child in &section.children {
                let mut found = terms(&child.heading.text);
                if found.len() < FEW_TERMS
                    && let Some(first) = first_sentence(text, child.body)
                {
                    for term in terms(&text[first.range()]) {
                        if !found.contains(&term) {
                            found.push(term);
                        }
                    }
                }
                out.push(PlanItem {
                    span: child.heading.span,
                    label: shorten(&child.heading.text),
                    terms: found,
                });
            }
            continue;
        }
        let body_start = occurrence.heading.map_or(occurrence.span.start, |h| h.end);
        let body = Span::new(body_start.min(occurrence.span.end), occurrence.span.end);
        let paragraphs: Vec<Span> = if occurrence.via == Via::ClosingParagraph {
            vec![occurrence.span]
        } else {
            document.paragraphs_in(body).map(|(_, p)| p).collect()
        };
        for piece in pieces(text, &paragraphs) {
            let Some(first) = first_sentence(text, piece) else {
                continue;
            };
            out.push(PlanItem {
                span: piece,
                label: shorten(text[first.range()].trim()),
                terms: terms(&text[first.range()]),
            });
        }
    }
    out
}

/// The section whose heading starts at `start`.
fn find_section(document: &Document, start: usize) -> Option<&Section> {
    document
        .all_sections()
        .into_iter()
        .find(|s| s.heading.span.start == start)
}

/// The items of a plan written as running text: enumerated items, else paragraphs, else
/// sentences. Where items are enumerated (一是, ①), text outside them (a lead-in paragraph, a
/// closing one) is not an item.
fn pieces(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let marks: Vec<Vec<usize>> = paragraphs
        .iter()
        .map(|&paragraph| {
            crate::parse::enumerations(text, paragraph)
                .into_iter()
                .filter(|e| matches!(e.kind, EnumKind::Shi | EnumKind::Circled))
                .map(|e| e.span.start)
                .collect()
        })
        .collect();
    let enumerated = marks.iter().map(Vec::len).sum::<usize>() >= 2;
    let mut out = Vec::new();
    for (&paragraph, marks) in paragraphs.iter().zip(&marks) {
        if enumerated {
            for (i, &start) in marks.iter().enumerate() {
                let end = marks.get(i + 1).copied().unwrap_or(paragraph.end);
                out.push(Span::new(start, end));
            }
        } else if paragraphs.len() >= 2 {
            out.push(paragraph);
        } else {
            out.extend(crate::numbers::sentences(text, paragraph));
        }
    }
    out.retain(|p| !is_lead_in(&text[p.range()]));
    out
}

/// 「2023年，我县将重点做好以下工作：」 introduces the items.
fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with(['：', ':'])
}

/// The first sentence of `span`, without a lead-in ending in a colon.
fn first_sentence(text: &str, span: Span) -> Option<Span> {
    crate::numbers::sentences(text, span)
        .into_iter()
        .find(|s| !is_lead_in(&text[s.range()]) && !text[s.range()].trim().is_empty())
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= LABEL_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(LABEL_CHARS).collect();
        format!("{cut}……")
    }
}

/// The key terms of a topic (see the module documentation), folded as copy detection folds
/// text, each once, in order.
pub fn key_terms(topic: &str, stock: &Phrases, common: &Phrases) -> Vec<String> {
    // Han characters folded (一 to 九 read as digits, as the phrases are), everything else a
    // separator; digits stay for the phrases to match and are dropped after.
    let folded: String = topic
        .chars()
        .map(|c| match fold(c) {
            Some(f) if is_han(f) || f.is_ascii_digit() => f,
            _ => '|',
        })
        .collect();
    let mut dropped = vec![false; folded.len()];
    for (range, _) in stock.find(&folded).into_iter().chain(common.find(&folded)) {
        dropped[range].fill(true);
    }
    let mut terms: Vec<String> = Vec::new();
    let mut run = String::new();
    for (i, c) in folded.char_indices() {
        let keep = is_han(c) && !dropped[i] && !FUNCTION_CHARS.contains(&c);
        if keep {
            run.push(c);
        } else {
            push_term(&mut terms, &mut run);
        }
    }
    push_term(&mut terms, &mut run);
    terms
}

fn push_term(terms: &mut Vec<String>, run: &mut String) {
    if run.chars().count() >= 2 && !terms.contains(run) {
        terms.push(run.clone());
    }
    run.clear();
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether some paragraph (folded with [`crate::copies::fold_str`]) holds at least half of the
/// item's key terms. An item without key terms cannot be judged and counts as taken up.
pub fn taken_up(item: &PlanItem, paragraphs: &[String]) -> bool {
    if item.terms.is_empty() {
        return true;
    }
    let needed = item.terms.len().div_ceil(2);
    paragraphs
        .iter()
        .any(|p| item.terms.iter().filter(|t| term_in(t, p)).count() >= needed)
}

fn term_in(term: &str, paragraph: &str) -> bool {
    let chars: Vec<char> = term.chars().collect();
    if chars.len() <= SHORT_TERM {
        return paragraph.contains(term);
    }
    let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let found = pairs
        .iter()
        .filter(|p| paragraph.contains(p.as_str()))
        .count();
    found as f64 >= LONG_TERM_SHARE * pairs.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::fold_str;

    fn common() -> Phrases {
        Phrases::overlapping(
            [
                "加强",
                "强化",
                "进一步",
                "推进",
                "工作",
                "法治",
                "建设",
                "能力",
                "水平",
                "深入",
                "开展",
            ]
            .iter()
            .map(|w| fold_str(w))
            .collect(),
        )
    }

    fn terms(topic: &str) -> Vec<String> {
        key_terms(topic, &Phrases::default(), &common())
    }

    #[test]
    fn key_terms_leave_out_common_words_and_grammar() {
        assert_eq!(
            terms("（二）进一步强化执法人员的资格培训"),
            vec!["执法人员", "资格培训"]
        );
        assert_eq!(
            terms("深入开展法治宣传，推进“法律明白人”工程建设"),
            vec!["宣传", "法律明白人", "工程"]
        );
        assert!(terms("进一步加强法治建设工作").is_empty());
    }

    fn item(topic: &str) -> PlanItem {
        PlanItem {
            span: Span::new(0, 0),
            label: topic.to_string(),
            terms: terms(topic),
        }
    }

    #[test]
    fn an_item_is_taken_up_by_a_paragraph_holding_half_its_terms() {
        let paragraphs = vec![
            fold_str("组织全镇执法人员参加资格考试，通过率达到95%。"),
            fold_str("建成法治文化公园1个。"),
        ];
        assert!(taken_up(&item("强化执法人员的资格培训"), &paragraphs));
        assert!(!taken_up(&item("推进镇村调解组织规范化建设"), &paragraphs));
        // Nothing to judge by: never listed.
        assert!(taken_up(&item("进一步加强法治建设工作"), &paragraphs));
    }

    #[test]
    fn enumerated_items_leave_the_lead_in_out() {
        let text = "2023年，我县将以党的二十大精神为指引，继续推进法治政府建设。\n一是推行合法性初审。\n二是建设公共法律服务中心。\n";
        let lines: Vec<Span> = text
            .split_inclusive('\n')
            .scan(0, |at, line| {
                let span = Span::new(*at, *at + line.trim_end().len());
                *at += line.len();
                Some(span)
            })
            .collect();
        let found: Vec<&str> = pieces(text, &lines)
            .iter()
            .map(|p| &text[p.range()])
            .collect();
        assert_eq!(
            found,
            ["一是推行合法性初审。", "二是建设公共法律服务中心。"]
        );
        let running = "一是推行合法性初审；二是建设公共法律服务中心。";
        let found = pieces(running, &[Span::new(0, running.len())]);
        assert_eq!(found.len(), 2);
    }
}
