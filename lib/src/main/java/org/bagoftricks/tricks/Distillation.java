package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Knowledge distillation (§5): the student also learns the teacher's softened predictions,
 *
 * <pre>
 *   loss = hardWeight * CE(targets, softmax(z)) + T^2 * CE(softmax(r / T), softmax(z / T))
 * </pre>
 *
 * with z the student's logits and r the teacher's. The teacher runs in inference mode on the
 * batch the student sees (after mixup, so it is taught on the same mixed images), before the
 * student's gradients are recorded, so its outputs carry no gradient. T^2 keeps the soft term's
 * gradient on the scale of the hard term's as T grows (Hinton et al. 2015).
 */
public final class Distillation implements Callback {
    private final Block teacher;
    private final ParameterStore store;
    private final double temperature;
    private final double hardWeight;
    private NDArray teacherLogits;

    public Distillation(Block teacher, ParameterStore store, double temperature, double hardWeight) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("distillation temperature must be > 0, got " + temperature);
        }
        if (!(hardWeight >= 0)) {
            throw new IllegalArgumentException("hard-loss weight must be >= 0, got " + hardWeight);
        }
        this.teacher = teacher;
        this.store = store;
        this.temperature = temperature;
        this.hardWeight = hardWeight;
    }

    @Override
    public MiniBatch onBatch(MiniBatch batch, int epoch) {
        // Called outside the gradient collector: no graph is recorded through the teacher.
        teacherLogits = teacher.forward(store, new NDList(batch.images()), false).singletonOrThrow();
        return batch;
    }

    @Override
    public NDArray loss(NDArray logits, MiniBatch batch, NDArray base) {
        if (teacherLogits == null) {
            throw new IllegalStateException("distillation loss before the teacher saw the batch");
        }
        return base.mul((float) hardWeight).add(softLoss(logits, teacherLogits, temperature));
    }

    @Override
    public Callback shard(long from, long to) {
        return new Callback() {
            @Override
            public NDArray loss(NDArray logits, MiniBatch batch, NDArray base) {
                if (teacherLogits == null) {
                    throw new IllegalStateException("distillation loss before the teacher saw the batch");
                }
                // The teacher ran once on the whole batch; this replica needs its rows, on its device.
                NDArray rows = teacherLogits.get(new NDIndex(from + ":" + to)).toDevice(logits.getDevice(), false);
                return base.mul((float) hardWeight).add(softLoss(logits, rows, temperature));
            }
        };
    }

    /** {@code T^2 * mean_i CE(softmax(r_i / T), softmax(z_i / T))}. */
    public static NDArray softLoss(NDArray studentLogits, NDArray teacherLogits, double temperature) {
        float t = (float) temperature;
        NDArray p = teacherLogits.div(t).softmax(1);
        return Losses.softCrossEntropy(studentLogits.div(t), p).mul(t * t);
    }
}
