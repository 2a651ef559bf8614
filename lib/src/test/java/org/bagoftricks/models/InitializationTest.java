package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper's initialization, as set by the model factory. */
class InitializationTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    private static NDArray weight(Block block) {
        return block.getDirectParameters().get("weight").getArray();
    }

    /** Uniform on [-a, a]: reaches a over many samples, variance a^2 / 3, mean 0. */
    private static void assertXavierUniform(NDArray w, double fanIn, double fanOut) {
        double a = Math.sqrt(6 / (fanIn + fanOut));
        double max = w.abs().max().getFloat();
        assertTrue(max <= a * (1 + 1e-6), "max " + max + " > a " + a);
        assertTrue(max >= 0.99 * a, "max " + max + " far below a " + a);
        double variance = w.pow(2).mean().getFloat();
        assertEquals(a * a / 3, variance, 0.02 * a * a / 3);
        assertEquals(0, w.mean().getFloat(), 0.01 * a);
    }

    @Test
    void convsAndDenseOfTheFactory() {
        ResNet net = Models.create("resnext50d_32x4d", 1000);
        try (NDManager manager = NDManager.newBaseManager()) {
            // initialize only the last block and the head: large layers, little time
            ResidualBlock last = net.blocks().get(15);
            last.initialize(manager, DataType.FLOAT32, new Shape(1, 2048, 7, 7));
            Conv2d conv1 = (Conv2d) last.pathA().getChildren().get(0).getValue();
            assertXavierUniform(weight(conv1), 2048, 1024); // 1x1, 2048 -> 1024
            Conv2d grouped = (Conv2d) last.pathA().getChildren().get(3).getValue();
            assertEquals(new Shape(1024, 32, 3, 3), weight(grouped).getShape());
            assertXavierUniform(weight(grouped), 32 * 9, 1024 * 9); // fans from the weight shape
            assertFalse(conv1.isIncludeBias());

            net.head().initialize(manager, DataType.FLOAT32, new Shape(1, 2048, 7, 7));
            Linear dense = (Linear) net.head().getChildren().get(2).getValue();
            assertXavierUniform(weight(dense), 2048, 1000);
            assertEquals(0f, dense.getDirectParameters().get("bias").getArray().abs().max().getFloat());

            for (Parameter p : last.getParameters().values()) {
                float min = p.getArray().min().getFloat();
                float max = p.getArray().max().getFloat();
                switch (p.getType()) {
                    case GAMMA, RUNNING_VAR -> assertTrue(min == 1f && max == 1f, p.getName());
                    case BETA, BIAS, RUNNING_MEAN -> assertTrue(min == 0f && max == 0f, p.getName());
                    default -> { }
                }
            }
        }
    }

    @Test
    void stemConvOfTheFactory() {
        ResNet net = Models.create("resnet18", 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.stem().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // 9408 weights: the extreme is within a few per mille of the bound
            NDArray w = weight(net.stem().getChildren().get(0).getValue());
            double a = Math.sqrt(6.0 / (3 * 49 + 64 * 49));
            assertTrue(w.abs().max().getFloat() <= a * (1 + 1e-6));
            assertTrue(w.abs().max().getFloat() >= 0.98 * a);
        }
    }
}
