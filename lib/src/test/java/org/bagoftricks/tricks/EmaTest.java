package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.Test;

class EmaTest {
    private static Block net(NDManager m) {
        Block b = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(BatchNorm.builder().build());
        b.initialize(m, DataType.FLOAT32, new Shape(2, 4));
        return b;
    }

    /** Every parameter of {@code b} (weights, biases, batch-norm statistics) set to {@code v}. */
    private static void fill(Block b, float v) {
        for (var p : b.getParameters().values()) {
            p.getArray().setRequiresGradient(false);
            p.getArray().set(new float[(int) p.getArray().size()]);
            p.getArray().addi(v);
        }
    }

    @Test
    void theAverageAfterKStepsIsTheClosedForm() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Block model = net(m);
            Ema.Averaging ema = new Ema.Averaging(model, net(m), 0.9);
            fill(model, 2f);
            ema.onBatch(null, 0); // training starts: the average is a copy, 2 everywhere
            // then the weights are w_i = i at steps i = 1..5: s_5 = 0.9^5 s_0 + 0.1 sum_i 0.9^(5-i) i
            double expected = Math.pow(0.9, 5) * 2;
            for (int i = 1; i <= 5; i++) {
                fill(model, i);
                ema.afterStep(model);
                expected += 0.1 * Math.pow(0.9, 5 - i) * i;
            }
            int params = 0;
            for (var p : ema.average().getParameters().values()) {
                float[] s = p.getArray().toFloatArray();
                float[] want = new float[s.length];
                java.util.Arrays.fill(want, (float) expected);
                assertArrayEquals(want, s, 1e-5f, p.getName());
                params++;
            }
            assertEquals(6, params, "weight, bias, gamma, beta and the running mean and variance");
            assertSame(ema.average(), ema.evaluated(model), "evaluation uses the average");
        }
    }

    @Test
    void aConstantModelIsItsOwnAverage() {
        try (NDManager m = NDManager.newBaseManager(Djl.engine().getEngineName())) {
            Block model = net(m);
            Ema.Averaging ema = new Ema.Averaging(model, net(m), 0.999);
            fill(model, 0.5f);
            for (int k = 0; k < 3; k++) {
                ema.afterStep(model);
            }
            for (var p : ema.average().getParameters().values()) {
                assertEquals(0.5f, p.getArray().toFloatArray()[0], 1e-6f);
            }
        }
    }

    @Test
    void aResumedRunEvaluatesTheAverageTheUninterruptedRunWouldHave(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        org.bagoftricks.data.Dataset data = org.bagoftricks.training.SyntheticData.colours(4, 96, 16, 16, 1);
        Recipe r = Recipe.baseline().imageSize(16).epochs(2).batchSize(32).width(0.125).smallImageAugmentation()
                .with(new Ema(0.9));
        var uninterrupted = org.bagoftricks.store.RunStore.at(dir.resolve("a"))
                .run(r, data, org.bagoftricks.training.Progress.QUIET, false);
        var store = org.bagoftricks.store.RunStore.at(dir.resolve("b"));
        org.bagoftricks.training.Progress killer = new org.bagoftricks.training.Progress() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                if (epoch == 1) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> store.run(r, data, killer, false));
        var resumed = store.run(r, data, org.bagoftricks.training.Progress.QUIET, false);
        // the average is in the checkpoint: restarting it from the weights would test another model
        assertEquals(uninterrupted.epochs().get(1).testLoss(), resumed.epochs().get(1).testLoss(), 0.0);
        assertEquals(uninterrupted.epochs().get(1).trainLoss(), resumed.epochs().get(1).trainLoss(), 0.0);
    }

    @Test
    void emaIsOneTrickByNameWithItsOwnSettings() {
        assertEquals(List.of(new Ema(0.999)), Tricks.parse("ema"));
        Recipe r = Recipe.baseline().with(new Ema(0.99));
        assertEquals("baseline + ema(0.99)", r.name());
        assertTrue(r.identity().endsWith(";emaDecay=0.99"), r.identity());
        assertThrows(IllegalArgumentException.class, () -> new Ema(1));
    }
}
