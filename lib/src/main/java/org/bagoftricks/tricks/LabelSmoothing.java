package org.bagoftricks.tricks;

import java.util.List;

/**
 * Label smoothing (§5): the true class gets 1 - eps and every other class eps / (K - 1), the
 * paper's targets (GluonCV, timm and PyTorch spread eps / K over all K classes instead).
 * Applied as the affine map {@code t -> t (1 - eps K / (K - 1)) + eps / (K - 1)}, which gives
 * exactly that on one-hot rows and commutes with mixup's convex mixing, so the order of the two
 * tricks does not matter.
 */
public record LabelSmoothing(double eps) implements Trick, Callback {
    public static final Kind KIND = new Kind("label-smoothing", "§5 label smoothing",
            List.of(new Option("--label-smoothing", "EPS", "0.1", "label smoothing's eps")),
            List.of("labelSmoothing=0"), o -> new LabelSmoothing(o.real("--label-smoothing")));

    public LabelSmoothing {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException(eps == 0 ? "label smoothing eps 0 smooths nothing: leave the trick out"
                    : "label smoothing eps must be in [0, 1), got " + eps);
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "label-smoothing(" + Recipe.fmt(eps) + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("labelSmoothing=" + Recipe.fmt(eps));
    }

    @Override
    public Callback start(Training training) {
        return this;
    }

    @Override
    public MiniBatch onBatch(MiniBatch batch, int epoch) {
        long k = batch.targets().getShape().get(1);
        if (k < 2) {
            throw new IllegalArgumentException("label smoothing needs at least 2 classes");
        }
        float off = (float) (eps / (k - 1));
        float scale = (float) (1 - eps * k / (k - 1));
        return new MiniBatch(batch.images(), batch.targets().mul(scale).add(off), batch.labels());
    }
}
