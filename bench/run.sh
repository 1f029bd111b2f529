#!/usr/bin/env bash
# Whole-process timings of draftlint: the table of the README, each row timed with this
# checkout's release build and, runs alternated, with the build of an earlier commit, so that a
# slow spell of the machine cannot hide a change (bench/ab.py: medians, and the median of the
# per-pair ratios).
#
#   bash bench/run.sh                  # against HEAD~1
#   BASE=v0.4.0 bash bench/run.sh      # against another commit
#   BASE= bash bench/run.sh            # this build only
#   ROWS=single,1000 bash bench/run.sh # some rows only
#   BIN=path/to/draftlint bash bench/run.sh  # time that build instead of building this checkout
#
# Needs python3 and the corpus generator in ../shared/bench (SHARED=... to point elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
BASE=${BASE-HEAD~1}
ROWS=${ROWS:-single,1000,10000,copies,large}
RUNS=${RUNS:-7}
if [ -z "${BIN:-}" ]; then
  cargo build --release --locked --quiet
  BIN=target/release/draftlint
fi

# The base build, kept by commit so that it is built once.
BASE_BIN=
if [ -n "$BASE" ]; then
  commit=$(git rev-parse --short "$BASE")
  BASE_BIN=target/bench-base/$commit/draftlint
  if [ ! -x "$BASE_BIN" ]; then
    echo "building $BASE ($commit) for comparison" >&2
    src=target/bench-base/src
    rm -rf "$src" && mkdir -p "$src"
    git archive "$commit" | tar -x -C "$src"
    cargo build --release --locked --quiet --manifest-path "$src/Cargo.toml" \
      --target-dir target/bench-base/target
    mkdir -p "$(dirname "$BASE_BIN")"
    cp target/bench-base/target/release/draftlint "$BASE_BIN"
  fi
fi

wants() { [[ ",$ROWS," == *",$1,"* ]]; }

for size in 1000 10000; do
  if { wants "$size" || { [ "$size" = 10000 ] && wants copies; }; } && [ ! -d "target/corpus/$size" ]; then
    python3 "$SHARED/bench/make_corpus.py" target/corpus --sizes "$size" >/dev/null
  fi
done
SINGLE=${SINGLE:-$SHARED/seeds/001_bf79db78e94d66ae.txt}
[ -f "$SINGLE" ] || SINGLE=fixtures/example-report.txt
LARGE=target/bench-large/report-20.txt
if wants large && [ ! -f "$LARGE" ]; then
  python3 bench/make_large.py target/bench-large --sizes 20 --seeds "$SHARED/seeds"
fi

row() {
  local work=$1 target=$2 runs=$3
  shift 3
  local result
  result=$(python3 bench/ab.py --runs "$runs" ${BASE_BIN:+--base "$BASE_BIN"} "$BIN" -- "$@")
  python3 - "$work" "$target" "$result" <<'EOF'
import json, sys
work, target, result = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def secs(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
base = f"{secs(result['base_s'])}, {result['base_peak_mb']} MB" if "base_s" in result else "—"
ratio = f"{result['ratio']:.3f}" if "ratio" in result else "—"
print(f"| {work} | {base} | {secs(result['new_s'])}, {result['new_peak_mb']} MB | {ratio} | {target} |")
EOF
}

echo "| work | base ($BASE) | this build | this / base | target |"
echo "|---|---|---|---|---|"
if wants single; then
  row "one report (seed 001), text" "≤ 4 ms" $((RUNS * 5)) check "$SINGLE"
fi
if wants 1000; then
  row "1,000 reports, all rules, concise" "≤ 0.35 s" "$RUNS" check target/corpus/1000 --format concise
fi
if wants 10000; then
  row "10,000 reports, all rules, concise" "≤ 3 s, ≤ 400 MB" "$RUNS" check target/corpus/10000 --format concise
fi
if wants copies; then
  row "10,000 reports, copy rules only" "≤ 1.5 s" "$RUNS" check target/corpus/10000 --format concise --select copied-text,duplicate-text
fi
if wants large; then
  row "one 20 MB report, text" "≤ 2 s, ≤ 300 MB" 3 check "$LARGE"
fi
