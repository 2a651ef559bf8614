"""Builds the notebooks from their sources and executes them headless.

    python nb.py build                     notebooks/src/*.txt -> notebooks/*.ipynb (sources only)
    python nb.py run --scale smoke --out DIR [NAME...]
                                           builds into DIR, executes there with the kernel in
                                           notebooks/, checks each has an HTML table and a PNG
    python nb.py run --scale quick --inplace
                                           the same, then replaces the committed notebooks
    python nb.py check                     the committed notebooks' cells equal their sources, and
                                           their outputs come from the library version of the sources
    python nb.py html DIR                  each executed notebook in DIR as HTML, for a browser

A source is plain text: a line "%%md" starts a Markdown cell, "%%code" a code cell, and
"%%code parameters" the code cell tagged "parameters" (papermill's convention). A line
"%%reference NAME" becomes a Markdown cell generated from data/reference/NAME/ (the stored results
of a longer run, with the command, machine and date that produced them; the text after the line,
up to the next %% line, is its caption), so a reader sees it before running anything.
"""
import argparse
import base64
import csv
import json
import os
import shutil
import sys
import time
from pathlib import Path

import re
import subprocess

import nbformat

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
SOURCES = NOTEBOOKS / "src"
KERNEL = {"name": "java", "display_name": "Java (jjava)", "language": "java"}
REFERENCE = NOTEBOOKS.parent / "data" / "reference"


def library_version(root=None):
    """The library version of the sources (the parent pom's), e.g. "0.2.0"."""
    root = root or NOTEBOOKS.parent
    pom = (root / "pom.xml").read_text(encoding="utf-8")
    m = re.search(r"<artifactId>bagoftricks-parent</artifactId>\s*<version>([^<]+)</version>", pom)
    if not m:
        raise SystemExit(f"no bagoftricks-parent version in {root / 'pom.xml'}")
    return m.group(1).strip()


def library_stamp(scale, root=None):
    """What an executed notebook records about the code that made its outputs: the library
    version, the commit (with "+changes" when the library or the notebook setup differed from it)
    and the scale."""
    root = root or NOTEBOOKS.parent

    def git(*a):
        r = subprocess.run(["git", "-C", str(root), *a], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
    commit = git("rev-parse", "--short=12", "HEAD")
    if commit and git("status", "--porcelain", "--", "lib", "pom.xml", "notebooks/setup.jsh"):
        commit += "+changes"
    return {"library": library_version(root), "commit": commit or "none (not a git checkout)", "scale": scale}


def stamp_problem(nb, version):
    """Why a committed notebook's outputs may be stale against library `version`, or None."""
    stamp = nb.metadata.get("bagoftricks")
    if not stamp:
        return "records no library version (executed before notebooks were stamped)"
    if stamp.get("library") != version:
        return f"outputs made by library {stamp.get('library')} (commit {stamp.get('commit')}), sources are {version}"
    return None


def machines_text(runs):
    """The machines of a part's runs: one, or each with its number of runs (a part resumed on another)."""
    machines = {}
    for r in runs:
        m = r["machine"]
        key = f"{m['cpu']}, {m['cores']} cores, {m['engine']}"
        machines[key] = machines.get(key, 0) + 1
    if len(machines) == 1:
        return f"machine: {next(iter(machines))}"
    return "machines: " + "; ".join(f"{k} ({n} run{'' if n == 1 else 's'})" for k, n in machines.items())


def reference_markdown(name, caption):
    folder = REFERENCE / name
    head = f"### Reference results: `data/reference/{name}/`\n\n{caption.strip()}\n\n"
    runs = []
    for f in sorted(folder.rglob("*.json")) if folder.is_dir() else []:
        runs.append(json.loads(f.read_text()))
    if not runs:
        return head + (f"*Not stored yet: `data/reference/run.sh {name}` makes them (see "
                       f"`data/reference/README.md`).*"), None
    runs.sort(key=lambda r: r["started"])
    commands = [c.read_text().strip() for c in sorted(folder.rglob("command.txt"))]
    dates = sorted({r["started"][:10] for r in runs})
    text = head + (f"Made by `{'`; `'.join(commands)}` on `{runs[0]['data']}` "
                   f"({runs[0]['dataDescription']}); {machines_text(runs)}; "
                   f"{' to '.join([dates[0], dates[-1]] if len(dates) > 1 else dates)}; {len(runs)} run{'' if len(runs) == 1 else 's'}, "
                   f"{seeds_text(runs)}.\n\n")
    table = next((folder / n for n in ("budget.csv", "ablation.csv", "comparison.csv") if (folder / n).is_file()), None)
    if table is not None:
        read = list(csv.reader(table.read_text().splitlines()))
        seeded = bool(read) and "delta_ci_low" in read[0]
        rows = seeded_rows(read)
    else:
        seeded = False
        if any("compare" in c for c in commands):
            text += ("*The comparison was stopped before its last runs (time budget): the table lists the runs "
                     "that finished.*\n\n")
        rows = [["recipe", "model", "top1", "top5", "img_per_s", "minutes"]]
        for r in runs:
            res = r["result"]
            rows.append([r["recipe"], r["settings"]["model"], f"{100 * res['top1']:.2f}", f"{100 * res['top5']:.2f}",
                         f"{res['imagesPerSecond']:.1f}", f"{res['minutes']:.2f}"])
    rows, note = with_paper_column(name, rows)
    text += "| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]) + "\n"
    text += "".join("| " + " | ".join(r) + " |\n" for r in rows[1:])
    text = (text + note).rstrip("\n")
    # the part's chart of changes with their 95% intervals, for seeded results only (one seed's bars
    # would draw noise as effects), attached to the cell so that it travels with the notebook
    chart = next((folder / n for n in ("budget.png", "ablation.png", "changes.png") if (folder / n).is_file()),
                 None) if seeded else None
    if chart is not None:
        text += f"\n\n![{name}: change against the base, 95% intervals](attachment:{chart.name})"
    return text, chart


def markdown_cell(text, chart=None):
    """A Markdown cell, with the PNG file `chart` attached when there is one (reference_markdown's pair)."""
    cell = nbformat.v4.new_markdown_cell(text)
    if chart is not None:
        cell["attachments"] = {chart.name: {"image/png": base64.b64encode(chart.read_bytes()).decode("ascii")}}
    return cell


PAPER_COLUMN = "paper (ImageNet top-1 %)"


def seeded_rows(rows):
    """A table of seeded results (ablation.csv, budget.csv: columns such as top1_mean, delta_ci_low)
    in the few columns a reader needs: what the row adds, its seeds, top-1 with its 95% interval,
    the paired change against the base with its interval, p and the verdict. The full recipe stays
    in a last column. Other tables (one seed) come back as they are."""
    if not rows or "delta_ci_low" not in rows[0]:
        return rows
    header = rows[0]

    def signed(v):
        return f"{float(v):+.2f}"

    # an ablation or budget curve labels its rows by what they add and keeps the recipe last; a
    # comparison of recipes (comparison.csv) has no "added" column: its rows are its recipes
    added = "added" in header
    out = [[h for h in ("epochs",) if h in header] + ["added" if added else "recipe", "seeds", "top-1 % [95% CI]",
                                                      "change [95% CI]", "p", "verdict"]
           + (["recipe"] if added and "recipe" in header else [])]
    for row in rows[1:]:
        c = dict(zip(header, row))
        top1 = f"{float(c['top1_mean']):.2f}"
        if c.get("top1_ci_low"):
            top1 += f" [{float(c['top1_ci_low']):.2f}, {float(c['top1_ci_high']):.2f}]"
        base = not c.get("delta_ci_low")
        change = "" if base else (f"{signed(c['delta_mean'])} [{signed(c['delta_ci_low'])}, "
                                  f"{signed(c['delta_ci_high'])}]")
        out.append(([c["epochs"]] if "epochs" in header else [])
                   + [(c["added"] if c["added"] != "-" else "base") if added else c["recipe"], c["seeds"], top1,
                      change, "" if base else p_text(c["p_value"]), c["verdict"]]
                   + ([c["recipe"]] if added and "recipe" in header else []))
    return out


def p_text(value):
    """A p-value as the table's CSV holds it, except that Java writes those under 0.001 in
    scientific notation (9.0E-4), which a reader should not have to decode."""
    return "< 0.001" if value and float(value) < 0.001 else value


def paper_numbers(name):
    """The paper's numbers for the rows of reference part `name` (data/reference/paper.csv): row key
    -> (number, checked). Only numbers marked verified in facts.md are shown as they are; the others
    carry "(reported, not checked here)"."""
    f = REFERENCE / "paper.csv"
    if not f.is_file():
        return {}
    return {r["row"]: (r["paper"], r["checked"]) for r in csv.DictReader(f.read_text(encoding="utf-8").splitlines())
            if r["part"] == name}


def with_paper_column(name, rows):
    """The table with the paper's number beside each row that has one (keyed by the row's "added"
    label, or by the model in its recipe), and the note that says how to read it."""
    paper = paper_numbers(name)
    if not paper or not rows:
        return rows, ""
    header = rows[0]

    def key(row):
        cells = dict(zip(header, row))
        added = cells.get("added", "")
        added = "-" if added == "base" else added  # seeded_rows names the base row
        if added in paper:  # "-" is the base row
            return added
        # a comparison of models: the model in the row's model column or recipe name
        return next((k for k in paper if k.startswith("cifar_")
                     and (k == cells.get("model") or k in cells.get("recipe", "").split(" + "))), None)

    out = [header + [PAPER_COLUMN]]
    shown = 0
    for row in rows[1:]:
        k = key(row)
        if k is None:
            out.append(row + [""])
            continue
        number, checked = paper[k]
        out.append(row + [number if checked == "verified" else f"{number} (reported, not checked here)"])
        shown += 1
    if not shown:
        return rows, ""
    return out, ("\n*The paper's column is ImageNet top-1 of full-size ResNet-50 networks (120 epochs, 1.28 million "
                 "images); ours is CIFAR-10 with narrow networks and short runs: compare the direction and order "
                 "of the changes, not their level. Numbers marked \"not checked here\" are as recalled from the "
                 "paper; `data/reference/paper.csv` gives each number's source.*\n")


def seeds_text(runs):
    seeds = sorted({r["seed"] for r in runs})
    return f"seed {seeds[0]}" if len(seeds) == 1 else "seeds " + ", ".join(str(x) for x in seeds)


def parse(text, name):
    cells, kind, tags, lines = [], None, [], []

    def flush():
        if kind is not None:
            src = "\n".join(lines).strip("\n")
            if kind == "reference":
                if len(tags) != 1:
                    raise SystemExit(f"{name}: %%reference takes one folder name")
                cells.append(markdown_cell(*reference_markdown(tags[0], src)))
                return
            if not src:
                raise SystemExit(f"{name}: an empty cell")
            cell = nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
            if tags:
                cell.metadata["tags"] = list(tags)
            cells.append(cell)

    for line in text.splitlines():
        if line.startswith("%%md") or line.startswith("%%code") or line.startswith("%%reference"):
            flush()
            parts = line[2:].split()
            kind, tags, lines = parts[0], parts[1:], []
        elif kind is None:
            if line.strip():
                raise SystemExit(f"{name}: text before the first %%md or %%code line")
        else:
            lines.append(line)
    flush()
    return cells


def build_one(src: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata["language_info"] = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}
    nb.cells = parse(src.read_text(encoding="utf-8"), src.name)
    for i, c in enumerate(nb.cells):
        c["id"] = f"{src.stem[:2]}-{i:02d}"  # stable ids: no noise in diffs
    return nb


def sources(names):
    all_src = sorted(SOURCES.glob("*.txt"))
    if not names:
        return all_src
    picked = [s for s in all_src if any(s.stem.startswith(n) or s.stem == n for n in names)]
    if len(picked) == 0:
        raise SystemExit(f"no notebook source matches {names}; sources: {[s.stem for s in all_src]}")
    return picked


def cmd_build(args):
    for src in sources(args.names):
        out = NOTEBOOKS / (src.stem + ".ipynb")
        nbformat.write(build_one(src), out)
        print(f"built {out.relative_to(NOTEBOOKS.parent)}")


def outputs_of(nb):
    kinds = set()
    for c in nb.cells:
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if "text/html" in data and "<table" in "".join(data["text/html"]):
                kinds.add("table")
            if "image/png" in data:
                kinds.add("image")
            if o.get("output_type") == "error":
                kinds.add("error")
    return kinds


def coalesce(nb):
    """Joins consecutive stream outputs of a cell (the kernel sends a line in several pieces)."""
    for c in nb.cells:
        merged = []
        for o in c.get("outputs", []):
            if merged and o.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" \
                    and merged[-1].get("name") == o.get("name"):
                merged[-1]["text"] = merged[-1]["text"] + o["text"]
            else:
                merged.append(o)
        if c.cell_type == "code":
            c.outputs = merged
    return nb


def execute(nb_path: Path, scale: str, timeout: int):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(nb_path, as_version=4)
    os.environ["TRICKS_SCALE"] = scale
    client = NotebookClient(nb, timeout=timeout, kernel_name="java",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.time()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = str(e).splitlines()[:40]
    except Exception as e:  # a dead kernel, a timeout
        error = [f"{type(e).__name__}: {e}"]
    seconds = time.time() - t0
    nb.metadata["bagoftricks"] = library_stamp(scale)
    nbformat.write(coalesce(nb), nb_path)
    return nb, seconds, error


def cmd_run(args):
    out = Path(args.out).resolve() if args.out else None
    if args.inplace:
        out = Path(os.environ.get("TMPDIR", "/tmp")) / f"tricks-notebooks-{os.getpid()}"
    if out is None:
        raise SystemExit("run needs --out DIR or --inplace")
    out.mkdir(parents=True, exist_ok=True)
    failures, report = [], []
    for src in sources(args.names):
        target = out / (src.stem + ".ipynb")
        nbformat.write(build_one(src), target)
        print(f"[{args.scale}] {src.stem} ...", flush=True)
        nb, seconds, error = execute(target, args.scale, args.timeout)
        kinds = outputs_of(nb)
        problems = []
        if error:
            problems.append("a cell failed:\n    " + "\n    ".join(error))
        if "table" not in kinds:
            problems.append("no HTML table in the outputs")
        if "image" not in kinds:
            problems.append("no image/png in the outputs")
        status = "ok" if not problems else "FAILED"
        print(f"[{args.scale}] {src.stem}: {status} in {seconds:.0f} s", flush=True)
        for p in problems:
            print(f"    {p}")
        report.append({"notebook": src.stem, "scale": args.scale, "seconds": round(seconds, 1), "ok": not problems})
        if problems:
            failures.append(src.stem)
        elif args.inplace:
            shutil.copyfile(target, NOTEBOOKS / target.name)
    (out / "report.json").write_text(json.dumps(report, indent=1) + "\n")
    total = sum(r["seconds"] for r in report)
    print(f"notebooks at {args.scale} scale took {total:.0f} s in total")
    print(f"notebooks: {len(report) - len(failures)} passed, {len(failures)} failed")
    if failures:
        sys.exit(1)


def cmd_check(args):
    stale = []
    version = library_version()
    for src in sources(args.names):
        committed = NOTEBOOKS / (src.stem + ".ipynb")
        if not committed.exists():
            stale.append(f"{committed.name} is missing")
            continue
        nb = nbformat.read(committed, as_version=4)
        want = build_one(src)
        got_cells = [(c.cell_type, c.source) for c in nb.cells]
        want_cells = [(c.cell_type, c.source) for c in want.cells]
        if got_cells != want_cells:
            stale.append(f"{committed.name} differs from src/{src.name}")
        elif any(c.cell_type == "code" and c.get("execution_count") is None for c in nb.cells) \
                and not args.allow_empty:
            stale.append(f"{committed.name} has code cells that were not executed")
        elif not {"table", "image"} <= outputs_of(nb) or "error" in outputs_of(nb):
            stale.append(f"{committed.name} lacks a table or an image, or holds an error")
        elif not args.allow_empty and (problem := stamp_problem(nb, version)):
            stale.append(f"{committed.name} {problem}")
    for s in stale:
        print("stale: " + s)
    if stale:
        print("regenerate the committed notebooks with: ./tricks notebooks")
        sys.exit(1)
    print(f"committed notebooks match their sources ({len(sources(args.names))})")


def cmd_refresh(args):
    """Rebuilds the committed notebooks' Markdown cells from their sources (e.g. new reference
    results) and keeps every code cell with its outputs; refuses when the code cells changed."""
    for src in sources(args.names):
        committed = NOTEBOOKS / (src.stem + ".ipynb")
        nb = nbformat.read(committed, as_version=4)
        want = build_one(src)
        code = [c for c in nb.cells if c.cell_type == "code"]
        if [c.source for c in code] != [c.source for c in want.cells if c.cell_type == "code"]:
            raise SystemExit(f"{committed.name}: code cells changed, re-run it with ./tricks notebooks")
        executed = iter(code)
        cells = []
        for c in want.cells:
            if c.cell_type == "code":
                run = next(executed)
                run["id"] = c["id"]  # ids follow the positions of the new cell list
                c = run
            cells.append(c)
        nb.cells = cells
        nbformat.write(coalesce(nb), committed)
        print(f"refreshed the Markdown cells of {committed.name}")


def cmd_html(args):
    from nbconvert import HTMLExporter
    exporter = HTMLExporter()
    for path in sorted(Path(args.dir).glob("*.ipynb")):
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        path.with_suffix(".html").write_text(body, encoding="utf-8")
        print(f"wrote {path.with_suffix('.html')}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("names", nargs="*")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("run")
    r.add_argument("--scale", choices=["smoke", "quick", "full"], required=True)
    r.add_argument("--out")
    r.add_argument("--inplace", action="store_true", help="replace the committed notebooks")
    r.add_argument("--timeout", type=int, default=7200, help="seconds per cell")
    r.add_argument("names", nargs="*")
    r.set_defaults(func=cmd_run)
    c = sub.add_parser("check")
    c.add_argument("--allow-empty", action="store_true")
    c.add_argument("names", nargs="*")
    c.set_defaults(func=cmd_check)
    f = sub.add_parser("refresh")
    f.add_argument("names", nargs="*")
    f.set_defaults(func=cmd_refresh)
    h = sub.add_parser("html")
    h.add_argument("dir")
    h.set_defaults(func=cmd_html)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
