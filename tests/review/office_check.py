#!/usr/bin/env python3
"""Open reviewed copies in real office software.

For each report text given (default: the fixture and, when present, ../shared/seeds/*.txt),
make a Word document of it (examples/report_docx.rs), write its reviewed copy with
`draftlint check --format docx`, then:
  * open the copy with python-docx and count the comments by draftlint: one per finding;
  * convert the copy to PDF with LibreOffice run headless: it must succeed;
  * convert it to flat ODF with LibreOffice: the comments by draftlint it sees are one per
    finding, and it sees tracked changes by draftlint when draftlint said it wrote some.

Needs python-docx (pip install python-docx) and LibreOffice (apt-get install
libreoffice-writer-nogui). Run from the repository: python3 tests/review/office_check.py
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def main():
    try:
        import docx  # python-docx
    except ImportError:
        sys.exit("python-docx is missing: pip install python-docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is missing: apt-get install libreoffice-writer-nogui")
    texts = sys.argv[1:] or [os.path.join(ROOT, "fixtures/example-report.txt")] + sorted(
        glob.glob(os.path.join(ROOT, "../shared/seeds/*.txt"))
    )
    build = run("cargo", "build", "--quiet", "--bin", "draftlint", "--example", "report_docx", cwd=ROOT)
    if build.returncode:
        sys.exit(build.stderr)
    target = os.path.join(ROOT, "target/debug")
    draftlint = os.path.join(target, "draftlint")
    make = os.path.join(target, "examples/report_docx")
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        for text in texts:
            name = os.path.splitext(os.path.basename(text))[0]
            original = os.path.join(work, name + ".docx")
            reviewed = os.path.join(work, name + "（审阅）.docx")
            run(make, text, original, os.path.join(work, name + ".read.txt")).check_returncode()
            found = json.loads(run(draftlint, "check", "--format", "json", original).stdout)
            findings = len(found["files"][0]["diagnostics"])
            written = run(draftlint, "check", "--format", "docx", "--output", reviewed, original)
            if written.returncode > 1:
                print(f"FAIL {name}: {written.stderr}")
                failed += 1
                continue
            document = docx.Document(reviewed)
            comments = [c for c in document.comments if c.author == "draftlint"]
            others = [c for c in document.comments if c.author != "draftlint"]
            pdf_dir = os.path.join(work, "pdf")
            converted = run(
                soffice, "--headless", "--convert-to", "pdf", "--outdir", pdf_dir, reviewed,
                timeout=300,
            )
            pdf = os.path.join(pdf_dir, name + "（审阅）.pdf")
            pdf_ok = converted.returncode == 0 and os.path.isfile(pdf) and os.path.getsize(pdf) > 0
            run(soffice, "--headless", "--convert-to", "fodt", "--outdir", pdf_dir, reviewed, timeout=300)
            with open(os.path.join(pdf_dir, name + "（审阅）.fodt"), encoding="utf-8") as f:
                flat = f.read()
            annotations = re.findall(r"<office:annotation\b.*?</office:annotation>", flat, re.S)
            lo_comments = sum("<dc:creator>draftlint</dc:creator>" in a for a in annotations)
            changes = len(re.findall(r"<text:changed-region\b", flat))
            revisions = int(re.search(r"(\d+) 处修订", written.stdout).group(1))
            ok = (
                len(comments) == findings
                and len(others) == 1
                and pdf_ok
                and lo_comments == findings
                and (changes > 0) == (revisions > 0)
            )
            failed += not ok
            print(
                f"{'ok  ' if ok else 'FAIL'} {name}: {findings} findings, {len(comments)} draftlint "
                f"comments, {len(others)} other comment(s), {len(document.paragraphs)} paragraphs "
                f"in python-docx; LibreOffice: {lo_comments} draftlint comments, {changes} tracked changes "
                f"({revisions} revisions written), PDF {'written' if pdf_ok else 'FAILED: ' + converted.stderr}"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
