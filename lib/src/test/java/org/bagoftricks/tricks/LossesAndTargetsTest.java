package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.Test;

class LossesAndTargetsTest {

    @Test
    void softCrossEntropyEqualsHandComputation() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            float[] z = {1f, 2f, 0.5f, -1f, 0f, 3f};
            float[] t = {0.2f, 0.7f, 0.1f, 0f, 0f, 1f};
            NDArray loss = Losses.softCrossEntropy(m.create(z, new Shape(2, 3)), m.create(t, new Shape(2, 3)));
            double expected = 0;
            for (int i = 0; i < 2; i++) {
                double lse = Math.log(Math.exp(z[3 * i]) + Math.exp(z[3 * i + 1]) + Math.exp(z[3 * i + 2]));
                for (int k = 0; k < 3; k++) {
                    expected -= t[3 * i + k] * (z[3 * i + k] - lse);
                }
            }
            assertEquals(expected / 2, loss.getFloat(), 1e-5);
        }
    }

    @Test
    void labelSmoothingGivesOneMinusEpsAndEpsOverKMinusOne() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            int[] labels = {2, 0};
            MiniBatch b = new MiniBatch(m.zeros(new Shape(2, 1)), Losses.oneHot(m, labels, 5), labels);
            float[] t = new LabelSmoothing(0.1).onBatch(b, 0).targets().toFloatArray();
            float off = 0.1f / 4;
            assertArrayEquals(new float[] {off, off, 0.9f, off, off, 0.9f, off, off, off, off}, t, 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> new LabelSmoothing(1));
            assertThrows(IllegalArgumentException.class, () -> Losses.oneHot(m, new int[] {5}, 5));
        }
    }

    @Test
    void mixupMixesImagesAndTargetsWithThePermutedBatch() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            int[] labels = {0, 1, 2};
            float[] x = {1f, 2f, 10f, 20f, 100f, 200f}; // 3 "images" of 2 values
            MiniBatch b = new MiniBatch(m.create(x, new Shape(3, 2)), Losses.oneHot(m, labels, 3), labels);
            int[] perm = {2, 0, 1};
            MiniBatch mixed = Mixup.mix(b, 0.7, perm);
            float[] expectedX = new float[6];
            float[] expectedT = new float[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    expectedX[i * 2 + j] = (float) (0.7 * x[i * 2 + j] + 0.3 * x[perm[i] * 2 + j]);
                }
                expectedT[i * 3 + labels[i]] += 0.7f;
                expectedT[i * 3 + labels[perm[i]]] += 0.3f;
            }
            assertArrayEquals(expectedX, mixed.images().toFloatArray(), 1e-4f);
            assertArrayEquals(expectedT, mixed.targets().toFloatArray(), 1e-6f);
            assertArrayEquals(labels, mixed.labels(), "lambda >= 1/2: the original label dominates");
            assertArrayEquals(new int[] {2, 0, 1}, Mixup.mix(b, 0.2, perm).labels(), "else the partner's");
        }
    }

    @Test
    void mixupWithASeedIsRepeatableAndCanBeOff() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            int[] labels = {0, 1, 2, 3};
            MiniBatch b = new MiniBatch(m.randomUniform(0, 1, new Shape(4, 3)), Losses.oneHot(m, labels, 4), labels);
            Mixup.Mixing a = new Mixup.Mixing(0.2, 9, e -> e < 1);
            Mixup.Mixing c = new Mixup.Mixing(0.2, 9, e -> e < 1);
            assertArrayEquals(a.onBatch(b, 0).images().toFloatArray(), c.onBatch(b, 0).images().toFloatArray());
            assertEquals(a.lastLambda(), c.lastLambda());
            MiniBatch off = a.onBatch(b, 1);
            assertEquals(b, off, "switched off in epoch 1: the batch passes unchanged");
            assertThrows(IllegalArgumentException.class, () -> new Mixup.Mixing(0, 1, e -> true));
        }
    }

    @Test
    void betaSamplesHaveTheBetaMeanAndVariance() {
        // Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1)); a = 0.2 -> 0.1786
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double v = Mixup.beta(rng, 0.2);
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        assertEquals(0.5, mean, 0.005);
        assertEquals(1 / (4 * 1.4), var, 0.003);
    }
}
