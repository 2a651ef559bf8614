package org.bagoftricks.experiments;

import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.tricks.*;
import org.bagoftricks.tricks.Trick;
import org.bagoftricks.tricks.Tricks;
import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bagoftricks.data.ArrayImageSet;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class AblationTest {
    @Test
    void recipesAccumulateOrStandAlone() {
        Recipe base = Recipe.baseline();
        List<Trick> tricks = Tricks.parse("cosine,label-smoothing,mixup");
        List<Recipe> cum = Ablation.recipes(base, tricks, true);
        assertEquals(List.of("baseline", "baseline + cosine", "baseline + cosine + label-smoothing(0.1)",
                "baseline + cosine + label-smoothing(0.1) + mixup(0.2)"), cum.stream().map(Recipe::name).toList());
        List<Recipe> alone = Ablation.recipes(base, tricks, false);
        assertEquals(List.of("baseline", "baseline + cosine", "baseline + label-smoothing(0.1)", "baseline + mixup(0.2)"),
                alone.stream().map(Recipe::name).toList());
    }

    @Test
    void trickNamesParseAndBadOnesAreRefused() {
        assertEquals(List.of(new Warmup(5), new ZeroGamma(), new Cosine()), Tricks.parse("warmup, zero-gamma,COSINE"));
        assertEquals(List.of(new Warmup(1), new Mixup(0.4, 2)), Tricks.parse("warmup(1),mixup(0.4, 2)"));
        assertEquals(List.of(new Warmup(3)), Tricks.parse("warmup", java.util.Map.of("--warmup-epochs", 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tricks.parse("warmup,autoaugment"));
        assertTrue(e.getMessage().contains("unknown trick 'autoaugment'"));
        assertTrue(e.getMessage().contains("label-smoothing"));
        // A value that does not fit the run fails when the recipes are built, before training.
        assertThrows(IllegalArgumentException.class, () -> Ablation.recipes(Recipe.baseline().epochs(4),
                List.of(Warmup.KIND.paper()), true), "5 warm-up epochs of 4");
    }

    @Test
    void aShortRealAblationTrainsEveryRecipeAboveChance(@TempDir Path dir) {
        Dataset full = Datasets.embedded();
        ArrayImageSet train = ((ArrayImageSet) full.train()).subset(IntStream.range(0, 2000).toArray());
        Dataset data = new Dataset(full.name() + "[2000]", train, full.test());
        Recipe base = Recipe.baseline().smallImageAugmentation().epochs(3);
        List<Trick> tricks = List.of(LinearScaling.KIND.paper(), new Warmup(1), new ZeroGamma(), new NoBiasDecay(),
                new Cosine(), LabelSmoothing.KIND.paper(), Distillation.from(base.width(0.5).label("teacher"), 20, 1),
                Mixup.KIND.paper());
        Ablation a = Ablation.run(data, base, tricks, true, Progress.QUIET, null);
        Table t = a.table();
        assertEquals(9, t.rowCount());
        for (Run r : a.runs()) {
            assertTrue(r.top1() > 0.2, r.recipe().name() + " top-1 " + r.top1() + " (chance 0.1)");
        }
        double[] top1 = t.doubleColumn("top1").asDoubleArray();
        double[] prev = t.doubleColumn("delta_prev").asDoubleArray();
        double[] base0 = t.doubleColumn("delta_base").asDoubleArray();
        for (int i = 1; i < 9; i++) {
            assertEquals(top1[i] - top1[i - 1], prev[i], 0.011);
            assertEquals(top1[i] - top1[0], base0[i], 0.011);
        }
        assertEquals("+ mixup", t.stringColumn("added").get(8));
        a.write(dir);
        assertTrue(Files.exists(dir.resolve("ablation.csv")));
        assertTrue(Files.exists(dir.resolve("ablation.png")));
        assertEquals(8, a.chart().getSeries("one seed: no test").getXData().size(), "one seed: grey, untested bars");
        assertEquals(1, a.chart().getSeriesCollection().size(), "no gain or loss series from one seed");
    }
}
