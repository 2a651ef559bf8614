package org.bagoftricks.training;

import java.util.List;
import java.util.SplittableRandom;
import org.bagoftricks.data.ArrayImageSet;
import org.bagoftricks.data.Dataset;

/** A learnable toy dataset for loop tests: class k is noise with colour channel k % 3 raised (k >= 3: all channels). */
public final class SyntheticData {
    private SyntheticData() {}

    public static Dataset colours(int classes, int trainPerClass, int testPerClass, int side, long seed) {
        return new Dataset("synthetic-colours", set(classes, trainPerClass, side, seed, "train"),
                set(classes, testPerClass, side, seed + 1, "test"));
    }

    private static ArrayImageSet set(int classes, int perClass, int side, long seed, String split) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = classes * perClass;
        byte[] px = new byte[n * side * side * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = k;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    for (int c = 0; c < 3; c++) {
                        int v = 60 + rng.nextInt(60) + (k % 3 == c || k >= 3 ? 100 : 0);
                        px[((i * side + y) * side + x) * 3 + c] = (byte) Math.min(255, v);
                    }
                }
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(k -> "colour" + k).toList();
        return new ArrayImageSet(side, side, px, labels, names, "synthetic " + split + " " + n);
    }
}
