//! Copies between documents at corpus scale: the fingerprints of every document are sorted
//! together once, so documents that share a fingerprint meet in one group, and only those pairs
//! are aligned. Near-linear in the total text; never all pairs of documents.

use super::align::{self, Passage};
use super::fingerprint::winnow;
use super::normalize::Normalized;
use crate::source::{Source, Span};
use rayon::prelude::*;
use std::collections::HashMap;
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
    let normalized: Vec<Normalized> = documents
        .par_iter()
        .map(|d| Normalized::of(&d.source.text))
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
    normalized: &[Normalized],
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

/// Whole lines repeated word for word, however many documents hold them. For each copy the
/// source is the latest earlier document holding the line (and, separately, the latest earlier
/// reference, for drafts that are not compared with each other). Also returns, per (copy, x),
/// how many other earlier documents hold the same line.
fn paragraph_hits(
    documents: &[CopyDocument],
    normalized: &[Normalized],
    order: &[usize],
) -> (Vec<Hit>, AlsoIn) {
    let mut lines: Vec<(u64, usize, u32, u32, u64)> = normalized
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, n)| {
            paragraph_keys(&documents[doc].source.text, n)
                .into_iter()
                .map(move |(h, start, raw)| (h, order[doc], doc as u32, start, raw))
        })
        .collect();
    lines.par_sort_unstable();
    let mut hits = Vec::new();
    let mut also_in: AlsoIn = HashMap::new();
    for group in lines.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let mut latest: Option<&(u64, usize, u32, u32, u64)> = None;
        let mut latest_reference: Option<&(u64, usize, u32, u32, u64)> = None;
        // The latest earlier line with the same characters, punctuation and all: where a line
        // stands in many documents, its exact form points at the one it was copied from.
        let mut latest_same_form: HashMap<u64, &(u64, usize, u32, u32, u64)> = HashMap::new();
        for (earlier_docs, same_doc) in group.chunk_by(|a, b| a.2 == b.2).enumerate() {
            let doc = same_doc[0].2 as usize;
            if documents[doc].draft {
                for entry in same_doc {
                    let best = latest_same_form.get(&entry.4).copied().or(latest);
                    for source in [best, latest_reference].into_iter().flatten() {
                        hits.push(Hit {
                            copy: entry.2,
                            source: source.2,
                            x: entry.3,
                            y: source.3,
                        });
                    }
                    if earlier_docs > 1 {
                        also_in
                            .entry(entry.2)
                            .or_default()
                            .push((entry.3, earlier_docs - 1));
                    }
                }
            }
            latest = Some(&same_doc[0]);
            for entry in same_doc {
                latest_same_form.insert(entry.4, entry);
            }
            if !documents[doc].draft {
                latest_reference = Some(&same_doc[0]);
            }
        }
    }
    for lines in also_in.values_mut() {
        lines.sort_unstable();
    }
    (hits, also_in)
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
    normalized: &[Normalized],
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
    // Equal passages: prefer the latest earlier document, the likeliest to have been copied.
    let kept = align::select(candidates, |a, b| order[*b].cmp(&order[*a]));
    kept.into_iter()
        .map(|(p, source)| to_match(copy, &p, source, documents, normalized, also_in))
        .collect()
}

fn to_match(
    copy: usize,
    p: &Passage,
    source: usize,
    documents: &[CopyDocument],
    normalized: &[Normalized],
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
        source_is_draft: documents[source].draft,
        similarity: p.similarity(),
        matched: p.matched,
        copy_text,
        changes,
        also_in: also,
    }
}
