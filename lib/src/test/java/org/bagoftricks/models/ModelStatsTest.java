package org.bagoftricks.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multiply-adds against hand computations and the paper's FLOPs (Tables 1 and 5). */
class ModelStatsTest {
    private static final Shape IMAGENET = new Shape(1, 3, 224, 224);

    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    private static long macs(String name) {
        return ModelStats.multiplyAdds(Models.create(name, name.startsWith("cifar_") ? 10 : 1000),
                name.startsWith("cifar_") ? new Shape(1, 3, 32, 32) : IMAGENET);
    }

    @Test
    void singleConv() {
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8)
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build();
        // output 2 x 8 x 16 x 16, each a sum over 3 channels x 3 x 3 taps
        assertEquals(2L * 8 * 16 * 16 * 3 * 9, ModelStats.multiplyAdds(conv, new Shape(2, 3, 32, 32)));
    }

    @Test
    void groupedConvAndDense() {
        Conv2d grouped = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16)
                .optPadding(new Shape(1, 1)).optGroups(4).build();
        // each output sees 8 / 4 input channels
        assertEquals(16L * 10 * 10 * 2 * 9, ModelStats.multiplyAdds(grouped, new Shape(1, 8, 10, 10)));
        Linear dense = Linear.builder().setUnits(10).build();
        assertEquals(4L * 10 * 20, ModelStats.multiplyAdds(dense, new Shape(4, 20)));
        SequentialBlock both = new SequentialBlock().add(grouped).add(ai.djl.nn.Blocks.batchFlattenBlock());
        assertEquals(16L * 10 * 10 * 2 * 9, ModelStats.multiplyAdds(both, new Shape(1, 8, 10, 10)));
    }

    /**
     * Conv and dense multiply-adds of a bottleneck ResNet-50 at 224, from the layer formulas (not
     * from the blocks). The ResNet-D shortcut pools first, so its 1x1 conv costs the same as the
     * strided one: D = C.
     */
    static long handResNet50(boolean strideOn3x3, boolean deepStem) {
        long total = deepStem
                ? 112L * 112 * (3 * 32 * 9 + 32 * 32 * 9 + 32 * 64 * 9)
                : 112L * 112 * 3 * 64 * 49;
        int size = 56;
        int in = 64;
        int[] blocks = {3, 4, 6, 3};
        for (int i = 0; i < 4; i++) {
            int planes = 64 << i;
            int out = 4 * planes;
            for (int j = 0; j < blocks[i]; j++) {
                int outSize = i > 0 && j == 0 ? size / 2 : size;
                long pixels = (long) outSize * outSize;
                long conv1 = (strideOn3x3 ? (long) size * size : pixels) * in * planes;
                long conv2 = pixels * planes * planes * 9;
                long conv3 = pixels * planes * out;
                long projection = in != out ? pixels * in * out : 0;
                total += conv1 + conv2 + conv3 + projection;
                in = out;
                size = outSize;
            }
        }
        return total + 2048L * 1000;
    }

    @Test
    void resNet50AgainstHandComputation() {
        assertEquals(4_089_184_256L, handResNet50(true, false));
        assertEquals(handResNet50(true, false), macs("resnet50"));
        assertEquals(handResNet50(false, false), macs("resnet50a"));
        assertEquals(handResNet50(true, true), macs("resnet50c"));
        assertEquals(handResNet50(true, true), macs("resnet50d"));
    }

    private static void assertNear(double paperGflops, long measured) {
        double relative = Math.abs(measured / 1e9 - paperGflops) / paperGflops;
        assertTrue(relative <= 0.03, measured + " multiply-adds vs the paper's " + paperGflops + " G");
    }

    @Test
    void paperFlops() {
        assertNear(3.9, macs("resnet50a")); // Table 5 ResNet-50 (original)
        assertNear(4.1, macs("resnet50b"));
        assertNear(4.3, macs("resnet50c"));
        assertNear(4.3, macs("resnet50d"));
        assertNear(4.2, macs("resnext50_32x4d")); // Table 1
        assertNear(4.3, macs("seresnext50_32x4d"));
    }

    @Test
    void cifarResNet18() {
        // 3x3 stem at 32x32, stages at 32, 16, 8, 4 pixels
        long stem = 32L * 32 * 3 * 64 * 9;
        long stage1 = 4 * 32L * 32 * 64 * 64 * 9;
        long rest = 0;
        for (int i = 1; i < 4; i++) {
            int c = 64 << i;
            int s = 32 >> i;
            long pixels = (long) s * s;
            rest += pixels * (c / 2) * c * 9 + 3 * pixels * c * c * 9 + pixels * (c / 2) * c;
        }
        assertEquals(stem + stage1 + rest + 512 * 10, macs("cifar_resnet18"));
    }

    @Test
    void seAddsOnlyItsTwoSmallConvs() {
        long se = 0;
        int[] blocks = {3, 4, 6, 3};
        for (int i = 0; i < 4; i++) {
            long c = 256L << i;
            se += blocks[i] * 2 * c * (c / 16);
        }
        assertEquals(macs("resnet50") + se, macs("seresnet50"));
    }
}
