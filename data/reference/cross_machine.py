"""Sets each run of one results store beside the run of the same key (recipe, data, seed) in another.

    python3 data/reference/cross_machine.py data/reference/store data/reference/cross-machine/store

The reference study's store shares a run between machines; this shows what that costs: for each seed,
the machine each run trained on, the first epoch whose training loss differs (bitwise), the
first-epoch loss and the final test top-1 of each, then both machines' mean and spread over the seeds.
"""
import glob
import json
import os
import statistics
import sys


def runs(store):
    found = {}
    for path in glob.glob(os.path.join(store, "*", "run.json")):
        with open(path) as f:
            run = json.load(f)
        found[run["identity"]] = run
    return found


def cpu(run):
    return run["machine"]["cpu"].replace("(R)", "").split(" Processor")[0]


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a["epochs"], b["epochs"])):
        if x["trainLoss"] != y["trainLoss"]:
            return str(i + 1)
    return "none"


def main(reference_store, other_store):
    reference, other = runs(reference_store), runs(other_store)
    pairs = [(reference[k], run) for k, run in other.items() if k in reference and "result" in run]
    if not pairs:
        sys.exit(f"no run of {other_store} has a finished twin in {reference_store}")
    pairs.sort(key=lambda p: p[1]["seed"])
    print(f"{'seed':>4}  {'machine (store)':<22}{'machine (this)':<22}{'first differing epoch':>22}"
          f"  {'epoch-1 loss':>14}  {'top-1 % (store / this)':>24}  {'this - store':>12}")
    for a, b in pairs:
        loss = f"{a['epochs'][0]['trainLoss']:.4f}/{b['epochs'][0]['trainLoss']:.4f}"
        top = f"{100 * a['result']['top1']:.2f} / {100 * b['result']['top1']:.2f}"
        change = 100 * (b["result"]["top1"] - a["result"]["top1"])
        print(f"{a['seed']:>4}  {cpu(a):<22}{cpu(b):<22}{first_difference(a, b):>22}  {loss:>14}"
              f"  {top:>24}  {change:>+12.2f}")
    for name, side in (("store", 0), ("this", 1)):
        tops = [100 * p[side]["result"]["top1"] for p in pairs]
        spread = statistics.stdev(tops) if len(tops) > 1 else float("nan")
        print(f"{name}: mean {statistics.mean(tops):.2f}, standard deviation {spread:.2f} over {len(tops)} seeds"
              f" ({', '.join(f'{t:.2f}' for t in tops)})")
    print(f"recipe: {pairs[0][1]['recipe']}; data: {pairs[0][1]['dataDescription']}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
