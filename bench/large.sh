#!/usr/bin/env bash
# Timings of every output format, --fix, --diff and the language server on large inputs
# (the table in bench/README.md).
#
#   bash bench/large.sh                 # 1, 4 and 16 MB
#   SIZES=1,4 SHAPES=oneline bash bench/large.sh
#
# Inputs (bench/make_large.py, written to target/large): `oneline` is a sentence with
# typography findings repeated to N MB on one line (a PDF pasted without line breaks), `dense`
# the same with a line break every 60-100 characters, `report` the seed reports repeated to
# N MB. Each cell is wall seconds / peak memory in MB, from /usr/bin/time; every run is
# expected to exit 1 (findings) and is stopped after $LIMIT seconds (shown as "timeout").
# The LSP column: seconds to the first diagnostics of the opened file / seconds from a
# one-character edit to the new version's diagnostics / milliseconds to answer another request
# sent during that check / peak memory in MB.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-1,4,16}
SHAPES=${SHAPES:-oneline,dense,report}
FORMATS=${FORMATS:-text,concise,json,sarif,html,junit,github}
LIMIT=${LIMIT:-120}
SEEDS=${SEEDS:-../shared/seeds}
OUT=target/large
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/draftlint
fi

seeds=()
[ -d "$SEEDS" ] && seeds=(--seeds "$SEEDS")
for size in ${SIZES//,/ }; do
  [ -f "$OUT/dense-$size.txt" ] || python3 bench/make_large.py "$OUT" --sizes "$size" "${seeds[@]}"
done

# One run: "seconds/MB", with the exit code when it is not 1.
measure() {
  local log
  log=$(mktemp)
  local code=0
  timeout "$LIMIT" /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1 || code=$?
  if [ "$code" = 124 ]; then
    echo "timeout"
  else
    # time(1) writes "Command exited with non-zero status N" first when the code is not 0.
    read -r secs kb < <(tail -n 1 "$log")
    local cell="$secs/$((kb / 1024))"
    [ "$code" = 1 ] || cell="$cell (exit $code)"
    echo "$cell"
  fi
  rm -f "$log"
}

header="| input | MB |"
rule="|---|---|"
for format in ${FORMATS//,/ }; do header="$header $format |"; rule="$rule---|"; done
echo "$header --fix | --diff | LSP |"
echo "$rule---|---|---|"
for shape in ${SHAPES//,/ }; do
  for size in ${SIZES//,/ }; do
    file="$OUT/$shape-$size.txt"
    [ -f "$file" ] || continue
    row="| $shape | $size |"
    for format in ${FORMATS//,/ }; do
      row="$row $(measure "$BIN" check "$file" --format "$format") |"
    done
    copy="$OUT/fix-$shape-$size.txt"
    cp "$file" "$copy"
    row="$row $(measure "$BIN" check "$copy" --fix --format concise) |"
    rm -f "$copy"
    row="$row $(measure "$BIN" check "$file" --diff) |"
    lsp=$(timeout "$LIMIT" python3 bench/lsp_time.py "$BIN" "$file" 2>/dev/null || echo timeout)
    if [ "$lsp" != timeout ]; then
      read -r opened edited answered peak _ <<<"$lsp"
      lsp="$opened s / $edited s / $answered ms / $peak MB"
    fi
    row="$row $lsp |"
    echo "$row"
  done
done
