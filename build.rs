//! Links the `draftlint` binary as a position-dependent executable on Linux with glibc.
//!
//! A position-independent executable has its ~12,000 relative relocations applied by the
//! loader at every start, writing into (and so copying) the pages of tables and vtables they
//! land in. A check of one report is over in a few milliseconds, and that start-up work was
//! about 7 % of it. The price is that the binary is not loaded at a random address; draftlint
//! reads documents and writes reports, it is not a network service.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    // glibc only: musl targets link static position-independent executables by default.
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
