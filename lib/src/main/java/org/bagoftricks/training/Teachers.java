package org.bagoftricks.training;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalDouble;
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
    /** The final test top-1 of each run in TRAINED, when known: a teacher is judged against its student. */
    private static final Map<String, Double> TOP1 = new ConcurrentHashMap<>();

    /** Remembers the trained parameters of {@code needed} (e.g. from a results store) for this JVM. */
    static void remember(Recipe needed, Dataset data, byte[] parameters) {
        TRAINED.put(key(needed, data), parameters.clone());
    }

    /** Remembers the final test top-1 (a fraction) of {@code needed}, trained elsewhere. */
    static void rememberTop1(Recipe needed, Dataset data, double top1) {
        TOP1.put(key(needed, data), top1);
    }

    /** The final test top-1 of {@code needed} on {@code data}, when this JVM trained it or was told it. */
    static OptionalDouble top1(Recipe needed, Dataset data) {
        Double v = TOP1.get(key(needed, data));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static String key(Recipe needed, Dataset data) {
        return needed.settings() + "|" + data.name() + "|" + data.train().size();
    }

    /** The trained parameters of {@code needed}: trained now, or earlier in this JVM. */
    static byte[] parameters(Recipe needed, Dataset data, Progress progress) {
        return TRAINED.computeIfAbsent(key(needed, data), k -> {
            try (Trainer t = new Trainer(needed, data, progress)) {
                TOP1.put(k, t.fit().top1());
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                t.model().saveParameters(new DataOutputStream(bytes));
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
