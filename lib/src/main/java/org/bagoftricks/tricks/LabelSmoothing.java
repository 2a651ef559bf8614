package org.bagoftricks.tricks;

/**
 * Label smoothing (§5): the true class gets 1 - eps and every other class eps / (K - 1).
 * Applied as the affine map {@code t -> t (1 - eps K / (K - 1)) + eps / (K - 1)}, which gives
 * exactly that on one-hot rows and commutes with mixup's convex mixing, so the order of the two
 * tricks does not matter.
 */
public record LabelSmoothing(double eps) implements Callback {
    public LabelSmoothing {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("label smoothing eps must be in [0, 1), got " + eps);
        }
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
