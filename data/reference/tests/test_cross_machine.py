"""Tests of data/reference/cross_machine.py: runs of two stores are matched by their key, and the first
epoch whose training loss differs is found."""
import contextlib
import importlib.util
import io
import json
import tempfile
import unittest
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("cross_machine", REFERENCE / "cross_machine.py")
cross_machine = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cross_machine)


def store(folder, cpu, runs):
    """A store with one run per (seed, losses, top1): the layout the library writes."""
    for seed, losses, top1 in runs:
        run = {"identity": f"recipe{{seed={seed}}}|data{{d}}", "seed": seed, "recipe": "baseline",
               "dataDescription": "d", "machine": {"cpu": cpu},
               "epochs": [{"trainLoss": loss} for loss in losses], "result": {"top1": top1}}
        (folder / f"run{seed}").mkdir(parents=True)
        (folder / f"run{seed}" / "run.json").write_text(json.dumps(run))


class CrossMachineTest(unittest.TestCase):
    def test_matches_runs_by_key_and_finds_the_first_differing_epoch(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = Path(tmp, "a"), Path(tmp, "b")
            store(a, "AMD EPYC", [(42, [1.9, 1.6, 1.4], 0.645), (43, [1.8, 1.5], 0.64), (99, [1.0], 0.5)])
            store(b, "Intel(R) Xeon(R) Processor @ 2.80GHz", [(42, [1.9, 1.7, 1.4], 0.595), (43, [1.8, 1.5], 0.64)])
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                cross_machine.main(str(a), str(b))
            lines = out.getvalue().splitlines()
            seed42 = next(line for line in lines if line.strip().startswith("42"))
            self.assertIn("Intel Xeon", seed42)
            self.assertEqual(seed42.split()[-1], "-5.00")
            self.assertIn(" 2 ", seed42)  # the second epoch is the first to differ
            seed43 = next(line for line in lines if line.strip().startswith("43"))
            self.assertIn("none", seed43)  # the same losses at every epoch
            self.assertFalse(any(line.strip().startswith("99") for line in lines))  # no twin: left out
            self.assertIn("store: mean 64.25", out.getvalue())
            self.assertIn("this: mean 61.75", out.getvalue())

    def test_stores_without_a_common_run_are_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = Path(tmp, "a"), Path(tmp, "b")
            store(a, "AMD EPYC", [(42, [1.9], 0.6)])
            store(b, "AMD EPYC", [(43, [1.9], 0.6)])
            with self.assertRaises(SystemExit):
                cross_machine.main(str(a), str(b))


if __name__ == "__main__":
    unittest.main()
