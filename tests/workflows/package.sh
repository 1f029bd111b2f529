#!/usr/bin/env bash
# Runs the release workflow's packaging step for real on this machine's Linux build and checks
# what a user downloads: the archive's layout, its checksum, and that the binary unpacked from
# it checks the bundled example (clean, exit 0) and a draft missing a part (exit 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
target="$(rustc -vV | sed -n 's/^host: //p')"
binary="${1:-target/release/draftlint}"
[ -x "$binary" ] || cargo build --release --locked
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
archive="$(bash scripts/package.sh "$target" "v$version" "$out/dist" "$binary")"
name="draftlint-$version-$target"
[ "$archive" = "$out/dist/$name.tar.gz" ] || { echo "package: unexpected archive $archive" >&2; exit 1; }
(cd "$out/dist" && sha256sum --check --quiet "$name.tar.gz.sha256")
expected="$name/
$name/CHANGELOG.md
$name/README.md
$name/draftlint
$name/example-report.txt
$name/rules/
$name/rules/fzzf-annual-report.toml
$name/rules/npc-investigation.toml"
listed="$(tar -tzf "$archive" | sort)"
[ "$listed" = "$expected" ] || { printf 'package: archive holds\n%s\nexpected\n%s\n' "$listed" "$expected" >&2; exit 1; }
mkdir "$out/user" && tar -xzf "$archive" -C "$out/user"
unpacked="$out/user/$name"
"$unpacked/draftlint" check "$unpacked/example-report.txt" >/dev/null
status=0
"$unpacked/draftlint" check fixtures/rules/missing-section/fires.txt --format concise >/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "package: expected exit 1 on a draft missing a part, got $status" >&2; exit 1; }
echo "package: $name.tar.gz ($(du -k "$archive" | cut -f1) KB) unpacks and runs"
