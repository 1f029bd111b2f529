//! Output formats. Each renders the reports of a whole run to a string.

pub mod concise;
pub mod github;
pub mod group;
pub mod html;
pub mod json;
pub mod junit;
mod markup;
pub mod outline;
pub mod sarif;
pub mod text;
mod uri;

use crate::FileReport;
use crate::diagnostic::Severity;
use crate::source::Source;

/// A file that could not be checked, and why (Chinese).
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

/// 1-based line and column (Unicode scalar values) of a byte offset.
pub fn line_column(source: &Source, offset: usize) -> (usize, usize) {
    let position = source.position(offset);
    (position.line + 1, position.char_column + 1)
}
