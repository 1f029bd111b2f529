#!/usr/bin/env bash
# PDFs made by a real office suite read back as the text they were made from.
#
#   bash tests/pdf/roundtrip.sh [SEEDS_DIR]      # ../shared/seeds by default
#
# For every report (.txt) in SEEDS_DIR, LibreOffice (headless) makes two PDFs: the text as it
# imports it (one paragraph a line, ragged right), and the text laid out as an office prints
# it (text_to_fodt.py: justified, first lines indented, centred title, running header,
# `- N -` page numbers). The paragraphs draftlint reads from each PDF are compared with the
# text's (compare_paragraphs.py; whitespace removed). Then a draft that pastes passages from
# two reports is checked with `--corpus` over the .txt files and over the laid-out PDFs: the
# copied-text findings must be the same. Last, a 100-page PDF is made and
# `draftlint check big.pdf --format concise` is timed (release build; hyperfine if installed).
#
# Needs soffice (libreoffice-writer-nogui), CJK fonts (fonts-noto-cjk) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=tests/pdf
SEEDS=${1:-../shared/seeds}
WORK=${WORK:-${TMPDIR:-/tmp}/draftlint-pdf-roundtrip}
rm -rf "$WORK" && mkdir -p "$WORK/plain" "$WORK/laid" "$WORK/txt"

cargo build --quiet --example pdf_text
READ=$PWD/target/debug/examples/pdf_text
# DRAFTLINT=path/to/draftlint uses that build instead of building the release one.
if [ -z "${DRAFTLINT:-}" ]; then
  cargo build --quiet --release --bin draftlint
fi
BIN=${DRAFTLINT:-$PWD/target/release/draftlint}

cp "$SEEDS"/*.txt "$WORK/txt/"
for txt in "$WORK"/txt/*.txt; do
  python3 "$HERE/text_to_fodt.py" "$txt" "$WORK/laid/$(basename "${txt%.txt}").fodt"
done
soffice --headless --convert-to pdf --outdir "$WORK/plain" "$WORK"/txt/*.txt > /dev/null 2>&1
soffice --headless --convert-to pdf --outdir "$WORK/laid" "$WORK"/laid/*.fodt > /dev/null 2>&1

status=0
for kind in plain laid; do
  echo "== $kind PDFs"
  for txt in "$WORK"/txt/*.txt; do
    name=$(basename "${txt%.txt}")
    "$READ" "$WORK/$kind/$name.pdf" > "$WORK/$kind/$name.read"
    printf '%s: ' "$name"
    python3 "$HERE/compare_paragraphs.py" "$txt" "$WORK/$kind/$name.read" || status=1
  done
done

echo "== --corpus over .txt and over PDF"
python3 - "$WORK" <<'PY'
import glob, os, sys
work = sys.argv[1]
texts = sorted(glob.glob(os.path.join(work, "txt", "*.txt")))
def paragraphs(path):
    with open(path, encoding="utf-8-sig") as f:
        return [l.strip() for l in f if len(l.strip()) > 60]
a, b = paragraphs(texts[0]), paragraphs(texts[-1])
draft = ["某县人民政府关于2032年度法治政府建设情况的报告", "一、主要举措",
         a[len(a) // 2], "本县今年新建了三个公共法律服务站，群众在家门口就能咨询法律问题。",
         "二、存在的问题", b[len(b) // 3], "三、下一步打算", "继续推进各项工作。"]
with open(os.path.join(work, "draft.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(draft) + "\n")
PY
findings() {
  (cd "$WORK" && "$BIN" check draft.txt --select copied-text --format json --corpus "$1" || true) |
    python3 -c '
import json, os, sys
for d in json.load(sys.stdin)["files"][0]["diagnostics"]:
    source = os.path.splitext(os.path.basename(d["data"]["source"]))[0]
    print(d["range"]["start"]["line"], source, d["data"]["source_range"]["start"]["line"],
          round(d["data"]["similarity"], 2))'
}
findings 'txt/*.txt' > "$WORK/from-txt"
findings 'laid/*.pdf' > "$WORK/from-pdf"
echo "over .txt:"; cat "$WORK/from-txt"
echo "over PDF:";  cat "$WORK/from-pdf"
if diff -q "$WORK/from-txt" "$WORK/from-pdf" > /dev/null && [ -s "$WORK/from-txt" ]; then
  echo "same findings"
else
  echo "FINDINGS DIFFER"; status=1
fi

echo "== 100-page PDF"
for txt in "$WORK"/txt/*.txt; do cat "$txt"; echo; done > "$WORK/long.txt"
python3 "$HERE/text_to_fodt.py" "$WORK/long.txt" "$WORK/big.fodt" 4
# The same text as plain text, to tell reading the PDF from checking its text.
for _ in 1 2 3 4; do cat "$WORK/long.txt"; done > "$WORK/big.txt"
soffice --headless --convert-to pdf --outdir "$WORK" "$WORK/big.fodt" > /dev/null 2>&1
pages=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$WORK/big.pdf")
echo "big.pdf: $pages pages, $(du -k "$WORK/big.pdf" | cut -f1) KB"
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 3 --runs 20 -i "$BIN check $WORK/big.pdf --format concise" "$BIN check $WORK/big.txt --format concise"
else
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e s wall, %U s user, %M KB" "$BIN" check "$WORK/big.pdf" --format concise > /dev/null || true
  done
fi
exit $status
