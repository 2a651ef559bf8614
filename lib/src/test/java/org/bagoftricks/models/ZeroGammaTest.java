package org.bagoftricks.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zero-gamma trick on every kind of block: each then starts as relu(shortcut(x)). */
class ZeroGammaTest {
    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    private static NDArray gamma(BatchNorm bn) {
        return bn.getDirectParameters().get("gamma").getArray();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "resnet50a", "cifar_resnet50d", "seresnext50d_32x4d", "seresnet34"})
    void blocksBecomeIdentity(String name) {
        ResNet net = Models.create(name, 10, 0.125);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 3, 32, 32);
            net.initialize(manager, DataType.FLOAT32, in);
            List<BatchNorm> norms = Models.lastNorms(net);
            assertEquals(Arrays.stream(net.config().stageDepths()).sum(), norms.size());
            for (ResidualBlock block : net.blocks()) {
                List<Block> body = block.pathA().getChildren().values();
                assertSame(body.get(body.size() - 1), block.lastNorm());
            }
            assertEquals(norms.size(), Models.zeroGamma(net));
            for (BatchNorm bn : norms) {
                assertEquals(0f, gamma(bn).abs().max().getFloat());
                assertTrue(bn.getDirectParameters().get("gamma").requiresGradient());
            }
            // other batch norms keep gamma 1
            BatchNorm stemNorm = (BatchNorm) net.stem().getChildren().get(1).getValue();
            assertEquals(1f, gamma(stemNorm).min().getFloat());

            ParameterStore store = new ParameterStore(manager, false);
            Shape[] shapes = net.stem().getOutputShapes(new Shape[] {in});
            NDArray x = manager.randomNormal(shapes[0]);
            for (ResidualBlock block : net.blocks()) {
                NDArray y = block.forward(store, new NDList(x), false).head();
                NDArray shortcut = block.shortcut().isPresent()
                        ? block.shortcut().get().forward(store, new NDList(x), false).head() : x;
                NDArray expected = Activation.relu(shortcut);
                assertEquals(expected.getShape(), y.getShape());
                assertTrue(expected.allClose(y, 1e-6, 1e-6, false), name);
                x = y;
            }
        }
    }

    @Test
    void zeroedGammasStillLearn() {
        ResNet net = Models.create("cifar_resnet50d", 10, 0.125);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(4, 3, 32, 32);
            net.initialize(manager, DataType.FLOAT32, in);
            Models.zeroGamma(net);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.randomUniform(0f, 1f, in)), true).head();
                collector.backward(logits.pow(2).mean());
            }
            for (BatchNorm bn : Models.lastNorms(net)) {
                assertTrue(gamma(bn).getGradient().abs().max().getFloat() > 0);
            }
        }
    }

    @Test
    void beforeInitializationTheInitializerIsSet() {
        ResNet net = Models.create("resnet18d", 10, 0.125);
        assertEquals(8, Models.zeroGamma(net));
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            for (BatchNorm bn : Models.lastNorms(net)) {
                assertEquals(0f, gamma(bn).abs().max().getFloat());
            }
            long ones = net.getParameters().values().stream()
                    .filter(p -> p.getType() == Parameter.Type.GAMMA)
                    .filter(p -> p.getArray().min().getFloat() == 1f)
                    .count();
            assertEquals(3 + 8 + 3, ones); // deep stem, first BN of each block, 3 projections
        }
    }
}
