package org.bagoftricks.experiments;

import org.bagoftricks.training.SyntheticData;
import org.bagoftricks.tricks.*;
import org.bagoftricks.tricks.Trick;
import org.bagoftricks.tricks.Tricks;
import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Stats;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BudgetCurveTest {
    private static final Dataset DATA = SyntheticData.colours(4, 64, 16, 16, 1);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(2).batchSize(32).width(0.125).smallImageAugmentation();
    }

    @Test
    void lengthsAreSortedWithoutRepeatsAndPositive() {
        assertEquals(List.of(5, 10, 20), BudgetCurve.lengths(List.of(20, 5, 10, 5)));
        assertThrows(IllegalArgumentException.class, () -> BudgetCurve.lengths(List.of(0, 5)));
        assertThrows(IllegalArgumentException.class, () -> BudgetCurve.lengths(List.of()));
    }

    @Test
    void eachLengthTrainsTheSameAblationWithWarmupShortenedToFit() {
        List<Recipe> at3 = BudgetCurve.recipes(tiny(), Tricks.parse("warmup,mixup"), false, 3); // warm-up 5 epochs
        assertEquals(3, at3.size());
        assertTrue(at3.stream().allMatch(r -> r.epochs() == 3));
        assertEquals(2, at3.get(1).warmupEpochs(), "5 warm-up epochs do not fit in 3: shortened to 2");
        List<Recipe> at40 = BudgetCurve.recipes(tiny(), Tricks.parse("warmup,mixup"), false, 40);
        assertEquals(5, at40.get(1).warmupEpochs(), "the paper's 5 where they fit");
        assertEquals(0.2, at40.get(2).trick(Mixup.class).orElseThrow().alpha(), 1e-12);
        assertEquals(tiny().epochs(40).identity(), at40.get(0).identity(), "the base is the base at that length");
    }

    @Test
    void aBaseWithItsOwnWarmupIsShortenedToFitAShortLengthToo() {
        // --base-tricks warmup: the base warms up for 5 epochs; a 3-epoch point of the curve keeps 2
        Recipe base = tiny().epochs(12).warmup(5);
        List<Recipe> at3 = BudgetCurve.recipes(base, List.of(new Cosine()), false, 3);
        assertEquals(List.of(2, 2), at3.stream().map(Recipe::warmupEpochs).toList());
        assertTrue(at3.stream().allMatch(r -> r.epochs() == 3));
        List<Recipe> at1 = BudgetCurve.recipes(base, List.of(new Cosine()), false, 1);
        assertEquals(0, at1.get(0).warmupEpochs(), "no warm-up fits in 1 epoch");
        assertEquals(base.epochs(20).identity(),
                BudgetCurve.recipes(base, List.of(new Cosine()), false, 20).get(0).identity());
    }

    @Test
    void theCurveTestsEachTrickAgainstTheBaseOfItsLength() {
        BudgetCurve b = BudgetCurve.run(DATA, tiny(), List.of(new Cosine()), false,
                List.of(2, 1), o -> o.seeds(2));
        assertEquals(List.of(1, 2), b.epochs());
        assertEquals(List.of("+ cosine"), b.tricks());
        for (int i = 0; i < 2; i++) {
            Comparison c = b.ablations().get(i).comparison();
            assertEquals(b.epochs().get(i), c.recipes().get(1).epochs());
            Stats.PairedTest expected = Stats.paired(c.top1(0), c.top1(1));
            assertEquals(expected.meanDifference(), b.test(0, i).meanDifference(), 1e-12);
            assertEquals(expected.halfWidth(), b.test(0, i).halfWidth(), 1e-12);
        }
        Table t = b.table();
        assertEquals(4, t.rowCount());
        assertEquals("base", t.stringColumn("verdict").get(0));
        assertEquals(b.test(0, 1).meanDifference(), t.doubleColumn("delta_mean").get(3), 0.006);
        var chart = b.chart();
        var line = chart.getSeries("+ cosine");
        assertEquals(2, line.getXData().length, "a point per length");
        assertEquals(b.test(0, 0).halfWidth(), line.getExtraValues()[0], 1e-9, "95% error bars");
        assertThrows(IllegalArgumentException.class, () -> BudgetCurve.run(DATA, tiny(), List.of(), false, List.of(1, 2), o -> o));
    }
}
