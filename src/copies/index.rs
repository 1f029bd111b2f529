//! Copies between documents at corpus scale: the fingerprints of every document are sorted
//! together once, so documents that share a fingerprint meet in one group, and only those pairs
//! are aligned. Near-linear in the total text; never all pairs of documents.

use super::align::{self, Passage};
use super::fingerprint::winnow;
use super::normalize::Normalized;
use crate::diagnostic::Original;
use crate::source::{Source, Span};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::sync::Arc;

/// A fingerprint shared by more documents than this is boilerplate of the genre (or of a
/// template every document was made from) and does not start a match on its own. Whole
/// paragraphs repeated verbatim are still found, whatever their frequency.
pub const MAX_DOCUMENT_FREQUENCY: usize = 8;
/// Shortest line, in normalized characters, matched as a whole paragraph.
const MIN_PARAGRAPH: usize = 30;
/// Shortest passage kept at all; rules apply their own, larger minimum.
const MIN_PASSAGE: usize = 20;
/// Most changed fragments listed for one passage.
const MAX_CHANGES: usize = 8;

/// A document taking part in copy detection.
pub struct CopyDocument {
    pub source: Arc<Source>,
    /// A draft being checked (else a reference document of the corpus).
    pub draft: bool,
}

/// A passage of a draft that is (nearly) the same as a passage of another document.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyMatch {
    /// The copy, in the draft.
    pub span: Span,
    pub source_name: String,
    pub source_span: Span,
    /// 1-based line and column of the source passage's start and end.
    pub source_start: (usize, usize),
    pub source_end: (usize, usize),
    /// The source passage as written there, with the rest of its lines.
    pub source_passage: Original,
    pub source_is_draft: bool,
    /// Matched characters over the longer side.
    pub similarity: f64,
    /// Characters in exact agreement (normalized).
    pub matched: usize,
    /// The copy as compared (normalized), for filtering stock phrases.
    pub copy_text: String,
    /// (was, now) fragments where the copy differs from its source.
    pub changes: Vec<(String, String)>,
    /// Other earlier documents that hold the same paragraph word for word.
    pub also_in: usize,
}

/// Per copy document, (line start, number of other earlier documents holding the line), sorted.
type AlsoIn = HashMap<u32, Vec<(u32, usize)>>;

struct Hit {
    copy: u32,
    source: u32,
    x: u32,
    y: u32,
}

/// For every document, the passages copied from earlier documents. Reference documents come
/// before every draft; drafts are ordered as given (sorted by path), and a passage two drafts
/// share is reported in the later one only.
pub fn find_copies(documents: &[CopyDocument]) -> Vec<Vec<CopyMatch>> {
    let normalized: Vec<&Normalized> = documents
        .par_iter()
        .map(|d| d.source.normalized())
        .collect();
    let order: Vec<usize> = ordering(documents);
    let mut hits = fingerprint_hits(documents, &normalized, &order);
    let (paragraph_hits, also_in) = paragraph_hits(documents, &normalized, &order);
    hits.extend(paragraph_hits);
    hits.par_sort_unstable_by_key(|h| (h.copy, h.source));

    let mut by_copy: Vec<&[Hit]> = vec![&[]; documents.len()];
    for group in hits.chunk_by(|a, b| a.copy == b.copy) {
        by_copy[group[0].copy as usize] = group;
    }
    by_copy
        .par_iter()
        .enumerate()
        .map(|(copy, hits)| {
            if hits.is_empty() {
                return Vec::new();
            }
            matches_for(copy, hits, documents, &normalized, &order, &also_in)
        })
        .collect()
}

/// References first (in the order given), then drafts.
fn ordering(documents: &[CopyDocument]) -> Vec<usize> {
    let mut order = vec![0; documents.len()];
    let mut next = 0;
    for pass in [false, true] {
        for (i, d) in documents.iter().enumerate() {
            if d.draft == pass {
                order[i] = next;
                next += 1;
            }
        }
    }
    order
}

/// The later document of a pair is the copy; a pair of references is of no interest.
fn direction(
    a: usize,
    b: usize,
    documents: &[CopyDocument],
    order: &[usize],
) -> Option<(usize, usize)> {
    let (later, earlier) = if order[a] > order[b] { (a, b) } else { (b, a) };
    documents[later].draft.then_some((later, earlier))
}

fn fingerprint_hits(
    documents: &[CopyDocument],
    normalized: &[&Normalized],
    order: &[usize],
) -> Vec<Hit> {
    let mut prints: Vec<(u64, u32, u32)> = normalized
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, n)| {
            winnow(&n.chars)
                .into_iter()
                .map(move |(h, pos)| (h, doc as u32, pos))
        })
        .collect();
    prints.par_sort_unstable();
    let groups: Vec<&[(u64, u32, u32)]> = prints
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|g| g.len() > 1)
        .collect();
    // The prints of each text are in hand, sorted: record the text's own repeats for
    // `duplicate-text`, which would otherwise fingerprint every draft again.
    let mut repeats: Vec<Vec<(u32, u32)>> = vec![Vec::new(); normalized.len()];
    for group in &groups {
        for same_doc in group.chunk_by(|a, b| a.1 == b.1) {
            super::push_repeat_pairs(same_doc, |p| p.2, &mut repeats[same_doc[0].1 as usize]);
        }
    }
    for (text, hits) in normalized.iter().zip(repeats) {
        text.know_repeat_hits(hits);
    }
    groups
        .par_iter()
        .flat_map_iter(|group| {
            let mut hits = Vec::new();
            let mut docs: Vec<u32> = group.iter().map(|e| e.1).collect();
            docs.dedup();
            if docs.len() < 2 || docs.len() > MAX_DOCUMENT_FREQUENCY {
                return hits;
            }
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    if a.1 == b.1 {
                        continue;
                    }
                    if let Some((copy, source)) =
                        direction(a.1 as usize, b.1 as usize, documents, order)
                    {
                        let (x, y) = if copy == a.1 as usize {
                            (a.2, b.2)
                        } else {
                            (b.2, a.2)
                        };
                        hits.push(Hit {
                            copy: copy as u32,
                            source: source as u32,
                            x,
                            y,
                        });
                    }
                }
            }
            hits
        })
        .collect()
}

/// A line of the whole-line index: (hash of its normalized text, order of its document,
/// document, first normalized position, hash of the line as written).
type LineKey = (u64, usize, u32, u32, u64);

/// Most earlier documents listed for one copied line; a line held by more is matched to a
/// source the draft's other copied lines point at, else to the latest.
const MAX_CANDIDATES: usize = 32;

/// A copied line of a draft and where it could have come from.
struct CopiedLine<'a> {
    entry: &'a LineKey,
    /// The default source: the latest earlier document holding the line as written, else the
    /// latest holding it at all.
    latest: &'a LineKey,
    latest_reference: Option<&'a LineKey>,
    /// Every earlier document holding the line (as written, when some do), if not too many.
    candidates: Option<Vec<&'a LineKey>>,
}

/// Whole lines repeated word for word, however many documents hold them. A draft that copied
/// several paragraphs most likely took them from one document: each line's source is the
/// earlier document holding it that holds most of the draft's other copied lines, else the
/// latest earlier document holding it (and, separately, the latest earlier reference, for
/// drafts that are not compared with each other). Also returns, per (copy, x), how many other
/// earlier documents hold the same line.
fn paragraph_hits(
    documents: &[CopyDocument],
    normalized: &[&Normalized],
    order: &[usize],
) -> (Vec<Hit>, AlsoIn) {
    let mut lines: Vec<LineKey> = normalized
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, n)| {
            paragraph_keys(&documents[doc].source.text, n)
                .into_iter()
                .map(move |(h, start, raw)| (h, order[doc], doc as u32, start, raw))
        })
        .collect();
    lines.par_sort_unstable();
    let mut also_in: AlsoIn = HashMap::new();
    let mut copied: HashMap<u32, Vec<CopiedLine>> = HashMap::new();
    for group in lines.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let mut latest: Option<&LineKey> = None;
        let mut latest_reference: Option<&LineKey> = None;
        // Earlier documents' lines, all of them and by the form they are written in: where a
        // line stands in many documents, its exact form (a slipped comma) points at its source.
        let mut earlier: Vec<&LineKey> = Vec::new();
        let mut by_form: HashMap<u64, Vec<&LineKey>> = HashMap::new();
        for (earlier_docs, same_doc) in group.chunk_by(|a, b| a.2 == b.2).enumerate() {
            let doc = same_doc[0].2 as usize;
            if documents[doc].draft
                && let Some(default) = latest
            {
                for entry in same_doc {
                    let same_form = by_form.get(&entry.4).filter(|v| !v.is_empty());
                    let pool = same_form.unwrap_or(&earlier);
                    copied.entry(entry.2).or_default().push(CopiedLine {
                        entry,
                        latest: same_form.and_then(|v| v.last().copied()).unwrap_or(default),
                        latest_reference,
                        candidates: (pool.len() <= MAX_CANDIDATES).then(|| pool.clone()),
                    });
                    if earlier_docs > 1 {
                        also_in
                            .entry(entry.2)
                            .or_default()
                            .push((entry.3, earlier_docs - 1));
                    }
                }
            }
            latest = Some(&same_doc[0]);
            earlier.push(&same_doc[0]);
            for entry in same_doc {
                let forms = by_form.entry(entry.4).or_default();
                if forms.last().is_none_or(|last| last.2 != entry.2) {
                    forms.push(entry);
                }
            }
            if !documents[doc].draft {
                latest_reference = Some(&same_doc[0]);
            }
        }
    }
    let hits = copied
        .into_par_iter()
        .flat_map_iter(|(_, copied)| sources_by_vote(&copied, &lines, order))
        .collect();
    for lines in also_in.values_mut() {
        lines.sort_unstable();
    }
    (hits, also_in)
}

/// The hits of one draft's copied lines, each line sent to its likeliest source.
fn sources_by_vote(copied: &[CopiedLine], lines: &[LineKey], order: &[usize]) -> Vec<Hit> {
    let mut votes: HashMap<u32, usize> = HashMap::new();
    for line in copied {
        for candidate in line.candidates.iter().flatten() {
            *votes.entry(candidate.2).or_default() += 1;
        }
    }
    let mut ranked: Vec<(u32, usize)> = votes.into_iter().filter(|(_, n)| *n > 1).collect();
    ranked.sort_unstable_by_key(|(doc, n)| (std::cmp::Reverse(*n), *doc));
    let mut hits = Vec::new();
    for line in copied {
        let entry = line.entry;
        let voted = match &line.candidates {
            Some(candidates) => ranked
                .iter()
                .find_map(|(doc, _)| candidates.iter().copied().find(|c| c.2 == *doc)),
            None => ranked
                .iter()
                .take(MAX_CANDIDATES)
                .find_map(|(doc, _)| held_by(lines, entry.0, order[*doc as usize])),
        };
        let source = voted.unwrap_or(line.latest);
        for source in [Some(source), line.latest_reference].into_iter().flatten() {
            hits.push(Hit {
                copy: entry.2,
                source: source.2,
                x: entry.3,
                y: source.3,
            });
        }
    }
    hits
}

/// The line with text hash `hash` in the document of order `rank`, if it holds one.
fn held_by(lines: &[LineKey], hash: u64, rank: usize) -> Option<&LineKey> {
    let at = lines.partition_point(|l| (l.0, l.1) < (hash, rank));
    lines.get(at).filter(|l| l.0 == hash && l.1 == rank)
}

/// (hash of the line's normalized text, its first normalized position, hash of the line as
/// written) for each line long enough to count as a paragraph.
fn paragraph_keys(text: &str, n: &Normalized) -> Vec<(u64, u32, u64)> {
    let starts: Vec<usize> = n.line_starts().chain(std::iter::once(n.len())).collect();
    let mut keys = Vec::new();
    for ((start, end), line) in starts.iter().zip(&starts[1..]).zip(text.split('\n')) {
        if end - start >= MIN_PARAGRAPH {
            let mut h = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(&n.chars[*start..*end], &mut h);
            let mut raw = std::hash::DefaultHasher::new();
            std::hash::Hash::hash(line.trim(), &mut raw);
            keys.push((
                std::hash::Hasher::finish(&h),
                *start as u32,
                std::hash::Hasher::finish(&raw),
            ));
        }
    }
    keys
}

fn matches_for(
    copy: usize,
    hits: &[Hit],
    documents: &[CopyDocument],
    normalized: &[&Normalized],
    order: &[usize],
    also_in: &AlsoIn,
) -> Vec<CopyMatch> {
    let x = &normalized[copy];
    let line_starts: Vec<usize> = x.line_starts().collect();
    let mut candidates = Vec::new();
    for group in hits.chunk_by(|a, b| a.source == b.source) {
        let source = group[0].source as usize;
        let y = &normalized[source];
        let mut pairs: Vec<(u32, u32)> = group.iter().map(|h| (h.x, h.y)).collect();
        let segments = align::segments(&x.chars, &y.chars, &mut pairs, false);
        let source_lines: Vec<usize> = y.line_starts().collect();
        for passage in align::chain(segments) {
            let Some(passage) = align::trim_to_lines(passage, &line_starts, &source_lines) else {
                continue;
            };
            if passage.matched >= MIN_PASSAGE {
                candidates.push((passage, source));
            }
        }
    }
    // Equal passages: prefer the document that shares the most passages with this draft (a
    // draft that copied several paragraphs took them from one place), then the latest.
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for (_, source) in &candidates {
        *shared.entry(*source).or_default() += 1;
    }
    let kept = align::select(candidates, |a, b| {
        shared[b].cmp(&shared[a]).then(order[*b].cmp(&order[*a]))
    });
    kept.into_iter()
        .map(|(p, source)| to_match(copy, &p, source, documents, normalized, also_in))
        .collect()
}

fn to_match(
    copy: usize,
    p: &Passage,
    source: usize,
    documents: &[CopyDocument],
    normalized: &[&Normalized],
    also_in: &AlsoIn,
) -> CopyMatch {
    let x = &normalized[copy];
    let y = &normalized[source];
    let src = &documents[source].source;
    let source_span = y.span(&src.text, p.y0, p.y1);
    let position = |offset: usize| {
        let pos = src.position(offset);
        (pos.line + 1, pos.char_column + 1)
    };
    let copy_text = x.string(p.x0, p.x1);
    let changes = if p.matched == p.x_len() && p.x_len() == p.y1 - p.y0 {
        Vec::new()
    } else {
        align::changed_fragments(
            &src.text,
            y,
            p.y0..p.y1,
            &documents[copy].source.text,
            x,
            p.x0..p.x1,
            MAX_CHANGES,
        )
    };
    let also = also_in
        .get(&(copy as u32))
        .map(|lines| {
            let from = lines.partition_point(|(x, _)| (*x as usize) < p.x0);
            lines[from..]
                .iter()
                .take_while(|(x, _)| (*x as usize) < p.x1)
                .map(|(_, n)| *n)
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    CopyMatch {
        span: x.span(&documents[copy].source.text, p.x0, p.x1),
        source_name: src.name.clone(),
        source_span,
        source_start: position(source_span.start),
        source_end: position(source_span.end),
        source_passage: super::original(Some(src.name.clone()), src, source_span),
        source_is_draft: documents[source].draft,
        similarity: p.similarity(),
        matched: p.matched,
        copy_text,
        changes,
        also_in: also,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str =
        "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，规范执法行为。";
    const SECOND: &str = "建立健全行政复议案件审理机制，加强行政复议规范化建设，发挥行政复议化解行政争议的主渠道作用。";

    #[test]
    fn the_index_records_the_repeats_each_text_would_find_alone() {
        let documents = vec![
            document(
                "a.txt",
                format!("标题\n{FIRST}\n中间的话\n{FIRST}\n{SECOND}\n"),
                false,
            ),
            document("b.txt", format!("{SECOND}\n{FIRST}\n{SECOND}\n"), true),
            document("c.txt", "没有重复的一段短文字。\n".to_string(), true),
        ];
        find_copies(&documents);
        for d in &documents {
            let text = d.source.normalized();
            assert!(text.knows_repeat_hits(), "{}", d.source.name);
            let mut from_index = text.repeat_hits().to_vec();
            let mut alone = crate::copies::own_repeat_hits(&text.chars);
            from_index.sort_unstable();
            alone.sort_unstable();
            assert_eq!(from_index, alone, "{}", d.source.name);
        }
        assert!(!documents[1].source.normalized().repeat_hits().is_empty());
    }

    fn document(name: &str, text: String, draft: bool) -> CopyDocument {
        CopyDocument {
            source: Arc::new(Source::new(name, text)),
            draft,
        }
    }

    #[test]
    fn a_paragraph_many_documents_hold_goes_to_the_source_of_the_other_copies() {
        // More documents hold the first paragraph than fingerprints are followed for, so only
        // the whole-line index can name its source: the one the draft's other paste came from.
        let mut documents = vec![document(
            "2020.txt",
            format!("标题\n{FIRST}\n其他内容不同。\n{SECOND}\n"),
            false,
        )];
        for i in 0..MAX_DOCUMENT_FREQUENCY {
            documents.push(document(
                &format!("other-{i}.txt"),
                format!("标题\n{FIRST}\n第{i}份报告的内容。\n"),
                false,
            ));
        }
        documents.push(document(
            "draft.txt",
            format!("草稿\n{SECOND}\n中间一段。\n{FIRST}\n"),
            true,
        ));
        let copies = find_copies(&documents);
        let draft = copies.last().unwrap();
        let sources: Vec<&str> = draft.iter().map(|c| c.source_name.as_str()).collect();
        assert_eq!(sources, ["2020.txt", "2020.txt"], "{draft:?}");
        assert_eq!(draft[1].also_in, MAX_DOCUMENT_FREQUENCY);
    }

    #[test]
    fn a_paragraph_held_by_one_earlier_document_points_at_it() {
        let documents = vec![
            document("2020.txt", format!("标题\n{FIRST}\n"), false),
            document("2021.txt", format!("标题\n{FIRST}\n"), false),
            document("2022.txt", format!("草稿\n{FIRST}\n"), true),
        ];
        let copies = find_copies(&documents);
        // Nothing tells the two apart: the latest earlier document is named.
        assert_eq!(copies[2].len(), 1);
        assert_eq!(copies[2][0].source_name, "2021.txt");
    }
}
