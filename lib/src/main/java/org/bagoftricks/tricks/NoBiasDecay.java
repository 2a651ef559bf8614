package org.bagoftricks.tricks;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.function.Predicate;

/**
 * No bias decay (§3): weight decay on the weights of convolutions and dense layers only; biases
 * and batch norm's gamma and beta are not decayed.
 */
public record NoBiasDecay() implements Trick {
    public static final Kind KIND = new Kind("no-bias-decay", "§3 no weight decay on biases and batch-norm parameters",
            List.of(), List.of("noBiasDecay=false"), o -> new NoBiasDecay());

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "no-bias-decay";
    }

    @Override
    public List<String> settings() {
        return List.of("noBiasDecay=true");
    }

    @Override
    public Predicate<Parameter> decays(Predicate<Parameter> rule) {
        return rule.and(p -> p.getType() == Parameter.Type.WEIGHT);
    }
}
