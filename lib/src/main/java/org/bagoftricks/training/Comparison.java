package org.bagoftricks.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Charts;
import org.bagoftricks.report.Results;
import org.bagoftricks.report.Tables;
import tech.tablesaw.api.Table;

/**
 * Several recipes trained on the same data, one after another, and what they measured side by
 * side. The first recipe is the base the others are compared with.
 *
 * <pre>{@code
 * Comparison c = Comparison.run(Datasets.embedded(), List.of(Recipe.baseline(), Recipe.baseline().cosine()));
 * c.table();          // recipe, top-1, top-5, delta, loss, img/s, minutes
 * c.write(Path.of("results"));
 * }</pre>
 */
public record Comparison(String title, Dataset data, List<Run> runs) {

    public Comparison {
        Objects.requireNonNull(data, "data");
        runs = List.copyOf(runs);
    }

    /** Trains every recipe quietly. */
    public static Comparison run(Dataset data, List<Recipe> recipes) {
        return run(data, recipes, Progress.QUIET, null);
    }

    /**
     * Trains every recipe in order, reporting progress; when {@code resultsDir} is given each run
     * is written there as soon as it finishes, so a later failure (a diverging recipe) loses
     * nothing already trained.
     */
    public static Comparison run(Dataset data, List<Recipe> recipes, Progress progress, Path resultsDir) {
        if (recipes.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one recipe");
        }
        List<Run> runs = new ArrayList<>();
        for (Recipe r : recipes) {
            Run run = Trainer.train(r, data, progress);
            runs.add(run);
            if (resultsDir != null) {
                Results.write(run, resultsDir);
            }
        }
        return new Comparison("Comparison on " + data.name(), data, runs);
    }

    /** The summary table (see {@link Tables#summary}). */
    public Table table() {
        return Tables.summary(title, runs);
    }

    /** Final test top-1 per recipe, as bars. */
    public org.knowm.xchart.CategoryChart chart() {
        return Charts.top1Bars(runs);
    }

    /** Test top-1 per epoch, a line per recipe. */
    public org.knowm.xchart.XYChart curves() {
        return Charts.testAccuracy(runs);
    }

    /** Writes comparison.csv, comparison.png (bars), curves.png and each run's files into {@code dir}. */
    public Path write(Path dir) {
        for (Run run : runs) {
            Results.write(run, dir);
        }
        Results.writeCsv(table(), dir.resolve("comparison.csv"));
        Charts.savePng(chart(), dir.resolve("comparison.png"));
        Charts.savePng(curves(), dir.resolve("curves.png"));
        return dir.resolve("comparison.csv");
    }
}
