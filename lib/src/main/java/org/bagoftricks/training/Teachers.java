package org.bagoftricks.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bagoftricks.data.Dataset;

/**
 * Teachers for distillation. A teacher given as a recipe is trained once per JVM and data set
 * and its parameters kept (as bytes, so every student builds its own copy in its own memory);
 * an ablation that distills in several recipes trains the teacher once.
 */
final class Teachers {
    private Teachers() {}

    private static final Map<String, byte[]> TRAINED = new ConcurrentHashMap<>();

    /** Remembers a teacher's trained parameters (e.g. from a results store) for this JVM. */
    static void remember(Recipe.Distillation d, Dataset data, byte[] weights) {
        TRAINED.put(key(d, data), weights.clone());
    }

    private static String key(Recipe.Distillation d, Dataset data) {
        return d.teacher().settings() + "|" + data.name() + "|" + data.train().size();
    }

    /** The teacher's parameters: read from its file, or trained now (or earlier in this JVM). */
    static byte[] weights(Recipe.Distillation d, Dataset data, Progress progress) {
        if (d.weights() != null) {
            try {
                return Files.readAllBytes(d.weights());
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("the teacher's weights " + d.weights() + " do not exist: train the"
                        + " teacher and save it with Trainer.saveModel, or distill from a teacher recipe");
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the teacher's weights " + d.weights(), e);
            }
        }
        return TRAINED.computeIfAbsent(key(d, data), k -> {
            try (Trainer t = new Trainer(d.teacher().label("teacher: " + d.teacher().name()), data, progress)) {
                t.fit();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                t.model().saveParameters(new DataOutputStream(bytes));
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Builds the teacher's network on {@code manager} and loads its parameters. */
    static Block load(Recipe teacher, byte[] weights, Dataset data, NDManager manager) {
        Block block = teacher.newModel(data.numClasses());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, teacher.imageSize(), teacher.imageSize()));
        try {
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights)));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("the teacher's weights do not fit its model " + teacher.model().name()
                    + " (width " + teacher.width() + ", " + data.numClasses() + " classes): " + e.getMessage(), e);
        }
        return block;
    }
}
