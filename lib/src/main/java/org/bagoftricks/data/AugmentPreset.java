package org.bagoftricks.data;

import java.util.SplittableRandom;

/**
 * Ready-made train/eval pipelines. Each computes exactly what the composition of the
 * {@link Augmentations} steps computes with the same random draws, but fused for speed: crop,
 * resize and flip become one bilinear gather from the source bytes, and colour jitter, PCA lighting
 * and normalization (all affine per pixel, since nothing clips) become one 3x4 matrix, so each output
 * value is written once, straight into {@code out}.
 *
 * <ul>
 *   <li>{@link #IMAGENET}: paper §2. Train: random resized crop, flip 0.5, colour jitter, PCA
 *       lighting, normalize. Eval: the central square of side {@code shorter * 224 / 256} resized to
 *       size x size (resize-256-crop-224 at any size, see {@link Augmentations#centerCropResize}),
 *       normalize.</li>
 *   <li>{@link #SMALL_IMAGE}: the standard CIFAR recipe, since an 8%-area crop of a 32-pixel image
 *       leaves almost nothing. Train: pad 4 zero pixels, random size x size crop, flip 0.5, normalize.
 *       Eval: normalize. Images of another size are first resized (bilinear) to size x size.</li>
 * </ul>
 */
public enum AugmentPreset {
    IMAGENET {
        @Override
        public Augmentation train(int size) {
            Augmentations.checkSize(size);
            return new ImageNetTrain(size);
        }

        @Override
        public Augmentation eval(int size) {
            Augmentations.checkSize(size);
            return new ImageNetEval(size);
        }
    },
    SMALL_IMAGE {
        @Override
        public Augmentation train(int size) {
            Augmentations.checkSize(size);
            return new SmallTrain(size);
        }

        @Override
        public Augmentation eval(int size) {
            Augmentations.checkSize(size);
            return new SmallEval(size);
        }
    };

    static final double FLIP_PROBABILITY = 0.5;
    static final int SMALL_IMAGE_PAD = 4;

    /** The training pipeline producing size x size outputs. */
    /** A short name for recipe names and reports: "imagenet-aug" or "small-image-aug". */
    public String label() {
        return this == IMAGENET ? "imagenet-aug" : "small-image-aug";
    }

    public abstract Augmentation train(int size);

    /** The evaluation pipeline producing size x size outputs (uses no randomness). */
    public abstract Augmentation eval(int size);

    private record ImageNetTrain(int size) implements Augmentation {
        @Override
        public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
            checkOut(size, out, offset);
            // Same draws, same order as randomResizedCrop, randomFlip, colorJitter, lighting.
            Augmentations.CropBox box = Augmentations.sampleCropBox(image.width(), image.height(), rng);
            boolean flip = rng.nextDouble() < FLIP_PROBABILITY;
            double[][] colour = Augmentations.ColorJitter.sample(rng).matrix();
            double[] light = Augmentations.lightingOffset(Augmentations.sampleLightingAlpha(rng));
            resample(image, box.x(), box.y(), box.width(), box.height(),
                    box.x(), box.x() + box.width() - 1, box.y(), box.y() + box.height() - 1,
                    flip, size, normalizing(colour, light), out, offset);
        }

        @Override
        public String describe() {
            return "imagenet-train(" + size + ")";
        }
    }

    private record ImageNetEval(int size) implements Augmentation {
        @Override
        public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
            checkOut(size, out, offset);
            int w = image.width(), h = image.height();
            double side = Math.min(w, h) * Augmentations.EVAL_CROP_FRACTION;
            resample(image, (w - side) / 2, (h - side) / 2, side, side, 0, w - 1, 0, h - 1,
                    false, size, normalizing(null, null), out, offset);
        }

        @Override
        public String describe() {
            return "imagenet-eval(" + size + ")";
        }
    }

    private record SmallTrain(int size) implements Augmentation {
        @Override
        public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
            checkOut(size, out, offset);
            if (image.width() != size || image.height() != size) {
                FloatImage f = Augmentations.resize(FloatImage.of(image), size, size);
                f = Augmentations.padCrop(f, SMALL_IMAGE_PAD, size, rng);
                f = Augmentations.randomFlip(f, FLIP_PROBABILITY, rng);
                System.arraycopy(Augmentations.normalize(f).data(), 0, out, offset, 3 * size * size);
                return;
            }
            // Same draws, same order as padCrop(rng) then randomFlip.
            int range = 2 * SMALL_IMAGE_PAD;
            int ox = rng.nextInt(range + 1) - SMALL_IMAGE_PAD, oy = rng.nextInt(range + 1) - SMALL_IMAGE_PAD;
            boolean flip = rng.nextDouble() < FLIP_PROBABILITY;
            float[] m = normalizing(null, null);
            byte[] p = image.pixels();
            int plane = size * size;
            for (int y = 0; y < size; y++) {
                int sy = y + oy, o = offset + y * size;
                boolean rowInside = sy >= 0 && sy < size;
                for (int x = 0; x < size; x++) {
                    int sx = (flip ? size - 1 - x : x) + ox;
                    float r = 0, g = 0, b = 0; // zero padding on the 0..255 scale
                    if (rowInside && sx >= 0 && sx < size) {
                        int i = (sy * size + sx) * 3;
                        r = p[i] & 0xFF;
                        g = p[i + 1] & 0xFF;
                        b = p[i + 2] & 0xFF;
                    }
                    out[o + x] = r * m[0] + m[3];
                    out[o + plane + x] = g * m[5] + m[7];
                    out[o + 2 * plane + x] = b * m[10] + m[11];
                }
            }
        }

        @Override
        public String describe() {
            return "small-image-train(" + size + ")";
        }
    }

    private record SmallEval(int size) implements Augmentation {
        @Override
        public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
            checkOut(size, out, offset);
            int w = image.width(), h = image.height();
            float[] m = normalizing(null, null);
            if (w != size || h != size) {
                resample(image, 0, 0, w, h, 0, w - 1, 0, h - 1, false, size, m, out, offset);
                return;
            }
            byte[] p = image.pixels();
            int plane = size * size;
            for (int i = 0; i < plane; i++) {
                out[offset + i] = (p[3 * i] & 0xFF) * m[0] + m[3];
                out[offset + plane + i] = (p[3 * i + 1] & 0xFF) * m[5] + m[7];
                out[offset + 2 * plane + i] = (p[3 * i + 2] & 0xFF) * m[10] + m[11];
            }
        }

        @Override
        public String describe() {
            return "small-image-eval(" + size + ")";
        }
    }

    private static void checkOut(int size, float[] out, int offset) {
        if (offset < 0 || offset > out.length - 3 * size * size) {
            throw new IllegalArgumentException("need " + (3 * size * size) + " floats at offset " + offset
                    + " of an array of " + out.length);
        }
    }

    /**
     * Row-major 3x4 affine map: normalize(colour @ rgb + light), with colour = identity and
     * light = 0 when null.
     */
    private static float[] normalizing(double[][] colour, double[] light) {
        float[] m = new float[12];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 3; k++) {
                double a = colour == null ? (c == k ? 1 : 0) : colour[c][k];
                m[4 * c + k] = (float) (a / Augmentations.STD[c]);
            }
            double l = light == null ? 0 : light[c];
            m[4 * c + 3] = (float) ((l - Augmentations.MEAN[c]) / Augmentations.STD[c]);
        }
        return m;
    }

    /**
     * Bilinear gather of the region [x0, x0 + w) x [y0, y0 + h) of the byte image into size x size,
     * at pixel centres with coordinates clamped to [loX, hiX] x [loY, hiY] (as
     * Augmentations.resample), optionally mirrored, then the affine map {@code m}, written CHW.
     */
    private static void resample(RgbImage img, double x0, double y0, double w, double h,
                                 int loX, int hiX, int loY, int hiY, boolean flip,
                                 int size, float[] m, float[] out, int offset) {
        int stride = 3 * img.width();
        int[] xa = new int[size], xb = new int[size], ya = new int[size], yb = new int[size];
        float[] xf = new float[size], yf = new float[size];
        for (int i = 0; i < size; i++) {
            double sx = Math.min(Math.max(x0 + (i + 0.5) * w / size - 0.5, loX), hiX);
            int x1 = (int) sx; // sx >= 0, so truncation is floor
            int j = flip ? size - 1 - i : i; // flip after resizing: output j shows column size-1-j
            xa[j] = 3 * x1;
            xb[j] = 3 * Math.min(x1 + 1, hiX);
            xf[j] = (float) (sx - x1);
            double sy = Math.min(Math.max(y0 + (i + 0.5) * h / size - 0.5, loY), hiY);
            int y1 = (int) sy;
            ya[i] = stride * y1;
            yb[i] = stride * Math.min(y1 + 1, hiY);
            yf[i] = (float) (sy - y1);
        }
        byte[] p = img.pixels();
        int plane = size * size;
        float m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5];
        float m6 = m[6], m7 = m[7], m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11];
        for (int y = 0; y < size; y++) {
            int ra = ya[y], rb = yb[y], o = offset + y * size;
            float fy = yf[y];
            for (int x = 0; x < size; x++) {
                int a = ra + xa[x], b = ra + xb[x], c = rb + xa[x], d = rb + xb[x];
                float fx = xf[x];
                float r = lerp2(p[a] & 0xFF, p[b] & 0xFF, p[c] & 0xFF, p[d] & 0xFF, fx, fy);
                float g = lerp2(p[a + 1] & 0xFF, p[b + 1] & 0xFF, p[c + 1] & 0xFF, p[d + 1] & 0xFF, fx, fy);
                float bl = lerp2(p[a + 2] & 0xFF, p[b + 2] & 0xFF, p[c + 2] & 0xFF, p[d + 2] & 0xFF, fx, fy);
                out[o + x] = m0 * r + m1 * g + m2 * bl + m3;
                out[o + plane + x] = m4 * r + m5 * g + m6 * bl + m7;
                out[o + 2 * plane + x] = m8 * r + m9 * g + m10 * bl + m11;
            }
        }
    }

    private static float lerp2(int a, int b, int c, int d, float fx, float fy) {
        float top = a + fx * (b - a);
        float bottom = c + fx * (d - c);
        return top + fy * (bottom - top);
    }
}
