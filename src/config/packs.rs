//! The packs a run knows: the built-in ones, embedded in the binary, and packs loaded from paths.

use super::error::ConfigError;
use super::pack::Pack;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Built-in packs: (name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "fzzf-annual-report",
        include_str!("../../rules/fzzf-annual-report.toml"),
    ),
    (
        "npc-investigation",
        include_str!("../../rules/npc-investigation.toml"),
    ),
];

/// The pack used when no other pack detects the document.
pub const DEFAULT_PACK: &str = "fzzf-annual-report";

/// The built-in packs, compiled once per process.
pub fn builtin() -> &'static [Arc<Pack>] {
    static PACKS: OnceLock<Vec<Arc<Pack>>> = OnceLock::new();
    PACKS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(name, text)| {
                let path = format!("rules/{name}.toml");
                let pack = Pack::load_with(&path, text, &format!("builtin:{name}"), false)
                    .unwrap_or_else(|e| panic!("built-in pack {name} is invalid: {e}"));
                Arc::new(pack)
            })
            .collect()
    })
}

pub fn builtin_named(name: &str) -> Option<Arc<Pack>> {
    builtin().iter().find(|p| p.name == name).cloned()
}

/// A built-in pack by name, borrowed for the life of the process.
pub fn builtin_named_ref(name: &str) -> Option<&'static Pack> {
    builtin().iter().find(|p| p.name == name).map(|p| &**p)
}

/// A pack named by the user: a built-in name, or a path to a TOML file (relative to `base`).
pub fn resolve(reference: &str, base: &Path) -> Result<Arc<Pack>, PackError> {
    if let Some(pack) = builtin_named(reference) {
        return Ok(pack);
    }
    let looks_like_path = reference.ends_with(".toml") || reference.contains(['/', '\\']);
    if !looks_like_path {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        let tip =
            crate::suggest::did_you_mean(reference, names.iter().copied()).unwrap_or_default();
        return Err(PackError::Unknown(format!(
            "未知的规则包 “{reference}”；{tip}内置规则包：{}；也可以给出 .toml 文件的路径",
            names.join("、")
        )));
    }
    let path = base.join(reference);
    let display = path.display().to_string();
    // Only TOML files are read as packs: `pack = "/etc/passwd"` in a cloned repository's
    // configuration must not print that file into a CI log.
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !is_toml {
        return Err(PackError::Unknown(format!(
            "规则包必须是 .toml 文件：{display} 不是，未读取"
        )));
    }
    // A regular file of at most 1 MB: never a FIFO, a device or a huge file.
    let text = crate::input::read_small_text(&path, crate::input::MAX_PACK_SIZE)
        .map_err(|reason| PackError::Unknown(format!("无法读取规则包 {display}：{reason}")))?;
    Pack::load(&display, &text, &display)
        .map(Arc::new)
        .map_err(PackError::Invalid)
}

#[derive(Debug)]
pub enum PackError {
    /// Not found or unreadable: a message.
    Unknown(String),
    /// Found, but invalid: a diagnostic into the file.
    Invalid(ConfigError),
}

/// The pack whose detection patterns match the title best (highest detect priority).
pub fn detect<'a>(
    title: &str,
    candidates: impl IntoIterator<Item = &'a Arc<Pack>>,
) -> Option<Arc<Pack>> {
    candidates
        .into_iter()
        .filter(|p| p.detects(title))
        .max_by_key(|p| p.detect_priority)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_pass_full_validation() {
        assert_eq!(builtin().len(), BUILTIN.len());
        for (name, text) in BUILTIN {
            if let Err(e) = Pack::load(name, text, name) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn detects_the_kind_from_the_title() {
        let npc = detect(
            "文山市人大常委会关于全市法治政府建设工作情况的调查报告",
            builtin(),
        )
        .unwrap();
        assert_eq!(npc.name, "npc-investigation");
        let annual = detect(
            "重庆市梁平区袁驿镇人民政府2020年法治政府建设情况报告",
            builtin(),
        )
        .unwrap();
        assert_eq!(annual.name, DEFAULT_PACK);
        assert!(detect("关于开展安全生产检查的通知", builtin()).is_none());
    }
}
