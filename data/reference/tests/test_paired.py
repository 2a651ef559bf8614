"""Tests of data/reference/paired.py, the paired test across the reference study's parts: it must
give what the library's own tables give for the rows that one command holds."""
import csv
import importlib.util
import re
import unittest
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("paired", REFERENCE / "paired.py")
paired = importlib.util.module_from_spec(spec)
spec.loader.exec_module(paired)


def slug(recipe):
    """The run files' name of a recipe, as the library writes it."""
    return re.sub(r"[^a-z0-9.]+", "-", recipe.lower()).strip("-")


class StudentTTest(unittest.TestCase):
    def test_critical_values_match_the_printed_tables(self):
        # two-sided 95% points of Student's t (any statistics table)
        for df, t in [(1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (9, 2.2622), (30, 2.0423)]:
            self.assertAlmostEqual(paired.t_critical(df), t, places=3, msg=f"df {df}")

    def test_p_of_a_clear_and_of_no_difference(self):
        a = {42: (50.0, 0), 43: (51.0, 0), 44: (52.0, 0)}
        self.assertEqual(paired.paired(a, a)[4], "not shown")
        self.assertEqual(paired.paired(a, a)[3], 1.0)
        b = {s: (v + 5 + 0.1 * (s - 43), 0) for s, (v, _) in a.items()}
        mean, low, high, p, verdict = paired.paired(a, b)
        self.assertAlmostEqual(mean, 5.0)
        self.assertLess(low, 5.0)
        self.assertGreater(high, 5.0)
        self.assertLess(p, 0.001)
        self.assertEqual(verdict, "helps")
        self.assertEqual(paired.paired(b, a)[4], "hurts")

    def test_a_folder_pattern_gathers_runs_kept_one_folder_per_seed(self):
        self.assertEqual(sorted(paired.runs("pilot/n10k-e15-s4?/baseline-small-image-aug")), [42, 43, 44])

    def test_one_shared_seed_is_refused(self):
        with self.assertRaises(SystemExit):
            paired.paired({42: (50.0, 0)}, {42: (51.0, 0), 43: (52.0, 0)})

    def test_an_interaction_is_the_difference_of_two_changes_paired_by_seed(self):
        a = {42: (50.0, 0), 43: (51.0, 0), 44: (52.0, 0)}
        b = {42: (55.0, 0), 43: (57.5, 0), 44: (56.0, 0)}  # a -> b: +5, +6.5, +4
        c = {42: (60.0, 0), 43: (60.0, 0), 44: (61.0, 0)}
        d = {42: (61.0, 0), 43: (60.5, 0), 44: (60.0, 0)}  # c -> d: +1, +0.5, -1
        first, second = paired.changes(a, b), paired.changes(c, d)
        self.assertEqual(first, {42: (5.0, 0.0), 43: (6.5, 0.0), 44: (4.0, 0.0)})
        mean, low, high, p, verdict = paired.paired(second, first)
        self.assertAlmostEqual(mean, (4 + 6 + 5) / 3)  # per seed: +4, +6, +5
        self.assertEqual(verdict, "helps")
        # a change against itself is no interaction
        self.assertEqual(paired.paired(first, first)[:4], (0.0, 0.0, 0.0, 1.0))


class StoredTablesTest(unittest.TestCase):
    def test_it_reproduces_every_seeded_row_of_the_stored_tables(self):
        checked = 0
        for table in sorted(REFERENCE.rglob("ablation.csv")):
            rows = list(csv.DictReader(table.read_text().splitlines()))
            for i, row in enumerate(rows):
                if not row.get("delta_ci_low"):  # a base row, or a single-seed table
                    continue
                previous = rows[i - 1]["recipe"]
                # cumulative tables compare each row with the one before it, the others with the first
                base = previous if row["recipe"].startswith(previous + " + ") else rows[0]["recipe"]
                folder = table.parent.relative_to(REFERENCE)
                a = paired.runs(str(folder / slug(base)))
                b = paired.runs(str(folder / slug(row["recipe"])))
                mean, low, high, p, verdict = paired.paired(a, b)
                where = f"{folder}: {row['recipe']}"
                self.assertAlmostEqual(mean, float(row["delta_mean"]), delta=0.006, msg=where)
                self.assertAlmostEqual(low, float(row["delta_ci_low"]), delta=0.006, msg=where)
                self.assertAlmostEqual(high, float(row["delta_ci_high"]), delta=0.006, msg=where)
                self.assertAlmostEqual(p, float(row["p_value"]), delta=0.00006, msg=where)
                self.assertEqual(verdict, row["verdict"], where)
                checked += 1
        self.assertGreaterEqual(checked, 10, "the reference study's seeded tables should hold at least 10 rows")


if __name__ == "__main__":
    unittest.main()
