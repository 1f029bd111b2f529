#!/usr/bin/env bash
# Whether two builds write byte-identical output: on the seed reports and the 1,000-document
# corpus, in every format, with --fix's diff too. A change made for speed alone must pass.
#
#   bash bench/identical.sh BASE_BINARY NEW_BINARY
#
# Exits 1 at the first difference, naming the command and showing the start of the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(realpath "$1")
new=$(realpath "$2")
SHARED=${SHARED:-../shared}
[ -d target/corpus/1000 ] || python3 "$SHARED/bench/make_corpus.py" target/corpus --sizes 1000 >/dev/null
inputs=(target/corpus/1000)
[ -d "$SHARED/seeds" ] && inputs+=("$SHARED/seeds")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare() {
  local name=$1
  shift
  # Both builds run in the same folder, so the paths they print are the same.
  "$base" "$@" >"$work/base" 2>"$work/base.err" || true
  "$new" "$@" >"$work/new" 2>"$work/new.err" || true
  for stream in "" .err; do
    if ! cmp -s "$work/base$stream" "$work/new$stream"; then
      echo "differs: $name (${stream:-stdout}${stream:+stderr}): $*" >&2
      diff "$work/base$stream" "$work/new$stream" | head -20 >&2
      exit 1
    fi
  done
  echo "same: $name"
}

for input in "${inputs[@]}"; do
  for format in text concise json sarif github junit html; do
    compare "$format $input" check --color never --format "$format" "$input"
  done
  compare "diff $input" check --color never --diff "$input"
  compare "copies $input" check --color never --format json --select copied-text,duplicate-text "$input"
done
