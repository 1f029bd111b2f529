//! The documents of a run: the files named and found in the folders walked, each with its
//! settings, less those excluded; and what could not be walked or configured.

use super::options::Selection;
use super::read::failure_of;
use super::settings::Resolver;
use draftlint::config::Settings;
use draftlint::identity;
use draftlint::input;
use draftlint::render::{Action, Failure};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A document to check.
pub struct Draft {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    pub settings: Settings,
    /// Named on the command line rather than found in a folder.
    pub named: bool,
}

/// The documents of a run and what was met finding them.
pub struct Inputs {
    pub drafts: Vec<Draft>,
    pub failures: Vec<Failure>,
    /// Some configuration file could not be read.
    pub config_trouble: bool,
}

/// The files of the folders and files named.
pub fn walk(selection: &Selection) -> input::Walked {
    input::collect_paths(&selection.paths, selection.follow_links)
}

/// The drafts of a walk, with their settings; `stdin_name` is the name standard input is read
/// under.
pub fn settle(
    walked: input::Walked,
    selection: &Selection,
    stdin_name: Option<&Path>,
    resolver: &mut Resolver,
) -> Inputs {
    // Files named on the command line are checked even when excluded, unless --force-exclude.
    let explicit: HashSet<&PathBuf> = selection.paths.iter().filter(|p| !p.is_dir()).collect();
    let mut failures: Vec<Failure> = walked.errors.into_iter().map(failure_of).collect();
    failures.extend(
        walked
            .skipped
            .into_iter()
            .filter(|skipped| !excluded(resolver, &skipped.path))
            .map(|skipped| Failure::skip(identity::display(&skipped.path), skipped.reason)),
    );
    let mut config_trouble = false;
    let mut drafts = Vec::new();
    if selection.stdin {
        match resolver.settings_for(stdin_name) {
            Ok(settings)
                if selection.force_exclude
                    && stdin_name.is_some_and(|name| {
                        settings.excluded || input::draftlint_ignores(name)
                    }) => {}
            Ok(settings) => drafts.push(Draft {
                path: None,
                settings,
                named: true,
            }),
            Err(()) => config_trouble = true,
        }
    }
    for file in walked.files {
        match resolver.settings_for(Some(&file)) {
            Ok(settings) => {
                let named = explicit.contains(&file);
                let skip = if named {
                    selection.force_exclude
                        && (settings.excluded || input::draftlint_ignores(&file))
                } else {
                    settings.excluded
                };
                if !skip {
                    drafts.push(Draft {
                        path: Some(file),
                        settings,
                        named,
                    });
                }
            }
            Err(()) => {
                config_trouble = true;
                failures.push(Failure::new(
                    Action::Config,
                    identity::display(&file),
                    "它所在文件夹的配置文件有错误",
                ));
            }
        }
    }
    Inputs {
        drafts,
        failures,
        config_trouble,
    }
}

/// Whether the configuration excludes a file found in a folder walked (a configuration error
/// is reported with the files it concerns).
fn excluded(resolver: &mut Resolver, file: &Path) -> bool {
    resolver
        .settings_for(Some(file))
        .is_ok_and(|settings| settings.excluded)
}
