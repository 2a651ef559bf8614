package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import java.util.Locale;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.bagoftricks.data.Subsets;

/**
 * How big a notebook's runs are, chosen by the environment variable {@code TRICKS_SCALE}:
 * <ul>
 *   <li>{@code smoke}: seconds per notebook, for CI: 320 training and 100 test images, an eighth-width
 *       model, 2 epochs; numbers mean nothing, only that every cell runs;</li>
 *   <li>{@code quick} (default): a 2-core CPU or Binder, minutes per notebook: the embedded 5,000-image
 *       CIFAR-10 subset and the quarter-width ResNet-18 of {@link Recipe#baseline()};</li>
 *   <li>{@code full}: a GPU: full CIFAR-10 (or the ImageNet-style folder named by
 *       {@code TRICKS_FULL_DATA}) at full width, with the paper's schedule lengths (120 epochs,
 *       warm-up 5).</li>
 * </ul>
 */
public enum Scale {
    SMOKE, QUICK, FULL;

    /** The scale named by {@code TRICKS_SCALE}, {@link #QUICK} when unset. */
    public static Scale fromEnv() {
        String v = System.getenv("TRICKS_SCALE");
        return v == null || v.isBlank() ? QUICK : of(v);
    }

    /** smoke, quick or full (case-insensitive); a clear error otherwise. */
    public static Scale of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scale '" + name + "': use smoke, quick or full");
        }
    }

    /** The data of this scale (full: TRICKS_FULL_DATA, default "cifar10", which must have been fetched). */
    public Dataset data() {
        return switch (this) {
            case SMOKE -> Subsets.of(Datasets.embedded(), 320, 100);
            case QUICK -> Datasets.embedded();
            case FULL -> Datasets.open(System.getenv().getOrDefault("TRICKS_FULL_DATA", "cifar10"));
        };
    }

    /**
     * The §2 baseline recipe at this scale, for {@code data} (from {@link #data()}): the model and
     * its width, image size and batch; the epochs are {@link #epochs(int)}'s.
     */
    public Recipe baseline(Dataset data) {
        return switch (this) {
            case SMOKE -> Recipe.baseline().width(0.125).batchSize(32).epochs(epochs(12));
            case QUICK -> Recipe.baseline().epochs(epochs(12));
            case FULL -> data.imageSide() > 0 && data.imageSide() <= 64
                    ? Recipe.baseline().width(1).imageSize(data.imageSide()).epochs(epochs(12))
                    : Recipe.paper();
        };
    }

    /** Epochs for a run that takes {@code quick} epochs at the quick scale: 2 in smoke, 120 (the paper's) in full. */
    public int epochs(int quick) {
        if (quick < 2) {
            throw new IllegalArgumentException("a run needs at least 2 epochs, got " + quick);
        }
        return switch (this) {
            case SMOKE -> 2;
            case QUICK -> quick;
            case FULL -> 120;
        };
    }

    /** Warm-up epochs: 1 in smoke, {@code quick} at the quick scale, the paper's 5 in full. */
    public int warmupEpochs(int quick) {
        return switch (this) {
            case SMOKE -> 1;
            case QUICK -> quick;
            case FULL -> 5;
        };
    }

    /** Lower-case name, as TRICKS_SCALE takes it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
