package org.bagoftricks.data;

import java.util.SplittableRandom;

/**
 * Turns an image into a normalized, fixed-size, channel-first float tensor: the input of a
 * model. Training augmentations draw from {@code rng}; evaluation ones ignore it.
 * Implementations are immutable and thread-safe (all randomness comes from {@code rng}).
 */
public interface Augmentation {
    /** Side of the square output, in pixels. */
    int size();

    /** Writes {@code 3 * size() * size()} floats (CHW, normalized) into {@code out} at {@code offset}. */
    void apply(RgbImage image, SplittableRandom rng, float[] out, int offset);

    /** A short description for recipes and reports, e.g. "imagenet-train(224)". */
    String describe();
}
