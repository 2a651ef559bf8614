package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import org.bagoftricks.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trainer.logits and Trainer.initializeFrom (transfer) on the synthetic colour task. */
class TransferAndLogitsTest {
    private static final Dataset FOUR = SyntheticData.colours(4, 64, 16, 16, 1);
    private static final Dataset THREE = SyntheticData.colours(3, 64, 16, 16, 2);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(2).batchSize(32).width(0.125).smallImageAugmentation();
    }

    @Test
    void logitsHaveOneRowPerImageAndAgreeWithTheAccuracy() {
        try (Trainer t = new Trainer(tiny().epochs(3), FOUR)) {
            Run run = t.fit();
            float[][] z = t.logits(FOUR.test());
            assertEquals(FOUR.test().size(), z.length);
            assertEquals(4, z[0].length);
            int correct = 0;
            for (int i = 0; i < z.length; i++) {
                int arg = 0;
                for (int j = 1; j < z[i].length; j++) {
                    arg = z[i][j] > z[i][arg] ? j : arg;
                }
                correct += arg == FOUR.test().label(i) ? 1 : 0;
            }
            assertEquals(run.top1(), correct / (double) z.length, 1e-9, "argmax of the logits is the evaluated top-1");
        }
    }

    @Test
    void initializeFromCopiesEverythingButTheClassifier(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("source.params");
        float[] sourceStem;
        try (Trainer source = new Trainer(tiny(), FOUR)) {
            source.fit();
            source.saveModel(weights);
            sourceStem = first(source, "stem").toFloatArray();
        }
        try (Trainer fresh = new Trainer(tiny().seed(5), THREE); Trainer moved = new Trainer(tiny().seed(5), THREE)) {
            moved.initializeFrom(weights, 4);
            assertArrayEquals(sourceStem, first(moved, "stem").toFloatArray(), 0f, "backbone copied");
            assertNotEquals(first(fresh, "stem").toFloatArray()[0], first(moved, "stem").toFloatArray()[0]);
            // the classifier (3 classes here, 4 there) keeps this trainer's own initialization
            assertArrayEquals(last(fresh).toFloatArray(), last(moved).toFloatArray(), 0f);
            Run run = moved.fit();
            assertTrue(Double.isFinite(run.finalLoss()), "fine-tuning after the copy trains");
        }
    }

    @Test
    void aFrozenBackboneKeepsItsValuesWhileTheClassifierTrains(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("source.params");
        try (Trainer source = new Trainer(tiny(), FOUR)) {
            source.fit();
            source.saveModel(weights);
        }
        try (Trainer probe = new Trainer(tiny().seed(5), THREE)) {
            probe.initializeFrom(weights, 4).freezeAllButHead();
            assertEquals(probe.optimizer().slots().size() - 2, probe.optimizer().skipFrozen(),
                    "the optimizer leaves out all but the classifier's weight and bias");
            float[] stem = first(probe, "stem").toFloatArray();
            float[] gamma = gamma(probe).toFloatArray();
            float[] head = last(probe).toFloatArray();
            Run run = probe.fit();
            assertTrue(Double.isFinite(run.finalLoss()));
            assertArrayEquals(stem, first(probe, "stem").toFloatArray(), 0f, "frozen convolution unchanged");
            assertArrayEquals(gamma, gamma(probe).toFloatArray(), 0f, "frozen batch-norm gamma unchanged (no decay either)");
            assertNotEquals(head[0], last(probe).toFloatArray()[0], "the classifier trains");
        }
        // the same fit without freezing moves the backbone: the check above can fail
        try (Trainer tuned = new Trainer(tiny().seed(5), THREE)) {
            tuned.initializeFrom(weights, 4);
            float[] stem = first(tuned, "stem").toFloatArray();
            tuned.fit();
            assertNotEquals(stem[0], first(tuned, "stem").toFloatArray()[0]);
        }
        try (Trainer half = new Trainer(tiny().fp16(), THREE)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, half::freezeAllButHead);
            assertTrue(e.getMessage().contains("FP32"), e.getMessage());
        }
    }

    private static ai.djl.ndarray.NDArray gamma(Trainer t) {
        for (Pair<String, Parameter> p : t.model().getParameters()) {
            if (p.getKey().endsWith("gamma")) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no batch-norm gamma");
    }

    @Test
    void aDifferentArchitectureOrMissingFileIsAClearError(@TempDir Path dir) {
        Path weights = dir.resolve("w.params");
        try (Trainer source = new Trainer(tiny(), FOUR)) {
            source.saveModel(weights);
        }
        try (Trainer wider = new Trainer(tiny().width(0.25), THREE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.initializeFrom(weights, 4));
            assertTrue(e.getMessage().contains("width"), e.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> wider.initializeFrom(dir.resolve("none"), 4));
            assertTrue(missing.getMessage().contains("Trainer.saveModel"), missing.getMessage());
        }
    }

    private static ai.djl.ndarray.NDArray first(Trainer t, String prefix) {
        for (Pair<String, Parameter> p : t.model().getParameters()) {
            if (p.getKey().contains(prefix) && p.getValue().getType() == Parameter.Type.WEIGHT) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no weight under " + prefix);
    }

    private static ai.djl.ndarray.NDArray last(Trainer t) {
        ai.djl.ndarray.NDArray found = null;
        for (Pair<String, Parameter> p : t.model().getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                found = p.getValue().getArray();
            }
        }
        return found;
    }
}
