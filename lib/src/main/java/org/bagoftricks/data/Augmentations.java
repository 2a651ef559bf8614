package org.bagoftricks.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The steps of the paper's §2 training pipeline (He et al., "Bag of Tricks", CVPR 2019) and of its
 * validation transform, one by one on {@link FloatImage}s: each returns a new image and leaves its
 * input alone. {@link AugmentPreset} composes the same steps, fused into one pass over the bytes;
 * these slower pieces serve tests and notebooks.
 *
 * <p>Choices the paper leaves open, following its reference implementation (GluonCV/MXNet) or
 * torchvision:
 * <ul>
 *   <li>Crop aspect ratio w/h is drawn log-uniform in [3/4, 4/3] (torchvision's RandomResizedCrop:
 *       ratios r and 1/r equally likely); area uniform in [8%, 100%]; 10 attempts, then
 *       torchvision's centre-crop fallback.</li>
 *   <li>Bilinear resampling samples at pixel centres ({@code src = (dst + 0.5) * scale - 0.5},
 *       clamped to the region's edge pixels, as OpenCV's INTER_LINEAR that MXNet uses), with no
 *       antialiasing.</li>
 *   <li>"Scaling hue" by c in [0.6, 1.4] is MXNet's HueJitterAug: rotate (I, Q) in YIQ space by
 *       (c - 1) * pi, i.e. a uniform angle in [-0.4 pi, 0.4 pi]. MXNet's 3-decimal YIQ matrices are not
 *       exact inverses (a zero rotation scales by 0.9998 and tints grey); we use the 4-decimal FCC
 *       rows, whose I and Q rows sum to 0, and their exact inverse, so grey is a fixed point.
 *       (GluonCV's train_imagenet.py itself jitters brightness, contrast and saturation by 0.4 and
 *       no hue; we follow the paper's text: hue, saturation, brightness.)</li>
 *   <li>No clipping anywhere between steps: pixels stay 32-bit floats (paper §2 step 1) and MXNet's
 *       float augmenters (BrightnessJitterAug, SaturationJitterAug, HueJitterAug, LightingAug)
 *       do not clip either; only its uint8 code paths saturate. A consequence: brightness, saturation
 *       and hue are linear maps that commute (hue keeps luma and fixes grey, saturation blends with
 *       that same luma), so MXNet's random order changes nothing; it is still drawn, for fidelity.</li>
 * </ul>
 */
public final class Augmentations {
    private Augmentations() {
    }

    static final double MIN_AREA = 0.08, MAX_AREA = 1.0;
    static final double MIN_RATIO = 3.0 / 4.0, MAX_RATIO = 4.0 / 3.0;
    static final int CROP_ATTEMPTS = 10;
    /** Colour coefficients are uniform in [1 - JITTER, 1 + JITTER] = [0.6, 1.4]. */
    static final double JITTER = 0.4;
    static final double LIGHTING_STD = 0.1;
    /** ImageNet RGB PCA on the 0..255 scale (AlexNet; GluonCV/MXNet LightingAug). */
    static final double[] EIGVAL = {55.46, 4.794, 1.148};
    /** Rows R, G, B; column k is the k-th eigenvector. */
    static final double[][] EIGVEC = {
            {-0.5675, 0.7192, 0.4009},
            {-0.5808, -0.0045, -0.8140},
            {-0.5836, -0.6948, 0.4203}};
    static final double[] MEAN = {123.68, 116.779, 103.939};
    static final double[] STD = {58.393, 57.12, 57.375};
    /** Luma weights used by MXNet's saturation jitter. */
    static final double[] GREY = {0.299, 0.587, 0.114};
    static final double[][] RGB_TO_YIQ = {
            {0.299, 0.587, 0.114},
            {0.5959, -0.2746, -0.3213},
            {0.2115, -0.5227, 0.3112}};
    static final double[][] YIQ_TO_RGB = invert(RGB_TO_YIQ);
    /** Validation keeps the central 224/256 of the shorter side (resize to 256, crop 224). */
    static final double EVAL_CROP_FRACTION = 224.0 / 256.0;

    /** An integer crop rectangle in source pixels. */
    public record CropBox(int x, int y, int width, int height) {
        public CropBox {
            if (x < 0 || y < 0 || width <= 0 || height <= 0) {
                throw new IllegalArgumentException("bad crop box " + x + "," + y + " " + width + "x" + height);
            }
        }

        public double ratio() {
            return (double) width / height;
        }

        public long area() {
            return (long) width * height;
        }
    }

    /** The colour steps that {@link ColorJitter} applies in random order. */
    public enum ColorStep { BRIGHTNESS, SATURATION, HUE }

    /** Drawn colour-jitter parameters: three coefficients in [0.6, 1.4] and the order of the steps. */
    public record ColorJitter(double brightness, double saturation, double hue, List<ColorStep> order) {
        public ColorJitter {
            order = List.copyOf(order);
            if (order.size() != 3 || Set.copyOf(order).size() != 3) {
                throw new IllegalArgumentException("order must list each colour step once: " + order);
            }
        }

        /** Coefficients uniform in [0.6, 1.4], order shuffled (MXNet's RandomOrderAug). */
        public static ColorJitter sample(SplittableRandom rng) {
            List<ColorStep> order = new ArrayList<>(List.of(ColorStep.values()));
            for (int i = order.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                order.set(j, order.set(i, order.get(j)));
            }
            double b = rng.nextDouble(1 - JITTER, 1 + JITTER);
            double s = rng.nextDouble(1 - JITTER, 1 + JITTER);
            double h = rng.nextDouble(1 - JITTER, 1 + JITTER);
            return new ColorJitter(b, s, h, order);
        }

        /** The whole jitter as one 3x3 matrix on RGB column vectors (every step is linear). */
        public double[][] matrix() {
            double[][] m = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            for (ColorStep step : order) {
                double[][] s = switch (step) {
                    case BRIGHTNESS -> brightnessMatrix(brightness);
                    case SATURATION -> saturationMatrix(saturation);
                    case HUE -> hueMatrix(hue);
                };
                m = multiply(s, m);
            }
            return m;
        }
    }

    // ---- random resized crop -------------------------------------------------------------------

    /** Samples a crop box as torchvision's RandomResizedCrop.get_params with scale (0.08, 1), ratio (3/4, 4/3). */
    public static CropBox sampleCropBox(int width, int height, SplittableRandom rng) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        double area = (double) width * height;
        double logMin = Math.log(MIN_RATIO), logMax = Math.log(MAX_RATIO);
        for (int attempt = 0; attempt < CROP_ATTEMPTS; attempt++) {
            double target = area * rng.nextDouble(MIN_AREA, MAX_AREA);
            double ratio = Math.exp(rng.nextDouble(logMin, logMax));
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int y = rng.nextInt(height - h + 1);
                int x = rng.nextInt(width - w + 1);
                return new CropBox(x, y, w, h);
            }
        }
        // torchvision's fallback: the largest centred box whose ratio is clamped to the range
        double inRatio = (double) width / height;
        int w = width, h = height;
        if (inRatio < MIN_RATIO) {
            h = (int) Math.round(w / MIN_RATIO);
        } else if (inRatio > MAX_RATIO) {
            w = (int) Math.round(h * MAX_RATIO);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }

    /** Crops {@code box} and resizes it to size x size, bilinear. */
    public static FloatImage resizedCrop(FloatImage img, CropBox box, int size) {
        checkSize(size);
        if (box.x() + box.width() > img.width() || box.y() + box.height() > img.height()) {
            throw new IllegalArgumentException(box + " exceeds the " + img.width() + "x" + img.height() + " image");
        }
        return resample(img, box.x(), box.y(), box.width(), box.height(),
                box.x(), box.x() + box.width() - 1, box.y(), box.y() + box.height() - 1, size, size);
    }

    /** Paper §2 step 2: a random crop (see {@link #sampleCropBox}) resized to size x size. */
    public static FloatImage randomResizedCrop(FloatImage img, int size, SplittableRandom rng) {
        checkSize(size);
        return resizedCrop(img, sampleCropBox(img.width(), img.height(), rng), size);
    }

    /** Bilinear resize of the whole image (aspect not kept); same size gives an identical copy. */
    public static FloatImage resize(FloatImage img, int width, int height) {
        checkSize(width);
        checkSize(height);
        return resample(img, 0, 0, img.width(), img.height(), 0, img.width() - 1, 0, img.height() - 1,
                width, height);
    }

    /**
     * Validation transform: the central square of side {@code shorter * 224 / 256} resized to
     * size x size in one bilinear resampling. This is "resize the shorter side to size * 256 / 224,
     * centre-crop size" done exactly, without rounding the intermediate size (a 32-pixel image keeps
     * its central 28 pixels, stretched back to 32).
     */
    public static FloatImage centerCropResize(FloatImage img, int size) {
        checkSize(size);
        double side = Math.min(img.width(), img.height()) * EVAL_CROP_FRACTION;
        return resample(img, (img.width() - side) / 2, (img.height() - side) / 2, side, side,
                0, img.width() - 1, 0, img.height() - 1, size, size);
    }

    /**
     * Samples the region [x0, x0 + w) x [y0, y0 + h) onto outW x outH pixels, bilinear at pixel
     * centres; source coordinates are clamped to [loX, hiX] x [loY, hiY].
     */
    private static FloatImage resample(FloatImage img, double x0, double y0, double w, double h,
                                       int loX, int hiX, int loY, int hiY, int outW, int outH) {
        int iw = img.width(), ih = img.height();
        float[] src = img.data(), dst = new float[3 * outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            double sy = Math.min(Math.max(y0 + (oy + 0.5) * h / outH - 0.5, loY), hiY);
            int y1 = (int) Math.floor(sy), y2 = Math.min(y1 + 1, hiY);
            double fy = sy - y1;
            for (int ox = 0; ox < outW; ox++) {
                double sx = Math.min(Math.max(x0 + (ox + 0.5) * w / outW - 0.5, loX), hiX);
                int x1 = (int) Math.floor(sx), x2 = Math.min(x1 + 1, hiX);
                double fx = sx - x1;
                for (int c = 0; c < 3; c++) {
                    int p = c * ih;
                    double v = (1 - fx) * (1 - fy) * src[(p + y1) * iw + x1] + fx * (1 - fy) * src[(p + y1) * iw + x2]
                            + (1 - fx) * fy * src[(p + y2) * iw + x1] + fx * fy * src[(p + y2) * iw + x2];
                    dst[(c * outH + oy) * outW + ox] = (float) v;
                }
            }
        }
        return new FloatImage(outW, outH, dst);
    }

    // ---- flip ------------------------------------------------------------------------------------

    /** Mirrors left-right: pixel (x, y) moves to (width - 1 - x, y). */
    public static FloatImage flip(FloatImage img) {
        int w = img.width(), rows = 3 * img.height();
        float[] src = img.data(), dst = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < w; x++) {
                dst[r * w + x] = src[r * w + w - 1 - x];
            }
        }
        return new FloatImage(w, img.height(), dst);
    }

    /** Flips with probability {@code p} (paper §2 step 3: p = 0.5); always draws one double. */
    public static FloatImage randomFlip(FloatImage img, double p, SplittableRandom rng) {
        checkProbability(p);
        return rng.nextDouble() < p ? flip(img) : img;
    }

    // ---- colour ----------------------------------------------------------------------------------

    /** Multiplies every value by {@code c} (MXNet BrightnessJitterAug). */
    public static FloatImage brightness(FloatImage img, double c) {
        return applyMatrix(img, brightnessMatrix(c), null);
    }

    /** Blends each pixel with its grey value: grey + c (x - grey) (MXNet SaturationJitterAug). */
    public static FloatImage saturation(FloatImage img, double c) {
        int plane = img.width() * img.height();
        float[] s = img.data(), d = new float[s.length];
        for (int i = 0; i < plane; i++) {
            double grey = GREY[0] * s[i] + GREY[1] * s[plane + i] + GREY[2] * s[2 * plane + i];
            for (int ch = 0; ch < 3; ch++) {
                d[ch * plane + i] = (float) (grey + c * (s[ch * plane + i] - grey));
            }
        }
        return new FloatImage(img.width(), img.height(), d);
    }

    /** Rotates hue by (c - 1) * pi in YIQ space (MXNet HueJitterAug; c = 1 is the identity). */
    public static FloatImage hue(FloatImage img, double c) {
        return applyMatrix(img, hueMatrix(c), null);
    }

    /** Brightness, saturation and hue in the drawn order (paper §2 step 4). */
    public static FloatImage colorJitter(FloatImage img, ColorJitter jitter) {
        FloatImage out = img;
        for (ColorStep step : jitter.order()) {
            out = switch (step) {
                case BRIGHTNESS -> brightness(out, jitter.brightness());
                case SATURATION -> saturation(out, jitter.saturation());
                case HUE -> hue(out, jitter.hue());
            };
        }
        return out;
    }

    public static FloatImage colorJitter(FloatImage img, SplittableRandom rng) {
        return colorJitter(img, ColorJitter.sample(rng));
    }

    static double[][] brightnessMatrix(double c) {
        return new double[][] {{c, 0, 0}, {0, c, 0}, {0, 0, c}};
    }

    static double[][] saturationMatrix(double c) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = (1 - c) * GREY[j] + (i == j ? c : 0);
            }
        }
        return m;
    }

    static double[][] hueMatrix(double c) {
        double angle = (c - 1) * Math.PI, u = Math.cos(angle), w = Math.sin(angle);
        double[][] rot = {{1, 0, 0}, {0, u, -w}, {0, w, u}};
        return multiply(YIQ_TO_RGB, multiply(rot, RGB_TO_YIQ));
    }

    // ---- PCA lighting ----------------------------------------------------------------------------

    /** Three independent N(0, 0.1) coefficients, one per principal component. */
    public static double[] sampleLightingAlpha(SplittableRandom rng) {
        return new double[] {LIGHTING_STD * rng.nextGaussian(), LIGHTING_STD * rng.nextGaussian(),
                LIGHTING_STD * rng.nextGaussian()};
    }

    /** Adds eigvec @ (alpha * eigval) to every pixel (AlexNet lighting; MXNet LightingAug). */
    public static FloatImage lighting(FloatImage img, double[] alpha) {
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        return applyMatrix(img, identity, lightingOffset(alpha));
    }

    public static FloatImage lighting(FloatImage img, SplittableRandom rng) {
        return lighting(img, sampleLightingAlpha(rng));
    }

    static double[] lightingOffset(double[] alpha) {
        if (alpha.length != 3) {
            throw new IllegalArgumentException("need 3 lighting coefficients, got " + alpha.length);
        }
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                rgb[i] += EIGVEC[i][k] * alpha[k] * EIGVAL[k];
            }
        }
        return rgb;
    }

    // ---- normalization, padding ------------------------------------------------------------------

    /** (x - mean) / std per channel with the ImageNet statistics (paper §2 step 6). */
    public static FloatImage normalize(FloatImage img) {
        int plane = img.width() * img.height();
        float[] s = img.data(), d = new float[s.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                d[c * plane + i] = (float) ((s[c * plane + i] - MEAN[c]) / STD[c]);
            }
        }
        return new FloatImage(img.width(), img.height(), d);
    }

    /**
     * Pads {@code pad} zero pixels on each side and crops size x size with its top-left corner at
     * (x, y) of the padded image (CIFAR-style augmentation; zero is black on the 0..255 scale).
     */
    public static FloatImage padCrop(FloatImage img, int pad, int x, int y, int size) {
        checkSize(size);
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + pad);
        }
        int w = img.width(), h = img.height();
        if (x < 0 || y < 0 || x + size > w + 2 * pad || y + size > h + 2 * pad) {
            throw new IllegalArgumentException("crop " + size + " at " + x + "," + y + " leaves the padded "
                    + (w + 2 * pad) + "x" + (h + 2 * pad) + " image");
        }
        float[] s = img.data(), d = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int oy = 0; oy < size; oy++) {
                int sy = oy + y - pad;
                for (int ox = 0; ox < size; ox++) {
                    int sx = ox + x - pad;
                    boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                    d[(c * size + oy) * size + ox] = inside ? s[(c * h + sy) * w + sx] : 0f;
                }
            }
        }
        return new FloatImage(size, size, d);
    }

    /** {@link #padCrop(FloatImage, int, int, int, int)} at a uniform position (x drawn first, then y). */
    public static FloatImage padCrop(FloatImage img, int pad, int size, SplittableRandom rng) {
        checkSize(size);
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + pad);
        }
        int rangeX = img.width() + 2 * pad - size, rangeY = img.height() + 2 * pad - size;
        if (rangeX < 0 || rangeY < 0) {
            throw new IllegalArgumentException("crop " + size + " is larger than the padded image");
        }
        int x = rng.nextInt(rangeX + 1);
        int y = rng.nextInt(rangeY + 1);
        return padCrop(img, pad, x, y, size);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static void checkSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
    }

    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
    }

    /** out = m @ pixel + offset for every pixel; offset may be null. */
    private static FloatImage applyMatrix(FloatImage img, double[][] m, double[] offset) {
        Objects.requireNonNull(img, "img");
        double[] b = offset == null ? new double[3] : offset;
        int plane = img.width() * img.height();
        float[] s = img.data(), d = new float[s.length];
        for (int i = 0; i < plane; i++) {
            double r = s[i], g = s[plane + i], bl = s[2 * plane + i];
            for (int c = 0; c < 3; c++) {
                d[c * plane + i] = (float) (m[c][0] * r + m[c][1] * g + m[c][2] * bl + b[c]);
            }
        }
        return new FloatImage(img.width(), img.height(), d);
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return m;
    }

    private static double[][] invert(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // adjugate: cofactor of a[j][i]
                int r1 = (j + 1) % 3, r2 = (j + 2) % 3, c1 = (i + 1) % 3, c2 = (i + 2) % 3;
                inv[i][j] = (a[r1][c1] * a[r2][c2] - a[r1][c2] * a[r2][c1]) / det;
            }
        }
        return inv;
    }
}
