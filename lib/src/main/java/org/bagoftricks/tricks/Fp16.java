package org.bagoftricks.tricks;

import java.util.List;

/**
 * Mixed-precision training (§3): FP16 forward and backward, an FP32 master copy of the weights
 * for the update, dynamic loss scaling. Fast on GPUs with FP16 units; slow on CPUs, which have
 * none (the trainer does the work: {@code MixedPrecision}).
 */
public record Fp16() implements Trick {
    public static final Kind KIND = new Kind("fp16", "§3 mixed precision (fast on GPUs; slow on CPUs)", List.of(),
            List.of("precision=fp32"), o -> new Fp16());

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "fp16";
    }

    @Override
    public List<String> settings() {
        return List.of("precision=fp16");
    }

    @Override
    public Precision precision(Precision precision) {
        return Precision.FP16;
    }
}
