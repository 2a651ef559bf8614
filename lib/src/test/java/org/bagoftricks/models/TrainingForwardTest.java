package org.bagoftricks.models;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training-mode forward and backward, and DJL's parameter save/load, on a custom-block model. */
class TrainingForwardTest {
    private static final Shape INPUT = new Shape(4, 3, 32, 32);

    @BeforeAll
    static void engine() {
        Djl.engine();
    }

    @Test
    void trainingForwardUpdatesStatisticsAndGradients() {
        ResNet net = Models.create("cifar_seresnext50d_32x4d", 10, 0.25);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            // an uninitialized block initializes itself on a training forward, as in DJL
            NDArray x = manager.randomUniform(0f, 1f, INPUT);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(store, new NDList(x), true).head();
                assertEquals(new Shape(4, 10), logits.getShape());
                collector.backward(logits.pow(2).mean());
            }
            long withGradient = 0;
            long trainable = 0;
            for (Parameter p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    trainable++;
                    if (p.getArray().getGradient().abs().max().getFloat() > 0) {
                        withGradient++;
                    }
                }
            }
            // every trainable parameter (convs, dense, BN, SE) gets a gradient
            assertEquals(trainable, withGradient);
            BatchNorm stemNorm = (BatchNorm) net.stem().getChildren().get(1).getValue();
            float mean = stemNorm.getDirectParameters().get("runningMean").getArray()
                    .abs().max().getFloat();
            assertTrue(mean > 0, "training mode must update BN running statistics");
        }
    }

    @Test
    void saveAndLoadParameters() throws IOException, MalformedModelException {
        ModelSpec spec = ModelSpec.of("cifar_resnet18d").width(0.25);
        ResNet net = spec.build();
        ResNet copy = spec.build();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, INPUT);
            Models.zeroGamma(net);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.saveParameters(new DataOutputStream(bytes));
            copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(ModelStats.parameters(net), ModelStats.parameters(copy));

            NDArray x = manager.randomUniform(0f, 1f, INPUT);
            NDArray a = net.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            NDArray b = copy.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            assertTrue(a.allClose(b, 0, 0, false));
        }
    }
}
