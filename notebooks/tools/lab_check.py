"""The real-browser check: JupyterLab started by `./tricks lab` on a free port, a headless Chromium
driven by Playwright (the Python package from PyPI; its own browser download does not work here, so
it drives the system's Chromium), chapter 1 run at smoke scale as a reader would run it.

    python lab_check.py CHROMIUM OUT_DIR

Asserts that the notebook's kernel is Java (JJava), that every code cell ran without an error, that
a table and a chart appeared, and that the training progress bar appeared. Keeps a screenshot and
the server's log in OUT_DIR. The chapter runs from a copy (notebooks/lab-check-*.ipynb, ignored by
git, removed afterwards) with autosave off, so the committed notebook is never touched.
"""
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = "01-introduction"
RUN_SECONDS = 900


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url, proc, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"lab check: ./tricks lab exited with {proc.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"lab check: no JupyterLab at {url} after {seconds} s")


# Runs in the page: the notebook panel of JupyterLab's app (exposed by expose_app_in_browser).
STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return null;
  const ctx = panel.sessionContext;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  cells.forEach((c, i) => {
    const outs = c.model.outputs;
    for (let k = 0; k < outs.length; k++) {
      const o = outs.get(k);
      if (o.type === 'error') errors.push(`code cell ${i + 1}: ` + JSON.stringify(o.toJSON()).slice(0, 400));
    }
  });
  return {
    kernel: ctx.session && ctx.session.kernel ? ctx.session.kernel.name : null,
    displayName: ctx.kernelDisplayName,
    status: ctx.session && ctx.session.kernel ? ctx.session.kernel.status : null,
    cells: cells.length,
    executed: cells.filter(c => c.model.executionCount !== null).length,
    errors: errors,
    tables: document.querySelectorAll('.jp-OutputArea-output table').length,
    images: document.querySelectorAll('.jp-OutputArea-output img').length,
    progress: document.querySelectorAll('.jp-OutputArea-output .tricks-progress').length,
    progressText: Array.from(document.querySelectorAll('.tricks-progress')).map(e => e.textContent),
  };
}"""


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    chromium, out = sys.argv[1], Path(sys.argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    import nbformat
    import nb
    # built from the chapter's source, without outputs: whatever appears, this run made it
    copy = ROOT / "notebooks" / f"lab-check-{CHAPTER}.ipynb"
    nbformat.write(nb.build_one(nb.SOURCES / f"{CHAPTER}.txt"), copy)
    settings = Path(tempfile.mkdtemp(prefix="tricks-lab-settings-"))
    autosave = settings / "@jupyterlab" / "docmanager-extension"
    autosave.mkdir(parents=True)
    (autosave / "plugin.jupyterlab-settings").write_text('{"autosave": false}\n')
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, TRICKS_SCALE="smoke", TRICKS_LAB_PORT=str(port), OMP_NUM_THREADS="1")
    log = open(out / "lab.log", "w")
    lab = subprocess.Popen([str(ROOT / "tricks"), "lab", f"--IdentityProvider.token={token}",
                            "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={settings}",
                            f"--LabApp.workspaces_dir={settings}"],
                           stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    problems = []
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", lab)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                       "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks/{copy.name}?token={token}")
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=120_000)
            # connected, but JJava 1.0a8 leaves the status "unknown" until the first cell runs: it does
            # not answer the history request that JupyterLab sends first (reported, not asserted)
            page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                                   ".connectionStatus === 'connected'", timeout=120_000)
            first = page.evaluate(STATE_JS)
            print(f"lab check: kernel connected, status before the first cell: {first['status']}")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            t0 = time.time()
            state = first
            while time.time() - t0 < RUN_SECONDS:
                time.sleep(3)
                state = page.evaluate(STATE_JS)
                if state["errors"] or (state["executed"] == state["cells"] and state["status"] == "idle"):
                    break
            seconds = time.time() - t0
            print(f"lab check: progress bars: {state['progressText']}")
            page.screenshot(path=str(out / f"lab-{CHAPTER}.png"))
            browser.close()
        print(f"lab check: {CHAPTER} in JupyterLab: kernel {state['kernel']} ({state['displayName']}),"
              f" {state['executed']}/{state['cells']} code cells run in {seconds:.0f} s, {state['tables']} tables,"
              f" {state['images']} images, {state['progress']} progress bars")
        if state["kernel"] != "java" or "Java" not in (state["displayName"] or ""):
            problems.append(f"the kernel is {state['kernel']} ({state['displayName']}), not Java")
        if state["executed"] != state["cells"]:
            problems.append(f"only {state['executed']} of {state['cells']} code cells ran within {RUN_SECONDS} s")
        problems += state["errors"]
        if state["tables"] == 0:
            problems.append("no table in the outputs")
        if state["images"] == 0:
            problems.append("no chart (image) in the outputs")
        if state["progress"] == 0:
            problems.append("no training progress bar in the outputs")
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
        log.close()
        copy.unlink(missing_ok=True)
        shutil.rmtree(settings, ignore_errors=True)
    for p in problems:
        print(f"lab check: FAILED: {p}")
    print(f"lab check: screenshot and server log in {out}")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
