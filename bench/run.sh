#!/usr/bin/env bash
# Whole-process timings of draftlint (the figures recorded in the README).
#
#   bash bench/run.sh            # single report + 1,000-document corpus
#   SIZES=1000,10000 bash bench/run.sh
#
# Needs the corpus generator in ../shared/bench and hyperfine (Debian: apt-get install hyperfine);
# without hyperfine it falls back to a plain timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
SIZES=${SIZES:-1000}
cargo build --release --quiet
BIN=target/release/draftlint

for size in ${SIZES//,/ }; do
  if [ ! -d "target/corpus/$size" ]; then
    python3 "$SHARED/bench/make_corpus.py" target/corpus --sizes "$size"
  fi
done

SINGLE=${SINGLE:-$SHARED/seeds/001_bf79db78e94d66ae.txt}
[ -f "$SINGLE" ] || SINGLE=target/corpus/1000/doc_00000.txt

time_it() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 3 --runs "${RUNS:-20}" -N --ignore-failure "$@"
  else
    for cmd in "$@"; do
      start=$(date +%s%N)
      for _ in $(seq 10); do $cmd >/dev/null || true; done
      end=$(date +%s%N)
      echo "$cmd: $(( (end - start) / 10000000 )) ms per run (mean of 10)"
    done
  fi
}

echo "== one report ($(wc -c <"$SINGLE") bytes)"
STRUCTURE=missing-title,title-format,missing-section,section-order,empty-section,heading-numbering,enumeration-sequence,missing-signature,date-format,document-kind,problems-without-causes,section-content
time_it "$BIN check $SINGLE" "$BIN check $SINGLE --format concise" "$BIN check $SINGLE --select $STRUCTURE"
for size in ${SIZES//,/ }; do
  echo "== corpus of $size documents on $(nproc) cores"
  RUNS=${CORPUS_RUNS:-5} time_it "$BIN check target/corpus/$size" \
    "$BIN check target/corpus/$size --format concise" \
    "$BIN check target/corpus/$size --format json" \
    "$BIN check target/corpus/$size --select $STRUCTURE"
done
