package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bagoftricks.data.Batch;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.models.ModelFactory;
import org.junit.jupiter.api.Test;

/**
 * Data parallelism, tested as replicas on the CPU: DJL's CPU is one device, but each replica
 * holds its own arrays, so a missed gradient reduction or a stale replica shows here as it
 * would on GPUs.
 */
class DataParallelTest {
    private static final Dataset DATA = SyntheticData.colours(4, 16, 4, 8, 3);

    /** Conv, ReLU, dense: no batch norm, so a split batch must give exactly the batch's gradient. */
    record SmallConv(String name) implements ModelFactory {
        @Override
        public Block create(int numClasses, double width) {
            SequentialBlock b = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                    .add(Activation.reluBlock()).add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
            b.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            return b;
        }
    }

    private static Recipe small() {
        return Recipe.baseline().model(new SmallConv("small-conv")).imageSize(8).epochs(1).batchSize(16).lr(0.1)
                .smallImageAugmentation();
    }

    private static Batch batch(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] images = new float[n * 3 * 8 * 8];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        return new Batch(images, labels, n, 8);
    }

    private static List<float[]> parameters(Block model) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : model.getParameters().values()) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    private static void assertSameParameters(List<float[]> expected, List<float[]> actual, float tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), tolerance, "parameter " + i);
        }
    }

    /** Weights after two steps on {@code batch} with {@code devices} replicas. */
    private static List<float[]> afterTwoSteps(Recipe recipe, int devices, Batch batch) {
        try (Trainer t = new Trainer(recipe, DATA).devices(devices)) {
            ParameterStore store = new ParameterStore(t.manager(), false);
            t.trainStep(batch, 0.1, store);
            t.trainStep(batch, 0.1, store);
            return parameters(t.model());
        }
    }

    @Test
    void twoReplicasTakeTheSameStepAsOneDevice() {
        List<float[]> one = afterTwoSteps(small(), 1, batch(8));
        List<float[]> two = afterTwoSteps(small(), 2, batch(8));
        assertSameParameters(one, two, 1e-5f);
        List<float[]> initial;
        try (Trainer t = new Trainer(small(), DATA)) {
            initial = parameters(t.model());
        }
        assertFalse(java.util.Arrays.equals(initial.get(0), one.get(0)), "the steps changed the weights");
    }

    @Test
    void anUnevenSplitTakesTheSameStepAsOneDevice() {
        // 5 images on 2 replicas (3 + 2), 7 on 3 (3 + 2 + 2): each shard's loss weighted by its size.
        assertSameParameters(afterTwoSteps(small(), 1, batch(5)), afterTwoSteps(small(), 2, batch(5)), 1e-5f);
        assertSameParameters(afterTwoSteps(small(), 1, batch(7)), afterTwoSteps(small(), 3, batch(7)), 1e-5f);
    }

    @Test
    void afterAStepEveryReplicaHoldsTheSameWeightsAndStatisticsInItsOwnArrays() {
        // A ResNet with batch norm: running statistics differ per shard until they are averaged.
        Recipe resnet = Recipe.baseline().imageSize(8).batchSize(8).width(0.125).smallImageAugmentation();
        try (Trainer t = new Trainer(resnet, DATA).devices(2)) {
            DataParallel p = t.parallel();
            assertEquals(2, p.size());
            assertEquals(List.of(Device.cpu(), Device.cpu()), t.devices());
            t.trainStep(batch(8), 0.1, new ParameterStore(t.manager(), false));
            List<Parameter> first = p.model(0).getParameters().values();
            List<Parameter> second = p.model(1).getParameters().values();
            for (int i = 0; i < first.size(); i++) {
                assertNotSame(first.get(i).getArray(), second.get(i).getArray(), "replicas share no arrays");
                assertArrayEquals(first.get(i).getArray().toFloatArray(), second.get(i).getArray().toFloatArray(), 0f,
                        first.get(i).getName());
                if (first.get(i).requiresGradient()) {
                    float[] g = second.get(i).getArray().getGradient().toFloatArray();
                    assertArrayEquals(new float[g.length], g, 0f, "replica 1's gradient was cleared");
                }
            }
            assertTrue(first.stream().anyMatch(q -> q.getType() == Parameter.Type.RUNNING_MEAN));
        }
    }

    @Test
    void theRunningMeanIsAveragedOverTheReplicas() {
        // The first batch norm sees the same input with or without a split, and the running mean
        // is linear in it: averaged over two even shards it is the single device's. Replica 0's
        // own shard alone would give another value.
        Recipe resnet = Recipe.baseline().imageSize(8).batchSize(8).width(0.125).smallImageAugmentation();
        float[] one;
        float[] two;
        try (Trainer t = new Trainer(resnet, DATA)) {
            t.trainStep(batch(8), 0.1, new ParameterStore(t.manager(), false));
            one = firstRunningMean(t.model());
        }
        try (Trainer t = new Trainer(resnet, DATA).devices(2)) {
            t.trainStep(batch(8), 0.1, new ParameterStore(t.manager(), false));
            two = firstRunningMean(t.model());
        }
        assertFalse(java.util.Arrays.equals(new float[one.length], one), "the step moved the running mean");
        assertArrayEquals(one, two, 1e-5f);
    }

    private static float[] firstRunningMean(Block model) {
        return model.getParameters().values().stream().filter(p -> p.getType() == Parameter.Type.RUNNING_MEAN)
                .findFirst().orElseThrow().getArray().toFloatArray();
    }

    @Test
    void aWholeRunWithMixupAndLabelSmoothingAndAccumulationMatchesOneDevice() {
        // The callbacks see the whole batch before it is split, so mixup pairs the same images.
        Recipe r = small().epochs(2).mixup(0.2).labelSmoothing().accumulate(2);
        Run one;
        Run two;
        List<float[]> w1;
        List<float[]> w2;
        try (Trainer t = new Trainer(r, DATA)) {
            one = t.fit();
            w1 = parameters(t.model());
        }
        try (Trainer t = new Trainer(r, DATA).devices(2)) {
            two = t.fit();
            w2 = parameters(t.model());
        }
        assertSameParameters(w1, w2, 1e-4f);
        assertEquals(one.epochs().get(1).trainLoss(), two.epochs().get(1).trainLoss(), 1e-4);
        assertEquals(one.top1(), two.top1(), 0.0);
    }

    @Test
    void distillationGivesEachReplicaItsRowsOfTheTeachersLogits() {
        Recipe r = small().distill(small().label("teacher"), 2.0, 0.5);
        List<float[]> w1;
        try (Trainer t = new Trainer(r, DATA)) {
            t.fit();
            w1 = parameters(t.model());
        }
        try (Trainer t = new Trainer(r, DATA).devices(2)) {
            t.fit();
            assertSameParameters(w1, parameters(t.model()), 1e-4f);
        }
    }

    @Test
    void badDeviceCountsAreRefusedClearly() {
        try (Trainer t = new Trainer(small(), DATA)) {
            assertNull(t.parallel(), "one device on the CPU by default");
            assertEquals(List.of(Device.cpu()), t.devices());
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> t.devices(0));
            assertTrue(zero.getMessage().contains(">= 1"), zero.getMessage());
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> t.devices(17));
            assertTrue(many.getMessage().contains("cannot be split over 17 devices"), many.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.devices(List.of()));
            t.devices(4);
            IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                    () -> t.trainStep(batch(3), 0.1, new ParameterStore(t.manager(), false)));
            assertTrue(tiny.getMessage().contains("a batch of 3 images cannot be split over 4 replicas"),
                    tiny.getMessage());
            t.devices(1);
            assertNull(t.parallel(), "back to one device");
        }
        try (Trainer t = new Trainer(small().accumulate(4), DATA)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.devices(5));
            assertTrue(e.getMessage().contains("per micro-batch"), e.getMessage());
        }
        try (Trainer t = new Trainer(small().fp16(), DATA)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.devices(2));
            assertTrue(e.getMessage().contains("FP32 only"), e.getMessage());
        }
    }
}
