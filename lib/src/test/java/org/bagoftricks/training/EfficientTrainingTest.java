package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.models.ModelFactory;
import org.bagoftricks.models.Models;
import org.junit.jupiter.api.Test;

/** The §3 tricks inside the training loop. */
class EfficientTrainingTest {
    private static final Dataset DATA = SyntheticData.colours(4, 64, 16, 16, 1);

    /** A network without batch norm: flatten, dense. */
    record Linear2(String name) implements ModelFactory {
        @Override
        public Block create(int numClasses, double width) {
            SequentialBlock b = new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
            b.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            return b;
        }
    }

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(3).batchSize(32).width(0.125).smallImageAugmentation();
    }

    private static float[] weights(Trainer t) {
        return t.model().getParameters().get(1).getValue().getArray().toFloatArray();
    }

    @Test
    void accumulatingFourMicroBatchesEqualsOneLargeBatchWithoutBatchNorm() {
        Recipe big = tiny().model(new Linear2("linear")).epochs(2).lr(0.05);
        float[] once;
        float[] accumulated;
        try (Trainer t = new Trainer(big, DATA)) {
            t.fit();
            once = weights(t);
        }
        try (Trainer t = new Trainer(big.accumulate(4), DATA)) {
            t.fit();
            accumulated = weights(t);
        }
        assertArrayEquals(once, accumulated, 2e-5f);
        try (Trainer t = new Trainer(big.batchSize(8), DATA)) {
            t.fit();
            assertFalse(java.util.Arrays.equals(once, weights(t)), "a smaller batch alone is a different run");
        }
        assertThrows(IllegalArgumentException.class, () -> tiny().accumulate(3), "32 does not split into 3");
    }

    @Test
    void noBiasDecayDecaysOnlyConvAndDenseWeights() {
        try (Trainer t = new Trainer(tiny().noBiasDecay(), DATA)) {
            for (Nag.Slot s : t.optimizer().slots()) {
                boolean weight = s.parameter().getType() == Parameter.Type.WEIGHT;
                assertEquals(weight, s.decay(), s.name());
            }
            assertTrue(t.optimizer().notDecayed().stream().anyMatch(n -> n.endsWith("gamma")));
            assertTrue(t.optimizer().notDecayed().stream().anyMatch(n -> n.endsWith("beta")));
            assertTrue(t.optimizer().notDecayed().stream().anyMatch(n -> n.endsWith("bias")));
        }
        try (Trainer t = new Trainer(tiny(), DATA)) {
            assertTrue(t.optimizer().notDecayed().isEmpty(), "the baseline decays everything");
        }
    }

    @Test
    void zeroGammaZeroesTheLastBatchNormOfEveryBlockOnly() {
        try (Trainer t = new Trainer(tiny().zeroGamma(), DATA)) {
            List<BatchNorm> last = Models.lastNorms(t.model());
            assertEquals(8, last.size(), "ResNet-18 has 8 residual blocks");
            for (BatchNorm bn : last) {
                float[] gamma = bn.getParameters().get("gamma").getArray().toFloatArray();
                assertArrayEquals(new float[gamma.length], gamma, 0f);
            }
            long ones = t.optimizer().slots().stream().filter(s -> s.name().endsWith("gamma"))
                    .filter(s -> s.parameter().getArray().toFloatArray()[0] == 1f).count();
            assertTrue(ones > 0, "other batch norms keep gamma = 1");
        }
    }

    @Test
    void mixedPrecisionKeepsFp32MasterWeightsAndTrainsLikeFp32() {
        Recipe r = tiny().epochs(4);
        Run fp32 = Trainer.train(r, DATA);
        try (Trainer t = new Trainer(r.fp16(), DATA)) {
            Run fp16 = t.fit();
            for (Nag.Slot s : t.optimizer().slots()) {
                assertEquals(DataType.FLOAT32, s.parameter().getArray().getDataType(), s.name());
            }
            t.mixedPrecision().half().getParameters().values().forEach(p ->
                    assertEquals(DataType.FLOAT16, p.getArray().getDataType(), p.getName()));
            assertTrue(fp16.top1() > 0.5, "fp16 learns: " + fp16.top1());
            assertEquals(fp32.top1(), fp16.top1(), 0.15, "fp16 in the band of fp32");
            assertTrue(fp16.recipe().trickLabels().contains("fp16"));
        }
    }

    @Test
    void anOverflowingStepIsSkippedAndTheScaleHalved() {
        try (Trainer t = new Trainer(tiny().fp16().epochs(1), DATA)) {
            t.fit(); // gradients exist after a backward pass
            MixedPrecision mp = t.mixedPrecision();
            float[] before = weights(t);
            // Gradients of infinity, as an overflow in FP16 produces.
            for (Parameter p : mp.half().getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), Float.POSITIVE_INFINITY);
                }
            }
            double scale = mp.scale();
            long skipped = mp.skippedSteps();
            assertFalse(mp.step(0.1, 1));
            assertEquals(scale / 2, mp.scale());
            assertEquals(skipped + 1, mp.skippedSteps());
            assertArrayEquals(before, weights(t), 0f, "the master weights are untouched");
            assertTrue(mp.step(0.1, 1), "the gradients were cleared: the next step goes through");
        }
    }

    @Test
    void bfloat16IsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiny().precision(DataType.BFLOAT16));
        assertTrue(e.getMessage().contains("aborts the JVM"), e.getMessage());
        assertEquals(org.bagoftricks.tricks.Precision.FP16, tiny().precision(DataType.FLOAT16).precision());
    }
}
