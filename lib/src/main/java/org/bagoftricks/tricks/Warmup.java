package org.bagoftricks.tricks;

import java.util.List;

/**
 * Learning-rate warm-up (§3): the rate rises linearly from 0 to its peak over the first
 * {@code epochs} epochs, per batch; the paper warms up for 5 of 120 epochs.
 */
public record Warmup(int epochs) implements Trick {
    public static final Kind KIND = new Kind("warmup", "§3 linear learning-rate warm-up",
            List.of(new Option("--warmup-epochs", "N", "5", "warm-up length in epochs")),
            List.of("warmupEpochs=0"), o -> new Warmup(o.integer("--warmup-epochs")));

    public Warmup {
        if (epochs < 1) {
            throw new IllegalArgumentException("a warm-up lasts at least 1 epoch, got " + epochs
                    + " (leave the trick out for none)");
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "warmup(" + epochs + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("warmupEpochs=" + epochs);
    }

    @Override
    public void check(Recipe.Base base) {
        if (epochs >= base.epochs()) {
            throw new IllegalArgumentException("a warm-up of " + epochs + " epochs is not shorter than the run ("
                    + base.epochs() + " epochs): use fewer warm-up epochs or more epochs");
        }
    }

    @Override
    public Trick fittedTo(int runEpochs) {
        int fitted = Math.min(epochs, runEpochs - 1);
        return fitted >= 1 ? new Warmup(fitted) : null;
    }

    @Override
    public Schedule schedule(Schedule plan, Recipe.Base base) {
        return plan.warmupEpochs(epochs);
    }
}
