package org.bagoftricks.report;

import org.bagoftricks.AtomicFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.tricks.LrSchedule;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts of runs: training curves, learning-rate schedules and comparison bars. A chart
 * is shown in a notebook with {@link #image(Chart)} and saved with {@link #savePng(Chart, Path)}.
 */
public final class Charts {
    static {
        // Charts render off screen (servers, CI, notebook kernels have no display).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;

    /** Test top-1 accuracy (%) per epoch, one line per run. */
    public static XYChart testAccuracy(List<Run> runs) {
        return curves(runs, "Test top-1 accuracy", "top-1 (%)", e -> 100 * e.testTop1());
    }

    /** Training loss per epoch, one line per run. */
    public static XYChart trainingLoss(List<Run> runs) {
        return curves(runs, "Training loss", "loss", EpochStats::trainLoss);
    }

    /** A per-epoch metric of several runs. */
    public static XYChart curves(List<Run> runs, String title, String yTitle,
            java.util.function.ToDoubleFunction<EpochStats> metric) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        legendBelow(chart.getStyler());
        List<String> labels = legendLabels(runs.stream().map(r -> r.recipe().name()).toList());
        for (int i = 0; i < runs.size(); i++) {
            // epochs without a test (Recipe.evaluateEvery) are left out, not drawn as gaps
            List<EpochStats> shown = runs.get(i).epochs().stream().filter(e -> Double.isFinite(metric.applyAsDouble(e))).toList();
            double[] x = shown.stream().mapToDouble(e -> e.epoch() + 1).toArray();
            double[] y = shown.stream().mapToDouble(metric).toArray();
            chart.addSeries(uniqueSeriesName(chart, labels.get(i)), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        wholeEpochs(chart, runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(1), 1);
        return chart;
    }

    /**
     * The learning rate of each batch of a recipe, x in epochs (ticks at whole epochs), y on a log
     * axis: a step schedule's decays to a hundredth and a thousandth stay visible. Batches at a
     * rate of 0 (the first of a warm-up, the last of a cosine) have no place on a log axis and are
     * left out.
     */
    public static XYChart lrSchedule(List<Recipe> recipes, int batchesPerEpoch) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning rate").xAxisTitle("epoch")
                .yAxisTitle("learning rate (log scale)").build();
        style(chart.getStyler());
        legendBelow(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.##########");
        List<String> labels = legendLabels(recipes.stream().map(Recipe::name).toList());
        for (int k = 0; k < recipes.size(); k++) {
            Recipe r = recipes.get(k);
            LrSchedule s = r.lrSchedule(batchesPerEpoch);
            int total = r.epochs() * batchesPerEpoch;
            // the rate of batch i is drawn over [i, i + 1) batches: a step shows as a step
            List<Double> x = new java.util.ArrayList<>();
            List<Double> y = new java.util.ArrayList<>();
            for (int i = 0; i < total; i++) {
                double lr = s.at(i);
                if (lr > 0) {
                    x.add(i / (double) batchesPerEpoch);
                    y.add(lr);
                    x.add((i + 1) / (double) batchesPerEpoch);
                    y.add(lr);
                }
            }
            chart.addSeries(uniqueSeriesName(chart, labels.get(k)), x, y).setMarker(SeriesMarkers.NONE);
        }
        wholeEpochs(chart, recipes.stream().mapToInt(Recipe::epochs).max().orElse(1), 0);
        return chart;
    }

    /**
     * Short legend labels for recipes shown together, by what each adds: to the one before when
     * each contains the one before (a cumulative table: "+ cosine"), else to what they all share
     * ("+ mixup(0.2)"); the recipe they all share is "base". Names are recipe names ("baseline +
     * warmup(5) + cosine"), and models compared with the same tricks by the model's name
     * ("cifar_resnet50d"); the full recipe stays in the table beside the chart. Names with
     * nothing in common, or whose short labels would collide, are kept as they are.
     */
    public static List<String> legendLabels(List<String> names) {
        if (names.size() < 2 || new java.util.HashSet<>(names).size() < 2) {
            return names;
        }
        List<List<String>> parts = names.stream().map(n -> List.of(n.split(" \\+ "))).toList();
        java.util.Set<String> common = new java.util.LinkedHashSet<>(parts.get(0));
        parts.forEach(common::retainAll);
        if (common.isEmpty()) {
            return names;
        }
        boolean chain = true;
        for (int i = 1; i < parts.size(); i++) {
            chain &= parts.get(i).containsAll(parts.get(i - 1)) && parts.get(i).size() > parts.get(i - 1).size();
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            java.util.Collection<String> before = chain && i > 0 ? parts.get(i - 1) : common;
            List<String> added = parts.get(i).stream().filter(p -> !before.contains(p)).toList();
            // a recipe's first part is its model: models compared side by side are named, not "added"
            boolean model = added.size() == 1 && added.get(0).equals(parts.get(i).get(0));
            out.add(added.isEmpty() ? "base" : model ? added.get(0) : "+ " + String.join(" + ", added));
        }
        boolean collide = new java.util.HashSet<>(out).size() < new java.util.HashSet<>(names).size();
        return collide ? names : out;
    }

    /** Final test top-1 of each run as bars. */
    public static CategoryChart top1Bars(List<Run> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Final test top-1")
                .xAxisTitle("recipe").yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        // bars of a percentage start at 0; XChart also mislays bars whose values are all equal otherwise
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("top-1", legendLabels(runs.stream().map(r -> r.recipe().name()).toList()),
                runs.stream().map(r -> 100 * r.top1()).toList());
        return chart;
    }

    /**
     * Mean final test top-1 per recipe over its seeds, with 95% intervals as error bars: one list
     * of runs per recipe, one run per seed.
     */
    public static CategoryChart meanTop1Bars(List<List<Run>> runsByRecipe) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Final test top-1, mean of " + runsByRecipe.get(0).size() + " seeds with 95% intervals")
                .xAxisTitle("recipe").yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setYAxisMin(0.0); // as in top1Bars
        List<String> names = new java.util.ArrayList<>();
        List<Double> means = new java.util.ArrayList<>();
        List<Double> errors = new java.util.ArrayList<>();
        for (List<Run> runs : runsByRecipe) {
            Stats.Summary s = Stats.summary(runs.stream().mapToDouble(x -> 100 * x.top1()).toArray());
            names.add(runs.get(0).recipe().name());
            means.add(s.mean());
            errors.add(Double.isNaN(s.halfWidth()) ? 0 : s.halfWidth());
        }
        chart.addSeries("top-1", legendLabels(names), means, errors);
        return chart;
    }

    /** Mean test top-1 per epoch over the seeds, a line per recipe: one list of runs per recipe, one run per seed. */
    public static XYChart meanTestAccuracy(List<List<Run>> runsByRecipe) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Test top-1 accuracy, mean of " + runsByRecipe.get(0).size() + " seeds").xAxisTitle("epoch")
                .yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        legendBelow(chart.getStyler());
        List<String> labels = legendLabels(runsByRecipe.stream().map(runs -> runs.get(0).recipe().name()).toList());
        for (int r = 0; r < runsByRecipe.size(); r++) {
            List<Run> runs = runsByRecipe.get(r);
            int epochs = runs.get(0).epochs().size();
            int[] tested = IntStream.range(0, epochs).filter(e -> runs.stream()
                    .allMatch(run -> Double.isFinite(run.epochs().get(e).testTop1()))).toArray();
            double[] x = IntStream.of(tested).mapToDouble(e -> e + 1).toArray();
            double[] y = IntStream.of(tested).mapToDouble(e -> runs.stream()
                    .mapToDouble(run -> 100 * run.epochs().get(e).testTop1()).average().orElse(Double.NaN)).toArray();
            chart.addSeries(uniqueSeriesName(chart, labels.get(r)), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        wholeEpochs(chart, runsByRecipe.get(0).get(0).epochs().size(), 1);
        return chart;
    }

    /**
     * Changes of top-1 in points from single runs, one bar per label. One seed cannot tell an
     * effect from noise, so the bars are grey and named so ("one seed: no test"), never drawn as a
     * gain or a loss; {@link #deltaBars(String, List, List, boolean)} draws tested changes.
     */
    public static CategoryChart deltaBars(String title, List<String> labels, List<Double> deltas) {
        CategoryChart chart = deltaChart(title, "trick");
        chart.addSeries(Stats.Verdict.SINGLE_RUN.label(), labels, deltas).setFillColor(NOISE);
        return chart;
    }

    /**
     * Mean changes of top-1 over the seeds with their paired 95% intervals as error bars, one bar
     * per label: green where the change helps, red where it hurts, grey where it is not shown
     * (its interval includes 0), by the verdict of each {@link Stats.PairedTest}. Only the verdicts
     * present get a series (and a legend entry).
     */
    public static CategoryChart deltaBars(String title, List<String> labels, List<Stats.PairedTest> tests,
            boolean withIntervals) {
        return deltaBars(title, "trick", labels, tests, withIntervals);
    }

    /** As {@link #deltaBars(String, List, List, boolean)}, with the x axis named {@code xAxisTitle}. */
    public static CategoryChart deltaBars(String title, String xAxisTitle, List<String> labels,
            List<Stats.PairedTest> tests, boolean withIntervals) {
        if (labels.size() != tests.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + tests.size() + " tests");
        }
        CategoryChart chart = deltaChart(title, xAxisTitle);
        for (Stats.Verdict v : Stats.Verdict.values()) {
            if (tests.stream().noneMatch(t -> t.verdict() == v)) {
                continue;
            }
            List<Double> y = tests.stream().map(t -> t.verdict() == v ? t.meanDifference() : 0.0).toList();
            List<Double> err = tests.stream().map(t -> t.verdict() == v && withIntervals && !Double.isNaN(t.halfWidth())
                    ? t.halfWidth() : 0.0).toList();
            chart.addSeries(v.label(), labels, y, err).setFillColor(colour(v));
        }
        return chart;
    }

    private static final java.awt.Color HELPS = new java.awt.Color(46, 139, 87);
    private static final java.awt.Color HURTS = new java.awt.Color(178, 34, 34);
    private static final java.awt.Color NOISE = new java.awt.Color(150, 150, 150);

    private static java.awt.Color colour(Stats.Verdict v) {
        return switch (v) {
            case HELPS -> HELPS;
            case HURTS -> HURTS;
            case NOT_SHOWN, SINGLE_RUN -> NOISE;
        };
    }

    private static CategoryChart deltaChart(String title, String xAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle("top-1 change (points)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        return chart;
    }

    /**
     * A budget curve: the change of top-1 against the base at each length, a line per trick with
     * its paired 95% interval as error bars; a point whose interval includes 0 is drawn as a ring,
     * "not shown". The lengths sit at equal steps labelled with their epochs (they usually double),
     * and each trick's points are set slightly apart so that their intervals do not hide each
     * other. Answers "from how many epochs does this trick pay?".
     *
     * @param epochs  the lengths, ascending
     * @param tricks  a label per line
     * @param tests   per trick, the paired test against the base at each length
     */
    public static XYChart budgetCurve(String title, List<Integer> epochs, List<String> tricks,
            List<List<Stats.PairedTest>> tests) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epochs  (a ring: the 95% interval includes 0, not shown)")
                .yAxisTitle("top-1 change against the base (points)").build();
        style(chart.getStyler());
        legendBelow(chart.getStyler());
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        int n = epochs.size();
        double lo = -0.5, hi = n - 0.5;
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(v -> lengthLabel(v, epochs));
        var zero = chart.addSeries("no change", new double[] {lo, hi}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE).setLineColor(java.awt.Color.GRAY).setShowInLegend(false);
        double spread = Math.min(0.3, 0.12 * (tricks.size() - 1)); // the width the tricks' points take at one length
        for (int k = 0; k < tricks.size(); k++) {
            List<Stats.PairedTest> t = tests.get(k);
            double shift = tricks.size() == 1 ? 0 : -spread / 2 + spread * k / (tricks.size() - 1);
            double[] x = IntStream.range(0, n).mapToDouble(i -> i + shift).toArray();
            double[] y = t.stream().mapToDouble(Stats.PairedTest::meanDifference).toArray();
            double[] e = t.stream().mapToDouble(p -> Double.isNaN(p.halfWidth()) ? 0 : p.halfWidth()).toArray();
            java.awt.Color c = PALETTE[k % PALETTE.length];
            var series = chart.addSeries(uniqueSeriesName(chart, tricks.get(k)), x, y, e);
            series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c).setLineColor(c);
            // a ring over each point whose interval includes 0: a series of its own, without a line
            int[] notShown = IntStream.range(0, n).filter(i -> t.get(i).verdict() == Stats.Verdict.NOT_SHOWN
                    || t.get(i).verdict() == Stats.Verdict.SINGLE_RUN).toArray();
            if (notShown.length > 0) {
                var ring = chart.addSeries(tricks.get(k) + ": not shown",
                        java.util.Arrays.stream(notShown).mapToDouble(i -> x[i]).toArray(),
                        java.util.Arrays.stream(notShown).mapToDouble(i -> y[i]).toArray());
                ring.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
                ring.setMarker(RING).setMarkerColor(c).setShowInLegend(false);
            }
        }
        return chart;
    }

    /**
     * The tick label at x on a budget curve's axis: the length at a whole index, else none. Left
     * of the first length it is a blank, not an empty string: XChart lays out no ticks at all when
     * the labels of the axis's two ends are equal.
     */
    static String lengthLabel(double x, List<Integer> epochs) {
        double whole = Math.rint(x);
        if (Math.abs(x - whole) < 1e-9 && whole >= 0 && whole < epochs.size()) {
            return String.valueOf(epochs.get((int) whole));
        }
        return x < 0 ? " " : "";
    }

    /** Colours a reader tells apart (Tableau's first six), one per line. */
    private static final java.awt.Color[] PALETTE = {new java.awt.Color(31, 119, 180), new java.awt.Color(255, 127, 14),
        new java.awt.Color(44, 160, 44), new java.awt.Color(214, 39, 40), new java.awt.Color(148, 103, 189),
        new java.awt.Color(140, 86, 75)};

    /** A hollow circle: a white disc inside a ring of the series' colour. */
    private static final org.knowm.xchart.style.markers.Marker RING = new org.knowm.xchart.style.markers.Marker() {
        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int size) {
            java.awt.Color ring = g.getColor();
            double d = size + 2;
            var shape = new java.awt.geom.Ellipse2D.Double(x - d / 2, y - d / 2, d, d);
            g.setColor(java.awt.Color.WHITE);
            g.fill(shape);
            g.setColor(ring);
            g.setStroke(new java.awt.BasicStroke(2f));
            g.draw(shape);
        }
    };

    /** The chart as an image: the value a notebook cell displays inline. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Saves the chart as a PNG, atomically. */
    public static Path savePng(Chart<?, ?> chart, Path target) {
        return AtomicFiles.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler s) {
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setLegendBorderColor(java.awt.Color.LIGHT_GRAY);
    }

    /** The legend under the plot, in rows: never over the data. */
    private static void legendBelow(org.knowm.xchart.style.AxesChartStyler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    /**
     * An x axis of epochs from {@code from} to {@code epochs} labelled at whole epochs only.
     * XChart puts a tick on data points when the x values are equally spaced (as per-batch values
     * are), which crowded fractional epochs ("0.641 1.2564 ..."); call after adding the series: a
     * hidden series with one point off that grid gives the x axis XChart's own round ticks, and
     * the ticks between whole epochs (XChart's 0.5 steps on a short run) get no label.
     */
    private static void wholeEpochs(XYChart chart, int epochs, int from) {
        double max = Math.max(epochs, from + 1);
        chart.getStyler().setXAxisMin((double) from);
        chart.getStyler().setXAxisMax(max);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(Charts::epochLabel);
        double y = chart.getSeriesCollection().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.getYData()))
                .filter(v -> v > 0 && Double.isFinite(v)).findFirst().orElse(1);
        var grid = chart.addSeries(" ", new double[] {from, from + (max - from) / Math.PI, max}, new double[] {y, y, y});
        grid.setShowInLegend(false);
        grid.setMarker(SeriesMarkers.NONE);
        grid.setLineColor(new java.awt.Color(0, 0, 0, 0));
    }

    /** The label of an epoch tick: the epoch when it is whole, else none. */
    static String epochLabel(double x) {
        double whole = Math.rint(x);
        return Math.abs(x - whole) < 1e-9 ? String.valueOf((long) whole) : "";
    }

    /** XChart cuts a legend entry longer than about 60 characters to "..."; longer ones wrap. */
    static final int LEGEND_LINE = 56;

    /**
     * {@code label} broken into lines of at most {@code width} characters (XChart's legend draws
     * each line of a name), at " + " between tricks where it can, else at spaces; a word longer
     * than the width keeps its own line.
     */
    public static String wrapLabel(String label, int width) {
        if (label.length() <= width) {
            return label;
        }
        List<String> pieces = new java.util.ArrayList<>();
        for (String part : label.split("(?= \\+ )")) {
            pieces.addAll(part.length() <= width ? List.of(part) : List.of(part.split("(?= )")));
        }
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String piece : pieces) {
            if (line.length() > 0 && line.length() + piece.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                piece = "  " + piece.stripLeading(); // continuation lines indent under the first
            }
            line.append(piece);
        }
        return out.append(line).toString();
    }

    /** XChart refuses two series with one name; same-named runs (different seeds) get a suffix. */
    private static String uniqueSeriesName(XYChart chart, String label) {
        String name = wrapLabel(label, LEGEND_LINE);
        String n = name;
        for (int i = 2; chart.getSeries(n) != null; i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }
}
