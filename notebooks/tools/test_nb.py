"""Tests of nb.py's notebook check (run by ./tricks test before the notebooks execute):

    python -m unittest discover -s notebooks/tools -p 'test_*.py'
"""
import argparse
import base64
import contextlib
import io
import json
import os
import tempfile
import unittest
from pathlib import Path

import nbformat

import nb

POM = """<project><artifactId>bagoftricks-parent</artifactId>
  <version>{}</version></project>"""
SOURCE = "%%md\n# A chapter\n\n%%code\n1 + 1\n"


class CheckTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        (root / "notebooks" / "src").mkdir(parents=True)
        (root / "pom.xml").write_text(POM.format("1.2.0"))
        (root / "notebooks" / "src" / "01-a.txt").write_text(SOURCE)
        self.saved = nb.NOTEBOOKS, nb.SOURCES
        nb.NOTEBOOKS, nb.SOURCES = root / "notebooks", root / "notebooks" / "src"
        self.root = root

    def tearDown(self):
        nb.NOTEBOOKS, nb.SOURCES = self.saved
        self.tmp.cleanup()

    def executed(self, stamp):
        """The chapter as if executed: a table and an image in its outputs, and `stamp`."""
        book = nb.build_one(nb.SOURCES / "01-a.txt")
        code = book.cells[1]
        code["execution_count"] = 1
        code.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"}),
                        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})]
        if stamp is not None:
            book.metadata["bagoftricks"] = stamp
        nbformat.write(book, nb.NOTEBOOKS / "01-a.ipynb")

    def check(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                nb.cmd_check(argparse.Namespace(names=[], allow_empty=False))
                return 0, out.getvalue()
            except SystemExit as e:
                return e.code, out.getvalue()

    def test_version_comes_from_the_parent_pom(self):
        self.assertEqual("1.2.0", nb.library_version(self.root))

    def test_outputs_of_the_sources_version_pass(self):
        self.executed({"library": "1.2.0", "commit": "abc", "scale": "quick"})
        code, out = self.check()
        self.assertEqual(0, code, out)

    def test_outputs_of_an_older_library_fail(self):
        self.executed({"library": "1.1.0", "commit": "abc", "scale": "quick"})
        code, out = self.check()
        self.assertEqual(1, code)
        self.assertIn("outputs made by library 1.1.0 (commit abc), sources are 1.2.0", out)

    def test_outputs_without_a_stamp_fail(self):
        self.executed(None)
        code, out = self.check()
        self.assertEqual(1, code)
        self.assertIn("records no library version", out)

    def test_a_changed_source_cell_fails(self):
        self.executed({"library": "1.2.0", "commit": "abc", "scale": "quick"})
        (nb.SOURCES / "01-a.txt").write_text(SOURCE.replace("1 + 1", "1 + 2"))
        code, out = self.check()
        self.assertEqual(1, code)
        self.assertIn("differs from src/01-a.txt", out)

    def test_the_stamp_names_this_checkout(self):
        os.environ["GIT_CEILING_DIRECTORIES"] = str(self.root.parent)  # no repository above it either
        try:
            stamp = nb.library_stamp("smoke", self.root)
        finally:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        self.assertEqual("1.2.0", stamp["library"])
        self.assertEqual("smoke", stamp["scale"])
        self.assertTrue(stamp["commit"].startswith("none"), stamp)  # the temporary folder is no git checkout


class PaperColumnTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.saved = nb.REFERENCE
        nb.REFERENCE = Path(self.tmp.name)
        (nb.REFERENCE / "paper.csv").write_text(
            "part,row,paper,checked,source\n"
            "cumulative,-,77.16,verified,x\n"
            "cumulative,+ cosine,77.91,recalled,y\n"
            "models,cifar_resnet50d,77.16,verified,z\n")

    def tearDown(self):
        nb.REFERENCE = self.saved
        self.tmp.cleanup()

    def test_rows_get_the_papers_number_marked_by_whether_it_was_checked(self):
        rows = [["recipe", "added", "top1"], ["baseline + small-image-aug", "-", "60"],
                ["baseline + small-image-aug + warmup(1)", "+ warmup", "61"],
                ["baseline + small-image-aug + warmup(1) + cosine", "+ cosine", "62"]]
        out, note = nb.with_paper_column("cumulative", rows)
        self.assertEqual(nb.PAPER_COLUMN, out[0][-1])
        self.assertEqual(["77.16", "", "77.91 (reported, not checked here)"], [r[-1] for r in out[1:]])
        self.assertIn("compare the direction", note)

    def test_models_are_matched_by_name_and_other_parts_get_no_column(self):
        rows = [["recipe", "model", "top1"], ["baseline", "cifar_resnet50a", "60"], ["baseline", "cifar_resnet50d", "61"]]
        out, _ = nb.with_paper_column("models", rows)
        self.assertEqual(["", "77.16"], [r[-1] for r in out[1:]])
        self.assertEqual((rows, ""), nb.with_paper_column("large-batch", rows))

    def test_seeded_tables_show_intervals_and_keep_the_papers_column(self):
        rows = [["recipe", "added", "seeds", "top1_mean", "top1_sd", "top1_ci_low", "top1_ci_high", "top5_mean",
                 "delta_mean", "delta_ci_low", "delta_ci_high", "p_value", "verdict"],
                ["b", "-", "3", "64.19", "0.33", "63.37", "65.01", "97", "0.0", "", "", "", "base"],
                ["b + c", "+ cosine", "3", "61.45", "0.97", "59.03", "63.86", "96", "-2.75", "-5.67", "0.18", "0.0562",
                 "not shown"],
                ["b + c + d", "+ distill", "3", "74.40", "0.19", "73.94", "74.86", "98", "4.46", "3.90", "5.03", "9.0E-4",
                 "helps"]]
        out = nb.seeded_rows(rows)
        self.assertEqual("< 0.001", out[3][4], "no scientific notation")
        self.assertEqual(["base", "3", "64.19 [63.37, 65.01]", "", "", "base", "b"], out[1])
        self.assertEqual(["+ cosine", "3", "61.45 [59.03, 63.86]", "-2.75 [-5.67, +0.18]", "0.0562", "not shown",
                          "b + c"], out[2])
        out, _ = nb.with_paper_column("cumulative", out)
        self.assertEqual(["77.16", "77.91 (reported, not checked here)", ""], [r[-1] for r in out[1:]])

    def test_budget_tables_lead_with_the_length_and_one_seed_tables_pass_through(self):
        rows = [["epochs", "added", "seeds", "top1_mean", "delta_mean", "delta_ci_low", "delta_ci_high", "p_value",
                 "verdict"], ["8", "-", "3", "54", "0", "", "", "", "base"],
                ["8", "+ mixup", "3", "53.8", "-0.4", "-2.1", "1.3", "0.4", "not shown"]]
        out = nb.seeded_rows(rows)
        self.assertEqual(["epochs", "added", "seeds", "top-1 % [95% CI]", "change [95% CI]", "p", "verdict"], out[0])
        self.assertEqual(["8", "+ mixup", "3", "53.80", "-0.40 [-2.10, +1.30]", "0.4", "not shown"], out[2])
        plain = [["recipe", "top1"], ["b", "60"]]
        self.assertIs(plain, nb.seeded_rows(plain))


class ReferenceChartTest(unittest.TestCase):
    """A reference cell carries its part's chart only when the results are seeded (intervals)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.saved = nb.REFERENCE
        nb.REFERENCE = Path(self.tmp.name)

    def tearDown(self):
        nb.REFERENCE = self.saved
        self.tmp.cleanup()

    def part(self, name, table, kind="ablation"):
        folder = nb.REFERENCE / name
        folder.mkdir()
        run = {"started": "2026-11-30T00:00:00Z", "machine": {"cpu": "x", "cores": 2, "engine": "e"}, "data": "d",
               "dataDescription": "dd", "seed": 42, "recipe": "b", "settings": {"model": "m"},
               "result": {"top1": 0.5, "top5": 0.9, "imagesPerSecond": 1.0, "minutes": 1.0}}
        (folder / "b-seed42.json").write_text(json.dumps(run))
        (folder / f"{kind}.csv").write_text(table)
        (folder / ("changes.png" if kind == "comparison" else f"{kind}.png")).write_bytes(b"\x89PNG fake")
        return folder

    def test_a_seeded_part_attaches_its_chart(self):
        self.part("seeded", "recipe,added,seeds,top1_mean,delta_mean,delta_ci_low,delta_ci_high,p_value,verdict\n"
                            "b,-,3,60,0,,,,base\nb + c,+ c,3,61,1,0.2,1.8,0.03,helps\n")
        cell = nb.markdown_cell(*nb.reference_markdown("seeded", "caption"))
        self.assertIn("](attachment:ablation.png)", cell.source)
        self.assertEqual(base64.b64encode(b"\x89PNG fake").decode(), cell.attachments["ablation.png"]["image/png"])

    def test_a_seeded_comparison_lists_its_recipes_and_attaches_its_change_chart(self):
        # comparison.csv (models side by side) has no "added" column: its rows are named by recipe
        self.part("models", "recipe,seeds,top1_mean,top1_sd,top1_ci_low,top1_ci_high,top5_mean,delta_mean,"
                            "delta_ci_low,delta_ci_high,p_value,verdict,img_per_s,minutes\n"
                            "cifar_resnet50a + w,3,60,1,58,62,90,0,,,,base,100,10\n"
                            "cifar_resnet50d + w,3,61.5,1,59,64,91,1.5,0.5,2.5,0.02,helps,90,11\n", kind="comparison")
        text, chart = nb.reference_markdown("models", "caption")
        self.assertIn("| recipe | seeds | top-1 % [95% CI] | change [95% CI] | p | verdict |", text)
        self.assertIn("| cifar_resnet50d + w | 3 | 61.50 [59.00, 64.00] | +1.50 [+0.50, +2.50] | 0.02 | helps |", text)
        self.assertEqual("changes.png", chart.name)

    def test_a_part_resumed_on_another_machine_names_both(self):
        folder = self.part("one", "recipe,top1\nb,60\n")
        self.assertIn("machine: x, 2 cores, e;", nb.reference_markdown("one", "caption")[0])
        run = json.loads((folder / "b-seed42.json").read_text())
        for seed, cpu in ((43, "x"), (44, "y")):
            run.update(seed=seed, machine={"cpu": cpu, "cores": 2, "engine": "e"})
            (folder / f"b-seed{seed}.json").write_text(json.dumps(run))
        self.assertIn("machines: x, 2 cores, e (2 runs); y, 2 cores, e (1 run);",
                      nb.reference_markdown("one", "caption")[0])

    def test_a_one_seed_part_shows_no_chart(self):
        self.part("single", "recipe,top1\nb,60\n")
        cell = nb.markdown_cell(*nb.reference_markdown("single", "caption"))
        self.assertNotIn("attachment:", cell.source)
        self.assertNotIn("attachments", cell)


if __name__ == "__main__":
    unittest.main()
