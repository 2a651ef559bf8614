package org.bagoftricks.experiments;

import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.Recipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bagoftricks.data.Dataset;

/**
 * Equal wall-clock budgets: tricks cost time (FP16 on a CPU, a teacher to train and run for
 * distillation), so a fair comparison can give every recipe the same minutes instead of the
 * same epochs. Each recipe's epoch time is measured on this machine by a short probe (a few
 * training steps and part of an evaluation), and its epochs become what fits the budget.
 *
 * <p>A run that needs others first (a distillation teacher, {@code Recipe.needs()}) is charged
 * for them: their whole training (their epochs at their measured epoch time) comes off the budget,
 * and each epoch pays for their forward passes (estimated as a third of their training step). Each
 * trick is fitted to the epochs ({@code Recipe.fittedTo}): warm-up and mixup-off epochs are
 * shortened if the run becomes shorter than they are. Probes are remembered for the JVM's life, so
 * asking again plans the same epochs.
 */
public final class Budget {
    private Budget() {}

    private static final Map<String, Double> EPOCH_SECONDS = new ConcurrentHashMap<>();

    /** The recipes with their epochs fitted to {@code perRecipe} of training each. */
    public static List<Recipe> fit(List<Recipe> recipes, Dataset data, Duration perRecipe, Progress progress) {
        double budget = perRecipe.toMillis() / 1000.0;
        if (budget <= 0) {
            throw new IllegalArgumentException("the budget must be positive, got " + perRecipe);
        }
        List<Recipe> out = new ArrayList<>();
        for (Recipe r : recipes) {
            // the runs it needs (a teacher) are charged their training, and a forward pass each per
            // step of this run (a third of their training step)
            Recipe alone = r;
            for (var t : r.tricks()) {
                if (!t.needs().isEmpty()) {
                    alone = alone.without(t.name());
                }
            }
            double epochSeconds = epochSeconds(alone, data);
            double teacherSeconds = 0;
            for (Recipe need : r.needs()) {
                double needEpoch = epochSeconds(need, data);
                teacherSeconds += needEpoch * need.epochs();
                epochSeconds += needEpoch / 3;
            }
            int epochs = (int) Math.floor((budget - teacherSeconds) / epochSeconds);
            if (epochs < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "a budget of %.1f min is too small for '%s': one epoch takes about %.1f min%s",
                        budget / 60, r.name(), epochSeconds / 60, teacherSeconds > 0
                                ? String.format(Locale.ROOT, " after %.1f min for its teacher", teacherSeconds / 60) : ""));
            }
            out.add(withEpochs(r, epochs));
        }
        return out;
    }

    /** {@code r} with {@code epochs}, its tricks fitted to them (see {@link Recipe#fittedTo}). */
    static Recipe withEpochs(Recipe r, int epochs) {
        return r.fittedTo(epochs);
    }

    /** Seconds one epoch of {@code r} takes on {@code data} here (measured once per JVM). */
    public static double epochSeconds(Recipe r, Dataset data) {
        String key = withEpochs(r, 1).identity() + "|" + data.name() + "|" + data.train().size();
        return EPOCH_SECONDS.computeIfAbsent(key, k -> probe(r, data));
    }

    private static double probe(Recipe r, Dataset data) {
        try (Trainer t = new Trainer(withEpochs(r, 1), data)) {
            return t.estimateEpochSeconds();
        }
    }
}
