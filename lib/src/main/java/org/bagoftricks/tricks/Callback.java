package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * A trick as a small composable piece of the training loop, fastai style. The loop calls every
 * callback of a recipe in order; each hook defaults to doing nothing.
 */
public interface Callback {
    /** After the model is initialized and before the first step (zero gamma). */
    default void onModelReady(Block model) {}

    /** Transforms a training batch before the forward pass (label smoothing, mixup). */
    default MiniBatch onBatch(MiniBatch batch, int epoch) {
        return batch;
    }

    /**
     * Replaces the loss given the student's logits and the batch; {@code base} is the loss the
     * loop would use (soft-target cross entropy). Distillation adds its term here.
     */
    default NDArray loss(NDArray logits, MiniBatch batch, NDArray base) {
        return base;
    }

    /**
     * This callback as seen by a replica that computes the loss of rows {@code [from, to)} of the
     * current batch only (data parallelism: {@link #onBatch} saw the whole batch, {@link #loss}
     * gets the shard's logits and rows). A callback whose loss uses state computed per batch
     * returns a view of that state's rows; the others are returned as they are.
     */
    default Callback shard(long from, long to) {
        return this;
    }
}
