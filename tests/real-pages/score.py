#!/usr/bin/env python3
"""Score a draftlint binary against labelled beginnings of real published report pages.

usage: python3 score.py BINARY [PAGES_DIR] [--all] [--json]

PAGES_DIR (default: the folder this script is in) must hold lines.jsonl and the page files it
names (pages/NNN.txt). Works on this folder and on /work/shared/real alike.

For every labelled page the script runs
    BINARY check --format json FILE      (findings; lines are 1-based)
    BINARY outline --format json FILE    ("title": null, a string, or an object with "text")
and measures:
  debris found          a line labelled debris or mixed counts as found when the line range of
                        some paste-artifact finding covers it
  debris-line precision of the non-blank labelled lines covered by paste-artifact findings, the
                        share labelled debris or mixed
  titles found          pages that have title lines: the outline title, whitespace removed,
                        equals the title lines joined with whitespace removed, or is contained in
                        that text with at least 80 % of its length
  hard-wrap false       a hard-wrap finding at line k is right when line k or line k-1 is
                        labelled wrapped; otherwise it is false
  errors                findings with severity "error", each listed with rule and line; those
                        whose line is labelled debris/mixed are counted as errors on debris

Output: the per-line misses, then the error findings (the first 60 of each, or all of them with
--all), then one summary line
    debris K/N lines (P%); titles T/M; hard-wrap false F of H; debris-line precision Q%; errors on debris E
With --json the measures are printed as one JSON object instead of the summary line.
"""
import json
import os
import re
import subprocess
import sys

DEBRIS = ("debris", "mixed")


def usage():
    sys.stderr.write("usage: python3 score.py BINARY [PAGES_DIR] [--all] [--json]\n")
    sys.exit(2)


def run_json(argv):
    """Run a command and parse its stdout as JSON; return (obj or None, error text)."""
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"could not run: {e}"
    try:
        return json.loads(p.stdout), ""
    except ValueError:
        tail = (p.stderr or p.stdout or "").strip().splitlines()[-1:] or [""]
        return None, f"exit {p.returncode}, no JSON ({tail[0][:80]})"


def nospace(s):
    return re.sub(r"\s+", "", s or "")


def outline_title(obj):
    if not isinstance(obj, dict):
        return ""
    t = obj.get("title")
    if isinstance(t, dict):
        t = t.get("text")
    return t if isinstance(t, str) else ""


def line_of(pos):
    try:
        return int(pos["line"])
    except (KeyError, TypeError, ValueError):
        return None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    if not args or len(args) > 2 or flags - {"--all", "--json"}:
        usage()
    binary = os.path.abspath(args[0]) if os.path.exists(args[0]) else args[0]
    base = os.path.abspath(args[1]) if len(args) > 1 else os.path.dirname(os.path.abspath(__file__))
    show_all = "--all" in flags
    as_json = "--json" in flags

    with open(os.path.join(base, "lines.jsonl"), encoding="utf-8") as fh:
        records = [json.loads(l) for l in fh if l.strip()]

    m = dict(pages=0, debris_lines=0, debris_found=0, flagged_lines=0, flagged_debris=0,
             title_pages=0, titles_found=0, hardwrap_findings=0, hardwrap_false=0,
             errors=0, errors_on_debris=0, tool_failures=0)
    misses = []
    errors = []

    for rec in records:
        name = rec["file"]
        path = os.path.join(base, name)
        with open(path, encoding="utf-8") as fh:
            text = fh.read().split("\n")
        labels = {x["n"]: x for x in rec["lines"]}
        m["pages"] += 1

        def show(k):
            return text[k - 1][:40].strip() if 1 <= k <= len(text) else ""

        def label(k):
            return labels.get(k, {}).get("label")

        check, err = run_json([binary, "check", "--format", "json", path])
        if check is None:
            m["tool_failures"] += 1
            misses.append(f"{name}: check failed: {err}")
            diags = []
        else:
            diags = [d for f in check.get("files", []) for d in f.get("diagnostics", [])]

        # lines covered by paste-artifact findings
        covered = set()
        for d in diags:
            if d.get("rule") != "paste-artifact":
                continue
            rng = d.get("range") or {}
            a, b = line_of(rng.get("start")), line_of(rng.get("end"))
            if a is None:
                continue
            covered.update(range(a, (b if b is not None and b >= a else a) + 1))

        for k in sorted(labels):
            if label(k) in DEBRIS:
                m["debris_lines"] += 1
                if k in covered:
                    m["debris_found"] += 1
                else:
                    misses.append(f"{name}:{k} debris not found: {show(k)}")
        for k in sorted(covered):
            lab = label(k)
            if lab is None or lab == "blank":
                continue
            m["flagged_lines"] += 1
            if lab in DEBRIS:
                m["flagged_debris"] += 1
            else:
                misses.append(f"{name}:{k} {lab} line flagged as debris: {show(k)}")

        # hard wraps
        for d in diags:
            if d.get("rule") != "hard-wrap":
                continue
            m["hardwrap_findings"] += 1
            k = line_of((d.get("range") or {}).get("start"))
            ok = k is not None and (labels.get(k, {}).get("wrapped") or labels.get(k - 1, {}).get("wrapped"))
            if not ok:
                m["hardwrap_false"] += 1
                misses.append(f"{name}:{k} hard-wrap on an unwrapped line: {show(k) if k else ''}")

        # errors
        for d in diags:
            if d.get("severity") != "error":
                continue
            m["errors"] += 1
            k = line_of((d.get("range") or {}).get("start"))
            on_debris = k is not None and label(k) in DEBRIS
            if on_debris:
                m["errors_on_debris"] += 1
            errors.append(f"{name}:{k} error {d.get('rule')}{' ON DEBRIS' if on_debris else ''}: {show(k) if k else ''}")

        # title
        tlines = [k for k in sorted(labels) if label(k) == "title"]
        if tlines:
            m["title_pages"] += 1
            want = nospace("".join(text[k - 1] for k in tlines if k <= len(text)))
            outline, err = run_json([binary, "outline", "--format", "json", path])
            if outline is None:
                m["tool_failures"] += 1
                misses.append(f"{name}: outline failed: {err}")
            got = nospace(outline_title(outline))
            if got and (got == want or (got in want and len(got) >= 0.8 * len(want))):
                m["titles_found"] += 1
            else:
                misses.append(f"{name}: title {want[:30]} -> {got[:30] if got else None}")

    m["debris_recall_pct"] = round(100.0 * m["debris_found"] / m["debris_lines"], 1) if m["debris_lines"] else None
    m["debris_precision_pct"] = (round(100.0 * m["flagged_debris"] / m["flagged_lines"], 1)
                                 if m["flagged_lines"] else None)

    if as_json:
        print(json.dumps(m, ensure_ascii=False, indent=1))
        return
    for head, items in (("misses", misses), ("errors", errors)):
        print(f"{head} ({len(items)}):")
        for line in (items if show_all else items[:60]):
            print("  " + line)
        if not show_all and len(items) > 60:
            print(f"  ... {len(items) - 60} more (use --all)")
    recall = 100.0 * m["debris_found"] / m["debris_lines"] if m["debris_lines"] else 100.0
    prec = 100.0 * m["flagged_debris"] / m["flagged_lines"] if m["flagged_lines"] else 100.0
    print(f"debris {m['debris_found']}/{m['debris_lines']} lines ({recall:.0f}%); "
          f"titles {m['titles_found']}/{m['title_pages']}; "
          f"hard-wrap false {m['hardwrap_false']} of {m['hardwrap_findings']}; "
          f"debris-line precision {prec:.0f}%; errors on debris {m['errors_on_debris']}")


if __name__ == "__main__":
    main()
