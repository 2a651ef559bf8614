package org.bagoftricks.data;

import java.util.List;

/**
 * Images of one size held decoded in memory, as one byte array (image after image, each
 * row-major RGB interleaved). CIFAR-10 in full is 150 MB this way, decoded once.
 * STUB: the data helper completes this class.
 */
public final class ArrayImageSet implements ImageSet {
    private final int width;
    private final int height;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classes;
    private final String description;

    public ArrayImageSet(int width, int height, byte[] pixels, int[] labels, List<String> classes, String description) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.labels = labels;
        this.classes = List.copyOf(classes);
        this.description = description;
    }

    public int width() { return width; }

    public int height() { return height; }

    @Override public int size() { return labels.length; }

    @Override public int label(int index) { return labels[index]; }

    @Override public RgbImage image(int index) {
        int n = width * height * 3;
        byte[] copy = new byte[n];
        System.arraycopy(pixels, index * n, copy, 0, n);
        return new RgbImage(width, height, copy);
    }

    @Override public List<String> classes() { return classes; }

    @Override public String description() { return description; }
}
