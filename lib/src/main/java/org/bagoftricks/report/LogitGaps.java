package org.bagoftricks.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The picture of §5's label smoothing: for each image, the gap between the largest logit and
 * the mean of the others. Trained with one-hot targets, the gap grows without bound (the loss
 * keeps rewarding it); with label smoothing its optimum is finite,
 * {@code log((K - 1)(1 - eps) / eps)}, and the gaps gather around it.
 */
public final class LogitGaps {
    private LogitGaps() {}

    /** Per row of {@code logits}: max minus the mean of the other entries. */
    public static double[] gaps(float[][] logits) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            float[] z = logits[i];
            if (z.length < 2) {
                throw new IllegalArgumentException("row " + i + " has " + z.length + " logits: a gap needs at least 2");
            }
            int arg = 0;
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                sum += z[j];
                if (z[j] > z[arg]) {
                    arg = j;
                }
            }
            out[i] = z[arg] - (sum - z[arg]) / (z.length - 1);
        }
        return out;
    }

    /** The gap at the optimum of label smoothing: {@code log((K - 1)(1 - eps) / eps)} (§5). */
    public static double optimalGap(int classes, double eps) {
        if (classes < 2 || !(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("need classes >= 2 and eps in (0, 1), got " + classes + ", " + eps);
        }
        return Math.log((classes - 1) * (1 - eps) / eps);
    }

    /** Mean, standard deviation, median and 95th percentile of each named set of gaps. */
    public static Table summary(Map<String, double[]> gaps) {
        Map<String, double[]> g = new LinkedHashMap<>(gaps);
        return Table.create("Logit gap (max - mean of the rest)",
                StringColumn.create("model", g.keySet()),
                column("mean", g, v -> Arrays.stream(v).average().orElse(Double.NaN)),
                column("std", g, LogitGaps::std),
                column("median", g, v -> quantile(v, 0.5)),
                column("p95", g, v -> quantile(v, 0.95)));
    }

    /** Histograms (share of images per bin) of each named set of gaps, over common bins. */
    public static XYChart histogram(Map<String, double[]> gaps, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : gaps.values()) {
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double width = (hi - lo) / bins;
        XYChart chart = new XYChartBuilder().width(720).height(380).title("Gap between the top logit and the others")
                .xAxisTitle("gap").yAxisTitle("share of test images").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        for (Map.Entry<String, double[]> e : gaps.entrySet()) {
            double[] counts = new double[bins];
            for (double x : e.getValue()) {
                counts[Math.min(bins - 1, (int) ((x - lo) / width))] += 1.0 / e.getValue().length;
            }
            double[] centres = new double[bins];
            for (int b = 0; b < bins; b++) {
                centres[b] = lo + (b + 0.5) * width;
            }
            chart.addSeries(e.getKey(), centres, counts).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static DoubleColumn column(String name, Map<String, double[]> g,
            java.util.function.ToDoubleFunction<double[]> f) {
        return DoubleColumn.create(name, g.values().stream().mapToDouble(v -> Math.round(f.applyAsDouble(v) * 1000) / 1000.0));
    }

    static double std(double[] v) {
        double m = Arrays.stream(v).average().orElse(Double.NaN);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }

    /** Linear-interpolated quantile q in [0, 1]. */
    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < s.length ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[i];
    }
}
