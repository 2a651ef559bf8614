package org.bagoftricks.training;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.tricks.Recipe;

/**
 * Runs that other runs need first (a distillation teacher, {@link Recipe#needs()}). Each is
 * trained once per JVM and data set and its parameters kept (as bytes, so every run that needs
 * it builds its own copy in its own memory): an ablation that distills in several recipes trains
 * the teacher once.
 */
final class Teachers {
    private Teachers() {}

    private static final Map<String, byte[]> TRAINED = new ConcurrentHashMap<>();

    /** Remembers the trained parameters of {@code needed} (e.g. from a results store) for this JVM. */
    static void remember(Recipe needed, Dataset data, byte[] parameters) {
        TRAINED.put(key(needed, data), parameters.clone());
    }

    private static String key(Recipe needed, Dataset data) {
        return needed.settings() + "|" + data.name() + "|" + data.train().size();
    }

    /** The trained parameters of {@code needed}: trained now, or earlier in this JVM. */
    static byte[] parameters(Recipe needed, Dataset data, Progress progress) {
        return TRAINED.computeIfAbsent(key(needed, data), k -> {
            try (Trainer t = new Trainer(needed, data, progress)) {
                t.fit();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                t.model().saveParameters(new DataOutputStream(bytes));
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
