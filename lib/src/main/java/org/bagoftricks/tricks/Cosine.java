package org.bagoftricks.tricks;

import java.util.List;

/**
 * Cosine learning-rate decay (§5): after any warm-up, the rate follows
 * {@code peak (1 + cos(pi t / T)) / 2} per batch down to 0, instead of step decay.
 */
public record Cosine() implements Trick {
    public static final Kind KIND = new Kind("cosine", "§5 cosine learning-rate decay", List.of(),
            List.of("schedule=step"), o -> new Cosine());

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "cosine";
    }

    @Override
    public List<String> settings() {
        return List.of("schedule=cosine");
    }

    @Override
    public Schedule schedule(Schedule plan, Recipe.Base base) {
        return plan.decay(Schedule.Decay.COSINE);
    }
}
