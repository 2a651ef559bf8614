package org.bagoftricks.data;

import java.util.Objects;

/**
 * A float RGB image stored channel-first: plane {@code c} holds row-major values, so channel
 * {@code c} of pixel (x, y) is {@code data[(c * height + y) * width + x]}. Values are on the 0..255
 * scale until {@link Augmentations#normalize} (paper §2 step 1: 32-bit floats in [0, 255]).
 * Treat {@code data} as read-only: every operation in {@link Augmentations} returns a new image.
 */
public record FloatImage(int width, int height, float[] data) {
    public FloatImage {
        Objects.requireNonNull(data, "data");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (data.length != 3 * width * height) {
            throw new IllegalArgumentException("expected " + (3 * width * height) + " floats for a "
                    + width + "x" + height + " image, got " + data.length);
        }
    }

    /** The image's pixels as floats in [0, 255]. */
    public static FloatImage of(RgbImage image) {
        int w = image.width(), h = image.height(), plane = w * h;
        byte[] p = image.pixels();
        float[] d = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            d[i] = p[3 * i] & 0xFF;
            d[plane + i] = p[3 * i + 1] & 0xFF;
            d[2 * plane + i] = p[3 * i + 2] & 0xFF;
        }
        return new FloatImage(w, h, d);
    }

    /** Channel {@code c} of pixel (x, y). */
    public float get(int x, int y, int c) {
        return data[(c * height + y) * width + x];
    }

    /** For display: rounds and clamps each value to 0..255 (meaningful before normalization). */
    public RgbImage toRgb() {
        int plane = width * height;
        byte[] p = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                p[3 * i + c] = (byte) Math.min(255, Math.max(0, Math.round(data[c * plane + i])));
            }
        }
        return new RgbImage(width, height, p);
    }
}
