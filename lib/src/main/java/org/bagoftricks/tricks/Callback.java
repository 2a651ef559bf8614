package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A trick's part in one run, fastai style: the loop calls the callbacks of a recipe's tricks in
 * the recipe's order at a few general points; each hook defaults to doing nothing.
 */
public interface Callback {
    /** After the model is initialized and before the first step (zero gamma). */
    default void onModelReady(Block model) {}

    /** Transforms a training batch before the forward pass (label smoothing, mixup). */
    default MiniBatch onBatch(MiniBatch batch, int epoch) {
        return batch;
    }

    /**
     * Sees the batch exactly as the model will, after every callback's {@link #onBatch}, before
     * the student's gradients are recorded (distillation's teacher runs here).
     */
    default void onForward(MiniBatch batch) {}

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

    /** After each optimizer update of {@code model} (averaging of weights). */
    default void afterStep(Block model) {}

    /** The model that evaluation and logits use, given the one being trained (e.g. an average of it). */
    default Block evaluated(Block model) {
        return model;
    }

    /** Writes the callback's state into a checkpoint (after each epoch), for {@link #load}. */
    default void save(DataOutputStream out) throws IOException {}

    /** Reads what {@link #save} wrote, when a run resumes from its checkpoint. */
    default void load(DataInputStream in, NDManager manager) throws IOException {}
}
