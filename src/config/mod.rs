//! Configuration: rule packs, `.draftlint.toml` files and the settings they resolve to.

pub mod error;
pub mod file;
pub mod literals;
pub mod pack;
pub mod packs;
pub mod pattern;
mod settings;

pub use error::ConfigError;
pub use file::{CONFIG_FILE_NAME, Config, Level, RuleSetting};
pub use settings::{ConfigFinder, Excludes, Overrides, Settings};
