package org.bagoftricks.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Helpers shared by the data tests: synthetic sets, trivial augmentations, PNG and tar writers. */
final class TestData {
    private TestData() {}

    /**
     * {@code n} images of side x side; image i stores i in its first two bytes (so batches reveal
     * which sample they hold) and label i % classes.
     */
    static ArrayImageSet indexed(int n, int side, int classes) {
        int size = side * side * 3;
        byte[] px = new byte[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            px[i * size] = (byte) (i & 0xFF);
            px[i * size + 1] = (byte) (i >> 8);
            for (int k = 2; k < size; k++) {
                px[i * size + k] = (byte) (i * 31 + k * 7);
            }
            labels[i] = i % classes;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ArrayImageSet(side, side, px, labels, names, "indexed test set");
    }

    /** The index stored by {@link #indexed} in image {@code k} of a batch made by {@link Scale}. */
    static int sampleIndex(Batch batch, int k) {
        int stride = 3 * batch.side() * batch.side();
        // pixel (0,0) red is image byte 0 and pixel (0,0) green is byte 1: CHW offsets 0 and side*side.
        int lo = Math.round(batch.images()[k * stride]);
        int hi = Math.round(batch.images()[k * stride + batch.side() * batch.side()]);
        return lo | hi << 8;
    }

    /** Bytes to floats in CHW, unnormalized; {@code noise} adds rng draws so that randomness is visible. */
    record Scale(int size, boolean noise) implements Augmentation {
        @Override public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
            int plane = size * size;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        boolean indexByte = x == 0 && y == 0 && c < 2; // kept exact for sampleIndex
                        out[offset + c * plane + y * size + x] = image.get(x, y, c)
                                + (noise && !indexByte ? (float) rng.nextDouble() : 0f);
                    }
                }
            }
        }

        @Override public String describe() { return "scale(" + size + ")"; }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** A PNG written by ImageIO (not by the code under test) from row-major RGB bytes. */
    static byte[] png(int width, int height, byte[] rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                image.setRGB(x, y, (rgb[o] & 0xFF) << 16 | (rgb[o + 1] & 0xFF) << 8 | (rgb[o + 2] & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A .tgz holding {@code package/<name>} for each entry, in ustar format. */
    static void tgz(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] h = new byte[512];
                put(h, 0, "package/" + e.getKey());
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format("%011o", e.getValue().length));
                put(h, 136, "00000000000");
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                for (int i = 148; i < 156; i++) {
                    h[i] = ' ';
                }
                long sum = 0;
                for (byte b : h) {
                    sum += b & 0xFF;
                }
                put(h, 148, String.format("%06o", sum));
                out.write(h);
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }
}
