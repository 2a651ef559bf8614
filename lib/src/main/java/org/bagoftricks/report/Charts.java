package org.bagoftricks.report;

import org.bagoftricks.AtomicFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bagoftricks.training.Comparison;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.LrSchedule;
import org.bagoftricks.training.Recipe;
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
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (Run run : runs) {
            double[] x = run.epochs().stream().mapToDouble(e -> e.epoch() + 1).toArray();
            double[] y = run.epochs().stream().mapToDouble(metric).toArray();
            chart.addSeries(uniqueSeriesName(chart, run.recipe().name()), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The learning rate of each batch of a recipe, x in epochs. */
    public static XYChart lrSchedule(List<Recipe> recipes, int batchesPerEpoch) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Learning rate").xAxisTitle("epoch")
                .yAxisTitle("learning rate").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Recipe r : recipes) {
            LrSchedule s = r.lrSchedule(batchesPerEpoch);
            int total = r.epochs() * batchesPerEpoch;
            double[] x = IntStream.range(0, total).mapToDouble(i -> (i + 1) / (double) batchesPerEpoch).toArray();
            double[] y = IntStream.range(0, total).mapToDouble(s::at).toArray();
            chart.addSeries(uniqueSeriesName(chart, r.name()), x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Final test top-1 of each run as bars. */
    public static CategoryChart top1Bars(List<Run> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Final test top-1")
                .xAxisTitle("recipe").yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.addSeries("top-1", runs.stream().map(r -> r.recipe().name()).toList(),
                runs.stream().map(r -> 100 * r.top1()).toList());
        return chart;
    }

    /** Mean final test top-1 per recipe over the seeds, with 95% intervals as error bars. */
    public static CategoryChart top1Bars(Comparison c) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Final test top-1, mean of " + c.seeds().size() + " seeds with 95% intervals")
                .xAxisTitle("recipe").yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        List<String> names = new java.util.ArrayList<>();
        List<Double> means = new java.util.ArrayList<>();
        List<Double> errors = new java.util.ArrayList<>();
        for (int r = 0; r < c.recipes().size(); r++) {
            Stats.Summary s = Stats.summary(c.top1(r));
            names.add(c.runsOf(r).get(0).recipe().name());
            means.add(s.mean());
            errors.add(Double.isNaN(s.halfWidth()) ? 0 : s.halfWidth());
        }
        chart.addSeries("top-1", names, means, errors);
        return chart;
    }

    /** Mean test top-1 per epoch over the seeds, a line per recipe. */
    public static XYChart meanTestAccuracy(Comparison c) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Test top-1 accuracy, mean of " + c.seeds().size() + " seeds").xAxisTitle("epoch")
                .yAxisTitle("top-1 (%)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (int r = 0; r < c.recipes().size(); r++) {
            List<Run> runs = c.runsOf(r);
            int epochs = runs.get(0).epochs().size();
            double[] x = IntStream.range(0, epochs).mapToDouble(e -> e + 1).toArray();
            double[] y = IntStream.range(0, epochs).mapToDouble(e -> runs.stream()
                    .mapToDouble(run -> 100 * run.epochs().get(e).testTop1()).average().orElse(Double.NaN)).toArray();
            chart.addSeries(uniqueSeriesName(chart, runs.get(0).recipe().name()), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Changes of top-1 in percentage points, one bar per label (green up, red down). */
    public static CategoryChart deltaBars(String title, List<String> labels, List<Double> deltas) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("trick").yAxisTitle("top-1 change (points)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        chart.getStyler().setOverlapped(true);
        List<Double> up = deltas.stream().map(d -> d >= 0 ? d : 0.0).toList();
        List<Double> down = deltas.stream().map(d -> d < 0 ? d : 0.0).toList();
        chart.addSeries("gain", labels, up).setFillColor(new java.awt.Color(46, 139, 87));
        chart.addSeries("loss", labels, down).setFillColor(new java.awt.Color(178, 34, 34));
        return chart;
    }

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

    /** XChart refuses two series with one name; same-named runs (different seeds) get a suffix. */
    private static String uniqueSeriesName(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeries(n) != null; i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }
}
