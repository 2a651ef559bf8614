package org.bagoftricks.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.bagoftricks.Djl;
import org.junit.jupiter.api.Test;

/**
 * Inference releases each residual block's intermediates as it goes (what keeps evaluation's
 * memory low): the logits are those of running the stages one after the other, and only they
 * outlive the forward pass.
 */
class InferenceForwardTest {
    private static final Shape INPUT = new Shape(4, 3, 16, 16);

    @Test
    void inferenceGivesTheSameLogitsAndKeepsOnlyThem() {
        Djl.engine();
        for (String name : new String[] {"cifar_resnet18", "cifar_seresnext50d_32x4d"}) {
            ResNet net = Models.create(name, 10, 0.125);
            try (NDManager manager = NDManager.newBaseManager()) {
                ParameterStore store = new ParameterStore(manager, false);
                net.initialize(manager, DataType.FLOAT32, INPUT);
                NDArray x = manager.randomNormal(INPUT);
                float[] stepByStep;
                int heldStepByStep;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    int before = manager.getManagedArrays().size();
                    NDList y = new NDList(x);
                    for (Block child : net.getChildren().values()) {
                        y = child.forward(store, y, false);
                    }
                    stepByStep = y.head().toFloatArray();
                    heldStepByStep = manager.getManagedArrays().size() - before;
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    int before = manager.getManagedArrays().size();
                    NDArray logits = net.forward(store, new NDList(x), false).singletonOrThrow();
                    assertArrayEquals(stepByStep, logits.toFloatArray(), 0f, name);
                    assertEquals(1, manager.getManagedArrays().size() - before, name + ": only the logits stay alive");
                    assertTrue(heldStepByStep > 20, name + ": without the release, " + heldStepByStep + " arrays stay");
                }
            }
        }
    }
}
