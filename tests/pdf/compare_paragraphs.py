#!/usr/bin/env python3
"""Compare the paragraphs of a text with those draftlint read from its PDF.

Usage: compare_paragraphs.py SOURCE.txt EXTRACTED.txt
Whitespace is removed before comparing (a PDF does not keep it faithfully). Prints
`matched/total` (source paragraphs found exactly, in order) and the paragraphs that differ.
"""
import difflib
import sys


def paragraphs(path):
    with open(path, encoding="utf-8-sig") as f:
        return ["".join(line.split()) for line in f if line.strip()]


def main():
    source, extracted = paragraphs(sys.argv[1]), paragraphs(sys.argv[2])
    matcher = difflib.SequenceMatcher(a=source, b=extracted, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    print(f"{matched}/{len(source)} paragraphs match exactly ({len(extracted)} extracted)")
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for line in source[a0:a1]:
            print(f"  - {line[:60]}{'…' if len(line) > 60 else ''}")
        for line in extracted[b0:b1]:
            print(f"  + {line[:60]}{'…' if len(line) > 60 else ''}")
    return 0 if matched == len(source) else 1


if __name__ == "__main__":
    sys.exit(main())
