//! Where a run's output goes: standard output, or with `-o FILE` a temporary file in FILE's
//! folder, put in FILE's place once complete (a reader never sees half a report, and an
//! interrupted run leaves the old file as it was).

use draftlint::identity;
use draftlint::input::describe_io_error;
use draftlint::render::{Action, Failure};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        temp: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
}

impl Sink {
    /// Standard output, or a temporary file next to `path`.
    pub fn open(path: Option<&Path>) -> Result<Sink, Failure> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(BufWriter::new(io::stdout().lock())));
        };
        let fail = |e: io::Error| {
            Failure::new(
                Action::Write,
                identity::display(path),
                describe_io_error(&e),
            )
        };
        if path.is_dir() {
            return Err(Failure::new(
                Action::Write,
                identity::display(path),
                "这是文件夹，不是文件",
            ));
        }
        let temp = temporary_next_to(path).map_err(fail)?;
        Ok(Sink::File {
            temp: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// Flush, and for a file put it in place.
    pub fn finish(self) -> Result<(), Failure> {
        match self {
            Sink::Stdout(mut out) => {
                let _ = out.flush();
                Ok(())
            }
            Sink::File { temp, path } => {
                let fail = |e: io::Error| {
                    Failure::new(
                        Action::Write,
                        identity::display(&path),
                        describe_io_error(&e),
                    )
                };
                let temp = temp.into_inner().map_err(|e| fail(e.into_error()))?;
                temp.as_file().sync_all().map_err(fail)?;
                temp.persist(&path).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File { temp, .. } => temp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::File { temp, .. } => temp.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { temp, .. } => temp.flush(),
        }
    }
}

fn temporary_next_to(path: &Path) -> io::Result<NamedTempFile> {
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
