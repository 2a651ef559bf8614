package org.bagoftricks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images of one size held decoded in memory, as one byte array (image after image, each
 * row-major RGB interleaved). CIFAR-10 in full is 150 MB this way, decoded once.
 *
 * <p>The set takes ownership of {@code pixels} (not copied, it may be 150 MB): callers must not
 * modify the array afterwards. Labels and classes are copied.
 */
public final class ArrayImageSet implements ImageSet {
    private final int width;
    private final int height;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classes;
    private final String description;

    public ArrayImageSet(int width, int height, byte[] pixels, int[] labels, List<String> classes, String description) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(description, "description");
        if (width <= 0 || height <= 0) {
            throw new DataException(description + ": image size must be positive, got " + width + "x" + height);
        }
        if (classes.isEmpty()) {
            throw new DataException(description + ": no classes given");
        }
        long expected = (long) labels.length * width * height * 3;
        if (pixels.length != expected) {
            throw new DataException(description + ": " + labels.length + " labels need " + expected
                    + " pixel bytes (" + width + "x" + height + " RGB each) but there are " + pixels.length
                    + "; the pixel data and the labels are out of step, regenerate the data");
        }
        int[] counts = new int[classes.size()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new DataException(description + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + classes.size() + "); the labels do not fit the " + classes.size()
                        + " classes, regenerate the data or pass the full class list");
            }
            counts[labels[i]]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new DataException(description + ": class " + c + " (" + classes.get(c)
                        + ") has no images; drop it with withClasses(...) or add images of it");
            }
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.labels = labels.clone();
        this.classes = List.copyOf(classes);
        this.description = description;
    }

    public int width() { return width; }

    public int height() { return height; }

    @Override public int size() { return labels.length; }

    @Override public int label(int index) { return labels[index]; }

    @Override public RgbImage image(int index) {
        Objects.checkIndex(index, labels.length);
        int n = width * height * 3;
        byte[] copy = new byte[n];
        System.arraycopy(pixels, index * n, copy, 0, n);
        return new RgbImage(width, height, copy);
    }

    @Override public List<String> classes() { return classes; }

    @Override public String description() { return description; }

    @Override public int[] perClassCounts() {
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (repeats allowed); the classes stay the same. */
    public ArrayImageSet subset(int[] indices) {
        int n = width * height * 3;
        byte[] px = new byte[Math.multiplyExact(indices.length, n)];
        int[] lab = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], labels.length);
            System.arraycopy(pixels, indices[i] * n, px, i * n, n);
            lab[i] = labels[indices[i]];
        }
        return new ArrayImageSet(width, height, px, lab, classes,
                description + ", subset of " + indices.length);
    }

    /**
     * Only the images of the classes in {@code keep}, relabelled 0..k-1 in the order of
     * {@code keep} (e.g. for a transfer experiment on a few classes). Image order is preserved.
     */
    public ArrayImageSet withClasses(List<Integer> keep) {
        int[] newLabel = new int[classes.size()];
        Arrays.fill(newLabel, -1);
        List<String> names = new ArrayList<>();
        for (int c : keep) {
            Objects.checkIndex(c, classes.size());
            if (newLabel[c] >= 0) {
                throw new IllegalArgumentException("class " + c + " is listed twice in " + keep);
            }
            newLabel[c] = names.size();
            names.add(classes.get(c));
        }
        int[] picked = new int[labels.length];
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (newLabel[labels[i]] >= 0) {
                picked[count++] = i;
            }
        }
        int n = width * height * 3;
        byte[] px = new byte[Math.multiplyExact(count, n)];
        int[] lab = new int[count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, picked[i] * n, px, i * n, n);
            lab[i] = newLabel[labels[picked[i]]];
        }
        return new ArrayImageSet(width, height, px, lab, names, description + ", classes " + names);
    }

    /** The raw pixel array, shared: for the cache writer only, never to be modified. */
    byte[] pixelsShared() { return pixels; }

    int[] labels() { return labels.clone(); }
}
