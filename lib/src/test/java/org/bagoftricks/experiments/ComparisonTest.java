package org.bagoftricks.experiments;

import org.bagoftricks.training.SyntheticData;
import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.*;
import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.HtmlReport;
import org.bagoftricks.report.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ComparisonTest {
    private static final Dataset DATA = SyntheticData.colours(4, 96, 16, 16, 1);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(2).batchSize(32).width(0.125).smallImageAugmentation();
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void severalSeedsArePairedAcrossRecipesAndTested(@TempDir Path dir) {
        Comparison c = Comparison.of(DATA).recipes(List.of(tiny(), tiny().cosine())).seeds(3).run();
        assertEquals(List.of(42L, 43L, 44L), c.seeds());
        assertEquals(6, c.runs().size());
        for (int s = 0; s < 3; s++) {
            assertEquals(c.runsOf(0).get(s).recipe().seed(), c.runsOf(1).get(s).recipe().seed(), "paired seeds");
        }
        Table t = c.table();
        assertEquals(List.of("recipe", "seeds", "top1_mean", "top1_sd", "top1_ci_low", "top1_ci_high", "top5_mean",
                "delta_mean", "delta_ci_low", "delta_ci_high", "p_value", "verdict", "img_per_s", "minutes"), t.columnNames());
        Stats.Summary base = Stats.summary(c.top1(0));
        assertEquals(base.mean(), t.doubleColumn("top1_mean").get(0), 0.006);
        assertEquals("base", t.stringColumn("verdict").get(0));
        assertEquals(c.runsOf(0).stream().mapToDouble(Run::minutes).average().orElseThrow(),
                t.doubleColumn("minutes").get(0), 0.006, "minutes per run (as img_per_s), not the seeds' sum");
        Stats.PairedTest test = Stats.paired(c.top1(0), c.top1(1));
        assertEquals(test.verdict().label(), t.stringColumn("verdict").get(1));
        double[] bars = c.chart().getSeries("top-1").getExtraValues();
        assertEquals(2, bars.length, "an error bar per recipe");
        assertEquals(base.halfWidth(), bars[0], 1e-9, "the 95% interval's half-width");
        assertEquals(0.0, c.chart().getStyler().getYAxisMin(), "bars of top-1 start at 0 (equal means mislay them otherwise)");
        // the change chart: one bar (the base row has none), coloured and named by the paired test's
        // verdict, its error bar the paired interval, its label what the recipe adds
        var changes = c.changes();
        assertEquals(1, changes.getSeriesCollection().size(), "one series, the verdict's");
        var bar = changes.getSeries(test.verdict().label());
        assertEquals(List.of("+ cosine"), List.copyOf(bar.getXData()));
        assertEquals(test.meanDifference(), bar.getYData()[0], 1e-9);
        assertEquals(test.halfWidth(), bar.getExtraValues()[0], 1e-9, "the paired interval, not the recipe's own");
        c.write(dir.resolve("written"));
        assertTrue(Files.exists(dir.resolve("written/changes.png")), "the change chart is written beside the table");

        HtmlReport page = c.report();
        String html = page.html();
        assertEquals(1, page.tableCount());
        assertEquals(3, page.chartCount(), "top-1 bars, the changes and the curves, as write() writes them");
        assertEquals(1, count(html, "<table"));
        assertEquals(3, count(html, "<img alt=\"[^\"]*\" src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\""));
        assertTrue(html.contains("<img alt=\"Top-1 change against"), "the change chart is on the page");
        assertTrue(html.contains(c.runsOf(1).get(0).recipe().name()));
        Path file = page.write(dir.resolve("report.html"));
        assertTrue(Files.exists(file));
    }

    @Test
    void runsTrainedOneByOneFormAComparisonAgainstTheFirst() {
        Run a = Trainer.train(tiny().epochs(1), DATA);
        Run b = Trainer.train(tiny().epochs(1).cosine(), DATA);
        Comparison c = new Comparison("one by one", DATA, List.of(a, b));
        assertEquals(List.of(a.recipe(), b.recipe()), c.recipes());
        assertEquals(List.of(a.recipe().seed()), c.seeds());
        Table t = c.table();
        assertEquals(2, t.rowCount());
        assertEquals(100 * (b.top1() - a.top1()), c.test(1).meanDifference(), 1e-9);
        Run other = Trainer.train(tiny().epochs(1).seed(7), DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Comparison("mixed seeds", DATA, List.of(a, other)));
        assertTrue(e.getMessage().contains("share a seed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Comparison("empty", DATA, List.of()));
    }

    @Test
    void aBudgetGivesEveryRecipeTheEpochsThatFit() {
        double perEpoch = Budget.epochSeconds(tiny(), DATA);
        assertTrue(perEpoch > 0);
        Duration budget = Duration.ofMillis(Math.round(perEpoch * 3.5 * 1000));
        List<Recipe> fitted = Budget.fit(List.of(tiny()), DATA, budget, Progress.QUIET);
        assertEquals(3, fitted.get(0).epochs(), "3.5 epochs of time: 3 whole epochs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Budget.fit(List.of(tiny()), DATA, Duration.ofMillis(Math.round(perEpoch * 500)), Progress.QUIET));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        Recipe r = Budget.withEpochs(tiny().epochs(12).warmup(5).mixup(0.2, 4), 3);
        assertEquals(3, r.epochs());
        assertEquals(2, r.warmupEpochs(), "warm-up shortened to fit");
        assertEquals(2, r.trick(Mixup.class).orElseThrow().offEpochs());
    }

    @Test
    void runsOfSeveralMachinesAreNamedInANote() {
        org.bagoftricks.training.Machine amd = new org.bagoftricks.training.Machine("AMD EPYC", 2, 24105, "os", "java", "DJL");
        org.bagoftricks.training.Machine intel = new org.bagoftricks.training.Machine("Intel Xeon", 2, 24105, "os", "java", "DJL");
        assertFalse(Comparison.machineNote(List.of(amd, amd)).isPresent(), "one machine: nothing to say");
        assertFalse(Comparison.machineNote(List.of(amd, new org.bagoftricks.training.Machine("AMD EPYC", 2, 24000, "os2",
                "java", "DJL"))).isPresent(), "memory and OS do not change a run's arithmetic");
        String note = Comparison.machineNote(List.of(amd, intel, intel)).orElseThrow();
        assertTrue(note.contains("2 machines (AMD EPYC, 2 cores, DJL (1 run); Intel Xeon, 2 cores, DJL (2 runs))"), note);
        assertTrue(note.contains("--fresh"), note);
    }

    @Test
    void aTeacherIsNotedWhenItIsNoBetterThanTheRecipeItTeaches() {
        // The study's first teacher: 67.69% against a student recipe at 69.98% (3 seeds).
        String note = Comparison.teacherNote("ls + distill", 67.69, "ls", 69.98, 3).orElseThrow();
        assertTrue(note.contains("reached 67.69% top-1, not above the 69.98% of 'ls' (mean of 3 seeds)"), note);
        assertTrue(Comparison.teacherNote("d", 70.0, "s", 70.0, 1).isPresent(), "equal is no better");
        assertFalse(Comparison.teacherNote("d", 70.0, "s", 70.0, 1).orElseThrow().contains("mean of"), "one seed");
        assertTrue(Comparison.teacherNote("d", 73.82, "s", 69.98, 3).isEmpty(), "a stronger teacher is not noted");
    }
}
