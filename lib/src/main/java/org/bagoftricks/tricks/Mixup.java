package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Mixup (§5): per batch, lambda ~ Beta(alpha, alpha); images and targets become
 * {@code lambda x + (1 - lambda) x[perm]} with {@code perm} a random shuffle of the batch.
 * Training accuracy is scored against the dominant label (the one with weight >= 1/2), so it
 * stays an honest accuracy and not a soft score. Draws come from a seeded generator, so a run
 * with the same seed mixes the same pairs with the same lambdas.
 */
public record Mixup(double alpha, int offEpochs) implements Trick {
    public static final Kind KIND = new Kind("mixup", "§5 mixup",
            List.of(new Option("--mixup-alpha", "A", "0.2", "mixup's alpha"),
                    new Option("--mixup-off-epochs", "N", "0", "train the last N epochs without mixup (GluonCV's --mixup-off-epoch)")),
            List.of("mixupAlpha=0", "mixupOffEpochs=0"),
            o -> new Mixup(o.real("--mixup-alpha"), o.integer("--mixup-off-epochs")));

    public Mixup {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException(alpha == 0 ? "mixup alpha 0 mixes nothing: leave the trick out"
                    : "mixup alpha must be >= 0, got " + alpha);
        }
        if (offEpochs < 0) {
            throw new IllegalArgumentException("mixup can be switched off for the last 0 or more epochs, got " + offEpochs);
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "mixup(" + Recipe.fmt(alpha) + (offEpochs > 0 ? ", off last " + offEpochs : "") + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("mixupAlpha=" + Recipe.fmt(alpha), "mixupOffEpochs=" + offEpochs);
    }

    @Override
    public void check(Recipe.Base base) {
        if (offEpochs >= base.epochs()) {
            throw new IllegalArgumentException("mixup can be switched off for the last 0 to " + (base.epochs() - 1)
                    + " epochs, got " + offEpochs);
        }
    }

    @Override
    public Trick fittedTo(int epochs) {
        return new Mixup(alpha, Math.min(offEpochs, epochs - 1));
    }

    /** Whether mixup mixes in epoch {@code epoch} (0-based) of a run of {@code epochs}. */
    public boolean mixesIn(int epoch, int epochs) {
        return epoch < epochs - offEpochs;
    }

    @Override
    public Callback start(Training training) {
        int epochs = training.recipe().epochs();
        return new Mixing(alpha, training.recipe().seed() * 31 + 7, e -> mixesIn(e, epochs));
    }

    /** Mixup's part in a run: seeded draws per batch, the lambda of the last batch. */
    public static final class Mixing implements Callback {
        private final double alpha;
        private final long seed;
        private final IntPredicate activeInEpoch;
        private double lastLambda = 1;
        private int epoch = -1;
        private int batchInEpoch;

        public Mixing(double alpha, long seed, IntPredicate activeInEpoch) {
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("mixup alpha must be > 0, got " + alpha);
            }
            this.alpha = alpha;
            this.seed = seed;
            this.activeInEpoch = activeInEpoch;
        }

        /** The lambda of the most recent mixed batch (1 when the batch was not mixed). */
        public double lastLambda() {
            return lastLambda;
        }

        @Override
        public MiniBatch onBatch(MiniBatch batch, int epoch) {
            if (epoch != this.epoch) {
                this.epoch = epoch;
                batchInEpoch = 0;
            }
            // A generator per (epoch, batch), not one running generator: a run resumed at an epoch
            // boundary draws exactly what the uninterrupted run drew.
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch * 100_019L + batchInEpoch++);
            if (!activeInEpoch.test(epoch)) {
                lastLambda = 1;
                return batch;
            }
            int n = batch.labels().length;
            double lambda = beta(rng, alpha);
            int[] perm = permutation(rng, n);
            lastLambda = lambda;
            return mix(batch, lambda, perm);
        }
    }

    /** Mixes a batch with its permuted copy: the deterministic core, public for tests and notebooks. */
    public static MiniBatch mix(MiniBatch batch, double lambda, int[] perm) {
        NDArray index = batch.images().getManager().create(perm);
        float l = (float) lambda;
        NDArray images = batch.images().mul(l).add(batch.images().get(index).mul(1 - l));
        NDArray targets = batch.targets().mul(l).add(batch.targets().get(index).mul(1 - l));
        int[] labels = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            labels[i] = lambda >= 0.5 ? batch.labels()[i] : batch.labels()[perm[i]];
        }
        return new MiniBatch(images, targets, labels);
    }

    /** Fisher-Yates shuffle of 0..n-1. */
    static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Beta(a, a) as X / (X + Y) with X, Y ~ Gamma(a, 1). */
    public static double beta(SplittableRandom rng, double a) {
        double x = gamma(rng, a);
        double y = gamma(rng, a);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang, with the shape + 1 boost for shape < 1. */
    static double gamma(SplittableRandom rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
