package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bagoftricks.tricks.Recipe;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;

/** What the charts write on themselves: legends a reader can tell apart, readable axes. */
class ChartsTest {
    private static final String BASE = "baseline + small-image-aug";

    @Test
    void aCumulativeTableIsLabelledByWhatEachRowAdds() {
        List<String> names = List.of(BASE, BASE + " + warmup(1)", BASE + " + warmup(1) + zero-gamma",
                BASE + " + warmup(1) + zero-gamma + cosine");
        assertEquals(List.of("base", "+ warmup(1)", "+ zero-gamma", "+ cosine"), Charts.legendLabels(names));
    }

    @Test
    void oneTrickAtATimeIsLabelledByWhatEachAddsToTheBase() {
        List<String> names = List.of(BASE, BASE + " + cosine", BASE + " + mixup(0.2)", BASE + " + cosine + mixup(0.2)");
        assertEquals(List.of("base", "+ cosine", "+ mixup(0.2)", "+ cosine + mixup(0.2)"), Charts.legendLabels(names));
    }

    @Test
    void modelsWithTheSameTricksAreLabelledByTheirName() {
        List<String> names = List.of("cifar_resnet50a + small-image-aug + warmup(1)", "cifar_resnet50d + small-image-aug + warmup(1)");
        assertEquals(List.of("cifar_resnet50a", "cifar_resnet50d"), Charts.legendLabels(names));
        // a trick added to one model is still "added"
        List<String> more = List.of("cifar_resnet50a + small-image-aug", "cifar_resnet50a + small-image-aug + cosine");
        assertEquals(List.of("base", "+ cosine"), Charts.legendLabels(more));
    }

    @Test
    void namesWithNothingInCommonOrOneNameStayWhole() {
        List<String> models = List.of("cifar_resnet50a", "cifar_resnet50b");
        assertEquals(models, Charts.legendLabels(models));
        List<String> seeds = List.of(BASE, BASE, BASE);
        assertEquals(seeds, Charts.legendLabels(seeds));
    }

    @Test
    void aLongLegendEntryWrapsBetweenTricksInsteadOfBeingCut() {
        String added = "+ small-image-aug + warmup(2) + zero-gamma + no-bias-decay + cosine + label-smoothing(0.1)";
        assertEquals("+ small-image-aug + warmup(2) + zero-gamma\n  + no-bias-decay + cosine + label-smoothing(0.1)",
                Charts.wrapLabel(added, 50));
        assertEquals("+ cosine", Charts.wrapLabel("+ cosine", 50));
        // a single trick longer than the width breaks at a space
        assertEquals("aaaa bbbb\n  cccc", Charts.wrapLabel("aaaa bbbb cccc", 10));
        Recipe base = Recipe.baseline().epochs(8);
        Recipe tricked = base.smallImageAugmentation().warmup(2).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1);
        XYChart chart = Charts.lrSchedule(List.of(base, tricked), 10);
        List<String> names = chart.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        assertEquals(2, names.size());
        assertTrue(names.get(1).contains("\n") && names.get(1).replace("\n  ", " ").equals(added), names.get(1));
        for (XYSeries s : chart.getSeriesCollection()) {
            for (String line : s.getName().split("\n")) {
                assertTrue(line.length() <= Charts.LEGEND_LINE, line);
            }
        }
    }

    @Test
    void aBudgetCurveLabelsItsLengthsSetsTricksApartAndRingsWhatIsNotShown() {
        double[] base = {50, 51, 52};
        Stats.PairedTest shown = Stats.paired(base, new double[] {53, 54.2, 54.9});     // +3, tight: helps
        Stats.PairedTest noise = Stats.paired(base, new double[] {49, 53, 52.5});       // spread over 0
        assertEquals(Stats.Verdict.HELPS, shown.verdict());
        assertEquals(Stats.Verdict.NOT_SHOWN, noise.verdict());
        List<Integer> epochs = List.of(8, 15, 30);
        XYChart chart = Charts.budgetCurve("t", epochs, List.of("+ mixup", "+ label-smoothing"),
                List.of(List.of(noise, shown, shown), List.of(shown, shown, noise)));
        assertEquals(List.of("+ mixup", "+ label-smoothing"), chart.getSeriesCollection().stream()
                .filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList());
        double[] mixupX = chart.getSeries("+ mixup").getXData();
        double[] smoothingX = chart.getSeries("+ label-smoothing").getXData();
        for (int i = 0; i < 3; i++) {
            assertTrue(mixupX[i] < smoothingX[i] && Math.rint(mixupX[i]) == i && Math.rint(smoothingX[i]) == i,
                    "set apart around length " + i);
        }
        // one ring per point whose interval includes 0, on that point
        assertEquals(1, chart.getSeries("+ mixup: not shown").getXData().length);
        assertEquals(mixupX[0], chart.getSeries("+ mixup: not shown").getXData()[0]);
        assertEquals(smoothingX[2], chart.getSeries("+ label-smoothing: not shown").getXData()[0]);
        // ticks at the lengths only
        assertEquals("8", Charts.lengthLabel(0, epochs));
        assertEquals("30", Charts.lengthLabel(2, epochs));
        assertEquals("", Charts.lengthLabel(0.5, epochs));
        assertEquals("", Charts.lengthLabel(3, epochs));
        assertTrue(!Charts.lengthLabel(-0.5, epochs).equals(Charts.lengthLabel(2.5, epochs)),
                "the axis ends' labels differ, or XChart draws no ticks");
        assertEquals(-0.5, chart.getStyler().getXAxisMin());
        assertEquals(2.5, chart.getStyler().getXAxisMax());
    }

    @Test
    void curvesAndBarsUseTheShortLabels() {
        XYChart lr = Charts.lrSchedule(List.of(Recipe.baseline().epochs(4), Recipe.baseline().epochs(4).cosine()), 10);
        assertEquals(List.of("base", "+ cosine"), lr.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList());
    }

    @Test
    void theLearningRateIsDrawnOnALogAxisWithEveryDecayAndNoZero() {
        // 12 epochs, step decay: 0.1, then 0.01, 0.001 and 0.0001 after the milestones
        Recipe step = Recipe.baseline().epochs(12);
        XYChart chart = Charts.lrSchedule(List.of(step), 5);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        XYSeries s = chart.getSeriesCollection().iterator().next();
        double[] y = s.getYData();
        double min = java.util.Arrays.stream(y).min().orElseThrow();
        double max = java.util.Arrays.stream(y).max().orElseThrow();
        assertEquals(0.1, max, 1e-12);
        assertEquals(1e-4, min, 1e-12, "the last quarter, at a thousandth of the rate, is on the chart");
        assertTrue(java.util.Arrays.stream(y).allMatch(v -> v > 0), "no zero on a log axis");
        double[] x = s.getXData();
        assertEquals(0, x[0], 1e-12);
        assertEquals(12, x[x.length - 1], 1e-12);
        // the x axis spans whole epochs, and only whole epochs get a label
        assertEquals(0.0, chart.getStyler().getXAxisMin());
        assertEquals(12.0, chart.getStyler().getXAxisMax());
        var label = chart.getStyler().getXAxisTickLabelsFormattingFunction();
        assertEquals(List.of("0", "", "3", "", "12"), java.util.stream.DoubleStream.of(0, 0.5, 3.0000000001, 2.5, 12)
                .mapToObj(label::apply).toList());
        assertTrue(Charts.image(chart).getWidth() > 100);
    }

    @Test
    void aCosineThatEndsAtZeroLeavesOutOnlyThoseBatches() {
        Recipe warm = Recipe.baseline().epochs(4).warmup(1).cosine();
        XYChart chart = Charts.lrSchedule(List.of(warm), 10);
        double[] y = chart.getSeriesCollection().iterator().next().getYData();
        // 40 batches, each drawn as a flat segment of two points; the warm-up starts at peak / 10
        assertEquals(0.01, y[0], 1e-12);
        long zero = java.util.stream.IntStream.range(0, 40).filter(i -> warm.lrSchedule(10).at(i) <= 0).count();
        assertEquals(2 * (40 - zero), y.length);
        assertTrue(Charts.image(chart).getWidth() > 100);
    }
}
