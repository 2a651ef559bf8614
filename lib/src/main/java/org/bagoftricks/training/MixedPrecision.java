package org.bagoftricks.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Mixed-precision training as §3 describes it, built here because DJL's PyTorch engine has no
 * autocast, no loss scaler, and {@code Block.cast} throws: a second copy of the network holds
 * FP16 weights and computes forward and backward in FP16; the optimizer updates the FP32 master
 * weights from the FP16 gradients; the loss is multiplied by a scale before backward so small
 * gradients do not flush to zero in FP16, and divided out before the update.
 *
 * <p>Dynamic loss scaling as PyTorch's GradScaler: start at 2^16; a step whose gradients hold an
 * infinity or NaN is skipped and the scale halved; after 2000 good steps in a row it doubles.
 * Evaluation uses the FP32 master weights, with the batch-norm statistics copied from the FP16
 * copy, where training updated them.
 */
public final class MixedPrecision {
    public static final double INITIAL_SCALE = 65536;
    public static final int GROWTH_INTERVAL = 2000;

    private static final NDIndex ALL = new NDIndex(":");

    private final Nag optimizer;
    private final Block half;
    private final List<Parameter> halfTrainable = new ArrayList<>();
    private final List<Parameter[]> statistics = new ArrayList<>(); // {master, half} running mean/var
    private final List<Parameter[]> all = new ArrayList<>();
    private final NDArray zero32;
    private double scale = INITIAL_SCALE;
    private int goodSteps;
    private long skippedSteps;

    /**
     * @param master    the FP32 model the optimizer updates (initialized)
     * @param half      a second instance of the same architecture (not yet initialized)
     * @param optimizer the optimizer over {@code master}
     */
    public MixedPrecision(Block master, Block half, Nag optimizer, NDManager manager, Shape inputShape) {
        this.optimizer = optimizer;
        this.half = half;
        half.initialize(manager, DataType.FLOAT16, inputShape);
        var m = master.getParameters();
        var h = half.getParameters();
        if (m.size() != h.size()) {
            throw new IllegalArgumentException("the FP16 copy has " + h.size() + " parameters, the model " + m.size());
        }
        for (int i = 0; i < m.size(); i++) {
            Pair<String, Parameter> pm = m.get(i);
            Pair<String, Parameter> ph = h.get(i);
            if (!pm.getKey().equals(ph.getKey())) {
                throw new IllegalArgumentException("parameter order differs: " + pm.getKey() + " vs " + ph.getKey());
            }
            all.add(new Parameter[] {pm.getValue(), ph.getValue()});
            if (pm.getValue().requiresGradient()) {
                halfTrainable.add(ph.getValue());
            } else {
                statistics.add(new Parameter[] {pm.getValue(), ph.getValue()});
            }
        }
        if (halfTrainable.size() != optimizer.slots().size()) {
            throw new IllegalStateException("the optimizer's slots do not match the model's trainable parameters");
        }
        zero32 = manager.zeros(new Shape(1), DataType.FLOAT32);
        NDScope.unregister(zero32);
        copy(all, false);
    }

    /** The FP16 network that computes forward and backward. */
    public Block half() {
        return half;
    }

    /** The current loss scale. */
    public double scale() {
        return scale;
    }

    /** Steps skipped so far because the scaled gradients overflowed. */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** The model input in FP16. */
    public NDArray input(NDArray images) {
        return images.toType(DataType.FLOAT16, false);
    }

    /**
     * FP16 logits as FP32 for the loss. A plain cast would cut the autograd graph in DJL (its
     * {@code toType} does not record a gradient); adding an FP32 zero promotes the type and keeps it.
     */
    public NDArray toFloat32(NDArray logits) {
        return logits.add(zero32);
    }

    /** The loss to call backward on: multiplied by the scale. */
    public NDArray scaleLoss(NDArray loss) {
        return loss.mul((float) scale);
    }

    /**
     * Updates the FP32 master weights from the FP16 gradients of {@code microBatches} summed
     * backward passes, unless they overflowed; returns whether the step was taken.
     */
    public boolean step(double lr, int microBatches) {
        boolean finite;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // One reduction for all gradients: an infinity or NaN anywhere makes the sum non-finite.
            NDArray total = null;
            for (Parameter p : halfTrainable) {
                NDArray s = p.getArray().getGradient().toType(DataType.FLOAT32, false).sum();
                total = total == null ? s : total.add(s);
            }
            finite = total == null || Float.isFinite(total.getFloat());
        }
        if (finite) {
            float unscale = (float) (1 / (scale * microBatches));
            optimizer.update(lr, i -> halfTrainable.get(i).getArray().getGradient()
                    .toType(DataType.FLOAT32, false).mul(unscale));
            copy(all, true);
            if (++goodSteps >= GROWTH_INTERVAL) {
                scale *= 2;
                goodSteps = 0;
            }
        } else {
            scale /= 2;
            goodSteps = 0;
            skippedSteps++;
        }
        zeroHalfGradients();
        return finite;
    }

    /** The loss-scaling state, for a checkpoint: scale, good steps in a row, skipped steps. */
    double[] state() {
        return new double[] {scale, goodSteps, skippedSteps};
    }

    void restore(double[] state) {
        scale = state[0];
        goodSteps = (int) state[1];
        skippedSteps = (long) state[2];
        copy(all, false);
    }

    /** Copies the batch-norm running statistics from the FP16 copy into the FP32 master. */
    public void syncStatisticsToMaster() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter[] pair : statistics) {
                pair[0].getArray().set(ALL, pair[1].getArray().toType(DataType.FLOAT32, false));
            }
        }
    }

    private void zeroHalfGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter p : halfTrainable) {
                p.getArray().getGradient().set(ALL, 0f);
            }
        }
    }

    /** Master to FP16: every parameter, or only the trainable ones (the statistics live in FP16). */
    private void copy(List<Parameter[]> pairs, boolean trainableOnly) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Parameter[] pair : pairs) {
                if (trainableOnly && !pair[0].requiresGradient()) {
                    continue;
                }
                pair[1].getArray().set(ALL, pair[0].getArray().toType(DataType.FLOAT16, false));
            }
        }
    }
}
