package org.bagoftricks.data;

import java.util.SplittableRandom;

/**
 * Single-thread throughput of the fused pipelines (not a test; run with
 * {@code java -cp target/classes:target/test-classes org.bagoftricks.data.AugBench}).
 */
public final class AugBench {
    public static void main(String[] args) {
        SplittableRandom rng = new SplittableRandom(42);
        byte[] big = new byte[500 * 375 * 3], small = new byte[32 * 32 * 3];
        rng.nextBytes(big);
        rng.nextBytes(small);
        measure(AugmentPreset.IMAGENET.train(224), new RgbImage(500, 375, big), rng, 2.0);
        measure(AugmentPreset.IMAGENET.eval(224), new RgbImage(500, 375, big), rng, 2.0);
        measure(AugmentPreset.SMALL_IMAGE.train(32), new RgbImage(32, 32, small), rng, 2.0);
        measure(AugmentPreset.SMALL_IMAGE.eval(32), new RgbImage(32, 32, small), rng, 2.0);
    }

    private static void measure(Augmentation aug, RgbImage img, SplittableRandom rng, double seconds) {
        float[] out = new float[3 * aug.size() * aug.size()];
        for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; ) {
            aug.apply(img, rng, out, 0); // warm-up
        }
        long n = 0, start = System.nanoTime(), stop = start + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            for (int i = 0; i < 16; i++) {
                aug.apply(img, rng, out, 0);
            }
            n += 16;
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("%-24s %dx%d  %,.0f images/s  (checksum %.3f)%n", aug.describe(), img.width(), img.height(),
                rate, out[out.length / 2]);
    }
}
