#!/usr/bin/env python3
"""Recall and attribution of copied-text / duplicate-text against the corpus manifest.

    draftlint check target/corpus/N --format json > out.json
    python3 bench/score_copies.py target/corpus/N out.json

A planted paste counts as found when a copied-text finding covers its line, and as attributed
when that finding names the source document. Where the pasted paragraph stands word for word in
several earlier documents (the generator builds every document from one of five reports), no
text-based method can tell which one it came from; those are counted separately.
"""
import json
import sys
from pathlib import Path

corpus, output = Path(sys.argv[1]), json.load(open(sys.argv[2], encoding="utf-8"))
findings = {Path(f["path"]).name: f["diagnostics"] for f in output["files"]}
pastes = found = attributed = ambiguous_missed = 0
repeats = repeats_found = 0
for line in open(corpus / "manifest.jsonl", encoding="utf-8"):
    info = json.loads(line)
    diagnostics = findings.get(f"doc_{info['doc']:05d}.txt", [])
    for paste in info["pasted_from"]:
        pastes += 1
        covering = [d for d in diagnostics if d["rule"] == "copied-text"
                    and d["range"]["start"]["line"] <= paste["at_line"] <= d["range"]["end"]["line"]]
        found += bool(covering)
        source = f"doc_{paste['doc']:05d}.txt"
        if any(Path(d["data"]["source"]).name == source for d in covering):
            attributed += 1
        elif any(d["data"].get("also_in") for d in covering):
            ambiguous_missed += 1
    repeat = info["self_paste"]
    if repeat:
        repeats += 1
        repeats_found += any(d["rule"] == "duplicate-text"
                             and d["range"]["start"]["line"] <= repeat["copy_at_line"] <= d["range"]["end"]["line"]
                             for d in diagnostics)
print(f"cross-document pastes: {pastes}; reported at the right line: {found} ({100 * found / max(pastes, 1):.1f}%); "
      f"attributed to the recorded source: {attributed} ({100 * attributed / max(pastes, 1):.1f}%); "
      f"misattributed where the paragraph stands verbatim in other earlier documents too: {ambiguous_missed}")
print(f"in-document repeats: {repeats}; found: {repeats_found}")
