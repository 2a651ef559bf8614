package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output shapes of every variant at 32, 64 and 224 pixels. */
class ResNetShapeTest {
    private static final int CLASSES = 7;

    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    /** Every registered name of depth 18 or 50 (all the options), forward at small width. */
    static Stream<String> variants() {
        return Models.names().stream().filter(n -> n.matches("(cifar_)?(se)?res(net|next)(18|50).*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void forwardShapes(String name) {
        ResNet net = Models.create(name, CLASSES, 0.125);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            ParameterStore store = new ParameterStore(manager, false);
            for (int size : new int[] {32, 64, 224}) {
                int batch = size == 224 ? 1 : 2;
                try (NDManager sub = manager.newSubManager()) {
                    NDArray x = sub.randomUniform(-1f, 1f, new Shape(batch, 3, size, size));
                    NDArray y = net.forward(store, new NDList(x), false).singletonOrThrow();
                    assertEquals(new Shape(batch, CLASSES), y.getShape(), name + " at " + size);
                    assertEquals(y.getShape(), net.getOutputShapes(new Shape[] {x.getShape()})[0]);
                    assertTrue(y.isInfinite().logicalOr(y.isNaN()).none().getBoolean(), name);
                }
            }
        }
    }

    /** Output shape of each stage for one image of side {@code size}. */
    private static List<Shape> stageShapes(ResNet net, int size) {
        List<Shape> result = new ArrayList<>();
        Shape[] shapes = net.stem().getOutputShapes(new Shape[] {new Shape(1, 3, size, size)});
        for (Block stage : net.stages()) {
            shapes = stage.getOutputShapes(shapes);
            result.add(shapes[0]);
        }
        return result;
    }

    @Test
    void stageShapesAt224() {
        List<Shape> bottleneck = List.of(new Shape(1, 256, 56, 56), new Shape(1, 512, 28, 28),
                new Shape(1, 1024, 14, 14), new Shape(1, 2048, 7, 7));
        for (String name : List.of("resnet50a", "resnet50d", "resnet101d", "resnet152", "seresnext101d_32x4d")) {
            assertEquals(bottleneck, stageShapes(Models.create(name, 1000), 224), name);
        }
        assertEquals(List.of(new Shape(1, 64, 56, 56), new Shape(1, 128, 28, 28),
                new Shape(1, 256, 14, 14), new Shape(1, 512, 7, 7)),
                stageShapes(Models.create("resnet34d", 1000), 224));
    }

    @Test
    void stageShapesOfSmallInputForms() {
        assertEquals(List.of(new Shape(1, 16, 32, 32), new Shape(1, 32, 16, 16),
                new Shape(1, 64, 8, 8), new Shape(1, 128, 4, 4)),
                stageShapes(Models.create("cifar_resnet18", 10, 0.25), 32));
        assertEquals(List.of(new Shape(1, 64, 64, 64), new Shape(1, 128, 32, 32),
                new Shape(1, 256, 16, 16), new Shape(1, 512, 8, 8)),
                stageShapes(Models.create("cifar_resnet152d", 10, 0.25), 64));
    }

    @Test
    void deepestModelsForwardAt224() {
        for (String name : List.of("resnet152d", "resnext101_32x4d")) {
            ResNet net = Models.create(name, CLASSES, 0.125);
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape in = new Shape(1, 3, 224, 224);
                net.initialize(manager, DataType.FLOAT32, in);
                NDArray y = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomUniform(-1f, 1f, in)), false).head();
                assertEquals(new Shape(1, CLASSES), y.getShape(), name);
            }
        }
    }

    @Test
    void widthMultiplierKeepsGroupsAndOneChannel() {
        ResNet tiny = Models.create("resnext50_32x4d", 10, 0.01);
        // planes round to 1; the grouped conv keeps one channel per group
        Conv2d grouped = (Conv2d)
                tiny.blocks().get(0).pathA().getChildren().get(3).getValue();
        assertEquals(32, grouped.getGroups());
        assertEquals(32, grouped.getFilters());
        assertEquals(new Shape(1, 10), tiny.getOutputShapes(new Shape[] {new Shape(1, 3, 32, 32)})[0]);
        // full width: 32 groups x 4 channels in stage 1
        Conv2d full = (Conv2d)
                Models.create("resnext50_32x4d", 10).blocks().get(0).pathA().getChildren().get(3).getValue();
        assertEquals(128, full.getFilters());
    }
}
