//! Resolving the settings that apply to one file: its nearest config, its `[[per-file]]`
//! entries, then the command line.

use super::error::ConfigError;
use super::file::{CONFIG_FILE_NAME, Config, Level, RuleSetting};
use super::pack::Pack;
use crate::diagnostic::Severity;
use crate::rules::{self, Options};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings given on the command line; they win over config files.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub pack: Option<Arc<Pack>>,
    pub year: Option<i32>,
    pub select: Option<HashSet<String>>,
    pub ignore: HashSet<String>,
}

/// Everything that decides how one file is checked.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The pack the user chose; `None` to detect it from the document.
    pub pack: Option<Arc<Pack>>,
    pub year: Option<i32>,
    pub fail_on: Option<Severity>,
    /// Reference documents for copy detection: (folder the pattern is relative to, glob).
    pub corpus: Vec<(PathBuf, String)>,
    /// Largest document read, in bytes; `None` for the default.
    pub max_file_size: Option<u64>,
    rules: HashMap<String, RuleSetting>,
    disabled: HashSet<String>,
    select: Option<HashSet<String>>,
}

impl Settings {
    /// Settings for a file from its config (if any) and the command line.
    pub fn resolve(
        config: Option<&Config>,
        file: Option<&Path>,
        overrides: &Overrides,
    ) -> Settings {
        let mut settings = Settings::default();
        if let Some(config) = config {
            settings.pack = config.pack.clone();
            settings.year = config.year;
            settings.fail_on = config.fail_on;
            settings.corpus = config
                .corpus
                .iter()
                .map(|g| (config.dir.clone(), g.clone()))
                .collect();
            settings.max_file_size = config.max_file_size;
            settings.rules = config.rules.clone();
            let relative = file.and_then(|f| relative_to(f, &config.dir));
            for entry in &config.per_file {
                if relative.as_ref().is_some_and(|r| entry.glob.is_match(r)) {
                    settings.disabled.extend(entry.ignore.iter().cloned());
                    for (id, setting) in &entry.rules {
                        let merged = settings.rules.entry(id.clone()).or_default();
                        if setting.level.is_some() {
                            merged.level = setting.level;
                        }
                        merged.options.0.extend(setting.options.0.clone());
                    }
                }
            }
        }
        if overrides.pack.is_some() {
            settings.pack = overrides.pack.clone();
        }
        if overrides.year.is_some() {
            settings.year = overrides.year;
        }
        settings.disabled.extend(overrides.ignore.iter().cloned());
        settings.select = overrides.select.clone();
        settings
    }

    /// The severity a rule reports at, or `None` when it is off for this file.
    /// Whether the rule named `id` runs under these settings.
    pub fn runs(&self, id: &str) -> bool {
        rules::find(id).is_some_and(|rule| self.level(rule).is_some())
    }

    pub fn level(&self, rule: &dyn rules::Rule) -> Option<Severity> {
        let id = rule.info().id;
        if self.disabled.contains(id) || self.select.as_ref().is_some_and(|s| !s.contains(id)) {
            return None;
        }
        match self.rules.get(id).and_then(|s| s.level) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(severity),
            None => Some(rule.info().severity),
        }
    }

    pub fn options(&self, id: &str) -> Options {
        self.rules
            .get(id)
            .map(|s| s.options.clone())
            .unwrap_or_default()
    }

    /// How documents checked with these settings are read.
    pub fn read_options(&self) -> crate::input::ReadOptions {
        let mut options = crate::input::ReadOptions::default();
        if let Some(limit) = self.max_file_size {
            options.max_file_size = limit;
        }
        options
    }

    pub fn fail_on(&self) -> Severity {
        self.fail_on.unwrap_or(Severity::Error)
    }
}

/// `file` from the folder `dir`, however either is spelled (`..`, `./`, absolute); `None` when
/// it is not inside.
fn relative_to(file: &Path, dir: &Path) -> Option<PathBuf> {
    let file = crate::identity::absolute(file);
    let dir = crate::identity::absolute(dir);
    file.strip_prefix(&dir).ok().map(Path::to_path_buf)
}

/// Finds the nearest `.draftlint.toml` above each file, loading each config once.
#[derive(Default)]
pub struct ConfigFinder {
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Config>, ConfigError>>,
    /// The working directory, asked for once: a run of thousands of files would otherwise ask
    /// the system for it once a file.
    cwd: Option<PathBuf>,
}

impl ConfigFinder {
    /// The config that applies to files in `dir`, if any.
    pub fn for_dir(&mut self, dir: &Path) -> Option<Result<Arc<Config>, ConfigError>> {
        let dir = self.absolute(dir);
        let found = self.find_upward(&dir)?;
        Some(
            self.loaded
                .entry(found.clone())
                .or_insert_with(|| {
                    Config::load(Path::new(&crate::identity::display(&found))).map(Arc::new)
                })
                .clone(),
        )
    }

    fn absolute(&mut self, dir: &Path) -> PathBuf {
        let joined;
        let dir = if dir.is_absolute() {
            dir
        } else {
            let Some(cwd) = self.cwd.clone().or_else(|| std::env::current_dir().ok()) else {
                return dir.to_path_buf();
            };
            joined = cwd.join(dir);
            self.cwd = Some(cwd);
            &joined
        };
        crate::identity::normalize(dir)
    }

    fn find_upward(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(cached) = self.by_dir.get(dir) {
            return cached.clone();
        }
        let candidate = dir.join(CONFIG_FILE_NAME);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            dir.parent().and_then(|parent| self.find_upward(parent))
        };
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}
