//! Formats written a file at a time: a run over thousands of files renders its reports in
//! parallel as they are checked and keeps only a chunk of them in memory, in sorted order.

use super::{Failure, Summary, concise, github, json, sarif, text};
use crate::FileReport;
use std::collections::HashMap;
use std::io::{self, Write};

/// The formats whose output is the files' findings one after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    /// `summary`: end with the summary line (not with `--quiet`).
    Text {
        color: bool,
        summary: bool,
    },
    /// `grouped`: a finding per rule and paragraph (`--group paragraph`).
    Concise {
        grouped: bool,
    },
    Github,
    Json {
        grouped: bool,
    },
    Sarif,
}

/// A report's output, rendered and waiting to be written.
pub enum Rendered {
    Bytes(Vec<u8>),
    /// GitHub annotations, written at the end in the run's order.
    Annotations(Vec<github::Annotation>),
}

impl Rendered {
    fn is_empty(&self) -> bool {
        match self {
            Rendered::Bytes(bytes) => bytes.is_empty(),
            Rendered::Annotations(annotations) => annotations.is_empty(),
        }
    }
}

/// Output under way: what has been written decides the separators still to come.
pub struct Stream {
    format: Streamed,
    /// The annotations of `--format github`, held for the end.
    annotations: github::Ordered,
    files: usize,
    /// Some SARIF result has been written.
    wrote_results: bool,
    rule_indices: HashMap<&'static str, usize>,
}

impl Stream {
    pub fn begin(format: Streamed, out: &mut impl Write) -> io::Result<Stream> {
        let mut rule_indices = HashMap::new();
        match format {
            Streamed::Json { .. } => out.write_all(json::head().as_bytes())?,
            Streamed::Sarif => {
                out.write_all(sarif::head().as_bytes())?;
                rule_indices = sarif::rule_indices();
            }
            _ => {}
        }
        Ok(Stream {
            format,
            annotations: github::Ordered::default(),
            files: 0,
            wrote_results: false,
            rule_indices,
        })
    }

    /// One report's output; reports may be rendered in parallel, then written in order.
    pub fn render(&self, report: &FileReport) -> Rendered {
        Rendered::Bytes(match self.format {
            Streamed::Text { color, .. } => text::file_bytes(report, color),
            Streamed::Concise { grouped } => concise::file(report, grouped).into_bytes(),
            Streamed::Github => return Rendered::Annotations(github::annotations(report)),
            Streamed::Json { grouped } => json::file_bytes(report, grouped),
            Streamed::Sarif => sarif::file_bytes(report, &self.rule_indices),
        })
    }

    /// Write the next report straight to `out`, a finding at a time, instead of rendering it
    /// first: for a report too large to hold as text.
    pub fn write_report(&mut self, report: &FileReport, out: &mut impl Write) -> io::Result<()> {
        let has_results = !report.diagnostics.is_empty();
        self.separate(has_results, out)?;
        match self.format {
            Streamed::Text { color, .. } => text::write_file(report, color, out)?,
            Streamed::Concise { grouped } => concise::write_file(report, grouped, out)?,
            Streamed::Github => self.annotations.add(github::annotations(report)),
            Streamed::Json { grouped } => json::write_file(report, grouped, out)?,
            Streamed::Sarif => sarif::write_file(report, &self.rule_indices, out)?,
        }
        self.wrote(has_results);
        Ok(())
    }

    /// Write the next report's output.
    pub fn write(&mut self, rendered: Rendered, out: &mut impl Write) -> io::Result<()> {
        let has_results = !rendered.is_empty();
        self.separate(has_results, out)?;
        match rendered {
            Rendered::Bytes(bytes) => out.write_all(&bytes)?,
            Rendered::Annotations(annotations) => self.annotations.add(annotations),
        }
        self.wrote(has_results);
        Ok(())
    }

    /// What goes before the next report: JSON separates files; SARIF separates results, and a
    /// file without any adds nothing.
    fn separate(&self, has_results: bool, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Streamed::Json { .. } => out.write_all(json::separator(self.files == 0).as_bytes()),
            Streamed::Sarif if has_results && self.wrote_results => out.write_all(b","),
            _ => Ok(()),
        }
    }

    fn wrote(&mut self, has_results: bool) {
        self.files += 1;
        self.wrote_results |= has_results;
    }

    /// What follows the last report: the summary, and for JSON the files that could not be
    /// checked.
    pub fn finish(
        self,
        summary: &Summary,
        failures: &[Failure],
        out: &mut impl Write,
    ) -> io::Result<()> {
        match self.format {
            Streamed::Text { summary: true, .. } => {
                out.write_all(text::summary_line(summary, failures).as_bytes())
            }
            Streamed::Json { .. } => {
                out.write_all(json::tail(summary, failures, self.files > 0).as_bytes())
            }
            Streamed::Sarif => out.write_all(sarif::tail(failures, self.wrote_results).as_bytes()),
            Streamed::Github => out.write_all(self.annotations.into_string().as_bytes()),
            Streamed::Text { summary: false, .. } | Streamed::Concise { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::source::Source;

    fn report(name: &str, text: &str) -> FileReport {
        crate::check(Source::new(name, text.to_string()), &Settings::default())
    }

    #[test]
    fn a_report_written_straight_out_reads_as_one_rendered_first() {
        let reports = [
            report(
                "a.txt",
                "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n加强领导,完善制度 ,推进工作。\n",
            ),
            report(
                "b.txt",
                "2023年度法治政府建设情况报告\n\n一、主要举措和成效\n\n全年办结案件120件。\n",
            ),
            report(
                "c.txt",
                "关于2023年度法治政府建设情况的报告\n二、存在的不足,原因\n",
            ),
        ];
        let formats = [
            Streamed::Text {
                color: false,
                summary: true,
            },
            Streamed::Text {
                color: true,
                summary: false,
            },
            Streamed::Concise { grouped: false },
            Streamed::Concise { grouped: true },
            Streamed::Github,
            Streamed::Json { grouped: false },
            Streamed::Json { grouped: true },
            Streamed::Sarif,
        ];
        for format in formats {
            let (mut rendered, mut straight) = (Vec::new(), Vec::new());
            let mut first = Stream::begin(format, &mut rendered).unwrap();
            let mut second = Stream::begin(format, &mut straight).unwrap();
            for report in &reports {
                let held = first.render(report);
                first.write(held, &mut rendered).unwrap();
                second.write_report(report, &mut straight).unwrap();
            }
            let summary = Summary::of(&reports);
            first.finish(&summary, &[], &mut rendered).unwrap();
            second.finish(&summary, &[], &mut straight).unwrap();
            assert!(!rendered.is_empty());
            assert_eq!(
                String::from_utf8(rendered).unwrap(),
                String::from_utf8(straight).unwrap(),
                "{format:?}"
            );
        }
    }
}
