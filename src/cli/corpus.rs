//! The reference documents of a run (`--corpus` and the configurations' `corpus`), and what
//! they and the other drafts tell about each draft.

use super::pipeline::Prepared;
use super::read::{failure_of, read_file};
use draftlint::copies::{self, CopyDocument};
use draftlint::identity::FileId;
use draftlint::input;
use draftlint::render::Failure;
use draftlint::{Compared, Source, previous};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// What the reference documents and the other drafts tell about each draft: the passages
/// copied into it, and the same body's latest report of an earlier year among the reference
/// documents. Reference documents come from `--corpus` (relative to the working folder) and
/// from the `corpus` of each draft's configuration; unreadable ones are reported once and
/// skipped. Sorts `drafts` by name, the order in which a passage two drafts share is
/// attributed to the earlier one.
pub fn find_copies(
    cli_corpus: &[String],
    drafts: &mut [Prepared],
    failures: &mut Vec<Failure>,
) -> Vec<Compared> {
    drafts.sort_by(|a, b| a.source.name.cmp(&b.source.name));
    let none = || (0..drafts.len()).map(|_| Compared::default()).collect();
    let wants_copies = drafts
        .iter()
        .any(|draft| draft.settings.runs("copied-text"));
    let wants_previous = drafts.iter().any(|draft| {
        draftlint::PREVIOUS_RULES
            .iter()
            .any(|id| draft.settings.runs(id))
    });
    if !wants_copies && !wants_previous {
        return none();
    }
    let mut patterns: Vec<(PathBuf, String)> = cli_corpus
        .iter()
        .map(|g| (PathBuf::from("."), g.clone()))
        .collect();
    for draft in drafts.iter() {
        for pattern in &draft.settings.corpus {
            if !patterns.contains(pattern) {
                patterns.push(pattern.clone());
            }
        }
    }
    let references = read_references(&patterns, drafts, failures);
    let mut found: Vec<Compared> = none();
    if wants_previous && !references.is_empty() {
        let sources: Vec<&Source> = drafts.iter().map(|d| d.source.as_ref()).collect();
        for (compared, previous) in found
            .iter_mut()
            .zip(previous::earlier_in(&sources, &references))
        {
            compared.previous = previous;
        }
    }
    if !wants_copies || references.is_empty() && drafts.len() < 2 {
        return found;
    }
    let first_draft = references.len();
    let mut documents: Vec<CopyDocument> = references
        .into_iter()
        .map(|source| CopyDocument {
            source,
            draft: false,
        })
        .collect();
    documents.extend(drafts.iter().map(|draft| CopyDocument {
        source: draft.source.clone(),
        draft: true,
    }));
    let mut copies = copies::find_copies(&documents);
    copies.drain(..first_draft);
    for (compared, copies) in found.iter_mut().zip(copies) {
        compared.copies = copies;
    }
    found
}

/// The readable reference documents the patterns name, the drafts left out: a draft that is
/// also in the corpus is compared with the other drafts, never with itself, however either
/// path is spelled.
fn read_references(
    patterns: &[(PathBuf, String)],
    drafts: &[Prepared],
    failures: &mut Vec<Failure>,
) -> Vec<Arc<Source>> {
    if patterns.is_empty() {
        return Vec::new();
    }
    let (corpus_files, errors) = input::expand_corpus(patterns);
    failures.extend(errors.into_iter().map(failure_of));
    let draft_files: HashSet<FileId> = drafts.iter().filter_map(|d| d.source.file_id()).collect();
    let read: Vec<Result<Source, Failure>> = corpus_files
        .par_iter()
        .filter(|p| FileId::of(p).map_or(true, |id| !draft_files.contains(&id)))
        .map(|p| {
            // A scanned PDF in an archive of earlier years is listed, not a failure.
            read_file(p, input::ReadOptions::default(), true).map_err(|f| Failure {
                reason: format!("{}（参考文件，已跳过）", f.reason),
                ..f
            })
        })
        .collect();
    let mut references = Vec::with_capacity(read.len());
    for reference in read {
        match reference {
            Ok(source) => references.push(Arc::new(source)),
            Err(failure) => failures.push(failure),
        }
    }
    references
}
