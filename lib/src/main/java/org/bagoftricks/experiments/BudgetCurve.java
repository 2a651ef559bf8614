package org.bagoftricks.experiments;

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
import org.bagoftricks.report.Stats;
import org.bagoftricks.report.Tables;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The same ablation at several lengths: "from how many epochs does this trick pay?". At each
 * length every recipe trains with the same seeds, and each trick's change against the base of
 * that length gets its paired 95% interval. The paper trains mixup for 200 epochs instead of
 * 120 because it needs longer; this is the chart that shows such a thing at our scale.
 *
 * <pre>{@code
 * BudgetCurve b = BudgetCurve.run(data, Recipe.baseline().smallImageAugmentation(),
 *         Tricks.parse("mixup,label-smoothing"), false, List.of(5, 10, 20), o -> o.seeds(3));
 * b.chart();   // change against the base per length, with 95% error bars
 * }</pre>
 *
 * <p>Each recipe is fitted to each length as a budget fits it ({@link Recipe#fittedTo}): warm-up
 * and mixup-off epochs longer than a short length are shortened to fit it.
 *
 * @param epochs     the lengths, ascending
 * @param ablations  one ablation per length, in the same order
 */
public record BudgetCurve(List<Integer> epochs, List<Ablation> ablations) {

    public BudgetCurve {
        epochs = List.copyOf(epochs);
        ablations = List.copyOf(ablations);
        if (epochs.size() != ablations.size() || epochs.isEmpty()) {
            throw new IllegalArgumentException("one ablation per length, at least one length");
        }
    }

    /** The lengths sorted, without repeats; each at least 1 epoch. */
    public static List<Integer> lengths(List<Integer> epochs) {
        Objects.requireNonNull(epochs, "epochs");
        List<Integer> out = epochs.stream().distinct().sorted().toList();
        if (out.isEmpty() || out.get(0) < 1) {
            throw new IllegalArgumentException("a budget curve needs lengths of at least 1 epoch, got " + epochs);
        }
        return out;
    }

    /**
     * The recipes trained at length {@code epochs}: the ablation's, each fitted to the length (a
     * trick of which nothing fits leaves its row as the row it adds to).
     */
    public static List<Recipe> recipes(Recipe base, List<Trick> tricks, boolean cumulative, int epochs) {
        // Stream.toList keeps the nulls of tricks that do not fit
        return Ablation.recipes(base.fittedTo(epochs), tricks.stream().map(t -> t.fittedTo(epochs)).toList(), cumulative);
    }

    /**
     * Trains the ablation of {@code tricks} at each length (shortest first, so the first points of
     * the curve come early); {@code options} sets the comparison's seeds, runner and progress.
     */
    public static BudgetCurve run(Dataset data, Recipe base, List<Trick> tricks, boolean cumulative,
            List<Integer> epochs, UnaryOperator<Comparison.Builder> options) {
        if (tricks.isEmpty()) {
            throw new IllegalArgumentException("a budget curve compares tricks against the base: name at least one");
        }
        List<Integer> lengths = lengths(epochs);
        for (int e : lengths) {
            recipes(base, tricks, cumulative, e); // every value checked before any training
        }
        List<Ablation> out = new ArrayList<>();
        for (int e : lengths) {
            out.add(Ablation.run(data, recipes(base, tricks, cumulative, e), Ablation.added(tricks), cumulative, options));
        }
        return new BudgetCurve(lengths, out);
    }

    /** The tricks' labels ("+ mixup"), one per line of the chart. */
    public List<String> tricks() {
        List<String> added = ablations.get(0).added();
        return added.subList(1, added.size());
    }

    /** The paired test of trick {@code k} (0-based, the base excluded) at length index {@code i}. */
    public Stats.PairedTest test(int k, int i) {
        return ablations.get(i).comparison().test(k + 1);
    }

    /**
     * One row per length and recipe: epochs, added, seeds, top-1 mean, the change against the
     * base row of that length with its paired 95% interval, p and verdict.
     */
    public Table table() {
        IntColumn len = IntColumn.create("epochs");
        StringColumn added = StringColumn.create("added");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn mean = DoubleColumn.create("top1_mean");
        Tables.Changes changes = new Tables.Changes();
        for (int i = 0; i < epochs.size(); i++) {
            Comparison c = ablations.get(i).comparison();
            for (int r = 0; r < c.recipes().size(); r++) {
                len.append(epochs.get(i));
                added.append(ablations.get(i).added().get(r));
                seeds.append(c.seeds().size());
                mean.append(Stats.summary(c.top1(r)).mean());
                changes.append(c.tests().get(r));
            }
        }
        Table t = Table.create("Budget curve: the change of each trick at each length", len, added, seeds,
                mean.map(v -> Math.round(v * 100) / 100.0));
        return t.addColumns(changes.columns().toArray(new tech.tablesaw.columns.Column<?>[0]));
    }

    /** The change of top-1 against the base at each length, a line per trick, 95% error bars. */
    public XYChart chart() {
        List<List<Stats.PairedTest>> tests = new ArrayList<>();
        for (int k = 0; k < tricks().size(); k++) {
            List<Stats.PairedTest> line = new ArrayList<>();
            for (int i = 0; i < epochs.size(); i++) {
                line.add(test(k, i));
            }
            tests.add(line);
        }
        int n = ablations.get(0).comparison().seeds().size();
        return Charts.budgetCurve("Top-1 change against the base by length (" + n + (n == 1 ? " seed" : " seeds, 95% intervals")
                + ")", epochs, tricks(), tests);
    }

    /** Each length's {@linkplain Ablation#notes() notes}, prefixed with the length. */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            for (String note : ablations.get(i).notes()) {
                notes.add("at " + epochs.get(i) + " epochs, " + note);
            }
        }
        return notes;
    }

    /** A self-contained HTML page: the table and the curve. */
    public HtmlReport report() {
        Comparison first = ablations.get(0).comparison();
        HtmlReport page = HtmlReport.titled("Budget curve on " + first.data().name()).table(table())
                .paragraph(first.seeds().size() > 1 ? "Verdicts: " + Tables.TEST_NOTE
                        : "One seed per recipe: no verdicts; run several seeds (--seeds).");
        for (String note : notes()) {
            page.paragraph("Note: " + note + ".");
        }
        return page.chart(chart());
    }

    /**
     * Writes budget.csv and budget.png, and each length's ablation (its runs, table and charts)
     * into a folder {@code e<epochs>} of its own (the recipes' names are the same at every length).
     */
    public Path write(Path dir) {
        for (int i = 0; i < epochs.size(); i++) {
            ablations.get(i).write(dir.resolve("e" + epochs.get(i)));
        }
        Results.writeCsv(table(), dir.resolve("budget.csv"));
        Charts.savePng(chart(), dir.resolve("budget.png"));
        return dir.resolve("budget.csv");
    }
}
