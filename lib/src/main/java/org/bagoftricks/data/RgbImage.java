package org.bagoftricks.data;

import java.util.Objects;

/**
 * An 8-bit RGB image, stored row by row with the three channels interleaved
 * ({@code pixels[(y * width + x) * 3 + c]}), as decoders and PNG sprites deliver it.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " bytes for a "
                    + width + "x" + height + " RGB image, got " + pixels.length);
        }
    }

    /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), in [0, 255]. */
    public int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xFF;
    }
}
