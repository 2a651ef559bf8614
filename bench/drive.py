"""./tricks bench: our training step and augmentation against PyTorch + torchvision, side by side.

Every measurement runs in its own process (ours: a JVM through ./tricks bench-worker; theirs:
python bench/peer.py), so that each process's peak resident memory (VmHWM, read by the process
after its last step) is its own. The two sides alternate, round by round, and the side that goes
first alternates too, so that the load of other programs on the machine falls on both alike.
Reported: images per second as the median over every timed step of every round, with the
interquartile range; the ratio ours / PyTorch as the median of the per-round ratios with their
minimum and maximum; peak memory as the largest VmHWM of a side's processes.
"""
import argparse
import csv
import datetime
import os
import platform
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name: (model, width, image size, batch, classes, warm-up steps, timed steps)
MODELS = {
    "resnet50-224": ("resnet50", 1.0, 224, 32, 1000, 2, 4),
    "cifar-resnet18-32": ("cifar_resnet18", 1.0, 32, 128, 10, 2, 6),
    "quick": ("cifar_resnet18", 0.25, 32, 128, 10, 5, 20),
}


def run(cmd, env=None, drop=()):
    e = {k: v for k, v in os.environ.items() if k not in drop}
    e.update(env or {})
    p = subprocess.run(cmd, cwd=ROOT, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return p.stdout.splitlines()


def ours(args, extra_env=None):
    return run([os.path.join(ROOT, "tricks"), "bench-worker"] + args, extra_env)


PEER_ENV = {}


def theirs(python, args):
    # The peer gets the same thread settings through its arguments; OMP_NUM_THREADS is set for both.
    # It runs as PyTorch users run it: without the malloc settings and the tcmalloc preload that
    # ./tricks gives the JVM (unless --peer-env gives them, to see what they do for PyTorch).
    return run([python, os.path.join(ROOT, "bench", "peer.py")] + args, PEER_ENV, MALLOC_VARS + ("LD_PRELOAD",))


MALLOC_VARS = ("MALLOC_ARENA_MAX", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_MMAP_MAX_",
               "MALLOC_TOP_PAD_")


def parse(lines):
    steps, rss, cpu, info = [], [], [], {}
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "step":
            steps.append(float(parts[1]))
            rss.append(int(parts[2]))
            cpu.append(float(parts[3]))
        elif parts[0] == "aug":
            info.setdefault("aug", []).append(float(parts[2]))
        elif parts[0] == "epoch":
            info.setdefault("epochs", []).append([float(x) for x in parts[1:]])
        else:
            info[parts[0]] = " ".join(parts[1:])
    info["cpu"] = cpu
    return steps, rss, info


def quantiles(xs):
    q = statistics.quantiles(xs, n=4, method="inclusive") if len(xs) > 1 else [xs[0]] * 3
    return q[0], statistics.median(xs), q[2]


def bench_training(a, out_dir, python, env):
    rows, raw = [], []
    for name in a.models:
        model, width, size, batch, classes, warmup, steps = MODELS[name]
        warmup = a.warmup if a.warmup is not None else warmup
        steps = a.steps if a.steps is not None else steps
        args = ["--what", "train-step", "--model", model, "--width", str(width), "--image-size", str(size),
                "--batch-size", str(batch), "--classes", str(classes), "--warmup", str(warmup),
                "--steps", str(steps), "--threads", str(a.threads), "--interop-threads", "1"]
        per = {"ours": [], "pytorch": []}
        per_cpu = {"ours": [], "pytorch": []}
        hwm = {"ours": 0, "pytorch": 0}
        params = {}
        growth = {"ours": 0, "pytorch": 0}
        round_ratio = []
        for r in range(a.rounds):
            order = ["ours", "pytorch"] if r % 2 == 0 else ["pytorch", "ours"]
            med = {}
            for side in order:
                t0 = time.time()
                lines = ours(args, env) if side == "ours" else theirs(python, args)
                s, rss, info = parse(lines)
                params[side] = int(info["params"])
                hwm[side] = max(hwm[side], int(info["hwm_kb"]))
                growth[side] = max(growth[side], rss[-1] - rss[0])
                per[side] += [batch / x for x in s]
                per_cpu[side] += [batch / x for x in info["cpu"]]
                med[side] = statistics.median(batch / x for x in s)
                for i, x in enumerate(s):
                    raw.append([name, side, r, i, f"{x:.6f}", f"{batch / x:.3f}", rss[i], f"{info['cpu'][i]:.6f}"])
                print(f"  {name} round {r + 1}/{a.rounds} {side:8s} {med[side]:8.2f} img/s"
                      f"  peak {int(info['hwm_kb']) / 1024:7.0f} MiB  ({time.time() - t0:.0f} s)", flush=True)
            round_ratio.append(med["ours"] / med["pytorch"])
        if params["ours"] != params["pytorch"]:
            sys.exit(f"bench: {name}: parameter counts differ: ours {params['ours']}, PyTorch {params['pytorch']}")
        o, t = quantiles(per["ours"]), quantiles(per["pytorch"])
        rows.append({
            "model": name, "network": model, "width": width, "image_px": size, "batch": batch,
            "params": params["ours"], "threads": a.threads, "rounds": a.rounds, "timed_steps_per_round": steps,
            "ours_img_s": round(o[1], 2), "ours_img_s_q1": round(o[0], 2), "ours_img_s_q3": round(o[2], 2),
            "pytorch_img_s": round(t[1], 2), "pytorch_img_s_q1": round(t[0], 2), "pytorch_img_s_q3": round(t[2], 2),
            # The ratio is the median of the per-round ratios (each round runs both sides back to back,
            # so a slow spell of the machine hits both); the ratio of the pooled medians can fall
            # outside every round's own ratio and is kept only for reference.
            "ratio": round(statistics.median(round_ratio), 3),
            "ratio_pooled_medians": round(o[1] / t[1], 3),
            # Images per CPU-second of the whole process: less sensitive to other programs' load.
            "ours_img_per_cpu_s": round(statistics.median(per_cpu["ours"]), 2),
            "pytorch_img_per_cpu_s": round(statistics.median(per_cpu["pytorch"]), 2),
            "cpu_ratio": round(statistics.median(per_cpu["ours"]) / statistics.median(per_cpu["pytorch"]), 3),
            "ratio_rounds_median": round(statistics.median(round_ratio), 3),
            "ratio_rounds_min": round(min(round_ratio), 3), "ratio_rounds_max": round(max(round_ratio), 3),
            "ours_peak_mib": round(hwm["ours"] / 1024), "pytorch_peak_mib": round(hwm["pytorch"] / 1024),
            "memory_ratio": round(hwm["ours"] / hwm["pytorch"], 3),
            "ours_rss_growth_mib": round(growth["ours"] / 1024, 1),
            "pytorch_rss_growth_mib": round(growth["pytorch"] / 1024, 1),
        })
    write_csv(os.path.join(out_dir, "bench.csv"), rows)
    with open(os.path.join(out_dir, "steps.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["model", "side", "round", "step", "seconds", "img_s", "rss_kb", "process_cpu_seconds"])
        w.writerows(raw)
    return rows


def make_images(python, out_dir):
    """The same PNG files for both sides: 16 at 500x375 (an ImageNet-sized photo) and 64 at 32x32."""
    code = (
        "import sys, numpy as np\n"
        "from PIL import Image\n"
        "rng = np.random.default_rng(5)\n"
        "for sub, (w, h), n in (('large', (500, 375), 16), ('small', (32, 32), 64)):\n"
        "    d = sys.argv[1] + '/' + sub\n"
        "    import os; os.makedirs(d, exist_ok=True)\n"
        "    for i in range(n):\n"
        "        base = rng.integers(0, 256, (h // 8 + 1, w // 8 + 1, 3), dtype=np.uint8)\n"
        "        img = Image.fromarray(base).resize((w, h), Image.BILINEAR)\n"
        "        noise = rng.integers(-20, 21, (h, w, 3))\n"
        "        arr = np.clip(np.asarray(img).astype(int) + noise, 0, 255).astype(np.uint8)\n"
        "        Image.fromarray(arr).save(f'{d}/{i:03d}.png')\n")
    run([python, "-c", code, out_dir])


def bench_data(a, out_dir, python, env):
    img = os.path.join(out_dir, "images")
    make_images(python, img)
    rows = []
    cases = [("imagenet", 224, "large", "imagenet"), ("imagenet", 224, "large", "imagenet-basic"),
             ("small-image", 32, "small", "small-image")]
    for preset, size, sub, peer_preset in cases:
        common = ["--what", "augment", "--image-size", str(size), "--images", os.path.join(img, sub),
                  "--seconds", str(a.aug_seconds), "--rounds", "1", "--threads", "1"]
        rates = {"ours": [], "pytorch": []}
        for r in range(a.aug_rounds):
            order = ["ours", "pytorch"] if r % 2 == 0 else ["pytorch", "ours"]
            for side in order:
                if side == "ours":
                    _, _, info = parse(ours(common + ["--preset", preset], env))
                else:
                    _, _, info = parse(theirs(python, common + ["--preset", peer_preset]))
                rates[side] += info["aug"]
        o, t = quantiles(rates["ours"]), quantiles(rates["pytorch"])
        rows.append({"ours": f"{preset}-train({size})", "torchvision": peer_preset, "image": sub,
                     "ours_img_s_per_core": round(o[1], 1), "ours_q1": round(o[0], 1), "ours_q3": round(o[2], 1),
                     "torchvision_img_s_per_core": round(t[1], 1), "torchvision_q1": round(t[0], 1),
                     "torchvision_q3": round(t[2], 1), "ratio": round(o[1] / t[1], 2)})
        print(f"  augmentation {preset}({size}) vs torchvision {peer_preset}: {o[1]:.0f} vs {t[1]:.0f} img/s per core",
              flush=True)
    write_csv(os.path.join(out_dir, "augmentation.csv"), rows)

    # A real quick run: the share of training time spent waiting for the loader; memory per epoch.
    _, _, info = parse(ours(["--what", "real-run", "--epochs", str(a.run_epochs), "--threads", str(a.threads),
                             "--augmentation", "imagenet"], env))
    epochs = info["epochs"]
    wait_rows = [{"epoch": int(e[0]) + 1, "train_s": e[1], "wait_s": e[2], "wait_share": round(e[2] / e[1], 4),
                  "rss_mib": round(e[3] / 1024),
                  "java_heap_committed_mib": round(e[4] / 1024) if len(e) > 4 else "",
                  "java_heap_used_mib": round(e[5] / 1024) if len(e) > 5 else ""} for e in epochs]
    write_csv(os.path.join(out_dir, "data_wait.csv"), wait_rows)
    return rows, wait_rows


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPU ({cpu}), {platform.system()} {platform.release()}"


def main():
    p = argparse.ArgumentParser(prog="./tricks bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default="quick,cifar-resnet18-32,resnet50-224",
                   help="comma-separated, of: " + ", ".join(MODELS) + " (default: all)")
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds per model (default 3)")
    p.add_argument("--warmup", type=int, help="untimed steps per process (default: per model)")
    p.add_argument("--steps", type=int, help="timed steps per process (default: per model)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads, both sides (default: cores)")
    p.add_argument("--no-data", action="store_true", help="skip the data-pipeline part")
    p.add_argument("--no-train", action="store_true", help="skip the training-step part")
    p.add_argument("--aug-rounds", type=int, default=4)
    p.add_argument("--aug-seconds", type=float, default=3)
    p.add_argument("--run-epochs", type=int, default=3, help="epochs of the real quick run (data wait, memory)")
    p.add_argument("--out", help="results folder (default: results/bench-<date>-<time>)")
    p.add_argument("--python", default=os.environ.get("TRICKS_BENCH_PYTHON", sys.executable))
    p.add_argument("--ours-env", default="", help="KEY=VALUE,... added to our processes' environment")
    p.add_argument("--peer-env", default="", help="KEY=VALUE,... added to the peer's environment")
    a = p.parse_args()
    a.models = [m for m in a.models.split(",") if m]
    for m in a.models:
        if m not in MODELS:
            sys.exit(f"bench: unknown model '{m}': use {', '.join(MODELS)}")
    env = dict(kv.split("=", 1) for kv in a.ours_env.split(",") if kv)
    PEER_ENV.update(kv.split("=", 1) for kv in a.peer_env.split(",") if kv)
    os.environ["OMP_NUM_THREADS"] = str(a.threads)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out_dir = a.out or os.path.join(ROOT, "results", f"bench-{stamp}")
    os.makedirs(out_dir, exist_ok=True)
    versions = run([a.python, "-c", "import torch, torchvision, PIL; info = torch.__config__.parallel_info();"
                                    " print(torch.__version__, torchvision.__version__, PIL.__version__,"
                                    " [l for l in info.splitlines() if 'MKL-DNN' in l or 'OpenMP' in l])"])[0]
    # ./tricks names the tcmalloc it preloads into our JVMs (empty: glibc's malloc)
    malloc = os.environ.get("TRICKS_TCMALLOC")
    malloc = "unknown (not started by ./tricks)" if malloc is None else f"tcmalloc ({malloc})" if malloc else "glibc"
    print(f"bench: {machine()}; threads {a.threads}; our malloc: {malloc}; PyTorch, torchvision, Pillow: {versions}",
          flush=True)
    with open(os.path.join(out_dir, "machine.txt"), "w") as f:
        f.write(f"date {datetime.datetime.now().isoformat(timespec='seconds')}\nmachine {machine()}\n"
                f"peer {versions}\nthreads {a.threads}\nours DJL 0.36.0, libtorch 2.7.1 (pytorch-native-cpu)\n"
                f"ours_env {a.ours_env} (plus the launcher's: "
                f"{' '.join(k + '=' + os.environ[k] for k in MALLOC_VARS if k in os.environ)}; "
                f"malloc {malloc})\npeer_env {a.peer_env}\n")
    if not a.no_train:
        rows = bench_training(a, out_dir, a.python, env)
        print()
        print("| model | ours img/s (IQR) | PyTorch img/s (IQR) | ours / PyTorch (rounds min-max) |"
              " peak MiB ours / PyTorch (ratio) | per CPU-second, ours / PyTorch |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['model']} | {r['ours_img_s']} ({r['ours_img_s_q1']}-{r['ours_img_s_q3']}) |"
                  f" {r['pytorch_img_s']} ({r['pytorch_img_s_q1']}-{r['pytorch_img_s_q3']}) |"
                  f" {r['ratio']:.3f} ({r['ratio_rounds_min']:.3f}-{r['ratio_rounds_max']:.3f}) |"
                  f" {r['ours_peak_mib']} / {r['pytorch_peak_mib']} ({r['memory_ratio']:.2f}) | {r['cpu_ratio']:.3f} |")
    if not a.no_data:
        aug, wait = bench_data(a, out_dir, a.python, env)
        print()
        print("| augmentation (1 thread) | ours img/s (IQR) | torchvision img/s (IQR) | ratio |")
        print("|---|---|---|---|")
        for r in aug:
            print(f"| {r['ours']} vs {r['torchvision']} | {r['ours_img_s_per_core']} ({r['ours_q1']}-{r['ours_q3']}) |"
                  f" {r['torchvision_img_s_per_core']} ({r['torchvision_q1']}-{r['torchvision_q3']}) | {r['ratio']} |")
        total_wait = sum(w["wait_s"] for w in wait)
        total_train = sum(w["train_s"] for w in wait)
        print()
        print(f"quick run ({len(wait)} epochs, Recipe.baseline()): waited for data {total_wait:.2f} s of"
              f" {total_train:.1f} s training ({100 * total_wait / total_train:.1f}%);"
              f" resident MiB after each epoch: {', '.join(str(w['rss_mib']) for w in wait)}"
              f" (of which Java heap committed: {', '.join(str(w['java_heap_committed_mib']) for w in wait)})")
    print(f"\nResults: {out_dir}")


if __name__ == "__main__":
    main()
