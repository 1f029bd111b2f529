//! Parsing: pest pairs -> typed, owned [`Document`] with byte spans.

mod build;
mod document;
mod grammar;
mod inline;
pub mod text;

pub use build::{parse, parse_with};
pub use document::*;
pub use inline::{EnumItem, EnumKind, enumerations};
