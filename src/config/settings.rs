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
    /// `--fail-on`.
    pub fail_on: Option<Severity>,
    /// `--severity`: findings below it are dropped.
    pub min_severity: Option<Severity>,
    /// `--exclude`, relative to the working folder: replaces the config's `exclude`.
    pub exclude: Option<Excludes>,
    /// `--extend-exclude`, relative to the working folder: added to either.
    pub extend_exclude: Option<Excludes>,
}

/// Glob patterns of files not to check, as `exclude` in a config or `--exclude` give them. A
/// pattern matches a file by its path from the folder the patterns are relative to, by one of
/// the folders on that path (`archive` or `archive/**` leave out everything under `archive/`), or,
/// when it names no folder, by the file's name (`README.md` anywhere).
#[derive(Debug, Clone)]
pub struct Excludes {
    pub patterns: Vec<String>,
    set: globset::GlobSet,
}

/// What is excluded when neither the configuration nor the command line says (`exclude`
/// replaces it, `extend-exclude` adds to it): a repository's own documents, which are not
/// reports, and folders of installed packages. Matched without regard to case.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    "README*",
    "CHANGELOG*",
    "CHANGES*",
    "CONTRIBUTING*",
    "CODE_OF_CONDUCT*",
    "SECURITY*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "AUTHORS*",
    "node_modules",
];

impl Excludes {
    /// Compile the patterns; `Err` names the invalid one in Chinese.
    pub fn new(patterns: Vec<String>) -> Result<Excludes, String> {
        Excludes::build(patterns, false)
    }

    /// [`DEFAULT_EXCLUDE`].
    pub fn defaults() -> &'static Excludes {
        static DEFAULTS: std::sync::OnceLock<Excludes> = std::sync::OnceLock::new();
        DEFAULTS.get_or_init(|| {
            Excludes::build(
                DEFAULT_EXCLUDE.iter().map(|p| p.to_string()).collect(),
                true,
            )
            .expect("the default patterns are valid")
        })
    }

    fn build(patterns: Vec<String>, case_insensitive: bool) -> Result<Excludes, String> {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in &patterns {
            let trimmed = pattern.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(trimmed)
                .case_insensitive(case_insensitive)
                .build()
                .map_err(|e| format!("glob 模式 “{pattern}” 无效：{}", e.kind()))?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| format!("glob 模式无效：{}", e.kind()))?;
        Ok(Excludes { patterns, set })
    }

    /// Whether a file, given by its path from the patterns' folder, is excluded.
    pub fn matches(&self, relative: &Path) -> bool {
        if self.set.is_match(relative) {
            return true;
        }
        if relative
            .file_name()
            .is_some_and(|name| self.set.is_match(Path::new(name)))
        {
            return true;
        }
        relative
            .ancestors()
            .skip(1)
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| self.set.is_match(a))
    }

    /// Whether `file` (as named) is excluded by patterns relative to `dir`; a file outside
    /// `dir` by its name only.
    pub fn matches_in(&self, file: &Path, dir: &Path) -> bool {
        match relative_to(file, dir) {
            Some(relative) => self.matches(&relative),
            None => file
                .file_name()
                .is_some_and(|name| self.set.is_match(Path::new(name))),
        }
    }
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
    /// Findings below this severity are dropped (`--severity`).
    pub min_severity: Option<Severity>,
    /// The file matches an `exclude` pattern (of its config or the command line).
    pub excluded: bool,
    /// The configuration file these settings came from.
    pub config_path: Option<PathBuf>,
    /// The exclude patterns in force, for `--show-settings`.
    pub exclude_patterns: Vec<String>,
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
        let cwd = Path::new(".");
        let config_dir = config.map_or(cwd, |c| c.dir.as_path());
        let (base, base_dir) = match (&overrides.exclude, config.and_then(|c| c.exclude.as_ref())) {
            (Some(cli), _) => (cli, cwd),
            (None, Some(configured)) => (configured, config_dir),
            (None, None) => (Excludes::defaults(), config_dir),
        };
        settings.excluded = file.is_some_and(|f| base.matches_in(f, base_dir));
        settings.exclude_patterns = base.patterns.clone();
        if let Some(extra) = config.and_then(|c| c.extend_exclude.as_ref()) {
            settings.excluded |= file.is_some_and(|f| extra.matches_in(f, config_dir));
            settings
                .exclude_patterns
                .extend(extra.patterns.iter().cloned());
        }
        if let Some(extra) = &overrides.extend_exclude {
            settings.excluded |= file.is_some_and(|f| extra.matches_in(f, cwd));
            settings
                .exclude_patterns
                .extend(extra.patterns.iter().cloned());
        }
        if let Some(config) = config {
            settings.config_path = Some(config.path.clone());
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
        if overrides.fail_on.is_some() {
            settings.fail_on = overrides.fail_on;
        }
        settings.min_severity = overrides.min_severity;
        settings.disabled.extend(overrides.ignore.iter().cloned());
        settings.select = overrides.select.clone();
        settings
    }

    /// The settings as a `.draftlint.toml` would write them, every rule with its level and
    /// options (`--show-settings`).
    pub fn to_toml(&self, pack_detected: Option<&str>) -> String {
        use toml::Value;
        let mut out = String::new();
        match &self.config_path {
            Some(path) => {
                out.push_str(&format!("# 配置文件：{}\n", crate::identity::display(path)))
            }
            None => out.push_str("# 没有配置文件：使用默认设置\n"),
        }
        let mut top = toml::Table::new();
        match (&self.pack, pack_detected) {
            (Some(pack), _) => {
                top.insert("pack".into(), Value::String(pack.name.clone()));
            }
            (None, Some(name)) => {
                out.push_str(&format!("# 规则包按标题自动判断为 {name}\n"));
                top.insert("pack".into(), Value::String(name.to_string()));
            }
            (None, None) => {}
        }
        if let Some(year) = self.year {
            top.insert("year".into(), Value::Integer(year.into()));
        }
        top.insert(
            "fail-on".into(),
            Value::String(self.fail_on().as_str().into()),
        );
        if let Some(min) = self.min_severity {
            out.push_str(&format!(
                "# 只显示 {} 及以上级别的问题（--severity）\n",
                min.as_str()
            ));
        }
        let strings =
            |items: Vec<String>| Value::Array(items.into_iter().map(Value::String).collect());
        top.insert(
            "corpus".into(),
            strings(self.corpus.iter().map(|(_, g)| g.clone()).collect()),
        );
        top.insert("exclude".into(), strings(self.exclude_patterns.clone()));
        let limit = self.read_options().max_file_size;
        top.insert(
            "max-file-size".into(),
            Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)),
        );
        let mut table = toml::Table::new();
        for rule in rules::all() {
            let id = rule.info().id;
            let level = match self.level(*rule) {
                Some(severity) => severity.as_str(),
                None => "off",
            };
            let options = self.options(id);
            if options.0.is_empty() {
                table.insert(id.into(), Value::String(level.into()));
            } else {
                let mut entry = toml::Table::new();
                entry.insert("severity".into(), Value::String(level.into()));
                for (key, value) in &options.0 {
                    entry.insert(key.clone(), value.clone());
                }
                table.insert(id.into(), Value::Table(entry));
            }
        }
        out.push_str(&toml::to_string(&top).unwrap_or_default());
        let mut rules_doc = toml::Table::new();
        rules_doc.insert("rules".into(), Value::Table(table));
        out.push('\n');
        out.push_str(&toml::to_string(&rules_doc).unwrap_or_default());
        out
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
