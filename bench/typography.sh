#!/usr/bin/env bash
# The typography rules side by side with autocorrect 2.14 (npm `autocorrect-node`, a Chinese
# typography linter in Rust) on the 1,000-document corpus of ../shared/bench, in one run.
#
#   bash bench/typography.sh            # THREADS=2 RUNS=10 by default
#
# Needs python3, npm (autocorrect-node is installed into $WORK/npm, outside the repository) and
# hyperfine. Both tools skip paths that .gitignore lists (target/ is), so the corpus is copied
# to $WORK first; manifest.jsonl is left out so that both read the same 1,000 .txt files.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
WORK=${WORK:-${TMPDIR:-/tmp}/draftlint-typography-bench}
THREADS=${THREADS:-2}
RULES=paste-artifact,hard-wrap,punctuation-width,cjk-spacing,bracket-pairing,list-marker,repeated-word

cargo build --release --quiet
BIN=$PWD/target/release/draftlint
[ -d target/corpus/1000 ] || python3 "$SHARED/bench/make_corpus.py" target/corpus --sizes 1000
mkdir -p "$WORK"
if [ ! -d "$WORK/corpus" ]; then
  cp -r target/corpus/1000 "$WORK/corpus"
  rm -f "$WORK/corpus/manifest.jsonl"
fi
AC=$WORK/npm/node_modules/.bin/autocorrect
[ -x "$AC" ] || npm install --silent --no-audit --no-fund --prefix "$WORK/npm" autocorrect-node@2.14.0

cd "$WORK"
echo "== $(ls corpus | wc -l) documents, $(du -sh corpus | cut -f1), $THREADS threads"
echo "autocorrect: $("$AC" --lint --threads "$THREADS" corpus 2>&1 | grep -o 'Error: [0-9]*' | tail -1 | tr -dc '0-9') problems"
echo "draftlint:   $("$BIN" check --select "$RULES" --format concise --jobs "$THREADS" corpus | wc -l) typography findings"
hyperfine --warmup 2 --runs "${RUNS:-10}" -N --ignore-failure \
  -n "autocorrect 2.14 --lint" "$AC --lint --threads $THREADS corpus" \
  -n "draftlint typography rules" "$BIN check --select $RULES --format concise --jobs $THREADS corpus" \
  -n "draftlint all rules" "$BIN check --format concise --jobs $THREADS corpus"
