//! Rule documentation for the editor: each rule's `explain` text written once as a Markdown file
//! in the user's cache folder, so that a diagnostic's `codeDescription.href` can be a `file:`
//! link that opens offline (VS Code opens it in an editor tab when the rule id is clicked).
//!
//! Folder: `$XDG_CACHE_HOME/draftlint/<version>/rules/` (else `~/.cache/…`; on Windows
//! `%LOCALAPPDATA%\draftlint\…`; else the system temporary folder).

use super::convert;
use crate::rules::{self, RuleInfo};
use lsp_types::Uri;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The documentation link of each rule; rules whose file could not be written have none.
#[derive(Debug, Default, Clone)]
pub struct RuleDocs {
    links: HashMap<&'static str, Uri>,
}

impl RuleDocs {
    /// Write the rule documents under the default folder (see the module docs).
    pub fn install() -> RuleDocs {
        RuleDocs::install_in(&default_folder())
    }

    /// Write the rule documents under `folder`, leaving files that are already up to date.
    pub fn install_in(folder: &Path) -> RuleDocs {
        let mut links = HashMap::new();
        if std::fs::create_dir_all(folder).is_err() {
            return RuleDocs { links };
        }
        for rule in rules::all() {
            let info = rule.info();
            let path = folder.join(format!("{}.md", info.id));
            let text = markdown(info);
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() != Some(text.as_str()) && std::fs::write(&path, &text).is_err() {
                continue;
            }
            if let Some(uri) = convert::path_to_uri(&path) {
                links.insert(info.id, uri);
            }
        }
        RuleDocs { links }
    }

    pub fn link(&self, rule: &str) -> Option<Uri> {
        self.links.get(rule).cloned()
    }
}

fn default_folder() -> PathBuf {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let cache = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|home| home.join(".cache")))
    };
    cache
        .unwrap_or_else(std::env::temp_dir)
        .join("draftlint")
        .join(env!("CARGO_PKG_VERSION"))
        .join("rules")
}

/// The same text as `draftlint explain RULE`.
pub fn markdown(info: &RuleInfo) -> String {
    let mut text = format!(
        "# {}（默认级别：{}）\n\n{}\n\n{}",
        info.id,
        info.severity.as_str(),
        info.summary,
        info.explain
    );
    if !info.options.is_empty() {
        text.push_str("\n## 选项\n");
        for option in info.options {
            text.push_str(&format!(
                "- {}（{}）：{}\n",
                option.name,
                option.kind.describe(),
                option.doc
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_gets_a_file_link() {
        let dir = tempfile::tempdir().unwrap();
        let docs = RuleDocs::install_in(dir.path());
        for rule in rules::all() {
            let id = rule.info().id;
            let link = docs.link(id).unwrap();
            let path = convert::uri_to_path(&link).unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            assert!(text.starts_with(&format!("# {id}")));
        }
        // A second install keeps the files.
        let again = RuleDocs::install_in(dir.path());
        assert_eq!(again.link("missing-section"), docs.link("missing-section"));
    }
}
