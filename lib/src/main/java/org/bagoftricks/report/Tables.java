package org.bagoftricks.report;

import java.util.List;
import org.bagoftricks.training.Run;
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

    /** The table as an HTML fragment, for notebooks and reports. */
    public static String html(Table table) {
        return table.write().toString("html");
    }
}
