//! Parsing: pest pairs -> typed, owned [`Document`] with byte spans.

mod build;
mod document;
mod grammar;
mod inline;
pub mod text;

pub use build::{
    ends_with_kind_word, is_title_like, names_a_body, parse, parse_page, parse_with, title_start,
};
pub use document::*;
pub use inline::{EnumItem, EnumKind, enumerations};
