//! The reference corpus (`corpus = [...]` in `.draftlint.toml`) for documents open in the
//! editor: its files are read once per configuration and compared with the open document at
//! each check, so `copied-text` shows in the editor as it does in `draftlint check`.

use crate::config::Settings;
use crate::copies::{CopyDocument, CopyMatch, find_copies};
use crate::identity::{self, FileId};
use crate::input::{self, ReadOptions};
use crate::source::Source;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A reference document and the file it was read from.
struct Reference {
    id: Option<FileId>,
    source: Arc<Source>,
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

    /// The passages of `draft` (read from `path`) found in the corpus its settings name; none
    /// when there is no corpus or `copied-text` is off.
    pub fn copies_for(
        &mut self,
        draft: &Arc<Source>,
        path: Option<&Path>,
        settings: &Settings,
    ) -> Vec<CopyMatch> {
        if settings.corpus.is_empty() || !settings.runs("copied-text") {
            return Vec::new();
        }
        let references = self
            .read
            .entry(settings.corpus.clone())
            .or_insert_with(|| Arc::new(read(&settings.corpus)))
            .clone();
        // The document is never compared with itself, however the corpus names it.
        let own = path.and_then(|p| FileId::of(p).ok());
        let mut documents: Vec<CopyDocument> = references
            .iter()
            .filter(|r| own.is_none() || r.id != own)
            .map(|r| CopyDocument {
                source: r.source.clone(),
                draft: false,
            })
            .collect();
        if documents.is_empty() {
            return Vec::new();
        }
        documents.push(CopyDocument {
            source: draft.clone(),
            draft: true,
        });
        find_copies(&documents).pop().unwrap_or_default()
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
                Ok(loaded) => Some(Reference {
                    id: FileId::of(&path).ok(),
                    source: Arc::new(
                        Source::with_origin(name, loaded.text, loaded.origin)
                            .with_path(Some(identity::absolute(&path))),
                    ),
                }),
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
