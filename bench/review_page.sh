#!/usr/bin/env bash
# Load times of the review page (--format html) in headless Chromium (bench/page_load.mjs): the
# one page of the 100-document corpus, and the folder of the 1,000-document corpus (its index
# and its largest report page). Needs chromium and node.
#
#   bash bench/review_page.sh [DRAFTLINT]      (default target/release/draftlint)
set -euo pipefail
cd "$(dirname "$0")/.."
draftlint=${1:-target/release/draftlint}
corpus=target/corpus
[ -d "$corpus/100" ] && [ -d "$corpus/1000" ] || python3 ../shared/bench/make_corpus.py "$corpus" --sizes 100,1000
out=target/review-page-bench
rm -rf "$out"
mkdir -p "$out"
# Exit 1 is "findings found".
"$draftlint" check "$corpus/100" --format html -o "$out/100.html" -q || [ $? -eq 1 ]
"$draftlint" check "$corpus/1000" --format html -o "$out/1000/" -q || [ $? -eq 1 ]
largest=$(ls -S "$out/1000" | grep -v '^index\.html$' | sed -n 1p)
du -sh "$out/1000"
wc -c "$out/100.html" "$out/1000/index.html" "$out/1000/$largest"
node --experimental-websocket bench/page_load.mjs \
  "file://$PWD/$out/100.html" "file://$PWD/$out/1000/index.html" "file://$PWD/$out/1000/$largest" \
  2> >(grep -v ExperimentalWarning >&2)
