#!/usr/bin/env bash
# Builds the VS Code extension (editors/vscode) as a user gets it and checks it: installs its
# locked dependencies, runs its tests (the last starts this checkout's language server with the
# options the extension builds), packages it with the ecosystem's packager, @vscode/vsce, into
# target/draftlint.vsix, and checks the package: manifest, main script and runtime dependencies
# in, tests and the packager out, the crate's version, and a main script that loads from the
# unpacked package (VS Code's own module stubbed) and exports activate and deactivate.
#
#   bash tests/editors/vscode.sh [target/debug/draftlint]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v npm >/dev/null 2>&1 || { echo "vscode: npm is required to build the VS Code extension" >&2; exit 1; }
binary="${1:-target/debug/draftlint}"
[ -x "$binary" ] || cargo build --locked
binary="$(realpath "$binary")"
ext="$root/editors/vscode"
vsix="$root/target/draftlint.vsix"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Run a step quietly; on failure show what it printed.
quiet() {
  local name="$1"
  shift
  if ! "$@" >"$work/$name.log" 2>&1; then
    cat "$work/$name.log" >&2
    echo "vscode: $name failed" >&2
    exit 1
  fi
}

quiet "npm ci" npm --prefix "$ext" ci --no-audit --no-fund
# The server test is skipped without DRAFTLINT_SERVER; here nothing may be skipped.
quiet "npm test" env DRAFTLINT_SERVER="$binary" npm --prefix "$ext" test
grep -q '^# fail 0$' "$work/npm test.log" && grep -q '^# skipped 0$' "$work/npm test.log" || {
  cat "$work/npm test.log" >&2
  echo "vscode: a test of the extension failed or was skipped" >&2
  exit 1
}
tests="$(sed -n 's/^# pass //p' "$work/npm test.log")"

# No licence or repository address yet (editors/vscode/README.md, Development): vsce would ask
# whether to go on without them, and fail, having no terminal to ask.
rm -f "$vsix"
quiet "vsce package" sh -c 'cd "$1" && exec npx --no-install vsce package --allow-missing-repository --skip-license --out "$2" </dev/null' sh "$ext" "$vsix"

python3 - "$vsix" "$root/Cargo.toml" "$work/unpacked" <<'PY'
import json, re, sys, zipfile

vsix, cargo, out = sys.argv[1:]
with zipfile.ZipFile(vsix) as package:
    names = set(package.namelist())
    manifest = json.loads(package.read("extension/package.json"))
    package.extractall(out)
main = "extension/" + manifest["main"].removeprefix("./")
wanted = {
    "extension.vsixmanifest",
    "extension/package.json",
    "extension/readme.md",
    "extension/changelog.md",
    main,
    "extension/node_modules/vscode-languageclient/package.json",
}
problems = [f"missing {name}" for name in sorted(wanted - names)]
problems += [f"should not be packaged: {name}" for name in sorted(names)
             if name.startswith(("extension/test/", "extension/node_modules/@vscode/"))]
version = re.search(r'^version = "(.*)"$', open(cargo, encoding="utf-8").read(), re.M).group(1)
if manifest["version"] != version:
    problems.append(f"extension version {manifest['version']}, crate version {version}")
for key in ("publisher", "engines", "displayName", "description"):
    if not manifest.get(key):
        problems.append(f"manifest without {key}")
if problems:
    sys.exit("vscode: " + "; ".join(problems))
PY
exports="$(node "$ext/test/load-packaged.js" "$work/unpacked/extension")"
[ "$exports" = "activate deactivate" ] || { echo "vscode: the packaged extension exports '$exports'" >&2; exit 1; }
echo "vscode: $tests tests pass; $(basename "$vsix") ($(du -k "$vsix" | cut -f1) KB) holds the extension and loads"
