//! Checks of open documents on a thread of their own, so that the server loop goes on reading
//! messages and answering requests while a long document is checked.
//!
//! The loop hands over one [`Job`] per changed document; jobs wait in a queue that holds at
//! most one per document: a newer version replaces the queued one, so a burst of edits made
//! while a check runs costs one more check, of the last version. A check already running for
//! the document is cancelled: it starts no further rule and sends nothing back.
//!
//! Applying every safe fix of a document (the "fix all" code action) runs here too, as a
//! [`FixJob`]: it checks the text several times over.

use super::corpus::Corpora;
use crate::FileReport;
use crate::config::Settings;
use crate::source::Source;
use crossbeam_channel::{Receiver, Sender};
use lsp_types::Uri;
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One document to check, as it stood when the job was made.
pub struct Job {
    pub uri: Uri,
    /// Which hand-over this is: the loop publishes only the result of the last job it made
    /// for a document.
    pub ticket: u64,
    pub version: i32,
    /// The name findings are reported under.
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub settings: Settings,
}

/// A finished check; `report` is `None` when the check panicked.
pub struct Done {
    pub uri: Uri,
    pub ticket: u64,
    pub version: i32,
    pub report: Option<FileReport>,
}

/// Every safe fix of a checked text, to apply at once.
pub struct FixJob {
    pub uri: Uri,
    /// The version of the checked text.
    pub version: i32,
    pub name: String,
    pub text: String,
    pub settings: Settings,
}

/// The text with every safe fix applied and how many there were; `fixed` is `None` when
/// nothing changes or the fixing panicked.
pub struct FixedAll {
    pub uri: Uri,
    pub version: i32,
    pub fixed: Option<(String, usize)>,
}

/// What comes back from the checking thread.
pub enum Finished {
    Checked(Box<Done>),
    FixedAll(FixedAll),
}

enum Work {
    Check(Box<Job>),
    FixAll(Box<FixJob>),
    /// A configuration or a corpus file changed: read corpora again.
    ForgetCorpora,
}

/// The check under way: its document, and the flag that cancels it.
type Running = Arc<Mutex<Option<(Uri, Arc<AtomicBool>)>>>;

/// The jobs waiting, in the order their documents first asked, one per document.
#[derive(Default)]
struct Queue {
    jobs: VecDeque<Box<Job>>,
    fixes: VecDeque<Box<FixJob>>,
}

impl Queue {
    fn push(&mut self, job: Box<Job>) {
        replace_or_append(&mut self.jobs, job, |j| &j.uri);
    }

    fn pop(&mut self) -> Option<Box<Job>> {
        self.jobs.pop_front()
    }

    fn push_fix(&mut self, job: Box<FixJob>) {
        replace_or_append(&mut self.fixes, job, |j| &j.uri);
    }

    fn is_empty(&self) -> bool {
        self.jobs.is_empty() && self.fixes.is_empty()
    }
}

/// Put `job` in the place of the queued job for its document, else at the end.
fn replace_or_append<T>(queue: &mut VecDeque<Box<T>>, job: Box<T>, uri: impl Fn(&T) -> &Uri) {
    match queue.iter_mut().find(|queued| uri(queued) == uri(&job)) {
        Some(queued) => *queued = job,
        None => queue.push_back(job),
    }
}

/// The handle the server loop keeps: jobs go in, results come out of [`Checker::done`].
pub struct Checker {
    work: Sender<Work>,
    done: Receiver<Finished>,
    running: Running,
}

impl Checker {
    /// Start the checking thread; it ends when the checker is dropped.
    pub fn start() -> Checker {
        let (work, work_receiver) = crossbeam_channel::unbounded();
        let (done_sender, done) = crossbeam_channel::unbounded();
        let running = Running::default();
        let shared = running.clone();
        std::thread::Builder::new()
            .name("lsp-checker".to_string())
            .spawn(move || run(&work_receiver, &done_sender, &shared))
            .expect("spawning a thread");
        Checker {
            work,
            done,
            running,
        }
    }

    /// Check `job`'s text, cancelling a check of an older text of its document.
    pub fn check(&self, job: Job) {
        if let Ok(running) = self.running.lock()
            && let Some((uri, cancel)) = running.as_ref()
            && *uri == job.uri
        {
            cancel.store(true, Ordering::Relaxed);
        }
        let _ = self.work.send(Work::Check(Box::new(job)));
    }

    /// Apply every safe fix of a checked text; the result comes back as [`Finished::FixedAll`].
    pub fn fix_all(&self, job: FixJob) {
        let _ = self.work.send(Work::FixAll(Box::new(job)));
    }

    pub fn forget_corpora(&self) {
        let _ = self.work.send(Work::ForgetCorpora);
    }

    /// Where finished checks and fixes arrive.
    pub fn done(&self) -> &Receiver<Finished> {
        &self.done
    }
}

fn run(work: &Receiver<Work>, done: &Sender<Finished>, running: &Running) {
    let mut corpora = Corpora::default();
    let mut queue = Queue::default();
    let take = |item: Work, queue: &mut Queue, corpora: &mut Corpora| match item {
        Work::Check(job) => queue.push(job),
        Work::FixAll(job) => queue.push_fix(job),
        Work::ForgetCorpora => corpora.clear(),
    };
    loop {
        if queue.is_empty() {
            match work.recv() {
                Ok(item) => take(item, &mut queue, &mut corpora),
                Err(_) => return,
            }
        }
        // Whatever arrived meanwhile first: a newer version replaces a queued one.
        while let Ok(item) = work.try_recv() {
            take(item, &mut queue, &mut corpora);
        }
        // Findings first: a fix waits for the checks that were asked for before or with it.
        let Some(job) = queue.pop() else {
            if let Some(job) = queue.fixes.pop_front()
                && done.send(Finished::FixedAll(fix_all(*job))).is_err()
            {
                return;
            }
            continue;
        };
        let Job {
            uri,
            ticket,
            version,
            name,
            path,
            text,
            settings,
        } = *job;
        let cancel = Arc::new(AtomicBool::new(false));
        if let Ok(mut running) = running.lock() {
            *running = Some((uri.clone(), cancel.clone()));
        }
        let report = catch_unwind(AssertUnwindSafe(|| {
            let source = Arc::new(Source::new(name, text).with_path(path.clone()));
            let compared = corpora.copies_for(&source, path.as_deref(), &settings);
            let source = Arc::try_unwrap(source).unwrap_or_else(|shared| (*shared).clone());
            crate::check_compared_unless_cancelled(source, &settings, &compared, &cancel)
        }));
        if let Ok(mut running) = running.lock() {
            *running = None;
        }
        let report = match report {
            Ok(Some(report)) => Some(report),
            // Cancelled: a newer text is queued, and the loop waits for its result.
            Ok(None) => continue,
            Err(_) => None,
        };
        let finished = Done {
            uri,
            ticket,
            version,
            report,
        };
        if done.send(Finished::Checked(Box::new(finished))).is_err() {
            return;
        }
    }
}

/// Apply every safe fix, as `--fix` does (repeated until nothing is left to fix).
fn fix_all(job: FixJob) -> FixedAll {
    let FixJob {
        uri,
        version,
        name,
        text,
        settings,
    } = job;
    let fixed = catch_unwind(AssertUnwindSafe(|| {
        crate::fix::fix(Source::new(name, text.clone()), &settings)
    }))
    .ok()
    .filter(|fixed| fixed.text != text)
    .map(|fixed| {
        let count = fixed.total();
        (fixed.text, count)
    });
    FixedAll {
        uri,
        version,
        fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn job(uri: &str, version: i32) -> Box<Job> {
        Box::new(Job {
            uri: Uri::from_str(uri).unwrap(),
            ticket: version as u64,
            version,
            name: uri.to_string(),
            path: None,
            text: String::new(),
            settings: Settings::default(),
        })
    }

    #[test]
    fn a_newer_version_replaces_the_queued_one_in_its_place() {
        let mut queue = Queue::default();
        queue.push(job("file:///a.txt", 1));
        queue.push(job("file:///b.txt", 1));
        queue.push(job("file:///a.txt", 2));
        queue.push(job("file:///a.txt", 3));
        let order: Vec<(String, i32)> = std::iter::from_fn(|| queue.pop())
            .map(|j| (j.uri.as_str().to_string(), j.version))
            .collect();
        assert_eq!(
            order,
            vec![
                ("file:///a.txt".to_string(), 3),
                ("file:///b.txt".to_string(), 1)
            ]
        );
    }

    #[test]
    fn checks_arrive_on_the_done_channel() {
        let checker = Checker::start();
        let mut one = job("file:///a.txt", 7);
        one.text =
            "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n我们加强了领导,完善了制度。\n"
                .to_string();
        checker.check(*one);
        let Finished::Checked(done) = checker
            .done()
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("a result")
        else {
            panic!("a check was asked for");
        };
        assert_eq!(done.version, 7);
        let report = done.report.expect("the check ran");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.rule == "punctuation-width")
        );
    }
}
