#!/usr/bin/env python3
"""Compares two recipes of the reference study by seed, across parts: the paired t-test that
`./tricks compare` prints for the rows of one command, for rows that no single command holds
(e.g. the large batch's last row against the batch-32 baseline of `heuristics/`, or two
teachers' students).

    data/reference/paired.py heuristics/baseline-small-image-aug \\
        zero-gamma-rate/baseline-small-image-aug-zero-gamma

Each argument is a part's folder and the name of one recipe's run files in it, without
"-seedN.json" (the folder may be a pattern such as pilot/n10k-e15-s4?, for runs kept one folder
per seed); the runs are paired on the seeds both hold. Prints each seed's test top-1 and
last-epoch training top-1, then the second recipe's change against the first: mean, 95% interval
(Student's t over the seeds), two-sided p and the verdict at the 5% level, the same test as
`org.bagoftricks.report.Stats` (tested against the stored tables in tests/test_paired.py).

With four arguments it tests an interaction: whether the change from the first recipe to the
second differs from the change from the third to the fourth, paired by seed (e.g. ResNet-B to -D
with zero gamma against the same step without it):

    data/reference/paired.py model-tweaks/<B row> model-tweaks/<D row> \
        tweaks-without-zero-gamma/<B row> tweaks-without-zero-gamma/<D row>

Standard library only."""
import csv
import json
import math
import re
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent


def runs(prefix):
    """seed -> (test top-1 %, last-epoch training top-1 %) of the run files `prefix`-seedN.json."""
    name = Path(prefix).name
    found = {}
    # the folder may be a pattern, for runs kept one folder per seed (pilot/n10k-e15-s4?/...)
    for f in sorted(REFERENCE.glob(f"{Path(prefix).parent}/{name}-seed*.json")):
        m = re.fullmatch(re.escape(name) + r"-seed(\d+)\.json", f.name)
        if not m:
            continue
        run = json.loads(f.read_text())
        history = list(csv.DictReader(f.with_suffix(".csv").read_text().splitlines()))
        found[int(m.group(1))] = (100 * run["result"]["top1"], float(history[-1]["train_top1"]))
    if not found:
        raise SystemExit(f"no runs {prefix}-seedN.json under {REFERENCE}: give a part's folder and a "
                         f"recipe's file name, e.g. heuristics/baseline-small-image-aug")
    return found


def t_within(t, df):
    """P(|T| <= t) for Student's t with an integer df (Abramowitz & Stegun 26.7.3-4)."""
    theta = math.atan(abs(t) / math.sqrt(df))
    c, s = math.cos(theta), math.sin(theta)
    if df % 2 == 1:
        total, term = 0.0, c
        for k in range(1, (df - 1) // 2 + 1):
            total += term
            term *= c * c * (2 * k) / (2 * k + 1)
        return 2 / math.pi * (theta + s * total) if df > 1 else 2 * theta / math.pi
    total, term = 0.0, 1.0
    for k in range(1, df // 2 + 1):
        total += term
        term *= c * c * (2 * k - 1) / (2 * k)
    return s * total


def t_critical(df, level=0.95):
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_within(mid, df) < level else (lo, mid)
    return (lo + hi) / 2


def paired(a, b):
    """(mean, ci_low, ci_high, p, verdict) of b - a over the seeds of both."""
    seeds = sorted(set(a) & set(b))
    if len(seeds) < 2:
        raise SystemExit(f"the recipes share {len(seeds)} seed(s) ({seeds}): a paired test needs 2 or more")
    d = [b[s][0] - a[s][0] for s in seeds]
    n = len(d)
    mean = sum(d) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    se = sd / math.sqrt(n)
    half = t_critical(n - 1) * se
    p = 1.0 if se == 0 and mean == 0 else 0.0 if se == 0 else 1 - t_within(mean / se, n - 1)
    verdict = "not shown" if p >= 0.05 else "helps" if mean > 0 else "hurts"
    return mean, mean - half, mean + half, p, verdict


def changes(a, b):
    """seed -> (b - a, 0) over the seeds of both: a change per seed, to pair with another."""
    return {s: (b[s][0] - a[s][0], 0.0) for s in sorted(set(a) & set(b))}


def interaction(argv):
    first, second = changes(runs(argv[0]), runs(argv[1])), changes(runs(argv[2]), runs(argv[3]))
    print(f"first change:  {argv[0]} -> {argv[1]}\nsecond change: {argv[2]} -> {argv[3]}")
    print("seed   first  second  first - second")
    for s in sorted(set(first) & set(second)):
        print(f"{s:4}  {first[s][0]:+6.2f}  {second[s][0]:+6.2f}  {first[s][0] - second[s][0]:+6.2f}")
    mean, low, high, p, verdict = paired(second, first)
    verdict = "not shown" if verdict == "not shown" else "shown"
    print(f"first - second: {mean:+.2f} [{low:+.2f}, {high:+.2f}] (95% interval), p = {p:.4f}: {verdict}")


def main(argv):
    if len(argv) == 4:
        return interaction(argv)
    if len(argv) != 2:
        raise SystemExit(__doc__)
    a, b = runs(argv[0]), runs(argv[1])
    print(f"A: {argv[0]}\nB: {argv[1]}")
    print("seed  A top-1  B top-1   B - A   (last-epoch training top-1: A, B)")
    for s in sorted(set(a) & set(b)):
        print(f"{s:4}  {a[s][0]:7.2f}  {b[s][0]:7.2f}  {b[s][0] - a[s][0]:+6.2f}   ({a[s][1]:.1f}, {b[s][1]:.1f})")
    mean, low, high, p, verdict = paired(a, b)
    print(f"B - A: {mean:+.2f} [{low:+.2f}, {high:+.2f}] (95% interval), p = {p:.4f}: {verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
