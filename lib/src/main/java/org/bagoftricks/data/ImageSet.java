package org.bagoftricks.data;

import java.util.List;

/**
 * A labelled collection of images with random access, so that loaders can shuffle and read
 * from several threads. Implementations are immutable and thread-safe.
 */
public interface ImageSet {
    int size();

    /** The class index of image {@code index}, in [0, classes().size()). */
    int label(int index);

    /** Image {@code index}, decoded. Safe to call from several threads. */
    RgbImage image(int index);

    /** Class names, indexed by label. */
    List<String> classes();

    /** A one-line description: where the images come from and how many there are. */
    String description();

    /** Number of images of each class, indexed by label. */
    default int[] perClassCounts() {
        int[] counts = new int[classes().size()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }
}
