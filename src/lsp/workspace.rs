//! Which settings apply to an open document: the nearest `.draftlint.toml` above its file, as
//! for `draftlint check`; for an untitled document, the one above the workspace root.

use crate::config::{CONFIG_FILE_NAME, Config, ConfigError, ConfigFinder, Overrides, Settings};
use std::path::{Path, PathBuf};

pub struct Workspace {
    root: Option<PathBuf>,
    finder: ConfigFinder,
}

impl Workspace {
    pub fn new(root: Option<PathBuf>) -> Self {
        Workspace {
            root,
            finder: ConfigFinder::default(),
        }
    }

    /// Forget every config found or loaded: one was created, changed or deleted.
    pub fn reload(&mut self) {
        self.finder = ConfigFinder::default();
    }

    /// Settings for the document at `path` (`None`: untitled), or the error of its config.
    pub fn settings_for(&mut self, path: Option<&Path>) -> Result<Settings, ConfigError> {
        let dir = match path {
            Some(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            None => self.root.clone().unwrap_or_else(|| PathBuf::from(".")),
        };
        let overrides = Overrides::default();
        match self.finder.for_dir(&dir) {
            None => Ok(Settings::resolve(None, path, &overrides)),
            Some(Ok(config)) => Ok(Settings::resolve(Some(&config), path, &overrides)),
            Some(Err(error)) => Err(error),
        }
    }
}

/// Whether a path names a draftlint configuration file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE_NAME)
}

/// Whether a change to this file may change the settings: a config file or a rule pack.
pub fn affects_settings(path: &Path) -> bool {
    is_config_file(path) || path.extension().is_some_and(|e| e == "toml")
}

/// Validate the text of a config file as the editor holds it (unsaved changes included).
pub fn validate_config_text(path: &Path, text: &str) -> Result<(), ConfigError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    Config::parse(&path.to_string_lossy(), text, dir).map(|_| ())
}

/// The absolute path of the file a config error points into.
pub fn error_path(error: &ConfigError) -> Option<PathBuf> {
    Some(crate::identity::absolute(Path::new(&error.path))).filter(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_config_and_reload() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("drafts");
        std::fs::create_dir(&sub).unwrap();
        let file = sub.join("2022.txt");
        let mut workspace = Workspace::new(Some(dir.path().to_path_buf()));
        assert!(workspace.settings_for(Some(&file)).is_ok());
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "year = 2022\n").unwrap();
        // Cached until reloaded.
        assert_eq!(workspace.settings_for(Some(&file)).unwrap().year, None);
        workspace.reload();
        assert_eq!(
            workspace.settings_for(Some(&file)).unwrap().year,
            Some(2022)
        );
        // Untitled documents use the workspace root's config.
        assert_eq!(workspace.settings_for(None).unwrap().year, Some(2022));
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "bogus = 1\n").unwrap();
        workspace.reload();
        let error = workspace.settings_for(Some(&file)).unwrap_err();
        assert!(error.message.contains("bogus"), "{}", error.message);
        assert!(error_path(&error).is_some());
    }

    #[test]
    fn config_text_is_validated_before_saving() {
        let path = Path::new("/tmp/x/.draftlint.toml");
        assert!(validate_config_text(path, "fail-on = \"warning\"\n").is_ok());
        let error = validate_config_text(path, "fail-on = \"never\"\n").unwrap_err();
        assert!(error.span.is_some());
        assert!(is_config_file(path));
        assert!(affects_settings(Path::new("packs/mine.toml")));
        assert!(!affects_settings(Path::new("2022.txt")));
    }
}
