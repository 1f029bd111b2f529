//! Output formats. Each renders the reports of a whole run to a string.

pub mod concise;
mod excerpt;
pub mod github;
pub mod group;
pub mod html;
pub mod json;
pub mod junit;
mod markup;
pub mod outline;
pub mod sarif;
pub mod stream;
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
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Count one more report.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn merge(&mut self, other: Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// 1-based line and column (Unicode scalar values) of a byte offset.
pub fn line_column(source: &Source, offset: usize) -> (usize, usize) {
    let position = source.position(offset);
    (position.line + 1, position.char_column + 1)
}
