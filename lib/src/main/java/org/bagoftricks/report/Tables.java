package org.bagoftricks.report;

import java.util.List;
import org.bagoftricks.models.ModelSummary;
import org.bagoftricks.training.Run;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables of results, in the form the paper's tables take. */
public final class Tables {
    private Tables() {}

    /**
     * One row per run: recipe, top-1 and top-5 (%), final training loss, training images per
     * second and minutes, plus top-1 relative to the first run (the comparison's base).
     */
    public static Table summary(String title, List<Run> runs) {
        double base = runs.isEmpty() ? 0 : 100 * runs.get(0).top1();
        return Table.create(title,
                StringColumn.create("recipe", runs.stream().map(r -> r.recipe().name()).toList()),
                round(DoubleColumn.create("top1", runs.stream().mapToDouble(r -> 100 * r.top1()).toArray()), 2),
                round(DoubleColumn.create("top5", runs.stream().mapToDouble(r -> 100 * r.top5()).toArray()), 2),
                round(DoubleColumn.create("delta_top1", runs.stream().mapToDouble(r -> 100 * r.top1() - base).toArray()), 2),
                round(DoubleColumn.create("final_loss", runs.stream().mapToDouble(Run::finalLoss).toArray()), 4),
                round(DoubleColumn.create("img_per_s", runs.stream().mapToDouble(Run::imagesPerSecond).toArray()), 1),
                round(DoubleColumn.create("minutes", runs.stream().mapToDouble(Run::minutes).toArray()), 2));
    }

    /** Rounds every value of a column to {@code digits} decimals, for display and CSV alike. */
    static DoubleColumn round(DoubleColumn c, int digits) {
        double f = Math.pow(10, digits);
        return c.map(v -> Math.round(v * f) / f);
    }

    /**
     * An ablation in the form of the paper's Tables 4 and 6: one row per recipe with the trick it
     * adds, top-1 and top-5 (%), the change of top-1 against the previous row and against the base
     * (first row), training images per second and minutes.
     */
    public static Table ablation(String title, List<String> added, List<Run> runs, boolean cumulative) {
        double base = 100 * runs.get(0).top1();
        double[] top1 = runs.stream().mapToDouble(r -> 100 * r.top1()).toArray();
        double[] prev = new double[top1.length];
        for (int i = 1; i < top1.length; i++) {
            prev[i] = top1[i] - (cumulative ? top1[i - 1] : base);
        }
        return Table.create(title,
                StringColumn.create("recipe", runs.stream().map(r -> r.recipe().name()).toList()),
                StringColumn.create("added", added),
                round(DoubleColumn.create("top1", top1), 2),
                round(DoubleColumn.create("top5", runs.stream().mapToDouble(r -> 100 * r.top5()).toArray()), 2),
                round(DoubleColumn.create("delta_prev", prev), 2),
                round(DoubleColumn.create("delta_base", java.util.Arrays.stream(top1).map(v -> v - base).toArray()), 2),
                round(DoubleColumn.create("img_per_s", runs.stream().mapToDouble(Run::imagesPerSecond).toArray()), 1),
                round(DoubleColumn.create("minutes", runs.stream().mapToDouble(Run::minutes).toArray()), 2));
    }

    /**
     * Registered models: parameters and multiply-adds (GFLOPs as the paper counts them) in the
     * ImageNet form at 224 x 224 with 1000 classes, and in the small-image ({@code cifar_}) form at
     * 32 x 32 with 10 classes.
     */
    public static Table models(List<ModelSummary> imagenet, List<ModelSummary> small) {
        if (imagenet.size() != small.size()) {
            throw new IllegalArgumentException("one small-image summary per model expected");
        }
        return Table.create("Models",
                StringColumn.create("model", imagenet.stream().map(ModelSummary::name).toList()),
                LongColumn.create("params_224", imagenet.stream().mapToLong(ModelSummary::parameters).toArray()),
                round(DoubleColumn.create("gflops_224", imagenet.stream().mapToDouble(ModelSummary::gflops).toArray()), 3),
                StringColumn.create("small_image_form", small.stream().map(ModelSummary::name).toList()),
                LongColumn.create("params_32", small.stream().mapToLong(ModelSummary::parameters).toArray()),
                round(DoubleColumn.create("gflops_32", small.stream().mapToDouble(ModelSummary::gflops).toArray()), 4));
    }

    /** The table as an HTML fragment, for notebooks and reports. */
    public static String html(Table table) {
        return table.write().toString("html");
    }
}
