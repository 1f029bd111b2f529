//! Settings for each file of a run: the explicit `--config` or the nearest `.draftlint.toml`,
//! then the command-line overrides; and the colour choice.

use super::args::{ColorChoice, PackArgs};
use draftlint::config::packs::{self, PackError};
use draftlint::config::{Config, ConfigError, ConfigFinder, Excludes, Overrides, Settings};
use draftlint::identity;
use draftlint::render::{self, Action, Failure};
use draftlint::rules;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

/// Finds the settings for each file: the explicit `--config` or the nearest `.draftlint.toml`,
/// then the command-line overrides.
pub struct Resolver {
    explicit: Option<Arc<Config>>,
    finder: ConfigFinder,
    overrides: Overrides,
    reported: HashSet<String>,
    color: bool,
}

/// Something that stops the run before any file is checked; already printed.
pub struct Abort;

impl Resolver {
    pub fn new(
        args: &PackArgs,
        select: &[String],
        ignore: &[String],
        color: bool,
    ) -> Result<Resolver, Abort> {
        let fail = |message: String| {
            command_line_error(message, color);
            Abort
        };
        let check_ids = |ids: &[String]| -> Result<HashSet<String>, Abort> {
            for id in ids {
                if rules::find(id).is_none() {
                    return Err(fail(format!(
                        "未知的规则 “{id}”；{}",
                        draftlint::suggest::rule_help(id)
                    )));
                }
            }
            Ok(ids.iter().cloned().collect())
        };
        let pack = match &args.pack {
            None => None,
            Some(reference) => match packs::resolve(reference, Path::new(".")) {
                Ok(pack) => Some(pack),
                Err(PackError::Unknown(message)) => return Err(fail(message)),
                Err(PackError::Invalid(error)) => {
                    eprint!("{}", render::text::render_config_error(&error, color));
                    return Err(Abort);
                }
            },
        };
        let explicit = match &args.config {
            None => None,
            Some(path) => match Config::load(Path::new(&identity::display(path))) {
                Ok(config) => Some(Arc::new(config)),
                Err(error) => {
                    eprint!("{}", render::text::render_config_error(&error, color));
                    return Err(Abort);
                }
            },
        };
        Ok(Resolver {
            explicit,
            finder: ConfigFinder::default(),
            overrides: Overrides {
                pack,
                year: args.year,
                select: (!select.is_empty())
                    .then(|| check_ids(select))
                    .transpose()?,
                ignore: check_ids(ignore)?,
                ..Overrides::default()
            },
            reported: HashSet::new(),
            color,
        })
    }

    /// The command-line overrides, for options only `check` has.
    pub fn overrides_mut(&mut self) -> &mut Overrides {
        &mut self.overrides
    }

    /// Settings for a file (`None` for stdin: the working directory's config applies). A broken
    /// config is printed once and the file is not checked.
    pub fn settings_for(&mut self, file: Option<&Path>) -> Result<Settings, ()> {
        let config = match &self.explicit {
            Some(config) => Some(Ok(config.clone())),
            None => {
                let dir = file
                    .and_then(Path::parent)
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                self.finder.for_dir(dir)
            }
        };
        match config {
            None => Ok(Settings::resolve(None, file, &self.overrides)),
            Some(Ok(config)) => Ok(Settings::resolve(Some(&config), file, &self.overrides)),
            Some(Err(error)) => {
                self.report_config_error(&error);
                Err(())
            }
        }
    }

    fn report_config_error(&mut self, error: &ConfigError) {
        if self.reported.insert(error.path.clone()) {
            eprint!("{}", render::text::render_config_error(error, self.color));
        }
    }
}

pub fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Say on stderr that the command line is wrong, and why.
pub fn command_line_error(reason: impl Into<String>, color: bool) {
    eprint!(
        "{}",
        render::text::render_failure(&Failure::new(Action::Usage, "命令行", reason), color)
    );
}

/// Compile `--exclude` or `--extend-exclude` patterns; `None` when there are none.
pub fn excludes(patterns: &[String], color: bool) -> Result<Option<Excludes>, Abort> {
    if patterns.is_empty() {
        return Ok(None);
    }
    Excludes::new(patterns.to_vec())
        .map(Some)
        .map_err(|reason| {
            command_line_error(reason, color);
            Abort
        })
}
