package org.bagoftricks.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.bagoftricks.Djl;
import org.bagoftricks.tricks.Recipe;
import org.junit.jupiter.api.Test;

class NagTest {
    private static final float[] X = {1f, -2f, 0.5f, 3f, 0f, 1.5f}; // 2 samples x 3 features

    /** loss = sum(W x + b): dL/dW[o][i] = sum_n x[n][i], dL/db[o] = N, whatever W is. */
    private static void backward(Block block, NDManager m, ParameterStore ps) {
        try (GradientCollector gc = Djl.engine().newGradientCollector()) {
            NDArray x = m.create(X, new Shape(2, 3));
            gc.backward(block.forward(ps, new NDList(x), true).singletonOrThrow().sum());
        }
    }

    @Test
    void twoStepsMatchAHandComputedNesterovUpdate() {
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Engine.getInstance().setRandomSeed(3);
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            NDArray w = block.getParameters().get("weight").getArray();
            NDArray b = block.getParameters().get("bias").getArray();
            b.addi(0.5f); // a nonzero bias, so that decaying it or not makes a difference
            float[] w0 = w.toFloatArray();
            float[] b0 = b.toFloatArray();
            ParameterStore ps = new ParameterStore(m, false);
            try (Nag nag = new Nag(block, mu, wd, Recipe.baseline().noBiasDecay().decays())) {
                assertEquals(List.of("weight"), nag.decayed());
                assertEquals(List.of("bias"), nag.notDecayed());
                backward(block, m, ps);
                nag.step(lr, 1);
                backward(block, m, ps);
                nag.step(lr, 1);
            }
            // Independent computation in doubles.
            double[] gw = {X[0] + X[3], X[1] + X[4], X[2] + X[5]};
            double[] expectedW = new double[6];
            for (int o = 0; o < 2; o++) {
                for (int i = 0; i < 3; i++) {
                    double w0v = w0[o * 3 + i];
                    double g1 = gw[i] + wd * w0v;
                    double v1 = g1;
                    double w1 = w0v - lr * (g1 + mu * v1);
                    double g2 = gw[i] + wd * w1;
                    double v2 = mu * v1 + g2;
                    expectedW[o * 3 + i] = w1 - lr * (g2 + mu * v2);
                }
            }
            double[] expectedB = new double[2];
            for (int o = 0; o < 2; o++) {
                double g = 2; // N samples, no decay on the bias
                double b1 = b0[o] - lr * (g + mu * g);
                expectedB[o] = b1 - lr * (g + mu * (mu * g + g));
            }
            assertArrayEquals(toFloat(expectedW), w.toFloatArray(), 1e-5f);
            assertArrayEquals(toFloat(expectedB), b.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void baselineDecaysEveryTrainableParameter() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            try (Nag nag = new Nag(block, 0.9, 1e-4, Recipe.baseline().decays())) {
                assertEquals(List.of("weight", "bias"), nag.decayed());
                assertEquals(List.of(), nag.notDecayed());
            }
        }
    }

    /**
     * Several steps with a scaled gradient (as after accumulation), decay on the weight only,
     * against the update computed in doubles from the same gradients; the gradients are cleared
     * after each step, so each backward pass starts from zero.
     */
    @Test
    void scaledStepsMatchAReferenceUpdateAndClearTheGradients() {
        double lr = 0.05;
        double mu = 0.9;
        double wd = 0.1;
        double scale = 0.5;
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Engine.getInstance().setRandomSeed(5);
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            NDArray w = block.getParameters().get("weight").getArray();
            NDArray b = block.getParameters().get("bias").getArray();
            b.addi(0.25f);
            double[] ew = toDouble(w.toFloatArray());
            double[] eb = toDouble(b.toFloatArray());
            double[] vw = new double[6];
            double[] vb = new double[2];
            double[] gx = {X[0] + X[3], X[1] + X[4], X[2] + X[5]};
            ParameterStore ps = new ParameterStore(m, false);
            try (Nag nag = new Nag(block, mu, wd, Recipe.baseline().noBiasDecay().decays())) {
                for (int step = 0; step < 4; step++) {
                    backward(block, m, ps);
                    backward(block, m, ps); // two summed passes, scaled by 1/2: the gradient of one
                    nag.step(lr, scale);
                    for (int j = 0; j < 6; j++) {
                        double g = scale * 2 * gx[j % 3] + wd * ew[j];
                        vw[j] = mu * vw[j] + g;
                        ew[j] -= lr * (g + mu * vw[j]);
                    }
                    for (int o = 0; o < 2; o++) {
                        double g = scale * 2 * 2; // two passes of N = 2 samples, no decay
                        vb[o] = mu * vb[o] + g;
                        eb[o] -= lr * (g + mu * vb[o]);
                    }
                    assertArrayEquals(new float[6], w.getGradient().toFloatArray(), "gradient cleared after step " + step);
                    assertArrayEquals(new float[2], b.getGradient().toFloatArray());
                }
                assertArrayEquals(toFloat(vw), nag.velocity(0).toFloatArray(), 1e-4f);
            }
            assertArrayEquals(toFloat(ew), w.toFloatArray(), 1e-4f);
            assertArrayEquals(toFloat(eb), b.toFloatArray(), 1e-4f);
        }
    }

    /** A skipped mixed-precision step clears overflowed gradients: a fill, not a multiply by 0. */
    @Test
    void zeroGradientsClearsInfiniteAndNanGradients() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            ParameterStore ps = new ParameterStore(m, false);
            backward(block, m, ps);
            NDArray w = block.getParameters().get("weight").getArray();
            w.getGradient().muli(Float.POSITIVE_INFINITY); // +-inf and NaN (0 * inf)
            try (Nag nag = new Nag(block, 0.9, 1e-4, Recipe.baseline().decays())) {
                nag.zeroGradients();
            }
            assertArrayEquals(new float[6], w.getGradient().toFloatArray());
            assertArrayEquals(new float[2], block.getParameters().get("bias").getArray().getGradient().toFloatArray());
        }
    }

    /** update() (mixed precision's path) leaves the parameters' own gradients alone. */
    @Test
    void updateWithSuppliedGradientsKeepsTheParametersGradients() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            ParameterStore ps = new ParameterStore(m, false);
            backward(block, m, ps);
            NDArray w = block.getParameters().get("weight").getArray();
            float[] grad = w.getGradient().toFloatArray();
            float[] w0 = w.toFloatArray();
            try (Nag nag = new Nag(block, 0.9, 0, Recipe.baseline().decays())) {
                nag.update(0.1, i -> nag.slots().get(i).parameter().getArray().getGradient().mul(2f));
            }
            assertArrayEquals(grad, w.getGradient().toFloatArray());
            float[] w1 = w.toFloatArray();
            for (int j = 0; j < 6; j++) {
                // v = 2g, w -= lr (2g + mu 2g)
                assertEquals(w0[j] - 0.1 * (2 * grad[j]) * 1.9, w1[j], 1e-5);
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
