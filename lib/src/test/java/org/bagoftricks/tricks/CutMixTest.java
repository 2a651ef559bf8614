package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.Test;

class CutMixTest {

    /** Two 1-channel 4x4 images: image 0 is all 1s, image 1 counts 100..115, so every pixel tells its source. */
    private static MiniBatch twoImages(NDManager m) {
        float[] px = new float[2 * 16];
        for (int i = 0; i < 16; i++) {
            px[i] = 1f;
            px[16 + i] = 100 + i;
        }
        int[] labels = {0, 1};
        return new MiniBatch(m.create(px, new Shape(2, 1, 4, 4)), Losses.oneHot(m, labels, 3), labels);
    }

    @Test
    void theBoxIsPastedPixelExactAndTheTargetsMixByItsArea() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            int[] box = {1, 3, 0, 3}; // rows 1-2, columns 0-2: 6 of 16 pixels
            MiniBatch out = CutMix.paste(twoImages(m), box, new int[] {1, 0});
            float[] x = out.images().toFloatArray();
            for (int y = 0; y < 4; y++) {
                for (int c = 0; c < 4; c++) {
                    boolean inside = y >= 1 && y < 3 && c < 3;
                    assertEquals(inside ? 100 + 4 * y + c : 1f, x[4 * y + c], 0f, "image 0 at " + y + "," + c);
                    assertEquals(inside ? 1f : 100 + 4 * y + c, x[16 + 4 * y + c], 0f, "image 1 at " + y + "," + c);
                }
            }
            double area = 6.0 / 16;
            assertArrayEquals(new float[] {(float) (1 - area), (float) area, 0, (float) area, (float) (1 - area), 0},
                    out.targets().toFloatArray(), 1e-6f);
            assertArrayEquals(new int[] {0, 1}, out.labels(), "less than half pasted: each keeps its own label");
        }
    }

    @Test
    void aClippedBoxCountsForWhatItCovers() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            double lambda = rng.nextDouble();
            int[] b = CutMix.box(rng, lambda, 32, 32);
            assertTrue(b[0] >= 0 && b[0] <= b[1] && b[1] <= 32 && b[2] >= 0 && b[2] <= b[3] && b[3] <= 32);
            int side = (int) (32 * Math.sqrt(1 - lambda)) / 2 * 2;
            assertTrue((b[1] - b[0]) * (b[3] - b[2]) <= side * side, "clipping only shrinks the box");
        }
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            MiniBatch out = CutMix.paste(twoImages(m), new int[] {0, 4, 1, 4}, new int[] {1, 0}); // 12 of 16
            assertEquals(0.25f, out.targets().toFloatArray()[0], 1e-6f);
            assertArrayEquals(new int[] {1, 0}, out.labels(), "more than half pasted: the partner's label");
        }
    }

    @Test
    void cutmixIsOneTrickByNameWithItsOwnSettings() {
        assertEquals(List.of(new CutMix(1)), Tricks.parse("cutmix"));
        assertEquals(List.of(new CutMix(0.5)), Tricks.parse("cutmix(0.5)"));
        Recipe r = Recipe.baseline().with(new CutMix(1));
        assertEquals("baseline + cutmix(1)", r.name());
        assertTrue(r.identity().endsWith(";cutmixAlpha=1"), r.identity());
        assertEquals(Recipe.baseline().identity(), r.without("cutmix").identity(), "absent, it changes no key");
        assertThrows(IllegalArgumentException.class, () -> new CutMix(0));
    }
}
