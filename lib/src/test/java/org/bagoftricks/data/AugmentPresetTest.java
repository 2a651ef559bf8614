package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AugmentPresetTest {
    private static final double[] MEAN = {123.68, 116.779, 103.939};
    private static final double[] STD = {58.393, 57.12, 57.375};

    static RgbImage randomImage(int w, int h, long seed) {
        byte[] p = new byte[w * h * 3];
        new SplittableRandom(seed).nextBytes(p);
        return new RgbImage(w, h, p);
    }

    static float[] run(Augmentation aug, RgbImage img, long seed) {
        int n = 3 * aug.size() * aug.size();
        float[] out = new float[n];
        aug.apply(img, new SplittableRandom(seed), out, 0);
        return out;
    }

    @Test
    void pipelinesWriteExactlyTheirOutput() {
        RgbImage img = randomImage(50, 37, 1);
        for (Augmentation aug : new Augmentation[] {AugmentPreset.IMAGENET.train(24), AugmentPreset.IMAGENET.eval(24),
                AugmentPreset.SMALL_IMAGE.train(24), AugmentPreset.SMALL_IMAGE.eval(24),
                AugmentPreset.SMALL_IMAGE.train(50)}) {
            int n = 3 * aug.size() * aug.size(), offset = 7;
            float[] out = new float[n + 20];
            Arrays.fill(out, Float.NaN);
            aug.apply(img, new SplittableRandom(2), out, offset);
            for (int i = 0; i < out.length; i++) {
                boolean inside = i >= offset && i < offset + n;
                assertEquals(inside, !Float.isNaN(out[i]), aug.describe() + " index " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> aug.apply(img, new SplittableRandom(2), new float[n + 6], 7));
        }
    }

    @Test
    void trainingIsDeterministicPerSeedAndVariesAcrossSeeds() {
        RgbImage big = randomImage(120, 90, 3), small = randomImage(32, 32, 4);
        for (Augmentation aug : new Augmentation[] {AugmentPreset.IMAGENET.train(32), AugmentPreset.SMALL_IMAGE.train(32)}) {
            RgbImage img = aug.describe().startsWith("imagenet") ? big : small;
            assertArrayEquals(run(aug, img, 5), run(aug, img, 5));
            assertFalse(Arrays.equals(run(aug, img, 5), run(aug, img, 6)), aug.describe());
        }
        for (Augmentation aug : new Augmentation[] {AugmentPreset.IMAGENET.eval(32), AugmentPreset.SMALL_IMAGE.eval(32)}) {
            assertArrayEquals(run(aug, big, 5), run(aug, big, 6)); // eval ignores rng
        }
    }

    /** The fused pipelines must equal the composition of the public steps under the same draws. */
    @Test
    void imagenetTrainEqualsComposedSteps() {
        Augmentation aug = AugmentPreset.IMAGENET.train(40);
        RgbImage[] images = {randomImage(100, 75, 7), randomImage(60, 90, 8), randomImage(400, 6, 9), randomImage(40, 40, 10)};
        for (RgbImage img : images) {
            for (long seed = 0; seed < 12; seed++) {
                SplittableRandom rng = new SplittableRandom(seed);
                FloatImage f = Augmentations.randomResizedCrop(FloatImage.of(img), 40, rng);
                f = Augmentations.randomFlip(f, 0.5, rng);
                f = Augmentations.colorJitter(f, rng);
                f = Augmentations.lighting(f, rng);
                f = Augmentations.normalize(f);
                assertArrayEquals(f.data(), run(aug, img, seed), 1e-3f, img.width() + "x" + img.height() + " seed " + seed);
            }
        }
    }

    @Test
    void smallImageTrainEqualsComposedSteps() {
        for (int side : new int[] {32, 20}) { // 20: resized to 32 first
            RgbImage img = randomImage(side, side, 11);
            Augmentation aug = AugmentPreset.SMALL_IMAGE.train(32);
            for (long seed = 0; seed < 20; seed++) {
                SplittableRandom rng = new SplittableRandom(seed);
                FloatImage f = Augmentations.resize(FloatImage.of(img), 32, 32);
                f = Augmentations.padCrop(f, 4, 32, rng);
                f = Augmentations.randomFlip(f, 0.5, rng);
                f = Augmentations.normalize(f);
                assertArrayEquals(f.data(), run(aug, img, seed), 1e-4f, "seed " + seed);
            }
        }
    }

    @Test
    void evalPipelinesEqualComposedSteps() {
        for (RgbImage img : new RgbImage[] {randomImage(500, 375, 12), randomImage(32, 32, 13), randomImage(31, 45, 14)}) {
            FloatImage f = FloatImage.of(img);
            assertArrayEquals(Augmentations.normalize(Augmentations.centerCropResize(f, 32)).data(),
                    run(AugmentPreset.IMAGENET.eval(32), img, 0), 1e-4f);
            assertArrayEquals(Augmentations.normalize(Augmentations.resize(f, 32, 32)).data(),
                    run(AugmentPreset.SMALL_IMAGE.eval(32), img, 0), 1e-4f);
        }
        // a 32x32 image under SMALL_IMAGE eval: only normalized, pixel by pixel
        RgbImage img = randomImage(32, 32, 15);
        float[] out = run(AugmentPreset.SMALL_IMAGE.eval(32), img, 0);
        for (int c = 0; c < 3; c++) {
            assertEquals((img.get(5, 9, c) - MEAN[c]) / STD[c], out[c * 1024 + 9 * 32 + 5], 1e-5);
        }
    }

    @Test
    void imagenetTrainFlipsAboutHalfTheTime() {
        // A grey left-to-right ramp: after any crop the output's left column is darker than its right
        // unless flipped.
        byte[] p = new byte[64 * 48 * 3];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                Arrays.fill(p, (y * 64 + x) * 3, (y * 64 + x) * 3 + 3, (byte) (4 * x));
            }
        }
        RgbImage ramp = new RgbImage(64, 48, p);
        Augmentation aug = AugmentPreset.IMAGENET.train(16);
        SplittableRandom rng = new SplittableRandom(16);
        float[] out = new float[3 * 16 * 16];
        int flipped = 0, n = 2000;
        for (int i = 0; i < n; i++) {
            aug.apply(ramp, rng, out, 0);
            // grey is fixed by hue and saturation; brightness (> 0) and PCA noise (a constant) keep
            // the order of grey levels, so the sum over channels tells the two columns apart
            double left = 0, right = 0;
            for (int c = 0; c < 3; c++) {
                left += out[c * 256 + 8 * 16] * STD[c];
                right += out[c * 256 + 8 * 16 + 15] * STD[c];
            }
            flipped += left > right ? 1 : 0;
        }
        assertTrue(Math.abs(flipped - 1000) < 110, "flipped " + flipped);
    }

    @Test
    void smallImagePadsWithZerosOnlyPastTheBorder() {
        // a white image: padded pixels are 0 (normalized -mean/std), real ones 255
        byte[] white = new byte[32 * 32 * 3];
        Arrays.fill(white, (byte) 255);
        RgbImage img = new RgbImage(32, 32, white);
        Augmentation aug = AugmentPreset.SMALL_IMAGE.train(32);
        SplittableRandom rng = new SplittableRandom(17);
        float[] out = new float[3 * 1024];
        int padded = 0;
        for (int i = 0; i < 300; i++) {
            aug.apply(img, rng, out, 0);
            boolean[][] zero = new boolean[32][32];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    for (int c = 0; c < 3; c++) {
                        double v = out[c * 1024 + y * 32 + x];
                        boolean z = Math.abs(v + MEAN[c] / STD[c]) < 1e-5;
                        assertTrue(z || Math.abs(v - (255 - MEAN[c]) / STD[c]) < 1e-5, "value " + v);
                        if (c == 0) {
                            zero[y][x] = z;
                        } else {
                            assertEquals(zero[y][x], z);
                        }
                    }
                }
            }
            // the zeros must be exactly the pixels outside the image for some shift (dx, dy) in [-4, 4]
            int dx = shift(zero, true), dy = shift(zero, false);
            assertTrue(Math.abs(dx) <= 4 && Math.abs(dy) <= 4, dx + "," + dy);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean outside = x + dx < 0 || x + dx >= 32 || y + dy < 0 || y + dy >= 32;
                    assertEquals(outside, zero[y][x], "shift " + dx + "," + dy + " at " + x + "," + y);
                }
            }
            padded += dx != 0 || dy != 0 ? 1 : 0;
        }
        // 1/81 of the draws have no shift
        assertTrue(padded > 250 && padded < 300, "padded " + padded);
    }

    /** The shift implied by a zero border: columns (or rows) that are all zero on one side. */
    private static int shift(boolean[][] zero, boolean columns) {
        int lead = 0, trail = 0;
        while (lead < 32 && allZero(zero, lead, columns)) {
            lead++;
        }
        while (trail < 32 && allZero(zero, 31 - trail, columns)) {
            trail++;
        }
        return trail - lead;
    }

    private static boolean allZero(boolean[][] zero, int line, boolean column) {
        for (int i = 0; i < 32; i++) {
            if (!(column ? zero[i][line] : zero[line][i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void applyIsThreadSafe() throws Exception {
        Augmentation aug = AugmentPreset.IMAGENET.train(24);
        RgbImage img = randomImage(80, 60, 18);
        float[][] expected = new float[40][];
        for (int i = 0; i < 40; i++) {
            expected[i] = run(aug, img, i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] futures = new Future<?>[40];
            for (int i = 0; i < 40; i++) {
                int seed = i;
                futures[i] = pool.submit(() -> assertArrayEquals(expected[seed], run(aug, img, seed)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void describeSizeAndBadArguments() {
        assertEquals("imagenet-train(224)", AugmentPreset.IMAGENET.train(224).describe());
        assertEquals("imagenet-eval(224)", AugmentPreset.IMAGENET.eval(224).describe());
        assertEquals("small-image-train(32)", AugmentPreset.SMALL_IMAGE.train(32).describe());
        assertEquals("small-image-eval(32)", AugmentPreset.SMALL_IMAGE.eval(32).describe());
        assertEquals(224, AugmentPreset.IMAGENET.train(224).size());
        for (AugmentPreset preset : AugmentPreset.values()) {
            assertThrows(IllegalArgumentException.class, () -> preset.train(0));
            assertThrows(IllegalArgumentException.class, () -> preset.eval(-3));
        }
    }
}
