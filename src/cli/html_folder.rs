//! `--format html --output 文件夹/`: the review page as a folder, for runs too large for one
//! page (1,000 reports make a page of over a hundred megabytes that a browser takes most of a
//! minute to open): `index.html` with the documents × required parts matrix linking to one
//! self-contained page per report. Each file is written whole beside its place and then put
//! there, the index last, so a reader never opens half a page.

use super::output::temporary_next_to;
use draftlint::FileReport;
use draftlint::identity;
use draftlint::input::describe_write_error;
use draftlint::render::{Action, Failure, html};
use rayon::prelude::*;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Write the folder; where its index is. The first failure stops it, with the file it was
/// writing.
pub fn write(
    folder: &Path,
    reports: &[FileReport],
    failures: &[Failure],
) -> Result<PathBuf, Failure> {
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure::new(
            Action::Write,
            identity::display(folder),
            describe_write_error(&e),
        )
    })?;
    let pages = html::page_names(reports);
    pages.par_iter().enumerate().try_for_each(|(i, name)| {
        put(&folder.join(name), |out| {
            html::write_report(reports, i, &pages, out)
        })
    })?;
    let index = folder.join("index.html");
    put(&index, |out| {
        html::write_index(reports, failures, &pages, out)
    })?;
    Ok(index)
}

/// Write a file through `write`, in a temporary file renamed into place.
fn put(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let written = (|| {
        let mut out = BufWriter::new(temporary_next_to(path)?);
        write(&mut out)?;
        let temp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    written.map_err(|e: io::Error| {
        Failure::new(
            Action::Write,
            identity::display(path),
            describe_write_error(&e),
        )
    })
}
