"""Summarizes the pilot (data/reference/pilot/): prints the Markdown that README.md here quotes.

    python3 data/reference/pilot_summary.py > data/reference/pilot/summary.md

Reads each run's JSON side file (recipe settings, seed, data, result). Student's t quantiles are
from a table (no SciPy needed); the 95% interval of a paired difference over n seeds is
t(0.975, n - 1) * sd / sqrt(n).
"""
import glob
import json
import math
import os
import re
import statistics

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pilot")


def runs():
    out = {}
    for f in sorted(glob.glob(os.path.join(HERE, "*", "*.json"))):
        r = json.load(open(f))
        out[os.path.basename(os.path.dirname(f))] = r
    return out


def images(r):
    m = re.search(r"subset of (\d+)", r["dataDescription"])
    return int(m.group(1)) if m else int(re.search(r"(\d+) images", r["dataDescription"]).group(1))


def top1(r):
    return 100 * r["result"]["top1"]


def main():
    rs = runs()
    print("| run | train images | epochs | batch | lr | recipe | seed | test top-1 % | final train loss | minutes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in sorted(rs.items()):
        s = r["settings"]
        print(f"| {name} | {images(r):,} | {s['epochs']} | {s['batchSize']} | {s['lr']} | {r['recipe']} | {r['seed']} |"
              f" {top1(r):.2f} | {r['result']['finalTrainLoss']:.3f} | {r['result']['minutes']:.1f} |")
    base = {r["seed"]: top1(r) for n, r in rs.items() if n.startswith("n10k-e15-s")}
    ls = {r["seed"]: top1(r) for n, r in rs.items() if n.startswith("n10k-e15-ls-s")}
    print()
    if len(base) >= 2:
        sd = statistics.stdev(base.values())
        print(f"Baseline, 10,000 images, 15 epochs, seeds {sorted(base)}: mean {statistics.mean(base.values()):.2f},"
              f" sd between seeds {sd:.2f} points.")
    seeds = sorted(set(base) & set(ls))
    if len(seeds) >= 2:
        d = [ls[s] - base[s] for s in seeds]
        sdd = statistics.stdev(d)
        n = len(d)
        half = T975[n - 1] * sdd / math.sqrt(n)
        print(f"Label smoothing - baseline, paired by seed ({seeds}): {', '.join(f'{x:+.2f}' for x in d)};"
              f" mean {statistics.mean(d):+.2f}, sd {sdd:.2f}, 95% interval +-{half:.2f} points.")
        print()
        print("Half-width of the 95% interval of a paired difference with this sd, by seeds:")
        print()
        print("| seeds | " + " | ".join(str(k) for k in range(3, 9)) + " |")
        print("|---|" + "---|" * 6)
        print("| +- points | " + " | ".join(f"{T975[k - 1] * sdd / math.sqrt(k):.2f}" for k in range(3, 9)) + " |")
    for batch, tag in ((128, ""), (32, "-b32")):
        e = {int(re.match(r"n10k-e(\d+)", n).group(1)): top1(r) for n, r in rs.items()
             if re.fullmatch(rf"n10k-e\d+{tag}-s42", n)}
        if e:
            print()
            print(f"Baseline, seed 42, 10,000 images, batch {batch}, test top-1 by length: "
                  + ", ".join(f"{k} epochs {v:.2f}" for k, v in sorted(e.items())))
    size = {n: top1(r) for n, r in rs.items() if n.endswith("-e15-s42") and "-ls-" not in n}
    if len(size) > 1:
        print()
        print("Baseline, seed 42, 15 epochs, by training images: "
              + ", ".join(f"{k.split('-')[0][1:]} {v:.2f}" for k, v in sorted(size.items())))


if __name__ == "__main__":
    main()
