//! Reading the documents of a run, files or standard input, into [`Source`]s.

use draftlint::Source;
use draftlint::identity;
use draftlint::input::{self, InputError};
use draftlint::render::Failure;
use std::path::Path;

pub fn read_source(path: Option<&Path>) -> Result<Source, Failure> {
    read_source_with(path, input::ReadOptions::default())
}

/// Read standard input, as the file `name` would be read (`--stdin-filename`): its extension
/// decides Markdown or Word, and it is shown under that name.
pub fn read_stdin_named(
    name: Option<&Path>,
    options: input::ReadOptions,
) -> Result<Source, Failure> {
    let Some(name) = name else {
        return read_source_with(None, options);
    };
    let shown = identity::display(name);
    input::read_stdin_as(input::format_of(name), options)
        .map(|loaded| Source::with_origin(shown.clone(), loaded.text, loaded.origin))
        .map_err(|InputError { reason, .. }| Failure::read(shown, reason))
}

/// Read a document (text in any supported encoding, Markdown, .docx, PDF), or standard input,
/// into a [`Source`].
pub fn read_source_with(
    path: Option<&Path>,
    options: input::ReadOptions,
) -> Result<Source, Failure> {
    match path {
        Some(path) => read_file(path, options, false),
        None => input::read_stdin_document(options)
            .map(|loaded| Source::with_origin("<stdin>".to_string(), loaded.text, loaded.origin))
            .map_err(|InputError { reason, .. }| Failure::read("<stdin>", reason)),
    }
}

/// Read a document into a [`Source`]; with `skip_without_text`, a sound document whose text
/// cannot be read (a scanned PDF found by walking a folder) is a [`Failure::skip`] rather than
/// a failure.
pub fn read_file(
    path: &Path,
    options: input::ReadOptions,
    skip_without_text: bool,
) -> Result<Source, Failure> {
    let name = identity::display(path);
    match input::read_document(path, options) {
        Ok(loaded) => Ok(Source::with_origin(name, loaded.text, loaded.origin)
            .with_path(Some(identity::absolute(path)))),
        Err(error) if error.without_text && skip_without_text => {
            Err(Failure::skip(name, error.reason))
        }
        Err(error) => Err(Failure::read(name, error.reason)),
    }
}

pub fn failure_of(error: input::WalkError) -> Failure {
    Failure::read(identity::display(&error.path), error.reason)
}
