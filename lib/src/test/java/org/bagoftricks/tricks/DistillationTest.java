package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.Test;

class DistillationTest {
    private static final float[] Z = {1.0f, -0.5f, 2.0f, 0.3f, 0.3f, -1.2f};
    private static final float[] R = {3.0f, 1.0f, -2.0f, -1.0f, 2.5f, 0.0f};

    private static double[] softmax(float[] v, int row, double t) {
        double[] e = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            e[k] = Math.exp(v[row * 3 + k] / t);
            sum += e[k];
        }
        for (int k = 0; k < 3; k++) {
            e[k] /= sum;
        }
        return e;
    }

    @Test
    void softLossAndItsGradientMatchAHandComputation() {
        double t = 4;
        // loss = T^2 / N * sum_i sum_k -p_ik log q_ik, p = softmax(r/T), q = softmax(z/T)
        // d loss / d z_ik = T^2 / N * (q_ik - p_ik) / T = T (q_ik - p_ik) / N
        double expected = 0;
        float[] expectedGrad = new float[6];
        for (int i = 0; i < 2; i++) {
            double[] p = softmax(R, i, t);
            double[] q = softmax(Z, i, t);
            for (int k = 0; k < 3; k++) {
                expected -= t * t / 2 * p[k] * Math.log(q[k]);
                expectedGrad[i * 3 + k] = (float) (t * (q[k] - p[k]) / 2);
            }
        }
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            NDArray z = m.create(Z, new Shape(2, 3));
            NDArray r = m.create(R, new Shape(2, 3));
            z.setRequiresGradient(true);
            r.setRequiresGradient(true);
            try (GradientCollector gc = Djl.engine().newGradientCollector()) {
                NDArray loss = Distillation.softLoss(z, r.stopGradient(), t);
                assertEquals(expected, loss.getFloat(), 1e-5);
                gc.backward(loss);
            }
            assertArrayEquals(expectedGrad, z.getGradient().toFloatArray(), 1e-5f);
            assertArrayEquals(new float[6], r.getGradient().toFloatArray(), 0f, "no gradient reaches the teacher");
        }
    }

    @Test
    void totalLossWeighsTheHardTermAndAddsTheSoftOne() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            NDArray z = m.create(Z, new Shape(2, 3));
            NDArray r = m.create(R, new Shape(2, 3));
            int[] labels = {2, 0};
            NDArray targets = Losses.oneHot(m, labels, 3);
            NDArray hard = Losses.softCrossEntropy(z, targets);
            double soft = Distillation.softLoss(z, r, 20).getFloat();
            // A "teacher" block that returns r whatever the input.
            var teacher = new ai.djl.nn.LambdaBlock(in -> new ai.djl.ndarray.NDList(r));
            Distillation.Teaching d = new Distillation.Teaching(teacher, new ai.djl.training.ParameterStore(m, false), 20, 0.5);
            MiniBatch b = d.onBatch(new MiniBatch(m.zeros(new Shape(2, 1)), targets, labels), 0);
            d.onForward(b);
            assertEquals(0.5 * hard.getFloat() + soft, d.loss(z, b, hard).getFloat(), 1e-4);
        }
    }
}
