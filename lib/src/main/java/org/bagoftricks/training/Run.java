package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A finished training run: what was trained (recipe), on what (data), where (machine), with
 * which library version, and what every epoch measured.
 */
public record Run(Recipe recipe, String data, String dataDescription, Machine machine, String libraryVersion,
        Instant started, List<EpochStats> epochs) {

    public Run {
        Objects.requireNonNull(recipe, "recipe");
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one epoch");
        }
    }

    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Final test top-1 accuracy, a fraction. */
    public double top1() {
        return last().testTop1();
    }

    /** Final test top-5 accuracy, a fraction. */
    public double top5() {
        return last().testTop5();
    }

    /** Final training loss. */
    public double finalLoss() {
        return last().trainLoss();
    }

    /** Mean training throughput over the epochs after the first (which includes warm-up of the JIT and allocator). */
    public double imagesPerSecond() {
        List<EpochStats> steady = epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
        return steady.stream().mapToDouble(EpochStats::imagesPerSecond).average().orElse(0);
    }

    /** Wall-clock minutes of the whole run. */
    public double minutes() {
        return epochs.stream().mapToDouble(EpochStats::seconds).sum() / 60;
    }

    /** Share of training time spent waiting for data. */
    public double dataWaitShare() {
        double wait = epochs.stream().mapToDouble(EpochStats::dataWaitSeconds).sum();
        double total = epochs.stream().mapToDouble(EpochStats::seconds).sum();
        return total > 0 ? wait / total : 0;
    }

    /**
     * One row per epoch: epoch (1-based), lr, losses, accuracies in percent, img/s, seconds;
     * rounded to what the measurements can tell (6 significant digits of lr, 4 decimals of loss,
     * 2 of percentages).
     */
    public Table history() {
        Table t = Table.create(recipe.name(),
                IntColumn.create("epoch", epochs.stream().mapToInt(e -> e.epoch() + 1).toArray()),
                col("lr", epochs.stream().mapToDouble(e -> significant(e.lr(), 6)).toArray()),
                col("train_loss", epochs.stream().mapToDouble(e -> round(e.trainLoss(), 4)).toArray()),
                col("train_top1", epochs.stream().mapToDouble(e -> round(100 * e.trainTop1(), 2)).toArray()),
                col("test_loss", epochs.stream().mapToDouble(e -> round(e.testLoss(), 4)).toArray()),
                col("test_top1", epochs.stream().mapToDouble(e -> round(100 * e.testTop1(), 2)).toArray()),
                col("test_top5", epochs.stream().mapToDouble(e -> round(100 * e.testTop5(), 2)).toArray()),
                col("img_per_s", epochs.stream().mapToDouble(e -> round(e.imagesPerSecond(), 1)).toArray()),
                col("seconds", epochs.stream().mapToDouble(e -> round(e.seconds(), 2)).toArray()),
                col("data_wait_s", epochs.stream().mapToDouble(e -> round(e.dataWaitSeconds(), 3)).toArray()));
        return t;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Double.isFinite(v) ? Math.round(v * f) / f : v;
    }

    static double significant(double v, int digits) {
        return v == 0 || !Double.isFinite(v) ? v
                : new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    private static DoubleColumn col(String name, double[] values) {
        return DoubleColumn.create(name, values);
    }
}
