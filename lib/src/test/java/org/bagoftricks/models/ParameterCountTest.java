package org.bagoftricks.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parameter counts of the built, initialized networks against the published ones. */
class ParameterCountTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    /** Trainable parameters of {@code name}; parameter shapes do not depend on the image size. */
    static long count(String name, int classes) {
        Block net = Models.create(name, classes);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            return ModelStats.parameters(net);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // torchvision
        "resnet18, 11689512",
        "resnet34, 21797672",
        "resnet50, 25557032",
        "resnet101, 44549160",
        "resnet152, 60192808",
        "resnext50_32x4d, 25028904",
        // the stride moves, no weight changes: A = B
        "resnet50a, 25557032",
        "resnet50b, 25557032",
        // timm's resnet50d; the average pool of D has no weights, so C = D
        "resnet50c, 25576264",
        "resnet50d, 25576264",
        // timm's seresnet50 and seresnext50_32x4d
        "seresnet50, 28088024",
        "seresnext50_32x4d, 27559896",
    })
    void publishedCounts(String name, long expected) {
        assertEquals(expected, count(name, 1000));
    }

    @Test
    void deepStemAdds19232() {
        // 3x3 convs 3->32, 32->32, 32->64 and three BNs, minus the 7x7 conv 3->64 and its BN
        long deep = 3 * 32 * 9 + 32 * 32 * 9 + 32 * 64 * 9 + 2 * (32 + 32 + 64);
        long plain = 3 * 64 * 49 + 2 * 64;
        assertEquals(19232, deep - plain);
        assertEquals(deep - plain, count("resnet18c", 1000) - count("resnet18", 1000));
    }

    @Test
    void wideStemAdds104544() {
        // stem convs 3->64, 64->64, 64->128 instead of 3->32, 32->32, 32->64, their BNs twice as
        // wide, and the first stage's two convs that read the stem (its first 1x1 to 64 and its
        // shortcut to 256) take 128 channels instead of 64
        long stem = (3 * 64 + 64 * 64 + 64 * 128 - 3 * 32 - 32 * 32 - 32 * 64) * 9L + 2 * (64 + 64 + 128 - 32 - 32 - 64);
        long stage1 = (128 - 64) * (64 + 256);
        assertEquals(104544, stem + stage1);
        assertEquals(stem + stage1, count("resnet50s", 1000) - count("resnet50c", 1000));
    }

    @Test
    void cifarResNet18() {
        // 3x3 stem instead of 7x7 (-9408 + 1728) and a 10-class head (-513000 + 5130)
        assertEquals(11_689_512 - 9408 + 1728 - 513_000 + 5130, count("cifar_resnet18", 10));
    }

    @Test
    void runningStatisticsAreNotCounted() {
        BatchNorm bn = BatchNorm.builder().build();
        try (NDManager manager = NDManager.newBaseManager()) {
            bn.initialize(manager, DataType.FLOAT32, new Shape(2, 7, 3, 3));
            assertEquals(4, bn.getParameters().size());
            assertEquals(2 * 7, ModelStats.parameters(bn)); // gamma and beta only
        }
    }

    @Test
    void uninitializedBlockIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> ModelStats.parameters(Models.create("resnet18", 10)));
    }
}
