#!/usr/bin/env bash
# The pilot that sized the reference study (see README.md here, "Method"): the quick model's test
# top-1 against epochs and training-set size, and the spread between seeds, alone and paired.
# Every run: full CIFAR-10 test set (10,000 images), the small-image preset, step decay (the §2
# baseline), one PyTorch thread per process, two processes at once (measured faster on 2 cores
# than one process with two threads: README.md here). Resumable: finished runs come from the
# results store. Needs full CIFAR-10 once: ./tricks data fetch cifar10.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-data/reference/pilot}"
mkdir -p "$OUT"
export OMP_NUM_THREADS=1
jobs() { # name | arguments
  cat <<'JOBS'
n10k-e15-s42|--train-images 10000 --epochs 15 --seed 42
n10k-e15-s43|--train-images 10000 --epochs 15 --seed 43
n10k-e30-s42|--train-images 10000 --epochs 30 --seed 42
n10k-e15-s44|--train-images 10000 --epochs 15 --seed 44
n10k-e15-ls-s42|--train-images 10000 --epochs 15 --seed 42 --tricks label-smoothing
n10k-e15-ls-s43|--train-images 10000 --epochs 15 --seed 43 --tricks label-smoothing
n10k-e15-b32-s42|--train-images 10000 --epochs 15 --seed 42 --batch-size 32 --lr 0.025 --eval-every 5
n10k-e8-b32-s42|--train-images 10000 --epochs 8 --seed 42 --batch-size 32 --lr 0.025 --eval-every 4
n10k-e30-b32-s42|--train-images 10000 --epochs 30 --seed 42 --batch-size 32 --lr 0.025 --eval-every 5
JOBS
}
one() {
  set -o pipefail
  local name="${1%%|*}" args="${1#*|}"
  # done when the run's JSON side file is there (written once, after its last epoch)
  compgen -G "$OUT/$name/*.json" >/dev/null && return 0
  mkdir -p "$OUT/$name"
  echo "./tricks train --data cifar10 --augmentation small-image $args" > "$OUT/$name/command.txt"
  # shellcheck disable=SC2086
  if ./tricks train --data cifar10 --augmentation small-image $args -q --out "$OUT/$name" \
      2> "$OUT/$name/progress.log" | sed "s#$PWD/##" > "$OUT/$name/table.txt"; then
    echo "$(date -u +%FT%TZ) $name done" >> "$OUT/progress.log"
  else
    echo "$(date -u +%FT%TZ) $name FAILED (see $name/progress.log)" >> "$OUT/progress.log"
  fi
}
export -f one
export OUT
jobs | xargs -P "${JOBS:-2}" -I{} bash -c 'one "$@"' _ {}
