package org.bagoftricks.training;

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
 * <p>Distillation is charged for its teacher: the teacher's whole training (its epochs at its
 * measured epoch time) comes off the budget, and each student epoch pays for the teacher's
 * forward passes (estimated as a third of a teacher training step). Warm-up and mixup-off
 * epochs are shortened if the run becomes shorter than they are. Probes are remembered for the
 * JVM's life, so asking again plans the same epochs.
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
            double epochSeconds = epochSeconds(r.noDistillation(), data);
            double teacherSeconds = 0;
            if (r.distillation() != null && r.distillation().weights() == null) {
                Recipe teacher = r.distillation().teacher();
                double teacherEpoch = epochSeconds(teacher, data);
                teacherSeconds = teacherEpoch * teacher.epochs();
                epochSeconds += teacherEpoch / 3;
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

    /** {@code r} with {@code epochs}, shortening warm-up and mixup-off epochs to fit. */
    static Recipe withEpochs(Recipe r, int epochs) {
        Recipe shorter = r.warmup(Math.min(r.warmupEpochs(), epochs - 1))
                .mixupOffLast(Math.min(r.mixupOffEpochs(), epochs - 1));
        return shorter.epochs(epochs);
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
