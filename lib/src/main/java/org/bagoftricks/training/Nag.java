package org.bagoftricks.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Nesterov accelerated gradient with weight decay (§2), written here because DJL's
 * {@code Optimizer.nag()} is not implemented on PyTorch and its {@code Sgd} has no Nesterov
 * and decays every parameter. The update is MXNet's {@code nag_mom_update}, which PyTorch's
 * {@code SGD(nesterov=True)} also computes:
 *
 * <pre>
 *   g = grad + wd * w          (wd = 0 for parameters excluded from decay)
 *   v = momentum * v + g
 *   w = w - lr * (g + momentum * v)
 * </pre>
 *
 * <p>Which parameters are decayed is decided once, by a predicate on the parameter, and can be
 * listed with {@link #decayed()} and {@link #notDecayed()}.
 */
public final class Nag implements AutoCloseable {

    /** A trainable parameter, its path in the model and whether weight decay applies to it. */
    public record Slot(String name, Parameter parameter, boolean decay) {}

    private final List<Slot> slots;
    private final List<NDArray> velocity;
    private final boolean[] frozen;
    private final double momentum;
    private final double weightDecay;

    public Nag(Block model, double momentum, double weightDecay, Predicate<Parameter> decayed) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        List<Slot> s = new ArrayList<>();
        List<NDArray> v = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            Parameter param = p.getValue();
            if (!param.requiresGradient()) {
                continue; // batch-norm running statistics
            }
            if (!param.isInitialized()) {
                throw new IllegalStateException("initialize the model before creating the optimizer: "
                        + p.getKey() + " has no value");
            }
            s.add(new Slot(p.getKey(), param, decayed.test(param)));
            NDArray w = param.getArray();
            // Created outside any NDScope and kept for the whole run.
            NDArray state = w.zerosLike();
            NDScope.unregister(state);
            v.add(state);
        }
        this.slots = Collections.unmodifiableList(s);
        this.velocity = v;
        this.frozen = new boolean[s.size()];
    }

    /**
     * From now on leaves out the parameters whose arrays no longer require a gradient (frozen by
     * {@link Transfer#freezeAllButHead}): no update, no decay, no gradient to clear. Asked once
     * here rather than of every parameter at every step.
     *
     * @return the number of slots left out
     */
    public int skipFrozen() {
        int n = 0;
        for (int i = 0; i < slots.size(); i++) {
            frozen[i] = !slots.get(i).parameter().getArray().hasGradient();
            n += frozen[i] ? 1 : 0;
        }
        return n;
    }

    /** Every trainable parameter in model order. */
    public List<Slot> slots() {
        return slots;
    }

    /** Names of the parameters that get weight decay. */
    public List<String> decayed() {
        return slots.stream().filter(Slot::decay).map(Slot::name).toList();
    }

    /** Names of the parameters that get no weight decay. */
    public List<String> notDecayed() {
        return slots.stream().filter(s -> !s.decay()).map(Slot::name).toList();
    }

    /**
     * Applies one update with learning rate {@code lr} to every parameter from its current
     * gradient, scaled by {@code gradScale} (1 normally; 1/k when k gradients were summed), then
     * clears the gradients. Temporaries are closed before returning; weights and velocities
     * change in place.
     */
    public void step(double lr, double gradScale) {
        // The gradients are cleared right after, so the update may work in them in place.
        update(lr, i -> slots.get(i).parameter().getArray().getGradient(), gradScale);
        zeroGradients();
    }

    /**
     * Applies one update with gradients supplied per slot (mixed precision supplies FP32 copies
     * of FP16 gradients); does not touch the parameters' own gradients. Arrays returned by
     * {@code gradient} may be temporaries: they are closed with the step's scope, and the update
     * may overwrite them.
     */
    public void update(double lr, IntFunction<NDArray> gradient) {
        update(lr, gradient, 1);
    }

    /**
     * The update, in 8 native operations per parameter and no others: the scalars are arrays
     * made once per step (DJL's {@code mul(float)} makes, uses and frees a scalar array each time,
     * three native calls), and the decayed gradient is built in a temporary that is reused.
     */
    private void update(double lr, IntFunction<NDArray> gradient, double gradScale) {
        if (slots.isEmpty()) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDManager m = slots.get(0).parameter().getArray().getManager();
            NDArray mu = m.create((float) momentum);
            NDArray wd = m.create((float) weightDecay);
            NDArray rate = m.create((float) lr);
            NDArray scale = m.create((float) gradScale);
            for (int i = 0; i < slots.size(); i++) {
                if (frozen[i]) {
                    continue;
                }
                Slot slot = slots.get(i);
                NDArray w = slot.parameter().getArray();
                NDArray grad = gradient.apply(i);
                NDArray g; // g = gradScale * grad + wd * w, in a buffer of this step
                if (slot.decay() && weightDecay > 0) {
                    g = w.mul(wd);
                    g.addi(gradScale == 1 ? grad : grad.mul(scale));
                } else if (gradScale != 1) {
                    g = grad.mul(scale);
                } else {
                    g = grad;
                }
                NDArray v = velocity.get(i);
                v.muli(mu).addi(g);                        // v = mu v + g
                w.subi(g.addi(v.mul(mu)).muli(rate));      // w -= lr (g + mu v)
            }
        }
    }

    /**
     * Sets every gradient to 0. PyTorch adds each backward pass into the gradients and DJL's
     * collector does not clear them, so the loop clears them after each update (and a skipped
     * update must clear them too). One native {@code zero_()} per gradient: a fill, so an
     * infinite gradient becomes 0 too (multiplying by 0 would leave NaN).
     */
    public void zeroGradients() {
        for (int i = 0; i < slots.size(); i++) {
            if (!frozen[i]) {
                zeroGradient(slots.get(i).parameter().getArray());
            }
        }
    }

    /** Sets the gradient of {@code w} to 0, as {@link #zeroGradients()} does for each parameter. */
    static void zeroGradient(NDArray w) {
        if (w instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                w.getGradient().set(ALL, 0f);
            }
        }
    }

    private static final NDIndex ALL = new NDIndex(":");

    /** Writes the momentum buffers (for a checkpoint). */
    public void saveState(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(velocity.size());
        for (NDArray v : velocity) {
            byte[] bytes = v.encode();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads momentum buffers written by {@link #saveState} into this optimizer's, in place. */
    public void loadState(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        if (n != velocity.size()) {
            throw new java.io.IOException("the checkpoint holds " + n + " momentum buffers, the model " + velocity.size());
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray v : velocity) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                NDArray saved = NDArray.decode(v.getManager(), bytes);
                if (!saved.getShape().equals(v.getShape())) {
                    throw new java.io.IOException("momentum shape " + saved.getShape() + " does not fit " + v.getShape());
                }
                v.set(ALL, saved);
            }
        }
    }

    /** The momentum buffer of slot {@code i}, for checkpoints and tests. */
    public NDArray velocity(int i) {
        return velocity.get(i);
    }

    @Override
    public void close() {
        velocity.forEach(NDArray::close);
    }
}
