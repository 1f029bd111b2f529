#!/usr/bin/env python3
"""Write large test inputs for bench/large.sh.

    python3 bench/make_large.py OUT_DIR --sizes 1,4,16 [--seeds ../shared/seeds]

For each size N (MB) it writes:
  oneline-N.txt  a dense sentence with typography findings repeated to N MB on one line
  dense-N.txt    the same sentence with a line break every 60-100 characters (seeded, so the
                 files are the same from run to run)
  report-N.txt   the seed reports (if given) repeated to N MB: realistic paragraphs and findings
"""
import argparse
import pathlib
import random

SENTENCE = "我们加强了领导,完善了制度 ,今年推进了依法行政工作。2021-2025年规划 落实。"


def repeat_to(unit: str, size: int) -> str:
    unit_bytes = len(unit.encode("utf-8"))
    return unit * max(1, size // unit_bytes)


def broken(text: str, rng: random.Random) -> str:
    out = []
    pos = 0
    while pos < len(text):
        step = rng.randint(60, 100)
        out.append(text[pos : pos + step])
        pos += step
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--seeds", default=None)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    seeds = ""
    if args.seeds:
        seeds = "\n".join(
            p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(args.seeds).glob("*.txt"))
        )
    for mb in (int(s) for s in args.sizes.split(",")):
        size = mb * 1024 * 1024
        one = repeat_to(SENTENCE, size)
        (out / f"oneline-{mb}.txt").write_text(one + "\n", encoding="utf-8")
        (out / f"dense-{mb}.txt").write_text(broken(one, random.Random(mb)), encoding="utf-8")
        if seeds:
            (out / f"report-{mb}.txt").write_text(repeat_to(seeds + "\n", size), encoding="utf-8")


if __name__ == "__main__":
    main()
