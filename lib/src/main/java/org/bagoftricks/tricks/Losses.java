package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;

/** Losses on logits, written out so each is one line to check against a hand computation. */
public final class Losses {
    private Losses() {}

    /**
     * Cross entropy against soft targets, averaged over the batch:
     * {@code mean_i( -sum_k t_ik log softmax(z_i)_k )}. With one-hot targets this is the usual
     * cross entropy; label smoothing and mixup only change the targets.
     */
    public static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    }

    /** One-hot rows of {@code numClasses} columns for integer labels, on the labels' manager. */
    public static NDArray oneHot(ai.djl.ndarray.NDManager manager, int[] labels, int numClasses) {
        float[] t = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + numClasses + ")");
            }
            t[i * numClasses + labels[i]] = 1f;
        }
        return manager.create(t, new ai.djl.ndarray.types.Shape(labels.length, numClasses));
    }
}
