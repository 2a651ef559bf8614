package org.bagoftricks.tricks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CutMix (Yun et al., ICCV 2019), of mixup's lineage: per batch, lambda ~ Beta(alpha, alpha); a
 * box of about {@code (1 - lambda)} of the image, centred at a uniform random pixel and clipped to
 * the image, is pasted from a shuffled partner image; the targets are mixed by the box's real area,
 * {@code t (1 - area) + t[perm] area}, so a clipped box counts for what it covers. Training
 * accuracy is scored against the dominant label, as under mixup. Draws come from a seeded
 * generator per (epoch, batch): a resumed run pastes the same boxes.
 *
 * <pre>{@code
 * Recipe r = Recipe.baseline().with(new CutMix(1.0));   // or --tricks cutmix
 * }</pre>
 *
 * @param alpha Beta(alpha, alpha) of the area kept (the paper: 1, a uniform area)
 */
public record CutMix(double alpha) implements Trick {
    public static final Kind KIND = new Kind("cutmix", "CutMix: a partner's box pasted, targets mixed by its area",
            List.of(new Option("--cutmix-alpha", "A", "1", "CutMix's alpha (Beta(A, A) of the area kept)")),
            List.of(), o -> new CutMix(o.real("--cutmix-alpha")));

    public CutMix {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("CutMix alpha must be > 0, got " + alpha);
        }
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "cutmix(" + Recipe.fmt(alpha) + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("cutmixAlpha=" + Recipe.fmt(alpha));
    }

    @Override
    public Callback start(Training training) {
        long seed = training.recipe().seed() * 37 + 11;
        return new Callback() {
            private int epoch = -1;
            private int batchInEpoch;

            @Override
            public MiniBatch onBatch(MiniBatch batch, int e) {
                if (e != epoch) {
                    epoch = e;
                    batchInEpoch = 0;
                }
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + e * 100_019L + batchInEpoch++);
                Shape s = batch.images().getShape();
                int h = (int) s.get(2);
                int w = (int) s.get(3);
                int[] box = box(rng, Mixup.beta(rng, alpha), h, w);
                return paste(batch, box, Mixup.permutation(rng, batch.labels().length));
            }
        };
    }

    /**
     * The box for a kept share {@code lambda} of an {@code h x w} image, as {@code {y0, y1, x0, x1}}
     * (ends exclusive): sides {@code sqrt(1 - lambda)} of the image's, centred at a uniform random
     * pixel, clipped to the image (so it may cover less than {@code 1 - lambda}).
     */
    public static int[] box(SplittableRandom rng, double lambda, int h, int w) {
        double cut = Math.sqrt(1 - lambda);
        int ch = (int) (h * cut);
        int cw = (int) (w * cut);
        int cy = rng.nextInt(h);
        int cx = rng.nextInt(w);
        return new int[] {Math.max(cy - ch / 2, 0), Math.min(cy + ch / 2, h), Math.max(cx - cw / 2, 0),
            Math.min(cx + cw / 2, w)};
    }

    /**
     * Pastes {@code box} ({@code {y0, y1, x0, x1}}, ends exclusive) of each partner image
     * {@code perm[i]} into image i, and mixes the targets by the box's share of the image: the
     * deterministic core, public for tests and notebooks.
     */
    public static MiniBatch paste(MiniBatch batch, int[] box, int[] perm) {
        NDArray images = batch.images();
        Shape s = images.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] mask = new float[h * w];
        for (int y = box[0]; y < box[1]; y++) {
            for (int x = box[2]; x < box[3]; x++) {
                mask[y * w + x] = 1f;
            }
        }
        double area = (double) (box[1] - box[0]) * (box[3] - box[2]) / (h * w);
        NDArray m = images.getManager().create(mask, new Shape(1, 1, h, w));
        NDArray index = images.getManager().create(perm);
        NDArray partner = images.get(index);
        NDArray mixed = images.mul(m.neg().add(1)).add(partner.mul(m));
        NDArray targets = batch.targets().mul((float) (1 - area)).add(batch.targets().get(index).mul((float) area));
        int[] labels = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            labels[i] = area <= 0.5 ? batch.labels()[i] : batch.labels()[perm[i]];
        }
        return new MiniBatch(mixed, targets, labels);
    }
}
