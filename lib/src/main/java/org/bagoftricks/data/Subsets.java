package org.bagoftricks.data;

import java.util.List;
import java.util.Objects;

/**
 * Class-balanced subsets: the first images of each class, in the set's own order. Used for runs
 * sized to a budget (a 20,000-image CIFAR-10 run on a CPU, a seconds-long smoke run in CI).
 */
public final class Subsets {
    private Subsets() {}

    /**
     * {@code n} images of {@code set}, as evenly spread over the classes as {@code n} allows (the
     * first classes get one more when it does not divide), each class's first images in order, the
     * set's order kept. All of the set when {@code n} is at least its size.
     *
     * @throws IllegalArgumentException if {@code n < 1}, or a class has too few images for its share
     */
    public static ImageSet balanced(ImageSet set, int n) {
        Objects.requireNonNull(set, "set");
        if (n < 1) {
            throw new IllegalArgumentException("a subset needs at least 1 image, got " + n);
        }
        if (n >= set.size()) {
            return set;
        }
        int k = set.classes().size();
        int[] quota = new int[k];
        for (int c = 0; c < k; c++) {
            quota[c] = n / k + (c < n % k ? 1 : 0);
        }
        int[] available = set.perClassCounts();
        for (int c = 0; c < k; c++) {
            if (available[c] < quota[c]) {
                throw new IllegalArgumentException("class " + c + " (" + set.classes().get(c) + ") has "
                        + available[c] + " images, fewer than its share " + quota[c] + " of a balanced subset of " + n
                        + ": choose a smaller subset");
            }
        }
        int[] picked = new int[n];
        int count = 0;
        for (int i = 0; i < set.size() && count < n; i++) {
            int label = set.label(i);
            if (quota[label] > 0) {
                quota[label]--;
                picked[count++] = i;
            }
        }
        if (set instanceof ArrayImageSet a) {
            return a.subset(picked);
        }
        return new View(set, picked);
    }

    /**
     * {@code data} with at most {@code trainImages} training and {@code testImages} test images
     * (balanced, see {@link #balanced}); 0 keeps a split whole. The name records the sizes, e.g.
     * "cifar10[20000/10000]", so results say what they were trained on.
     */
    public static Dataset of(Dataset data, int trainImages, int testImages) {
        if (trainImages < 0 || testImages < 0) {
            throw new IllegalArgumentException("subset sizes must be >= 0 (0 = all), got " + trainImages + " and "
                    + testImages);
        }
        if (trainImages == 0 && testImages == 0) {
            return data;
        }
        ImageSet train = trainImages == 0 ? data.train() : balanced(data.train(), trainImages);
        ImageSet test = testImages == 0 ? data.test() : balanced(data.test(), testImages);
        return new Dataset(data.name() + "[" + train.size() + "/" + test.size() + "]", train, test);
    }

    /** A subset of a set that cannot copy itself (image folders): indices into the original. */
    private record View(ImageSet source, int[] indices) implements ImageSet {
        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public int label(int index) {
            return source.label(indices[index]);
        }

        @Override
        public RgbImage image(int index) {
            return source.image(indices[index]);
        }

        @Override
        public List<String> classes() {
            return source.classes();
        }

        @Override
        public String description() {
            return source.description() + ", subset of " + indices.length;
        }
    }

}
