package org.bagoftricks.tricks;

/**
 * The learning rate as a function of the global batch counter, evaluated every batch.
 * Warm-up (§3) and cosine decay (§5) are per batch in the paper; step decay changes at epoch
 * boundaries, which is a batch count too.
 */
@FunctionalInterface
public interface LrSchedule {
    /** Learning rate for batch {@code step} (0-based, counted over the whole run). */
    double at(long step);

    /** Constant {@code lr}. */
    static LrSchedule constant(double lr) {
        return step -> lr;
    }

    /**
     * Step decay (§2): {@code lr} multiplied by {@code factor} at each milestone (in batches),
     * e.g. x0.1 at epochs 30, 60 and 90 of 120.
     */
    static LrSchedule stepDecay(double lr, double factor, long... milestones) {
        long[] sorted = milestones.clone();
        java.util.Arrays.sort(sorted);
        return step -> {
            double value = lr;
            for (long m : sorted) {
                if (step >= m) {
                    value *= factor;
                }
            }
            return value;
        };
    }

    /**
     * Cosine decay (§5): {@code 0.5 (1 + cos(pi t / T)) lr}, where t counts batches after a
     * warm-up of {@code offset} batches and T = total - offset (as GluonCV's LRScheduler).
     */
    static LrSchedule cosine(double lr, long totalSteps, long offset) {
        long span = Math.max(1, totalSteps - offset);
        return step -> {
            long t = Math.min(Math.max(0, step - offset), span);
            return 0.5 * (1 + Math.cos(Math.PI * t / span)) * lr;
        };
    }

    /**
     * Linear warm-up (§3): the rate grows from 0 to the peak, this schedule's value at the end of
     * the warm-up ({@code at(steps)}), over the first {@code steps} batches (batch i of m gets i/m of
     * the peak), then follows this schedule. Ramping to the peak, not to {@code at(step)}, keeps a
     * decay that a short run puts early from shrinking the ramp (as GluonCV's LRScheduler: warm-up
     * to the base rate whatever the milestones).
     */
    default LrSchedule withWarmup(long steps) {
        if (steps <= 0) {
            return this;
        }
        LrSchedule after = this;
        double peak = after.at(steps);
        return step -> step < steps ? peak * (step + 1) / (double) steps : after.at(step);
    }
}
