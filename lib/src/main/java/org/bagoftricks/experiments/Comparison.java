package org.bagoftricks.experiments;

import org.bagoftricks.training.Machine;
import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.tricks.Recipe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Charts;
import org.bagoftricks.report.HtmlReport;
import org.bagoftricks.report.Results;
import org.bagoftricks.report.Stats;
import org.bagoftricks.report.Tables;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * Several recipes trained on the same data, each with the same seeds, and what they measured
 * side by side. With several seeds the table shows mean, standard deviation and a 95% interval
 * of top-1, and each recipe gets a verdict against its base from a paired t-test over the seeds
 * (see {@link Stats}); the seeds are shared, so runs of different recipes with one seed start
 * from the same initialization and see the data in the same order.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(Datasets.embedded())
 *         .recipes(List.of(Recipe.baseline(), Recipe.baseline().cosine()))
 *         .seeds(3)
 *         .runner(RunStore.standard().runner(false))   // reuse stored runs
 *         .run();
 * c.table();
 * }</pre>
 *
 * @param recipes the recipes as given (their runs use the comparison's seeds)
 * @param seeds   the seeds every recipe ran with
 * @param runs    recipe-major: the run of recipe r with seed s is {@code runs.get(r * seeds.size() + s)}
 * @param baseOf  the row each row is compared with (row 0 with itself)
 */
public record Comparison(String title, Dataset data, List<Recipe> recipes, List<Long> seeds, List<Run> runs,
        IntUnaryOperator baseOf) {

    public Comparison {
        Objects.requireNonNull(data, "data");
        recipes = List.copyOf(recipes);
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        if (runs.size() != recipes.size() * seeds.size()) {
            throw new IllegalArgumentException(runs.size() + " runs for " + recipes.size() + " recipes x "
                    + seeds.size() + " seeds");
        }
    }

    /**
     * Runs already trained one by one with the same seed, e.g. in a notebook that kept each trainer
     * for more than its run; every row is compared with the first.
     */
    public Comparison(String title, Dataset data, List<Run> runs) {
        this(title, data, runs.stream().map(Run::recipe).toList(), List.of(sharedSeed(runs)), runs, i -> 0);
    }

    private static long sharedSeed(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one run");
        }
        long seed = runs.get(0).recipe().seed();
        for (Run r : runs) {
            if (r.recipe().seed() != seed) {
                throw new IllegalArgumentException("runs compared one by one must share a seed: " + r.recipe().name()
                        + " ran with " + r.recipe().seed() + ", the first with " + seed
                        + " (for several seeds use Comparison.of(data).seeds(n))");
            }
        }
        return seed;
    }

    /** Trains every recipe once, quietly. */
    public static Comparison run(Dataset data, List<Recipe> recipes) {
        return of(data).recipes(recipes).run();
    }

    /**
     * Trains every recipe once, in order, reporting progress; when {@code resultsDir} is given each
     * run is written there as soon as it finishes, so a later failure (a diverging recipe) loses
     * nothing already trained.
     */
    public static Comparison run(Dataset data, List<Recipe> recipes, Progress progress, Path resultsDir) {
        return of(data).recipes(recipes).progress(progress).resultsDir(resultsDir).run();
    }

    public static Builder of(Dataset data) {
        return new Builder(data);
    }

    /** Options of a comparison, then {@link #run()}. */
    public static final class Builder {
        private final Dataset data;
        private List<Recipe> recipes = List.of();
        private List<Long> seeds;
        private Runner runner = Runner.TRAIN;
        private Progress progress = Progress.QUIET;
        private Path resultsDir;
        private Duration budget;
        private String title;
        private IntUnaryOperator baseOf = i -> 0;
        private int seedCount = 1;

        private Builder(Dataset data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        public Builder recipes(List<Recipe> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("a comparison needs at least one recipe");
            }
            this.recipes = List.copyOf(list);
            return this;
        }

        /** {@code n} seeds: the first recipe's seed and the {@code n - 1} after it. */
        public Builder seeds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one seed, got " + n);
            }
            this.seeds = null;
            this.seedCount = n;
            return this;
        }

        /** These seeds for every recipe. */
        public Builder seeds(List<Long> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("at least one seed");
            }
            this.seeds = List.copyOf(values);
            return this;
        }

        public Builder runner(Runner r) {
            this.runner = Objects.requireNonNull(r, "runner");
            return this;
        }

        public Builder progress(Progress p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /** Each run is written here (CSV + JSON) as soon as it finishes. */
        public Builder resultsDir(Path dir) {
            this.resultsDir = dir;
            return this;
        }

        /**
         * Compare at an equal wall-clock budget per recipe instead of equal epochs: each recipe's
         * epochs become what fits the budget on this machine (see {@link Budget}).
         */
        public Builder budget(Duration perRecipe) {
            this.budget = perRecipe;
            return this;
        }

        public Builder title(String text) {
            this.title = text;
            return this;
        }

        /** Which row each row is compared with; default: the first. */
        public Builder baseOf(IntUnaryOperator f) {
            this.baseOf = Objects.requireNonNull(f, "baseOf");
            return this;
        }

        /** The recipes as they will be trained (after the budget, if any), without the seeds. */
        public List<Recipe> plannedRecipes() {
            if (recipes.isEmpty()) {
                throw new IllegalArgumentException("a comparison needs at least one recipe");
            }
            return budget == null ? recipes : Budget.fit(recipes, data, budget, progress);
        }

        public Comparison run() {
            List<Recipe> planned = plannedRecipes();
            List<Long> s = seeds != null ? seeds : java.util.stream.LongStream.range(0, seedCount)
                    .map(i -> planned.get(0).seed() + i).boxed().toList();
            List<Run> runs = new ArrayList<>();
            for (Recipe r : planned) {
                for (long seed : s) {
                    Run run = runner.run(s.size() == 1 && seeds == null ? r : r.seed(seed), data, progress);
                    runs.add(run);
                    if (resultsDir != null) {
                        Results.write(run, resultsDir);
                    }
                }
            }
            String t = title != null ? title : "Comparison on " + data.name()
                    + (s.size() > 1 ? " (" + s.size() + " seeds)" : "") + (budget != null ? " at "
                    + budget.toMinutes() + " min per recipe" : "");
            return new Comparison(t, data, planned, s, runs, baseOf);
        }
    }

    /** The runs of recipe {@code r}, one per seed. */
    public List<Run> runsOf(int r) {
        return runs.subList(r * seeds.size(), (r + 1) * seeds.size());
    }

    /** Final test top-1 (%) of recipe {@code r}, one per seed. */
    public double[] top1(int r) {
        return runsOf(r).stream().mapToDouble(x -> 100 * x.top1()).toArray();
    }

    /** The paired test of recipe {@code r} against its base row. */
    public Stats.PairedTest test(int r) {
        return Stats.paired(top1(baseOf.applyAsInt(r)), top1(r));
    }

    /** The runs of each recipe, recipe by recipe. */
    public List<List<Run>> runsByRecipe() {
        return java.util.stream.IntStream.range(0, recipes.size()).mapToObj(this::runsOf).toList();
    }

    /** Each recipe's paired test against its base row; null on a base row (itself its base). */
    public List<Stats.PairedTest> tests() {
        return java.util.stream.IntStream.range(0, recipes.size())
                .mapToObj(r -> baseOf.applyAsInt(r) == r ? null : test(r)).toList();
    }

    /**
     * Warnings about what the comparison can show: one for each distillation teacher whose test
     * top-1 is not above the mean top-1 of the recipe it teaches without distillation (the base row
     * of the row that brings the teacher in; later rows of a cumulative comparison that keep it are
     * not noted again). A teacher no better than its student cannot show what distillation is worth
     * (the paper's ResNet-152-D teacher is better than its ResNet-50-D student). Only teachers this
     * JVM trained or took from a results store are known.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (int r = 0; r < recipes.size(); r++) {
            int base = baseOf.applyAsInt(r);
            if (base == r) {
                continue; // a base row has no student without its teacher to compare with
            }
            double student = java.util.Arrays.stream(top1(base)).average().orElse(Double.NaN);
            List<Recipe> before = teachersOf(base);
            for (Recipe teacher : teachersOf(r)) {
                java.util.OptionalDouble t = org.bagoftricks.training.Trainer.trainedTop1(teacher, data);
                if (t.isPresent() && !before.contains(teacher)) {
                    teacherNote(recipes.get(r).name(), 100 * t.getAsDouble(), recipes.get(base).name(), student,
                            seeds.size()).ifPresent(notes::add);
                }
            }
        }
        machineNote(runs.stream().map(Run::machine).toList()).ifPresent(notes::add);
        return notes;
    }

    /** The machines of {@code machines}, each with its number of runs when there are several. */
    static String machinesText(List<Machine> machines) {
        return Machine.tally(machines.stream().map(Machine::identity).toList());
    }

    /**
     * The warning for runs of more than one machine, which a results store shared between machines
     * gives: the same seed trains bit for bit alike on one machine only, so a pair of runs from two
     * machines is paired in name only.
     */
    static java.util.Optional<String> machineNote(List<Machine> machines) {
        long distinct = machines.stream().map(Machine::identity).distinct().count();
        if (distinct < 2) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the runs come from " + distinct + " machines (" + machinesText(machines)
                + "), through the results store. A seed trains bit for bit alike on one machine only: across"
                + " machines the same seed takes another path, so a pair of runs from two machines is no closer"
                + " than two seeds (--fresh trains every run again on this machine)");
    }

    private List<Recipe> teachersOf(int r) {
        return runsOf(r).stream().flatMap(x -> x.recipe().needs().stream()).distinct().toList();
    }

    /** The warning for a teacher at {@code teacherTop1} % teaching a recipe at {@code studentTop1} % without it. */
    static java.util.Optional<String> teacherNote(String recipe, double teacherTop1, String student, double studentTop1,
            int seeds) {
        if (teacherTop1 > studentTop1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the teacher of '%s' reached %.2f%% top-1,"
                + " not above the %.2f%% of '%s'%s, the recipe it teaches: a teacher no better than its student"
                + " cannot show what distillation is worth; train a stronger one (--teacher-epochs, --teacher-width,"
                + " --teacher-model)", recipe, teacherTop1, studentTop1, student,
                seeds > 1 ? " (mean of " + seeds + " seeds)" : ""));
    }

    /**
     * With one seed: recipe, top-1, top-5, change, final loss, img/s, minutes. With several:
     * recipe, seeds, mean, sd and 95% interval of top-1, mean top-5, mean change against the base
     * row, the paired test's p and verdict, img/s, minutes.
     */
    public Table table() {
        return seeds.size() == 1 ? Tables.summary(title, runs) : Tables.seeded(title, runsByRecipe(), tests(), null);
    }

    /** Final test top-1 per recipe as bars (with 95% intervals over the seeds when there are several). */
    public CategoryChart chart() {
        return seeds.size() == 1 ? Charts.top1Bars(runs) : Charts.meanTop1Bars(runsByRecipe());
    }

    /**
     * Each recipe's change of top-1 against its base row, as bars ({@link Charts#deltaBars}): with
     * several seeds the paired 95% interval and the verdict's colour, with one seed grey and untested.
     * Labelled by what each recipe changes ({@link Charts#legendLabels}); the base rows have no bar.
     */
    public CategoryChart changes() {
        List<String> labels = Charts.legendLabels(recipes.stream().map(Recipe::name).toList());
        List<Stats.PairedTest> all = tests();
        List<String> shown = new ArrayList<>();
        List<Stats.PairedTest> tested = new ArrayList<>();
        for (int r = 0; r < all.size(); r++) {
            if (all.get(r) != null) {
                shown.add(labels.get(r));
                tested.add(all.get(r));
            }
        }
        String title = "Top-1 change against " + labels.get(0)
                + (seeds.size() > 1 ? " (mean of " + seeds.size() + " seeds, 95% intervals)" : "");
        return Charts.deltaBars(title, "recipe", shown, tested, true);
    }

    /** Test top-1 per epoch, a line per recipe (the mean over seeds). */
    public XYChart curves() {
        return seeds.size() == 1 ? Charts.testAccuracy(runs) : Charts.meanTestAccuracy(runsByRecipe());
    }

    /** A self-contained HTML page with the table and the charts. */
    public HtmlReport report() {
        HtmlReport page = HtmlReport.titled(title)
                .paragraph("Data: " + data.name() + " (" + data.train().size() + " training and " + data.test().size()
                        + " test images). Machine: " + machinesText(runs.stream().map(Run::machine).toList()) + ". Library "
                        + runs.get(0).libraryVersion() + ".")
                .table(table())
                .paragraph(seeds.size() > 1 ? "Verdicts: " + Tables.TEST_NOTE : "One seed per recipe: differences of"
                        + " a few tenths of a point can be noise; run several seeds (--seeds) for a verdict.")
                .chart(chart());
        for (String note : notes()) {
            page.paragraph("Note: " + note + ".");
        }
        // the same charts as write(): the changes with their paired intervals are what the page is for
        if (recipes.size() > 1) {
            page.chart(changes());
        }
        return page.chart(curves());
    }

    /** Writes comparison.csv, comparison.png (bars), curves.png and each run's files into {@code dir}. */
    public Path write(Path dir) {
        for (Run run : runs) {
            Results.write(run, dir);
        }
        Results.writeCsv(table(), dir.resolve("comparison.csv"));
        Charts.savePng(chart(), dir.resolve("comparison.png"));
        if (recipes.size() > 1) {
            Charts.savePng(changes(), dir.resolve("changes.png"));
        }
        Charts.savePng(curves(), dir.resolve("curves.png"));
        return dir.resolve("comparison.csv");
    }
}
