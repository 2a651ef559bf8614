package org.bagoftricks.experiments;

import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.tricks.Trick;
import org.bagoftricks.tricks.Tricks;
import org.bagoftricks.tricks.Recipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Charts;
import org.bagoftricks.report.HtmlReport;
import org.bagoftricks.report.Results;
import org.bagoftricks.report.Tables;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * What each trick is worth, in the form of the paper's Tables 4 and 6: train the base, then
 * the base with tricks added one at a time, either cumulatively (base, +t1, +t1+t2, ...) or each
 * alone (base, +t1, +t2, ...), and tabulate top-1 with its change against the previous row and
 * against the base. With several seeds each row gets a verdict against the row it adds to.
 *
 * <pre>{@code
 * Ablation a = Ablation.cumulative(Datasets.embedded(), Recipe.baseline(),
 *         Tricks.parse("cosine,label-smoothing,mixup"));
 * a.table();   // recipe, tricks added, top-1, top-5, delta vs previous, delta vs base, img/s, minutes
 * a.chart();   // bars of the change each trick brought
 * }</pre>
 */
public record Ablation(boolean cumulative, List<String> added, Comparison comparison) {

    public Ablation {
        added = List.copyOf(added);
        Objects.requireNonNull(comparison, "comparison");
        if (added.size() != comparison.recipes().size()) {
            throw new IllegalArgumentException("one 'added' label per recipe");
        }
    }

    /** Base, base + t1, base + t1 + t2, ..., one seed. */
    public static Ablation cumulative(Dataset data, Recipe base, List<Trick> tricks) {
        return run(data, base, tricks, true, Progress.QUIET, null);
    }

    /** The recipes an ablation trains, in order; a null trick (one that does not fit a budget) repeats the row it adds to. */
    public static List<Recipe> recipes(Recipe base, List<Trick> tricks, boolean cumulative) {
        List<Recipe> recipes = new ArrayList<>(List.of(base));
        Recipe current = base;
        for (Trick t : tricks) {
            Recipe from = cumulative ? current : base;
            Recipe next = t == null ? from : from.with(t);
            recipes.add(next);
            current = next;
        }
        return recipes;
    }

    /**
     * Trains the ablation's recipes in order, once each; all recipes are built (and their
     * arguments checked) before the first is trained. With {@code resultsDir}, each run is written
     * as it finishes.
     */
    public static Ablation run(Dataset data, Recipe base, List<Trick> tricks, boolean cumulative, Progress progress,
            Path resultsDir) {
        return run(data, base, tricks, cumulative, b -> b.progress(progress).resultsDir(resultsDir));
    }

    /**
     * As above, with the comparison's other options (seeds, a results store as runner, a time
     * budget, progress) set by {@code options} on the comparison builder.
     */
    public static Ablation run(Dataset data, Recipe base, List<Trick> tricks, boolean cumulative,
            UnaryOperator<Comparison.Builder> options) {
        Objects.requireNonNull(base, "base");
        return run(data, recipes(base, tricks, cumulative), added(tricks), cumulative, options);
    }

    /** The "added" labels of an ablation of {@code tricks}: "-" for the base, then "+ trick". */
    static List<String> added(List<Trick> tricks) {
        List<String> added = new ArrayList<>(List.of("-"));
        for (Trick t : tricks) {
            added.add("+ " + t.name());
        }
        return added;
    }

    /** An ablation of recipes already built (the base first), labelled by {@code added}. */
    static Ablation run(Dataset data, List<Recipe> recipes, List<String> added, boolean cumulative,
            UnaryOperator<Comparison.Builder> options) {
        Comparison.Builder b = Comparison.of(data).recipes(recipes)
                .title(cumulative ? "Cumulative ablation" : "Each trick alone")
                .baseOf(cumulative ? i -> Math.max(0, i - 1) : i -> 0);
        return new Ablation(cumulative, added, options.apply(b).run());
    }

    /** Every run, recipe by recipe (and seed by seed within a recipe). */
    public List<Run> runs() {
        return comparison.runs();
    }

    /**
     * One seed: recipe, tricks added, top-1, top-5, delta vs previous, delta vs base, img/s,
     * minutes. Several seeds: means, spreads, 95% intervals and a verdict per row (see
     * {@link Comparison#table()}).
     */
    public Table table() {
        String title = comparison.title();
        if (comparison.seeds().size() == 1) {
            return Tables.ablation(title, added, comparison.runs(), cumulative);
        }
        return Tables.seeded(title, comparison.runsByRecipe(), comparison.tests(), added);
    }

    /**
     * The change in top-1 each trick brought (against the previous row when cumulative, else the
     * base): with several seeds, the mean change with its paired 95% interval, coloured by the
     * verdict (grey where not shown); with one seed, grey bars marked untested.
     */
    public CategoryChart chart() {
        List<org.bagoftricks.report.Stats.PairedTest> tests = new ArrayList<>();
        for (int r = 1; r < comparison.recipes().size(); r++) {
            tests.add(comparison.test(r));
        }
        String title = cumulative ? "Top-1 change as each trick is added" : "Top-1 change of each trick alone";
        if (comparison.seeds().size() > 1) {
            title += " (mean of " + comparison.seeds().size() + " seeds, 95% intervals)";
        }
        return Charts.deltaBars(title, added.subList(1, added.size()), tests, true);
    }

    /** What the ablation cannot show, e.g. a distillation teacher no better than its student ({@link Comparison#notes()}). */
    public List<String> notes() {
        return comparison.notes();
    }

    /** A self-contained HTML page: the table, the changes and the curves. */
    public HtmlReport report() {
        HtmlReport r = HtmlReport.titled(comparison.title() + " on " + comparison.data().name()).table(table());
        if (comparison.seeds().size() > 1) {
            r.paragraph("Verdicts: " + Tables.TEST_NOTE);
        }
        for (String note : notes()) {
            r.paragraph("Note: " + note + ".");
        }
        if (comparison.recipes().size() > 1) {
            r.chart(chart());
        }
        return r.chart(comparison.curves());
    }

    /** Writes ablation.csv, ablation.png (deltas), curves.png and every run's files. */
    public Path write(Path dir) {
        for (Run run : runs()) {
            Results.write(run, dir);
        }
        Results.writeCsv(table(), dir.resolve("ablation.csv"));
        if (comparison.recipes().size() > 1) {
            Charts.savePng(chart(), dir.resolve("ablation.png"));
        }
        Charts.savePng(comparison.curves(), dir.resolve("curves.png"));
        return dir.resolve("ablation.csv");
    }
}
