"""Tests of data/reference/lanes.sh, which resumes the reference study two parts at a time: a fake
part runner (RUN) records when each part starts and ends, and what it was given."""
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

LANES = Path(__file__).resolve().parents[1] / "lanes.sh"

FAKE = """#!/usr/bin/env bash
echo "start $1 $(date +%s.%N) threads=$OMP_NUM_THREADS jobs=$JOBS" >> "$LOG"
sleep 1
echo "end $1 $(date +%s.%N)" >> "$LOG"
[ "$1" != fail ]
"""


class LanesTest(unittest.TestCase):
    def run_lanes(self, *parts, lanes="2"):
        with tempfile.TemporaryDirectory() as tmp:
            fake, log = Path(tmp) / "run.sh", Path(tmp) / "log"
            fake.write_text(FAKE)
            fake.chmod(0o755)
            env = dict(os.environ, RUN=str(fake), LOG=str(log), LANES=lanes)
            done = subprocess.run(["bash", str(LANES), *parts], env=env, capture_output=True, text=True,
                                  timeout=60)
            events = [line.split() for line in log.read_text().splitlines()]
        return done, events

    def spans(self, events):
        starts = {e[1]: float(e[2]) for e in events if e[0] == "start"}
        ends = {e[1]: float(e[2]) for e in events if e[0] == "end"}
        return {p: (starts[p], ends[p]) for p in starts}

    def test_two_lanes_run_two_parts_at_once_and_start_the_next_when_one_is_free(self):
        done, events = self.run_lanes("a", "b", "c")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        spans = self.spans(events)
        self.assertEqual(sorted(spans), ["a", "b", "c"])
        # a and b overlap; c starts only after one of them ended
        self.assertLess(spans["b"][0], spans["a"][1])
        self.assertGreaterEqual(spans["c"][0], min(spans["a"][1], spans["b"][1]))
        # never three at once
        for t, _ in spans.values():
            self.assertLessEqual(sum(1 for s, e in spans.values() if s <= t < e), 2)
        # each part is one process with one thread, one run at a time
        self.assertTrue(all(e[3:] == ["threads=1", "jobs=1"] for e in events if e[0] == "start"), events)
        self.assertIn("== c: done", done.stdout)

    def test_one_lane_runs_the_parts_in_order(self):
        done, events = self.run_lanes("a", "b", lanes="1")
        spans = self.spans(events)
        self.assertEqual(done.returncode, 0)
        self.assertGreaterEqual(spans["b"][0], spans["a"][1])

    def test_a_failed_part_fails_the_whole_but_not_the_others(self):
        done, events = self.run_lanes("fail", "b", "c")
        self.assertEqual(done.returncode, 1)
        self.assertIn("== fail: FAILED", done.stdout)
        self.assertEqual(sorted(self.spans(events)), ["b", "c", "fail"])


if __name__ == "__main__":
    unittest.main()
