#!/bin/bash
# one 2-thread process vs two 1-thread processes, 2 epochs of 10k CIFAR-10 images, full test set
cd "$(dirname "$0")/../../.."
A="train --data cifar10 --train-images 10000 --epochs 2 --augmentation small-image --no-store -q"
t0=$(date +%s.%N)
OMP_NUM_THREADS=2 ./tricks $A --seed 1 --out data/reference/parallel/two-threads > data/reference/parallel/two.txt 2>&1
t1=$(date +%s.%N)
OMP_NUM_THREADS=1 ./tricks $A --seed 1 --out data/reference/parallel/one-a > data/reference/parallel/one-a.txt 2>&1 &
OMP_NUM_THREADS=1 ./tricks $A --seed 2 --out data/reference/parallel/one-b > data/reference/parallel/one-b.txt 2>&1 &
wait
t2=$(date +%s.%N)
echo "one 2-thread run: $(echo "$t1 - $t0" | bc) s; two 1-thread runs at once: $(echo "$t2 - $t1" | bc) s"
