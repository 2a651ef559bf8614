package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import ai.djl.ndarray.NDArray;

/** Accuracy and loss from logits, computed in Java on the copied-out scores. */
public final class Metrics {
    private Metrics() {}

    /** Mean cross-entropy loss and top-1 / top-5 accuracy (fractions) over a set. */
    public record Eval(double loss, double top1, double top5, long count) {
        /** No test this epoch ({@link Recipe#evaluateEvery(int)}): NaN metrics. */
        public static final Eval NONE = new Eval(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** How many rows of {@code logits} have their largest score at {@code labels[i]}. */
    public static long correctTop1(NDArray logits, int[] labels) {
        return correctTopK(logits.toFloatArray(), (int) logits.getShape().get(1), labels, 1);
    }

    /**
     * Rows (of {@code classes} scores each) whose label is among the k largest scores; ties
     * count against the label (a label is in the top k if fewer than k scores exceed it).
     */
    public static long correctTopK(float[] scores, int classes, int[] labels, int k) {
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int base = i * classes;
            float target = scores[base + labels[i]];
            int above = 0;
            for (int c = 0; c < classes; c++) {
                float s = scores[base + c];
                if (s > target || (s == target && c < labels[i])) {
                    above++;
                }
            }
            if (above < k) {
                correct++;
            }
        }
        return correct;
    }

    /** Sums loss and hits over batches. */
    public static final class Accumulator {
        private double lossSum;
        private long top1;
        private long top5;
        private long count;

        public void add(NDArray logits, int[] labels) {
            int classes = (int) logits.getShape().get(1);
            float[] logp = logits.logSoftmax(1).toFloatArray();
            for (int i = 0; i < labels.length; i++) {
                lossSum -= logp[i * classes + labels[i]];
            }
            top1 += correctTopK(logp, classes, labels, 1);
            top5 += correctTopK(logp, classes, labels, Math.min(5, classes));
            count += labels.length;
        }

        public Eval result() {
            return count == 0 ? new Eval(Double.NaN, 0, 0, 0)
                    : new Eval(lossSum / count, top1 / (double) count, top5 / (double) count, count);
        }
    }
}
