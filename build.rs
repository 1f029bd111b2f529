//! Links the `draftlint` binary as a position-dependent executable on Linux with glibc.
//!
//! A position-independent executable has its ~12,000 relative relocations applied by the
//! loader at every start, writing into (and so copying) the pages of tables and vtables they
//! land in. A check of one report is over in a few milliseconds, and that start-up work was
//! about 7 % of it. The price is that the binary is not loaded at a random address; draftlint
//! reads documents and writes reports, it is not a network service.
//!
//! Also tells the tests what this machine lacks, so that a test which cannot run here is
//! reported as ignored, with the reason, rather than passing without running:
//! `draftlint_no_seeds` (the real reports in `../shared/seeds` are not distributed with the
//! repository), `draftlint_no_sarif_validator` (SARIF_MULTITOOL unset and the validator not
//! installed under `target/`), `draftlint_permissions_unenforced` (run as root: a file without
//! read permission can still be read), `draftlint_no_patch_tools` (`patch` or `git` is not on
//! the PATH, to apply the output of `--diff` with), `draftlint_no_neovim` (no `nvim` on the PATH
//! to run the language server in), `draftlint_no_chromium` (no `chromium` or no `pdftotext` on
//! the PATH, to print the review page and read the PDF back).

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    // glibc only: musl targets link static position-independent executables by default.
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    test_environment();
}

fn test_environment() {
    for cfg in [
        "draftlint_no_seeds",
        "draftlint_no_sarif_validator",
        "draftlint_permissions_unenforced",
        "draftlint_no_patch_tools",
        "draftlint_no_neovim",
        "draftlint_no_chromium",
    ] {
        println!("cargo:rustc-check-cfg=cfg({cfg})");
    }
    // A path is watched only while it exists: a missing one would rerun this script, and so
    // rebuild the crate, on every build.
    let watch_if_present = |path: &Path| {
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        path.exists()
    };
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let manifest = Path::new(&manifest);
    if !watch_if_present(&manifest.join("../shared/seeds")) {
        println!("cargo:rustc-cfg=draftlint_no_seeds");
    }
    println!("cargo:rerun-if-env-changed=SARIF_MULTITOOL");
    let from_env = std::env::var_os("SARIF_MULTITOOL").is_some_and(|p| Path::new(&p).exists());
    let installed = watch_if_present(
        &manifest.join("target/sarif-multitool/node_modules/.bin/sarif-multitool"),
    );
    if !from_env && !installed {
        println!("cargo:rustc-cfg=draftlint_no_sarif_validator");
    }
    if permissions_unenforced() {
        println!("cargo:rustc-cfg=draftlint_permissions_unenforced");
    }
    if !on_path("patch") || !on_path("git") {
        println!("cargo:rustc-cfg=draftlint_no_patch_tools");
    }
    if !on_path("nvim") {
        println!("cargo:rustc-cfg=draftlint_no_neovim");
    }
    if !on_path("chromium") || !on_path("pdftotext") {
        println!("cargo:rustc-cfg=draftlint_no_chromium");
    }
}

/// Whether a program of this name is in a folder of the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .any(|dir| dir.join(program).is_file() || dir.join(format!("{program}.exe")).is_file())
    })
}

/// Whether a file without read permission can be read here (as root).
#[cfg(unix)]
fn permissions_unenforced() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let Some(out) = std::env::var_os("OUT_DIR") else {
        return false;
    };
    let probe = Path::new(&out).join("permission-probe");
    let _ = std::fs::remove_file(&probe);
    if std::fs::write(&probe, b"probe").is_err()
        || std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).is_err()
    {
        return false;
    }
    let readable = std::fs::read(&probe).is_ok();
    let _ = std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600));
    let _ = std::fs::remove_file(&probe);
    readable
}

#[cfg(not(unix))]
fn permissions_unenforced() -> bool {
    false
}
