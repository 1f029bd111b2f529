#!/usr/bin/env bash
# Runs the hook of .pre-commit-hooks.yaml with the real pre-commit tool, from a temporary
# repository of reports that uses this checkout (at HEAD) as its hook repository: a draft missing
# its problems part must fail the commit, a clean report must pass, and the repository's
# README.md (not a report, excluded by default) is left alone.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
command -v pre-commit >/dev/null 2>&1 || python3 -m pip install --quiet pre-commit
rev="$(git -C "$here" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q && git config user.email ci@example.invalid && git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $here
    rev: $rev
    hooks:
      - id: draftlint
YAML
cp "$here/fixtures/example-report.txt" good.txt
cp "$here/fixtures/rules/missing-section/fires.txt" draft.txt
cp "$here/fixtures/rules/missing-section/fires.txt" README.md
git add -A
if pre-commit run --all-files >out.log 2>&1; then
  cat out.log; echo "pre-commit hook: expected a failure on draft.txt" >&2; exit 1
fi
grep -q "缺少“存在的不足和原因”部分" out.log || { cat out.log; echo "pre-commit hook: finding missing" >&2; exit 1; }
if grep -q "README.md" out.log; then
  cat out.log; echo "pre-commit hook: README.md was checked" >&2; exit 1
fi
git rm -q --cached draft.txt && rm draft.txt
pre-commit run --all-files >out.log 2>&1 || { cat out.log; echo "pre-commit hook: clean report failed" >&2; exit 1; }
echo "pre-commit-hook: 3 passed, 0 failed"
