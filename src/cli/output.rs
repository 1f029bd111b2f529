//! Where a run's output goes: standard output, or with `-o FILE` a temporary file in FILE's
//! folder, put in FILE's place once complete (a reader never sees half a report, and an
//! interrupted run leaves the old file as it was). The review page (`--format html`) can also
//! go to a folder: `-o FOLDER/` (an existing folder, or a path ending in a separator) writes
//! an index page and a page per report there (see `html_folder`).
//!
//! Every write is watched: the first error is kept and reported when the run ends (exit 2),
//! except a closed pipe (`| head`), which only ends the output.

use super::args::Format;
use draftlint::FileReport;
use draftlint::identity;
use draftlint::input::describe_write_error;
use draftlint::render::{self, Action, Failure};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// How standard output is named in messages.
pub const STDOUT_NAME: &str = "标准输出";

pub struct Sink {
    target: Target,
    /// The first write error other than a closed pipe.
    error: Option<io::Error>,
}

enum Target {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        temp: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
    /// A folder of review pages: only [`Sink::write_html`] writes there.
    Folder {
        path: PathBuf,
        failure: Option<Failure>,
        /// Something else was written to it.
        misused: bool,
    },
}

impl Sink {
    /// Standard output, a temporary file next to `path`, or for the review page a folder.
    pub fn open(path: Option<&Path>, format: Format) -> Result<Sink, Failure> {
        let Some(path) = path else {
            return Ok(Sink {
                target: Target::Stdout(BufWriter::new(io::stdout().lock())),
                error: None,
            });
        };
        let fail = |e: io::Error| {
            Failure::new(
                Action::Write,
                identity::display(path),
                describe_write_error(&e),
            )
        };
        if format == Format::Html && names_folder(path) {
            return Ok(Sink {
                target: Target::Folder {
                    path: path.to_path_buf(),
                    failure: None,
                    misused: false,
                },
                error: None,
            });
        }
        if path.is_dir() {
            return Err(Failure::new(
                Action::Write,
                identity::display(path),
                "这是文件夹，不是文件",
            ));
        }
        let temp = temporary_next_to(path).map_err(fail)?;
        Ok(Sink {
            target: Target::File {
                temp: BufWriter::new(temp),
                path: path.to_path_buf(),
            },
            error: None,
        })
    }

    fn name(&self) -> String {
        match &self.target {
            Target::Stdout(_) => STDOUT_NAME.to_string(),
            Target::File { path, .. } | Target::Folder { path, .. } => identity::display(path),
        }
    }

    /// Write the review page (`--format html`) of the reports: one page, or into the folder an
    /// index and a page per report, said on standard output unless `quiet`.
    pub fn write_html(
        &mut self,
        reports: &[FileReport],
        failures: &[Failure],
        quiet: bool,
    ) -> io::Result<()> {
        let Target::Folder { path, failure, .. } = &mut self.target else {
            return render::html::write(reports, failures, self);
        };
        match super::html_folder::write(path, reports, failures) {
            Ok(index) => {
                if !quiet {
                    let _ = writeln!(
                        io::stdout(),
                        "已写出审阅页面 {}：总表和 {} 份报告各一页",
                        render::visible(&identity::display(&index)),
                        reports.len()
                    );
                }
                Ok(())
            }
            Err(error) => {
                *failure = Some(error);
                Err(io::Error::other("the review folder was not written"))
            }
        }
    }

    /// Keep the first error worth reporting; pass every error on.
    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && e.kind() != io::ErrorKind::BrokenPipe
            && self.error.is_none()
        {
            self.error = Some(io::Error::new(e.kind(), e.to_string()));
        }
        result
    }

    /// Flush, and for a file put it in place. Any write error on the way (but a closed pipe)
    /// is a failure; a file with one is not put in place.
    pub fn finish(mut self) -> Result<(), Failure> {
        let name = self.name();
        let fail =
            |e: &io::Error| Failure::new(Action::Write, name.clone(), describe_write_error(e));
        match self.target {
            Target::Stdout(mut out) => {
                let flushed = out.flush();
                if let Err(e) = flushed
                    && e.kind() != io::ErrorKind::BrokenPipe
                    && self.error.is_none()
                {
                    self.error = Some(e);
                }
                match self.error {
                    Some(e) => Err(fail(&e)),
                    None => Ok(()),
                }
            }
            Target::Folder {
                failure, misused, ..
            } => match failure {
                Some(failure) => Err(failure),
                None if misused => Err(Failure::new(
                    Action::Write,
                    name,
                    "文件夹里只能写 --format html 的审阅页面；其他输出请用 --output 指定一个文件",
                )),
                None => Ok(()),
            },
            Target::File { temp, path } => {
                if let Some(e) = &self.error {
                    return Err(fail(e));
                }
                let temp = temp.into_inner().map_err(|e| fail(e.error()))?;
                temp.as_file().sync_all().map_err(|e| fail(&e))?;
                temp.persist(&path).map_err(|e| fail(&e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = match &mut self.target {
            Target::Stdout(out) => out.write(buf),
            Target::File { temp, .. } => temp.write(buf),
            Target::Folder { misused, .. } => Err(not_a_file(misused)),
        };
        self.watch(result)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let result = match &mut self.target {
            Target::Stdout(out) => out.write_all(buf),
            Target::File { temp, .. } => temp.write_all(buf),
            Target::Folder { misused, .. } => Err(not_a_file(misused)),
        };
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = match &mut self.target {
            Target::Stdout(out) => out.flush(),
            Target::File { temp, .. } => temp.flush(),
            Target::Folder { .. } => Ok(()),
        };
        self.watch(result)
    }
}

/// Bytes written to a folder target: refused, and remembered.
fn not_a_file(misused: &mut bool) -> io::Error {
    *misused = true;
    io::Error::other("a folder is not a file")
}

/// Whether `--output` names a folder: one that exists, or a path ending in a separator.
pub fn names_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

pub fn temporary_next_to(path: &Path) -> io::Result<NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".draftlint-").suffix(".tmp");
    // The file gets the permissions of the one it replaces, or a new file's usual ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666));
        builder.permissions(permissions);
    }
    builder.tempfile_in(dir)
}

/// Write a whole file at once: a temporary file in the same folder, renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temp = temporary_next_to(path)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
