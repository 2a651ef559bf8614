package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where ResNet-A, -B and -D put the stride of a downsampling block. */
class DownsamplingTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    /** The first block of stage 2, which halves the resolution. */
    private static ResidualBlock downsampling(String name) {
        return Models.create(name, 10, 0.25).blocks().get(3);
    }

    private static List<Integer> convStrides(SequentialBlock block) {
        return block.getChildren().values().stream()
                .filter(b -> b instanceof Conv2d)
                .map(b -> (int) ((Conv2d) b).getStride().get(0))
                .toList();
    }

    @Test
    void strideOfPathA() {
        assertEquals(List.of(2, 1, 1), convStrides(downsampling("resnet50a").pathA()));
        assertEquals(List.of(1, 2, 1), convStrides(downsampling("resnet50b").pathA()));
        assertEquals(List.of(1, 2, 1), convStrides(downsampling("resnet50").pathA()));
        assertEquals(List.of(1, 2, 1), convStrides(downsampling("resnet50d").pathA()));
        // basic blocks: the stride is on the first 3x3 conv in both forms
        assertEquals(List.of(2, 1), convStrides(Models.create("resnet18a", 10, 0.25).blocks().get(2).pathA()));
        assertEquals(List.of(2, 1), convStrides(Models.create("resnet18b", 10, 0.25).blocks().get(2).pathA()));
    }

    @Test
    void shortcutOfResNetD() {
        SequentialBlock plain = downsampling("resnet50b").shortcut().orElseThrow();
        assertEquals(List.of(2), convStrides(plain));
        assertEquals(2, plain.getChildren().size()); // conv, BN

        List<Block> d = downsampling("resnet50d").shortcut().orElseThrow().getChildren().values();
        assertEquals(3, d.size());
        assertEquals("avgPool2x2", ((LambdaBlock) d.get(0)).getName());
        assertEquals(new Shape(1, 1), ((Conv2d) d.get(1)).getKernelShape());
        assertEquals(new Shape(1, 1), ((Conv2d) d.get(1)).getStride());
        assertInstanceOf(BatchNorm.class, d.get(2));

        // the first stage keeps the resolution: a 1x1 projection with no pool, in B and D alike
        List<Block> first = Models.create("resnet50d", 10, 0.25).blocks().get(0)
                .shortcut().orElseThrow().getChildren().values();
        assertEquals(2, first.size());
        assertEquals(new Shape(1, 1), ((Conv2d) first.get(0)).getStride());
    }

    /**
     * An input that is nonzero only at odd rows and columns: a 1x1 conv with stride 2 reads only
     * even positions and so outputs zeros (and BN in inference, with fresh statistics, keeps them
     * zero), while a stride-1 1x1 conv or a 2x2 average pool sees the values.
     */
    private static NDArray oddOnly(NDManager manager, long channels) {
        NDArray x = manager.zeros(new Shape(1, channels, 8, 8));
        x.set(new NDIndex(":, :, 1::2, 1::2"), manager.randomUniform(1f, 2f, new Shape(1, channels, 4, 4)));
        return x;
    }

    private static NDArray run(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).head();
    }

    @Test
    void strideVisibleInForwardPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : List.of("resnet50a", "resnet50b", "resnet50d")) {
                ResidualBlock block = downsampling(name);
                long channels = 64; // stage 1 output at width 0.25: 4 x 16
                NDArray x = oddOnly(manager, channels);
                block.initialize(manager, DataType.FLOAT32, x.getShape());
                NDArray a = run(block.pathA(), manager, x);
                NDArray b = run(block.shortcut().orElseThrow(), manager, x);
                assertEquals(new Shape(1, 128, 4, 4), a.getShape());
                assertEquals(a.getShape(), b.getShape());
                boolean pathASees = a.abs().max().getFloat() > 0;
                boolean shortcutSees = b.abs().max().getFloat() > 0;
                assertEquals(!name.equals("resnet50a"), pathASees, name + " path A");
                assertEquals(name.equals("resnet50d"), shortcutSees, name + " shortcut");
            }
        }
    }

    @Test
    void averagePoolUsesCeilModeOnOddSizes() {
        ResidualBlock d = downsampling("resnet50d");
        Shape odd = new Shape(1, 64, 7, 7);
        Shape[] viaPathA = d.pathA().getOutputShapes(new Shape[] {odd});
        Shape[] viaShortcut = d.shortcut().orElseThrow().getOutputShapes(new Shape[] {odd});
        assertEquals(new Shape(1, 128, 4, 4), viaPathA[0]);
        assertEquals(viaPathA[0], viaShortcut[0]);
        assertFalse(d.se().isPresent());
        assertTrue(Models.create("seresnet50d", 10, 0.25).blocks().get(3).se().isPresent());
    }
}
