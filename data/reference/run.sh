#!/usr/bin/env bash
# Regenerates the reference results under data/reference/ (see README.md there).
# Needs full CIFAR-10 once: ./tricks data fetch cifar10. About an hour on 2 free CPU cores.
# Each run writes <recipe>-seed42.csv/.json as it finishes (the JSON records the recipe, the data,
# the machine and the library version) and the command's table to table.txt.
set -euo pipefail
# One compute thread per process: on a shared 2-core machine, PyTorch's spinning OpenMP threads
# oversubscribe the cores (a 1-epoch probe ran 4x faster with one thread while other jobs ran).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
cd "$(dirname "$0")/../.."
REF=data/reference
SIZE=(--data cifar10 --train-images 10000 --test-images 5000 --epochs 6)

run() { # name, then the arguments of ./tricks
  local name="$1"; shift
  mkdir -p "$REF/$name"
  echo "./tricks $*" > "$REF/$name/command.txt"
  local t0=$SECONDS
  # the table names its results folder: relative to the repository, not this machine's path
  ./tricks "$@" --out "$REF/$name" 2> "$REF/$name/progress.log" | sed "s#$PWD/##" > "$REF/$name/table.txt"
  echo "$name: $(( (SECONDS - t0) / 60 )) min" | tee -a "$REF/times.txt"
}

only="${1:-all}"
[[ $only == all || $only == augmentation ]] && run augmentation compare "${SIZE[@]}"
[[ $only == all || $only == cumulative ]] && run cumulative compare "${SIZE[@]}" --augmentation small-image \
  --warmup-epochs 2 --tricks warmup,zero-gamma,no-bias-decay,cosine,label-smoothing,mixup --cumulative
[[ $only == all || $only == large-batch ]] && run large-batch compare "${SIZE[@]}" --augmentation small-image \
  --batch-size 512 --reference-batch 128 --warmup-epochs 2 \
  --tricks linear-scaling,warmup,zero-gamma,no-bias-decay --cumulative
if [[ $only == all || $only == model-tweaks ]]; then
  for m in cifar_resnet50a cifar_resnet50b cifar_resnet50c cifar_resnet50d; do
    run "model-tweaks/$m" train "${SIZE[@]}" --augmentation small-image --model "$m" --width 0.125 --tricks cosine,zero-gamma
  done
fi
