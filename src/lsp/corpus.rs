//! The reference corpus (`corpus = [...]` in `.draftlint.toml`) for documents open in the
//! editor: its files are read once per configuration and compared with the open document at
//! each check, so `copied-text` and the rules that read the same body's earlier report show in
//! the editor as they do in `draftlint check`.

use crate::Compared;
use crate::config::Settings;
use crate::copies::{CopyDocument, find_copies};
use crate::identity::{self, FileId};
use crate::input::{self, ReadOptions};
use crate::previous::{self, ReportKey};
use crate::source::Source;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A reference document and the file it was read from.
struct Reference {
    id: Option<FileId>,
    source: Arc<Source>,
    /// The body and year its title names.
    key: Option<ReportKey>,
}

/// Corpora read so far, by the patterns that name them.
#[derive(Default)]
pub struct Corpora {
    read: HashMap<Vec<(PathBuf, String)>, Arc<Vec<Reference>>>,
}

impl Corpora {
    /// Forget what was read: a configuration or a corpus file changed.
    pub fn clear(&mut self) {
        self.read.clear();
    }

    /// The passages of `draft` (read from `path`) found in the corpus its settings name, and
    /// the same body's latest earlier report in it; nothing when there is no corpus or the
    /// rules that read it are off.
    pub fn copies_for(
        &mut self,
        draft: &Arc<Source>,
        path: Option<&Path>,
        settings: &Settings,
    ) -> Compared {
        let wants_copies = settings.runs("copied-text");
        let wants_previous = crate::PREVIOUS_RULES.iter().any(|id| settings.runs(id));
        if settings.corpus.is_empty() || !wants_copies && !wants_previous {
            return Compared::default();
        }
        let references = self
            .read
            .entry(settings.corpus.clone())
            .or_insert_with(|| Arc::new(read(&settings.corpus)))
            .clone();
        // The document is never compared with itself, however the corpus names it.
        let own = path.and_then(|p| FileId::of(p).ok());
        let others: Vec<&Reference> = references
            .iter()
            .filter(|r| own.is_none() || r.id != own)
            .collect();
        if others.is_empty() {
            return Compared::default();
        }
        let mut compared = Compared::default();
        if wants_previous {
            let keys: Vec<Option<ReportKey>> = others.iter().map(|r| r.key.clone()).collect();
            let draft_key = previous::key::of_source(draft);
            compared.previous =
                previous::earlier_reports(&[draft_key], &keys)[0].map(|i| others[i].source.clone());
        }
        if wants_copies {
            let mut documents: Vec<CopyDocument> = others
                .iter()
                .map(|r| CopyDocument {
                    source: r.source.clone(),
                    draft: false,
                })
                .collect();
            documents.push(CopyDocument {
                source: draft.clone(),
                draft: true,
            });
            compared.copies = find_copies(&documents).pop().unwrap_or_default();
        }
        compared
    }
}

/// The readable files of the corpus; the others are named on the server's stderr (which
/// editors show in their log) and skipped, as `draftlint check` skips them.
fn read(patterns: &[(PathBuf, String)]) -> Vec<Reference> {
    let (files, errors) = input::expand_corpus(patterns);
    for error in errors {
        eprintln!(
            "draftlint lsp: 参考文件无法读取，已跳过：{}：{}",
            identity::display(&error.path),
            error.reason
        );
    }
    files
        .into_iter()
        .filter_map(|path| {
            let name = identity::display(&path);
            match input::read_document(&path, ReadOptions::default()) {
                Ok(loaded) => {
                    let source = Source::with_origin(name, loaded.text, loaded.origin)
                        .with_path(Some(identity::absolute(&path)));
                    Some(Reference {
                        id: FileId::of(&path).ok(),
                        key: previous::key::of_source(&source),
                        source: Arc::new(source),
                    })
                }
                Err(error) => {
                    eprintln!(
                        "draftlint lsp: 参考文件无法读取，已跳过：{name}：{}",
                        error.reason
                    );
                    None
                }
            }
        })
        .collect()
}
