package org.bagoftricks.tricks;

import java.util.List;

/**
 * Linear scaling of the learning rate (§3): {@code lr x batch / referenceBatch}, the paper's
 * 0.1 x b / 256, so that a larger batch takes proportionally larger steps.
 */
public record LinearScaling(int referenceBatch) implements Trick {
    public static final Kind KIND = new Kind("linear-scaling", "§3 lr = lr x batch / reference batch",
            List.of(new Option("--reference-batch", "N", "256", "linear scaling: lr x batch / N")),
            List.of("linearScalingReference=0"), o -> new LinearScaling(o.integer("--reference-batch")));

    public LinearScaling {
        if (referenceBatch < 1) {
            throw new IllegalArgumentException("linear scaling reference batch must be >= 1, got " + referenceBatch);
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return referenceBatch == 256 ? "linear-scaling" : "linear-scaling(" + referenceBatch + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("linearScalingReference=" + referenceBatch);
    }

    @Override
    public Schedule schedule(Schedule plan, Recipe.Base base) {
        return plan.peak(plan.peak() * base.batchSize() / referenceBatch);
    }
}
