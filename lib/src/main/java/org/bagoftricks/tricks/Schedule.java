package org.bagoftricks.tricks;

/**
 * The learning-rate plan of a recipe before it becomes a per-batch {@link LrSchedule}: the peak
 * rate, the warm-up that ramps to it and the decay after it. The base is step decay from the
 * base rate without warm-up (§2); tricks change it through {@link Trick#schedule}.
 *
 * @param peak         the rate after warm-up
 * @param warmupEpochs epochs of linear warm-up from 0 (0: none)
 * @param decay        the shape after the warm-up
 */
public record Schedule(double peak, int warmupEpochs, Decay decay) {

    /** The shape of the learning-rate curve after any warm-up. */
    public enum Decay {
        /** x0.1 at 25%, 50% and 75% of the epochs (30, 60, 90 of 120), as §2; see {@link Recipe#stepMilestones()}. */
        STEP,
        /** Cosine decay to 0 per batch, as §5. */
        COSINE
    }

    public Schedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("the peak learning rate must be positive, got " + peak);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
    }

    public Schedule peak(double value) {
        return new Schedule(value, warmupEpochs, decay);
    }

    public Schedule warmupEpochs(int value) {
        return new Schedule(peak, value, decay);
    }

    public Schedule decay(Decay value) {
        return new Schedule(peak, warmupEpochs, value);
    }
}
