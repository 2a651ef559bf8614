package org.bagoftricks.report;

import java.util.List;
import org.bagoftricks.models.ModelSummary;
import org.bagoftricks.training.Run;
import tech.tablesaw.api.IntColumn;
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

    /** What the verdict column means, for captions and reports. */
    public static final String TEST_NOTE = "each recipe against its base row by a two-sided paired t-test over the"
            + " seeds at the 5% level (helps / hurts / not shown: the 95% interval holds 0); it assumes the per-seed differences are"
            + " independent and roughly normal, and with few seeds it detects only effects large against their spread.";

    /**
     * A comparison over several seeds: recipe, (trick added), seeds, top-1 mean, sd and 95%
     * interval, top-5 mean, mean change of top-1 against the base row with its paired 95% interval,
     * the paired test's p and verdict, mean img/s and mean minutes per run. One list of runs per recipe
     * (one run per seed), and per recipe the paired test against its base row (null on a base row);
     * {@code added} labels the rows, or is null.
     */
    public static Table seeded(String title, List<List<Run>> runsByRecipe, List<Stats.PairedTest> tests,
            List<String> added) {
        int rows = runsByRecipe.size();
        StringColumn recipe = StringColumn.create("recipe");
        StringColumn addedCol = StringColumn.create("added");
        IntColumn n = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("top1_mean");
        DoubleColumn sd = DoubleColumn.create("top1_sd");
        DoubleColumn low = DoubleColumn.create("top1_ci_low");
        DoubleColumn high = DoubleColumn.create("top1_ci_high");
        DoubleColumn top5 = DoubleColumn.create("top5_mean");
        Changes changes = new Changes();
        DoubleColumn speed = DoubleColumn.create("img_per_s");
        DoubleColumn minutes = DoubleColumn.create("minutes");
        for (int r = 0; r < rows; r++) {
            List<Run> runs = runsByRecipe.get(r);
            Stats.Summary sum = Stats.summary(runs.stream().mapToDouble(x -> 100 * x.top1()).toArray());
            recipe.append(runs.get(0).recipe().name());
            addedCol.append(added == null ? "" : added.get(r));
            n.append(sum.n());
            mean.append(sum.mean());
            sd.append(sum.sd());
            low.append(sum.low());
            high.append(sum.high());
            top5.append(runs.stream().mapToDouble(x -> 100 * x.top5()).average().orElse(Double.NaN));
            changes.append(tests.get(r));
            speed.append(runs.stream().mapToDouble(Run::imagesPerSecond).average().orElse(0));
            // per run, as img_per_s: a sum over the seeds read as one run taking N times as long
            minutes.append(runs.stream().mapToDouble(Run::minutes).average().orElse(0));
        }
        Table t = Table.create(title, recipe);
        if (added != null) {
            t.addColumns(addedCol);
        }
        t.addColumns(n, round(mean, 2), round(sd, 2), round(low, 2), round(high, 2), round(top5, 2));
        t.addColumns(changes.columns().toArray(new tech.tablesaw.columns.Column<?>[0]));
        t.addColumns(round(speed, 1), round(minutes, 2));
        return t;
    }

    /**
     * The change of each row of a comparison against its base row: mean change of top-1 (points),
     * its paired 95% interval, p and verdict ("base" on a base row), as columns for a table.
     */
    public static final class Changes {
        private final DoubleColumn delta = DoubleColumn.create("delta_mean");
        private final DoubleColumn low = DoubleColumn.create("delta_ci_low");
        private final DoubleColumn high = DoubleColumn.create("delta_ci_high");
        private final DoubleColumn p = DoubleColumn.create("p_value");
        private final StringColumn verdict = StringColumn.create("verdict");

        /** Appends a row: its paired test against its base row, or null for a base row. */
        public void append(Stats.PairedTest t) {
            if (t == null) {
                delta.append(0);
                low.appendMissing();
                high.appendMissing();
                p.appendMissing();
                verdict.append("base");
                return;
            }
            delta.append(t.meanDifference());
            low.append(t.low());
            high.append(t.high());
            if (Double.isNaN(t.p())) {
                p.appendMissing();
            } else {
                p.append(t.p());
            }
            verdict.append(t.verdict().label());
        }

        /** delta_mean, delta_ci_low, delta_ci_high (2 decimals), p_value (4), verdict. */
        public List<tech.tablesaw.columns.Column<?>> columns() {
            return List.of(round(delta, 2), round(low, 2), round(high, 2), round(p, 4), verdict);
        }
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

    /**
     * A results table for a terminal, narrow enough to read (the full table, with every column,
     * is what the CSV and the HTML hold). Each recipe becomes a short label (what it adds, as in
     * the charts' legends) keyed to its full name in a list under the table; a mean and its 95%
     * interval share a column ("61.2 [59.0, 63.4]"); the sd and top-5 of a seeded table are left
     * out.
     */
    public static String console(Table table) {
        Table t = table.copy();
        String legend = "";
        if (t.columnNames().contains("recipe")) {
            List<String> names = t.stringColumn("recipe").asList();
            List<String> distinct = names.stream().distinct().toList();
            List<String> labels = Charts.legendLabels(distinct);
            java.util.Map<String, String> label = new java.util.HashMap<>();
            StringBuilder b = new StringBuilder();
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < distinct.size(); i++) {
                String key = labels.equals(distinct) ? "r" + (i + 1) : labels.get(i); // r1, r2 ... when nothing is shared
                label.put(distinct.get(i), key);
                keys.add(key);
            }
            int w = keys.stream().mapToInt(String::length).max().orElse(1);
            for (int i = 0; i < distinct.size(); i++) {
                b.append("  ").append(pad(keys.get(i), w, false)).append("  ").append(distinct.get(i)).append(System.lineSeparator());
            }
            legend = "Recipes:" + System.lineSeparator() + b;
            int at = t.columnIndex("recipe");
            t.replaceColumn(at, StringColumn.create("recipe", names.stream().map(label::get).toList()));
            if (t.columnNames().contains("added")) {
                t.removeColumns("added"); // the short label says it
            }
        }
        merge(t, "top1_mean", "top1_ci_low", "top1_ci_high", "top1 % [95% CI]", "%.2f");
        merge(t, "delta_mean", "delta_ci_low", "delta_ci_high", "change [95% CI]", "%+.2f");
        for (String drop : List.of("top1_sd", "top5_mean")) {
            if (t.columnNames().contains(drop)) {
                t.removeColumns(drop);
            }
        }
        return plain(t) + legend;
    }

    /** Text columns to the left, numbers to the right, two spaces between: Tablesaw pads five. */
    private static String plain(Table t) {
        int cols = t.columnCount(), rows = t.rowCount();
        String[][] cells = new String[rows + 1][cols];
        int[] width = new int[cols];
        boolean[] text = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            var col = t.column(c);
            text[c] = col instanceof StringColumn && !col.name().contains("[");
            cells[0][c] = col.name();
            for (int r = 0; r < rows; r++) {
                cells[r + 1][c] = col.isMissing(r) ? "" : col.getString(r);
            }
            for (int r = 0; r <= rows; r++) {
                width[c] = Math.max(width[c], cells[r][c].length());
            }
        }
        StringBuilder b = new StringBuilder(t.name()).append(System.lineSeparator());
        for (int r = 0; r <= rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(cells[r][c], width[c], !text[c]));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
            if (r == 0) {
                b.append("-".repeat(line.toString().stripTrailing().length())).append(System.lineSeparator());
            }
        }
        return b.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    /** Replaces a mean and its interval's ends by one text column "mean [low, high]". */
    private static void merge(Table t, String mean, String low, String high, String name, String format) {
        if (!t.columnNames().containsAll(List.of(mean, low, high))) {
            return;
        }
        DoubleColumn m = t.doubleColumn(mean), l = t.doubleColumn(low), h = t.doubleColumn(high);
        StringColumn out = StringColumn.create(name);
        for (int i = 0; i < t.rowCount(); i++) {
            String text = String.format(java.util.Locale.ROOT, format, m.get(i));
            if (!l.isMissing(i) && !h.isMissing(i) && Double.isFinite(l.get(i)) && Double.isFinite(h.get(i))) {
                text += String.format(java.util.Locale.ROOT, " [" + format + ", " + format + "]", l.get(i), h.get(i));
            }
            out.append(text);
        }
        int at = t.columnIndex(mean);
        t.removeColumns(mean, low, high);
        t.insertColumn(at, out);
    }

    /** The table as an HTML fragment, for notebooks and reports. */
    public static String html(Table table) {
        return table.write().toString("html");
    }
}
