package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.bagoftricks.data.Augmentations.ColorJitter;
import org.bagoftricks.data.Augmentations.ColorStep;
import org.bagoftricks.data.Augmentations.CropBox;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
    private static final double[] MEAN = {123.68, 116.779, 103.939};
    private static final double[] STD = {58.393, 57.12, 57.375};

    /** Image whose channel c at (x, y) holds f(x, y, c). */
    interface Pixel {
        double at(int x, int y, int c);
    }

    static FloatImage image(int w, int h, Pixel f) {
        float[] d = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    d[(c * h + y) * w + x] = (float) f.at(x, y, c);
                }
            }
        }
        return new FloatImage(w, h, d);
    }

    static FloatImage pixel(double r, double g, double b) {
        return new FloatImage(1, 1, new float[] {(float) r, (float) g, (float) b});
    }

    @Test
    void floatImageRoundTripsAndToRgbClamps() {
        byte[] bytes = new byte[2 * 1 * 3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (40 * i + 7);
        }
        RgbImage rgb = new RgbImage(2, 1, bytes);
        FloatImage f = FloatImage.of(rgb);
        assertEquals(rgb.get(1, 0, 2), f.get(1, 0, 2));
        assertEquals(rgb.get(0, 0, 1), f.get(0, 0, 1));
        assertArrayEquals(bytes, f.toRgb().pixels());
        RgbImage clamped = pixel(-20, 300, 127.6).toRgb();
        assertEquals(0, clamped.get(0, 0, 0));
        assertEquals(255, clamped.get(0, 0, 1));
        assertEquals(128, clamped.get(0, 0, 2));
    }

    // ---- crop ----------------------------------------------------------------------------------

    @Test
    void cropBoxesStayInRangeAndCoverIt() {
        SplittableRandom rng = new SplittableRandom(1);
        int w = 500, h = 375, n = 20_000;
        double minArea = 1, maxArea = 0, minRatio = 10, maxRatio = 0;
        for (int i = 0; i < n; i++) {
            CropBox b = Augmentations.sampleCropBox(w, h, rng);
            assertTrue(b.x() + b.width() <= w && b.y() + b.height() <= h, b.toString());
            double area = (double) b.width() * b.height() / (w * h);
            double ratio = (double) b.width() / b.height();
            // rounding w and h to integers moves area and ratio by well under 2% at these sizes
            assertTrue(area >= 0.08 * 0.98 && area <= 1.0, "area " + area);
            assertTrue(ratio >= 0.75 * 0.98 && ratio <= 4.0 / 3 * 1.02, "ratio " + ratio);
            minArea = Math.min(minArea, area);
            maxArea = Math.max(maxArea, area);
            minRatio = Math.min(minRatio, ratio);
            maxRatio = Math.max(maxRatio, ratio);
        }
        assertTrue(minArea < 0.085, "min area " + minArea);
        assertTrue(maxArea > 0.95, "max area " + maxArea);
        assertTrue(minRatio < 0.76, "min ratio " + minRatio);
        assertTrue(maxRatio > 1.31, "max ratio " + maxRatio);
    }

    @Test
    void cropAreaUniformAndRatioLogUniformInSquareImage() {
        // In a square image rejections (area > 75%) are symmetric in ln r and never touch small areas.
        SplittableRandom rng = new SplittableRandom(2);
        int n = 10_000, low = 0, mid = 0;
        double sumLogRatio = 0;
        for (int i = 0; i < n; i++) {
            CropBox b = Augmentations.sampleCropBox(1000, 1000, rng);
            double a = b.area() / 1e6;
            low += a < 0.31 ? 1 : 0;
            mid += a >= 0.31 && a < 0.54 ? 1 : 0;
            sumLogRatio += Math.log(b.ratio());
        }
        // uniform area: [0.08, 0.31) and [0.31, 0.54) equally likely (about 3200 each, sd of the gap 80)
        assertTrue(Math.abs(low - mid) < 400, low + " vs " + mid);
        // log-uniform ratio: E[ln r] = 0 (se 0.002); a ratio uniform in [3/4, 4/3] would give 0.027
        assertEquals(0, sumLogRatio / n, 0.01);
    }

    @Test
    void cropFallsBackToTorchvisionCentreCrop() {
        // 1000x10: every attempt needs h >= sqrt(800 * 3/4) > 10, so all ten fail
        CropBox b = Augmentations.sampleCropBox(1000, 10, new SplittableRandom(3));
        assertEquals(new CropBox((1000 - 13) / 2, 0, 13, 10), b); // w = round(10 * 4/3)
        CropBox tall = Augmentations.sampleCropBox(10, 1000, new SplittableRandom(3));
        assertEquals(new CropBox(0, (1000 - 13) / 2, 10, 13), tall); // h = round(10 / (3/4))
    }

    @Test
    void bilinearResizeMatchesHandComputation() {
        // 2x2 image, red channel: [[0, 100], [200, 40]]
        FloatImage img = image(2, 2, (x, y, c) -> c == 0 ? new double[][] {{0, 100}, {200, 40}}[y][x] : 10 * c);
        FloatImage big = Augmentations.resize(img, 4, 4);
        // output i samples source (i + 0.5) / 2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertEquals(0, big.get(0, 0, 0), 1e-4);
        assertEquals(0.75 * 0 + 0.25 * 100, big.get(1, 0, 0), 1e-4);
        assertEquals(40, big.get(3, 3, 0), 1e-4);
        // (0.25, 0.25): 0.5625*0 + 0.1875*100 + 0.1875*200 + 0.0625*40
        assertEquals(18.75 + 37.5 + 2.5, big.get(1, 1, 0), 1e-4);
        // (0.75, 0.25): 0.1875*0 + 0.5625*100 + 0.0625*200 + 0.1875*40
        assertEquals(56.25 + 12.5 + 7.5, big.get(2, 1, 0), 1e-4);
        assertEquals(20, big.get(2, 1, 2), 1e-4);
        // downscale 4 -> 2 samples at 0.5 and 2.5: the mean of the two middle neighbours
        FloatImage ramp = image(4, 1, (x, y, c) -> x * x);
        FloatImage small = Augmentations.resize(ramp, 2, 1);
        assertEquals((0 + 1) / 2.0, small.get(0, 0, 0), 1e-5);
        assertEquals((4 + 9) / 2.0, small.get(1, 0, 1), 1e-5);
    }

    @Test
    void resizeToSameSizeIsIdentity() {
        SplittableRandom rng = new SplittableRandom(4);
        FloatImage img = image(7, 5, (x, y, c) -> rng.nextInt(256));
        FloatImage same = Augmentations.resize(img, 7, 5);
        assertNotSame(img.data(), same.data());
        assertArrayEquals(img.data(), same.data());
        CropBox whole = new CropBox(0, 0, 5, 5);
        FloatImage square = image(5, 5, (x, y, c) -> x + 10 * y + 100 * c);
        assertArrayEquals(square.data(), Augmentations.resizedCrop(square, whole, 5).data());
    }

    @Test
    void resizedCropReadsOnlyTheBox() {
        // value = x + 1000 y; the box (3, 2, 4x4) resized to 4 is an exact copy of that region
        FloatImage img = image(10, 8, (x, y, c) -> x + 1000 * y);
        FloatImage out = Augmentations.resizedCrop(img, new CropBox(3, 2, 4, 4), 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(3 + x + 1000 * (2 + y), out.get(x, y, 1), 1e-3);
            }
        }
        // upscaled, edge samples clamp to the box, not to the image outside it
        FloatImage up = Augmentations.resizedCrop(img, new CropBox(3, 2, 2, 2), 4);
        assertEquals(3 + 2000, up.get(0, 0, 0), 1e-3);
        assertEquals(4 + 3000, up.get(3, 3, 0), 1e-3);
        assertThrows(IllegalArgumentException.class,
                () -> Augmentations.resizedCrop(img, new CropBox(8, 0, 4, 4), 4));
    }

    // ---- flip ----------------------------------------------------------------------------------

    @Test
    void flipReallyFlips() {
        FloatImage img = image(5, 3, (x, y, c) -> x + 10 * y + 100 * c);
        FloatImage f = Augmentations.flip(img);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(img.get(x, y, c), f.get(5 - 1 - x, y, c));
                }
            }
        }
    }

    @Test
    void randomFlipHappensAboutHalfTheTime() {
        FloatImage img = image(4, 2, (x, y, c) -> x);
        SplittableRandom rng = new SplittableRandom(5);
        int flipped = 0, n = 2000;
        for (int i = 0; i < n; i++) {
            FloatImage out = Augmentations.randomFlip(img, 0.5, rng);
            if (out.get(0, 0, 0) == 3f) {
                assertArrayEquals(Augmentations.flip(img).data(), out.data());
                flipped++;
            } else {
                assertArrayEquals(img.data(), out.data());
            }
        }
        // binomial(2000, 0.5): sd 22.4, so +-110 is about 5 sd
        assertTrue(Math.abs(flipped - 1000) < 110, "flipped " + flipped);
        assertArrayEquals(img.data(), Augmentations.randomFlip(img, 0, rng).data());
        assertEquals(3f, Augmentations.randomFlip(img, 1, rng).get(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.randomFlip(img, 1.5, rng));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.randomFlip(img, -0.1, rng));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.randomFlip(img, Double.NaN, rng));
    }

    // ---- colour --------------------------------------------------------------------------------

    @Test
    void brightnessMultiplies() {
        FloatImage out = Augmentations.brightness(pixel(200, 100, 50), 1.3);
        assertEquals(260, out.get(0, 0, 0), 1e-3); // no clipping, as MXNet's float BrightnessJitterAug
        assertEquals(130, out.get(0, 0, 1), 1e-3);
        assertEquals(65, out.get(0, 0, 2), 1e-3);
    }

    @Test
    void saturationBlendsWithGrey() {
        double grey = 0.299 * 200 + 0.587 * 100 + 0.114 * 50; // 124.2
        FloatImage out = Augmentations.saturation(pixel(200, 100, 50), 0.6);
        assertEquals(grey + 0.6 * (200 - grey), out.get(0, 0, 0), 1e-3);
        assertEquals(grey + 0.6 * (100 - grey), out.get(0, 0, 1), 1e-3);
        assertEquals(grey + 0.6 * (50 - grey), out.get(0, 0, 2), 1e-3);
        assertEquals(200, Augmentations.saturation(pixel(200, 100, 50), 1).get(0, 0, 0), 1e-4);
        FloatImage grey0 = Augmentations.saturation(pixel(200, 100, 50), 0);
        assertEquals(grey, grey0.get(0, 0, 2), 1e-3);
    }

    @Test
    void hueRotatesInYiqSpace() {
        double[][] yiq = {{0.299, 0.587, 0.114}, {0.596, -0.274, -0.321}, {0.211, -0.523, 0.311}};
        double[] in = {200, 100, 50};
        for (double c : new double[] {0.6, 0.83, 1.25, 1.4}) {
            FloatImage out = Augmentations.hue(pixel(in[0], in[1], in[2]), c);
            double[] o = {out.get(0, 0, 0), out.get(0, 0, 1), out.get(0, 0, 2)};
            double[] a = mul(yiq, in), b = mul(yiq, o);
            double angle = (c - 1) * Math.PI;
            // luma kept; chroma (I, Q) rotated by the angle (up to the 3-decimal matrix used here)
            assertEquals(a[0], b[0], 0.5);
            assertEquals(Math.cos(angle) * a[1] - Math.sin(angle) * a[2], b[1], 0.5);
            assertEquals(Math.sin(angle) * a[1] + Math.cos(angle) * a[2], b[2], 0.5);
            // and within half a grey level of MXNet's HueJitterAug with its own matrices
            double[][] ityiq = {{1.0, 0.956, 0.621}, {1.0, -0.272, -0.647}, {1.0, -1.107, 1.705}};
            double[] rot = {a[0], Math.cos(angle) * a[1] - Math.sin(angle) * a[2],
                    Math.sin(angle) * a[1] + Math.cos(angle) * a[2]};
            double[] mx = mul(ityiq, rot);
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(mx[ch], o[ch], 0.5, "channel " + ch + " at c=" + c);
            }
        }
        // a rotation by 0 is the identity
        FloatImage same = Augmentations.hue(pixel(200, 100, 50), 1);
        assertEquals(200, same.get(0, 0, 0), 1e-3);
        assertEquals(100, same.get(0, 0, 1), 1e-3);
        assertEquals(50, same.get(0, 0, 2), 1e-3);
        // a half turn (c = 2) maps chroma to its opposite around the same luma
        FloatImage half = Augmentations.hue(pixel(200, 100, 50), 2);
        double[] h = mul(yiq, new double[] {half.get(0, 0, 0), half.get(0, 0, 1), half.get(0, 0, 2)});
        double[] a = mul(yiq, in);
        assertEquals(-a[1], h[1], 0.5);
        assertEquals(-a[2], h[2], 0.5);
    }

    @Test
    void greyIsUnchangedByHueAndSaturation() {
        for (double v : new double[] {0, 77, 255}) {
            for (double c : new double[] {0.6, 1.1, 1.4}) {
                FloatImage h = Augmentations.hue(pixel(v, v, v), c);
                FloatImage s = Augmentations.saturation(pixel(v, v, v), c);
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(v, h.get(0, 0, ch), 1e-3);
                    assertEquals(v, s.get(0, 0, ch), 1e-3);
                }
            }
        }
    }

    @Test
    void colorJitterAppliesStepsInDrawnOrder() {
        FloatImage px = pixel(200, 100, 50);
        ColorJitter j = new ColorJitter(1.3, 0.7, 1.2, List.of(ColorStep.SATURATION, ColorStep.HUE, ColorStep.BRIGHTNESS));
        FloatImage expected = Augmentations.brightness(Augmentations.hue(Augmentations.saturation(px, 0.7), 1.2), 1.3);
        assertArrayEquals(expected.data(), Augmentations.colorJitter(px, j).data(), 1e-3f);
        // the fused matrix agrees with the step-by-step result
        double[] m = mul(j.matrix(), new double[] {200, 100, 50});
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.get(0, 0, c), m[c], 1e-3);
        }
        // without clipping the three steps commute (hue keeps luma and fixes grey; saturation blends
        // with that same luma), so every order gives the same pixel
        ColorJitter other = new ColorJitter(1.3, 0.7, 1.2, List.of(ColorStep.HUE, ColorStep.BRIGHTNESS, ColorStep.SATURATION));
        assertArrayEquals(expected.data(), Augmentations.colorJitter(px, other).data(), 1e-3f);
        // but the coefficients do matter: swapping saturation and hue values changes the result
        ColorJitter swapped = new ColorJitter(1.3, 1.2, 0.7, j.order());
        assertTrue(Math.abs(Augmentations.colorJitter(px, swapped).get(0, 0, 0) - expected.get(0, 0, 0)) > 1);
        assertThrows(IllegalArgumentException.class,
                () -> new ColorJitter(1, 1, 1, List.of(ColorStep.HUE, ColorStep.HUE, ColorStep.BRIGHTNESS)));
    }

    @Test
    void colorJitterDrawsCoefficientsInRangeAndEveryOrder() {
        SplittableRandom rng = new SplittableRandom(6);
        double min = 2, max = 0;
        java.util.Set<List<ColorStep>> orders = new java.util.HashSet<>();
        for (int i = 0; i < 3000; i++) {
            ColorJitter j = ColorJitter.sample(rng);
            for (double c : new double[] {j.brightness(), j.saturation(), j.hue()}) {
                assertTrue(c >= 0.6 && c <= 1.4, "coefficient " + c);
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            orders.add(j.order());
        }
        assertTrue(min < 0.61 && max > 1.39, min + " " + max);
        assertEquals(6, orders.size());
    }

    // ---- lighting ------------------------------------------------------------------------------

    @Test
    void lightingAddsEigvecTimesScaledAlpha() {
        double[][] eigvec = {{-0.5675, 0.7192, 0.4009}, {-0.5808, -0.0045, -0.8140}, {-0.5836, -0.6948, 0.4203}};
        double[] eigval = {55.46, 4.794, 1.148};
        double[] alpha = {0.1, -0.2, 0.05};
        double[] scaled = {alpha[0] * eigval[0], alpha[1] * eigval[1], alpha[2] * eigval[2]};
        double[] delta = mul(eigvec, scaled);
        // R: -0.5675*5.546 + 0.7192*-0.9588 + 0.4009*0.0574 = -3.8131...
        assertEquals(-3.8131, delta[0], 1e-3);
        FloatImage img = image(3, 2, (x, y, c) -> 30 * x + 70 * y + c);
        FloatImage out = Augmentations.lighting(img, alpha);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    assertEquals(img.get(x, y, c) + delta[c], out.get(x, y, c), 1e-3);
                }
            }
        }
    }

    @Test
    void lightingAlphasHaveStd01() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 20_000;
        double[] sum = new double[3], sq = new double[3];
        for (int i = 0; i < n; i++) {
            double[] a = Augmentations.sampleLightingAlpha(rng);
            for (int k = 0; k < 3; k++) {
                sum[k] += a[k];
                sq[k] += a[k] * a[k];
            }
        }
        for (int k = 0; k < 3; k++) {
            double mean = sum[k] / n;
            assertEquals(0, mean, 0.004);
            assertEquals(0.1, Math.sqrt(sq[k] / n - mean * mean), 0.003);
        }
    }

    // ---- normalize, eval crop, pad-crop --------------------------------------------------------

    @Test
    void normalizeConstantImage() {
        FloatImage out = Augmentations.normalize(image(3, 3, (x, y, c) -> 200));
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 9; i++) {
                assertEquals((200 - MEAN[c]) / STD[c], out.get(i % 3, i / 3, c), 1e-5);
            }
        }
    }

    @Test
    void evalCropOf32KeepsTheCentre() {
        // value = x (channel 0) and y (channel 1): the output column j must show
        // source x = 2 + (j + 0.5) * 28/32 - 0.5, the central 28 pixels stretched to 32
        FloatImage img = image(32, 32, (x, y, c) -> c == 0 ? x : c == 1 ? y : 5);
        FloatImage out = Augmentations.centerCropResize(img, 32);
        double sum = 0;
        for (int j = 0; j < 32; j++) {
            double expected = 2 + (j + 0.5) * 0.875 - 0.5;
            assertEquals(expected, out.get(j, 7, 0), 1e-4);
            assertEquals(expected, out.get(7, j, 1), 1e-4);
            sum += out.get(j, 0, 0);
        }
        assertEquals(15.5, sum / 32, 1e-4); // symmetric around the image centre
        assertEquals(5, out.get(3, 3, 2), 1e-5);
    }

    @Test
    void evalCropOf500x375FollowsThe256To224Rule() {
        // resize 375 -> 256 then crop 224: source region of side 375 * 224/256 = 328.125,
        // starting at (500 - 328.125)/2 = 85.9375 and (375 - 328.125)/2 = 23.4375
        FloatImage img = image(500, 375, (x, y, c) -> c == 0 ? x : y);
        FloatImage out = Augmentations.centerCropResize(img, 224);
        double step = 328.125 / 224;
        for (int j : new int[] {0, 1, 100, 223}) {
            assertEquals(85.9375 + (j + 0.5) * step - 0.5, out.get(j, 50, 0), 1e-3);
            assertEquals(23.4375 + (j + 0.5) * step - 0.5, out.get(50, j, 1), 1e-3);
        }
        // same region for a portrait image, and at a different output size
        FloatImage portrait = image(375, 500, (x, y, c) -> c == 0 ? x : y);
        FloatImage p = Augmentations.centerCropResize(portrait, 112);
        assertEquals(23.4375 + 0.5 * (328.125 / 112) - 0.5, p.get(0, 0, 0), 1e-3);
        assertEquals(85.9375 + 0.5 * (328.125 / 112) - 0.5, p.get(0, 0, 1), 1e-3);
    }

    @Test
    void padCropZerosOnlyPastTheBorder() {
        FloatImage img = image(32, 32, (x, y, c) -> 1 + x + 32 * y % 200 + c); // never 0
        for (int dx = 0; dx <= 8; dx++) {
            for (int dy = 0; dy <= 8; dy += 4) {
                FloatImage out = Augmentations.padCrop(img, 4, dx, dy, 32);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int sx = x + dx - 4, sy = y + dy - 4;
                        boolean inside = sx >= 0 && sx < 32 && sy >= 0 && sy < 32;
                        for (int c = 0; c < 3; c++) {
                            assertEquals(inside ? img.get(sx, sy, c) : 0f, out.get(x, y, c));
                        }
                    }
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(8);
        boolean sawCentre = false, sawCorner = false;
        for (int i = 0; i < 500; i++) {
            FloatImage out = Augmentations.padCrop(img, 4, 32, rng);
            sawCentre |= out.get(0, 0, 0) == img.get(0, 0, 0) && out.get(31, 31, 0) == img.get(31, 31, 0);
            sawCorner |= out.get(0, 0, 0) == 0 && out.get(3, 3, 0) == 0 && out.get(31, 31, 0) != 0;
        }
        assertTrue(sawCentre && sawCorner);
        assertThrows(IllegalArgumentException.class, () -> Augmentations.padCrop(img, 4, 9, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.padCrop(img, -1, 32, rng));
    }

    @Test
    void badSizesAreRejected() {
        FloatImage img = image(4, 4, (x, y, c) -> 0);
        SplittableRandom rng = new SplittableRandom(9);
        assertThrows(IllegalArgumentException.class, () -> Augmentations.randomResizedCrop(img, 0, rng));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.resize(img, 4, -1));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.centerCropResize(img, 0));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.sampleCropBox(0, 5, rng));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.lighting(img, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new FloatImage(2, 2, new float[5]));
    }

    static double[] mul(double[][] m, double[] v) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
        }
        return r;
    }
}
