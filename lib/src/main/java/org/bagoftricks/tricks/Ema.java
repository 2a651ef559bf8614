package org.bagoftricks.tricks;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An exponential moving average of the weights, evaluated instead of the weights themselves:
 * after each update, {@code s <- decay s + (1 - decay) w} for every parameter. As timm's
 * {@code ModelEmaV2}, the batch-norm running mean and variance are averaged the same way as the
 * weights (they are parameters of the model here, as they are entries of its state there), and
 * the average starts as a copy of the model as training starts. A checkpoint keeps the average, so
 * a resumed run evaluates what the uninterrupted one would.
 *
 * <pre>{@code
 * Recipe r = Recipe.baseline().with(new Ema(0.999));   // or --tricks ema
 * }</pre>
 *
 * @param decay the weight of the old average per step (0.999: about the last 1,000 steps)
 */
public record Ema(double decay) implements Trick {
    public static final Kind KIND = new Kind("ema", "evaluate an exponential moving average of the weights",
            List.of(new Option("--ema-decay", "D", "0.999", "the average's decay per step")),
            List.of(), o -> new Ema(o.real("--ema-decay")));

    public Ema {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "ema(" + Recipe.fmt(decay) + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("emaDecay=" + Recipe.fmt(decay));
    }

    @Override
    public Callback start(Training training) {
        Recipe r = training.recipe();
        Block average = r.newModel(training.data().numClasses());
        average.initialize(training.manager(), DataType.FLOAT32, new Shape(1, 3, r.imageSize(), r.imageSize()));
        return new Averaging(training.model(), average, decay);
    }

    /** The average of one run: a second model, a copy of the trained one when training starts. */
    public static final class Averaging implements Callback {
        private final Block model;
        private final Block average;
        private final double decay;
        private boolean started;

        /** {@code average}: an initialized model of {@code model}'s architecture, overwritten when training starts. */
        public Averaging(Block model, Block average, double decay) {
            this.model = model;
            this.average = average;
            this.decay = decay;
        }

        /** The averaged model. */
        public Block average() {
            return average;
        }

        /** At the first batch: the model then holds its starting weights (after zero gamma, a transfer, ...). */
        @Override
        public MiniBatch onBatch(MiniBatch batch, int epoch) {
            if (!started) {
                copy(model, average);
                started = true;
            }
            return batch;
        }

        @Override
        public void afterStep(Block trained) {
            if (!started) {
                copy(model, average);
                started = true;
            }
            List<Parameter> from = trained.getParameters().values();
            List<Parameter> to = average.getParameters().values();
            for (int i = 0; i < from.size(); i++) {
                NDArray s = to.get(i).getArray();
                NDArray w = from.get(i).getArray();
                NDArray part = w.mul((float) (1 - decay));
                s.muli((float) decay).addi(part);
                part.close();
            }
        }

        @Override
        public Block evaluated(Block trained) {
            return started ? average : trained;
        }

        @Override
        public void save(DataOutputStream out) throws IOException {
            out.writeBoolean(started);
            average.saveParameters(out);
        }

        @Override
        public void load(DataInputStream in, NDManager manager) throws IOException {
            started = in.readBoolean();
            try {
                average.loadParameters(manager, in);
            } catch (MalformedModelException e) {
                throw new IOException("the checkpoint's weight average does not fit the model: " + e.getMessage(), e);
            }
            noGradients(average);
        }

        private static void copy(Block from, Block to) {
            List<Parameter> a = from.getParameters().values();
            List<Parameter> b = to.getParameters().values();
            noGradients(to);
            for (int i = 0; i < a.size(); i++) {
                b.get(i).getArray().set(a.get(i).getArray().toFloatArray());
            }
        }

        /** The average is never trained: its arrays take in-place updates without autograd. */
        private static void noGradients(Block block) {
            for (Parameter p : block.getParameters().values()) {
                p.getArray().setRequiresGradient(false);
            }
        }
    }
}
