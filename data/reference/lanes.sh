#!/usr/bin/env bash
# Runs parts of the reference study two at a time, each as one process with one PyTorch thread:
# `run.sh` trains a part's runs two at a time (--jobs 2), which leaves a core idle while a part
# trains its last run; two parts side by side keep both cores busy until the last part's last run.
#
#   nohup data/reference/lanes.sh large-batch model-tweaks > lanes.out 2>&1 &
#
# Each part starts when a lane is free, in the order given, and is resumable like run.sh (from the
# store; its folder is rewritten when it finishes). Two parts that share a run not yet stored must
# not be given together: the second would stop with "another process is training the run"; run it
# again when the first has finished. LANES=N changes the number of lanes.
set -uo pipefail
cd "$(dirname "$0")"
RUN="${RUN:-./run.sh}"   # the part runner (tests replace it)
lanes="${LANES:-2}"
failed=0
for part in "$@"; do
  while [ "$(jobs -rp | wc -l)" -ge "$lanes" ]; do
    wait -n || failed=1
  done
  echo "== $part: started $(date -u)"
  ( OMP_NUM_THREADS=1 JOBS=1 "$RUN" "$part" && echo "== $part: done $(date -u)" \
      || { echo "== $part: FAILED $(date -u)"; exit 1; } ) &
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
  wait -n || failed=1
done
exit "$failed"
