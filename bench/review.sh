#!/usr/bin/env bash
# Whole-process time of writing a reviewed copy of a Word document (--format docx), the figure
# recorded in bench/README.md. The document is made by examples/report_docx.rs from a real report
# with a few hundred findings (../shared/seeds/001_*, 384 findings), or, without the seeds, from
# the example report with its commas made half-width.
#
#   bash bench/review.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin draftlint --example report_docx
BIN=target/release/draftlint
WORK=target/bench-review
mkdir -p "$WORK"

SOURCE=$(ls ../shared/seeds/001_*.txt 2>/dev/null | head -1 || true)
if [ -z "$SOURCE" ]; then
  SOURCE=$WORK/many.txt
  sed 's/，/,/g' fixtures/example-report.txt > "$SOURCE"
fi
target/release/examples/report_docx "$SOURCE" "$WORK/report.docx" "$WORK/read.txt"
FINDINGS=$("$BIN" check --exit-zero --format json "$WORK/report.docx" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"][0]["diagnostics"]))')
echo "document: $WORK/report.docx ($(stat -c %s "$WORK/report.docx") bytes, $FINDINGS findings)"

CMD="$BIN check $WORK/report.docx --format docx --output $WORK/reviewed.docx --quiet"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs "${RUNS:-20}" -N --ignore-failure "$CMD"
else
  runs=${RUNS:-20}
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do $CMD > /dev/null || true; done
  end=$(date +%s%N)
  echo "mean of $runs runs: $(( (end - start) / runs / 1000000 )) ms"
fi
