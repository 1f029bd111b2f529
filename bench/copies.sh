#!/usr/bin/env bash
# Copy detection at corpus scale, side by side with jscpd (npm package jscpd@5.3.3).
#
#   bash bench/copies.sh               # 1,000 and 10,000 documents
#   SIZES=1000 bash bench/copies.sh
#
# Prints wall time and peak memory (GNU time) of each tool and the recall of draftlint on the
# planted pastes. jscpd is installed into target/jscpd on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SIZES=${SIZES:-1000,10000}
cargo build --release --quiet
BIN=target/release/draftlint
if [ ! -x target/jscpd/node_modules/.bin/jscpd ]; then
  mkdir -p target/jscpd && (cd target/jscpd && npm install --silent jscpd@5.3.3 >/dev/null)
fi
JSCPD=target/jscpd/node_modules/.bin/jscpd

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KB peak" "$@" >/dev/null 2>/tmp/draftlint-bench-time || true
  tail -n 1 /tmp/draftlint-bench-time
}

for size in ${SIZES//,/ }; do
  [ -d "target/corpus/$size" ] || python3 "$SHARED/bench/make_corpus.py" target/corpus --sizes "$size"
  echo "== $size documents on $(nproc) cores"
  measure "draftlint check (all rules, concise)" "$BIN" check "target/corpus/$size" --format concise
  measure "draftlint check (copy rules only, json)" "$BIN" check "target/corpus/$size" --format json --select copied-text,duplicate-text
  measure "jscpd --format txt -l 1" "$JSCPD" --format txt -l 1 --silent --output "target/jscpd/report-$size" "target/corpus/$size"
  "$BIN" check "target/corpus/$size" --format json --select copied-text,duplicate-text >"target/copies-$size.json" || true
  python3 bench/score_copies.py "target/corpus/$size" "target/copies-$size.json"
done
