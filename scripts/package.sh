#!/usr/bin/env bash
# Package a release build of draftlint for one target: an archive holding the binary, the
# README, the changelog and the built-in rule packs (as examples for writing one's own), and
# a SHA-256 checksum file next to it.
#
#   scripts/package.sh TARGET VERSION OUT_DIR [BINARY]
#
# TARGET is a Rust target triple (x86_64-pc-windows-msvc, aarch64-apple-darwin, ...); BINARY
# defaults to target/TARGET/release/draftlint(.exe). Windows targets get a .zip, the others a
# .tar.gz. When the binary can run here, the packaged copy is run once as a check.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 TARGET VERSION OUT_DIR [BINARY]" >&2
  exit 2
fi
target="$1"
version="${2#v}"
out_dir="$3"
root="$(cd "$(dirname "$0")/.." && pwd)"

case "$target" in
  *windows*) exe=".exe"; archive_kind="zip" ;;
  *) exe=""; archive_kind="tar.gz" ;;
esac
binary="${4:-$root/target/$target/release/draftlint$exe}"
if [ ! -f "$binary" ]; then
  echo "package: no binary at $binary (build it with: cargo build --release --locked --target $target)" >&2
  exit 1
fi

manifest_version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
if [ "$version" != "$manifest_version" ]; then
  echo "package: version $version does not match Cargo.toml ($manifest_version)" >&2
  exit 1
fi

name="draftlint-$version-$target"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/rules"
cp "$binary" "$stage/$name/draftlint$exe"
chmod 755 "$stage/$name/draftlint$exe"
cp "$root/README.md" "$root/CHANGELOG.md" "$stage/$name/"
cp "$root"/rules/*.toml "$stage/$name/rules/"
cp "$root/fixtures/example-report.txt" "$stage/$name/example-report.txt"
if [ -n "$exe" ]; then
  # Dropping a report (or a folder) on this file in Explorer checks it and keeps the window open.
  printf '@echo off\r\n"%%~dp0draftlint.exe" check %%*\r\npause\r\n' > "$stage/$name/draftlint-check.bat"
fi

archive="$out_dir/$name.$archive_kind"
rm -f "$archive"
if [ "$archive_kind" = zip ]; then
  python="$(command -v python3 || command -v python)"
  (cd "$stage" && "$python" -m zipfile -c "$archive" "$name")
else
  # Owner and group of the build machine are not the user's business; order is stable.
  (cd "$stage" && tar --owner=0 --group=0 --numeric-owner -czf "$archive" "$name" 2>/dev/null \
    || tar -czf "$archive" "$name")
fi

if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out_dir" && sha256sum "$name.$archive_kind" > "$name.$archive_kind.sha256")
else
  (cd "$out_dir" && shasum -a 256 "$name.$archive_kind" > "$name.$archive_kind.sha256")
fi

# The packaged binary checks the packaged example when it can run on this machine.
if "$stage/$name/draftlint$exe" --version >/dev/null 2>&1; then
  "$stage/$name/draftlint$exe" check "$stage/$name/example-report.txt" --format concise >/dev/null
fi
echo "$archive"
