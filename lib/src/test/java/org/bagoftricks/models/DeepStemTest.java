package org.bagoftricks.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layers of the 7x7 stem and of ResNet-C's deep stem, and their output shapes. */
class DeepStemTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    /** "conv kxk/s -> shape" for convs and "pool -> shape" for the max-pool, in order. */
    private static List<String> trace(ResNet net, int size) {
        List<String> out = new ArrayList<>();
        Shape[] shapes = {new Shape(1, 3, size, size)};
        List<Block> layers = net.stem().getChildren().values();
        for (int i = 0; i < layers.size(); i++) {
            Block layer = layers.get(i);
            shapes = layer.getOutputShapes(shapes);
            if (layer instanceof Conv2d conv) {
                // every conv is followed by BN and ReLU
                assertInstanceOf(BatchNorm.class, layers.get(i + 1));
                assertEquals("relu", ((LambdaBlock) layers.get(i + 2)).getName());
                out.add("conv" + conv.getKernelShape().get(0) + "/" + conv.getStride().get(0)
                        + " -> " + shapes[0]);
            } else if (layer instanceof LambdaBlock lambda && lambda.getName().startsWith("maxPool")) {
                out.add("pool -> " + shapes[0]);
            }
        }
        return out;
    }

    @Test
    void deepStemAt224() {
        assertEquals(List.of(
                "conv3/2 -> (1, 32, 112, 112)",
                "conv3/1 -> (1, 32, 112, 112)",
                "conv3/1 -> (1, 64, 112, 112)",
                "pool -> (1, 64, 56, 56)"), trace(Models.create("resnet50c", 1000), 224));
        assertEquals(trace(Models.create("resnet50c", 1000), 224),
                trace(Models.create("resnet50d", 1000), 224));
    }

    /** GluonCV's resnet50_v1s: the deep stem at width 64, 64, 128, and a first stage that takes 128. */
    @Test
    void wideStem() {
        assertEquals(List.of(
                "conv3/2 -> (1, 64, 112, 112)",
                "conv3/1 -> (1, 64, 112, 112)",
                "conv3/1 -> (1, 128, 112, 112)",
                "pool -> (1, 128, 56, 56)"), trace(Models.create("resnet50s", 1000), 224));
        // the reference study's width: ResNet-C's stem narrows to 4 channels, resnet50s's to 8
        assertEquals(List.of(
                "conv3/1 -> (1, 4, 32, 32)",
                "conv3/1 -> (1, 4, 32, 32)",
                "conv3/1 -> (1, 8, 32, 32)"), trace(Models.create("cifar_resnet50c", 10, 0.125), 32));
        assertEquals(List.of(
                "conv3/1 -> (1, 8, 32, 32)",
                "conv3/1 -> (1, 8, 32, 32)",
                "conv3/1 -> (1, 16, 32, 32)"), trace(Models.create("cifar_resnet50s", 10, 0.125), 32));
    }

    @Test
    void stemWidthNeedsTheDeepStem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResNet.builder().stemWidth(64).config());
        assertTrue(e.getMessage().contains("deep stem"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ResNet.builder().deepStem(true).stemWidth(0).config());
    }

    @Test
    void plainStemAt224() {
        assertEquals(List.of("conv7/2 -> (1, 64, 112, 112)", "pool -> (1, 64, 56, 56)"),
                trace(Models.create("resnet50", 1000), 224));
    }

    @Test
    void smallInputStems() {
        assertEquals(List.of("conv3/1 -> (1, 64, 32, 32)"),
                trace(Models.create("cifar_resnet18", 10), 32));
        assertEquals(List.of(
                "conv3/1 -> (1, 8, 32, 32)",
                "conv3/1 -> (1, 8, 32, 32)",
                "conv3/1 -> (1, 16, 32, 32)"), trace(Models.create("cifar_resnet50d", 10, 0.25), 32));
    }
}
