package org.bagoftricks.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Charts;
import org.bagoftricks.report.Results;
import org.bagoftricks.report.Tables;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * What each trick is worth, in the form of the paper's Tables 4 and 6: train the base, then
 * the base with tricks added one at a time, either cumulatively (base, +t1, +t1+t2, ...) or each
 * alone (base, +t1, +t2, ...), and tabulate top-1 with its change against the previous row and
 * against the base.
 *
 * <pre>{@code
 * Ablation a = Ablation.cumulative(Datasets.embedded(), Recipe.baseline(),
 *         List.of(Trick.COSINE, Trick.LABEL_SMOOTHING, Trick.MIXUP));
 * a.table();   // recipe, tricks added, top-1, top-5, delta vs previous, delta vs base, img/s, minutes
 * a.chart();   // bars of the change each trick brought
 * }</pre>
 */
public record Ablation(boolean cumulative, List<String> added, List<Run> runs) {

    public Ablation {
        added = List.copyOf(added);
        runs = List.copyOf(runs);
        if (added.size() != runs.size()) {
            throw new IllegalArgumentException("one 'added' label per run");
        }
    }

    /** Base, base + t1, base + t1 + t2, ... with the paper's trick values. */
    public static Ablation cumulative(Dataset data, Recipe base, List<Trick> tricks) {
        return run(data, base, tricks, TrickSettings.paper(), true, Progress.QUIET, null);
    }

    /** Base, base + t1, base + t2, ... (each trick alone) with the paper's trick values. */
    public static Ablation oneAtATime(Dataset data, Recipe base, List<Trick> tricks) {
        return run(data, base, tricks, TrickSettings.paper(), false, Progress.QUIET, null);
    }

    /** The recipes an ablation trains, in order. */
    public static List<Recipe> recipes(Recipe base, List<Trick> tricks, TrickSettings settings, boolean cumulative) {
        List<Recipe> recipes = new ArrayList<>(List.of(base));
        Recipe current = base;
        for (Trick t : tricks) {
            Recipe next = t.apply(cumulative ? current : base, settings);
            recipes.add(next);
            current = next;
        }
        return recipes;
    }

    /**
     * Trains the ablation's recipes in order; all recipes are built (and their arguments checked)
     * before the first is trained. With {@code resultsDir}, each run is written as it finishes.
     */
    public static Ablation run(Dataset data, Recipe base, List<Trick> tricks, TrickSettings settings,
            boolean cumulative, Progress progress, Path resultsDir) {
        Objects.requireNonNull(base, "base");
        List<Recipe> recipes = recipes(base, tricks, settings, cumulative);
        List<String> added = new ArrayList<>(List.of("-"));
        for (Trick t : tricks) {
            added.add("+ " + t.label());
        }
        return new Ablation(cumulative, added, Comparison.run(data, recipes, progress, resultsDir).runs());
    }

    /** Recipe, tricks added, top-1, top-5, delta vs previous, delta vs base, img/s, minutes. */
    public Table table() {
        return Tables.ablation(cumulative ? "Cumulative ablation" : "Each trick alone", added, runs, cumulative);
    }

    /** The change in top-1 each trick brought (against the previous row when cumulative, else the base). */
    public CategoryChart chart() {
        return Charts.deltaBars(cumulative ? "Top-1 change as each trick is added" : "Top-1 change of each trick alone",
                added.subList(1, added.size()), table().doubleColumn(cumulative ? "delta_prev" : "delta_base")
                        .asList().subList(1, runs.size()));
    }

    /** Writes ablation.csv, ablation.png (deltas), curves.png and every run's files. */
    public Path write(Path dir) {
        for (Run run : runs) {
            Results.write(run, dir);
        }
        Results.writeCsv(table(), dir.resolve("ablation.csv"));
        if (runs.size() > 1) {
            Charts.savePng(chart(), dir.resolve("ablation.png"));
        }
        Charts.savePng(Charts.testAccuracy(runs), dir.resolve("curves.png"));
        return dir.resolve("ablation.csv");
    }
}
