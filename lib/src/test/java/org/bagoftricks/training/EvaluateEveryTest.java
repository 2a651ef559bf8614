package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bagoftricks.data.Dataset;
import org.bagoftricks.report.Charts;
import org.junit.jupiter.api.Test;

class EvaluateEveryTest {
    private static final Dataset DATA = SyntheticData.colours(4, 64, 16, 16, 1);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(5).batchSize(32).width(0.125).smallImageAugmentation();
    }

    @Test
    void testsEveryNthEpochAndTheLastWithoutChangingTraining() {
        Recipe every2 = tiny().evaluateEvery(2);
        assertEquals(java.util.List.of(false, true, false, true, true),
                java.util.stream.IntStream.range(0, 5).mapToObj(every2::evaluatesAfter).toList());
        Run sparse = Trainer.train(every2, DATA);
        Run full = Trainer.train(tiny(), DATA);
        for (int e = 0; e < 5; e++) {
            double t = sparse.epochs().get(e).testTop1();
            assertEquals(every2.evaluatesAfter(e), Double.isFinite(t), "epoch " + e + ": " + t);
            // the same seed trains the same whether or not the test ran in between
            assertEquals(full.epochs().get(e).trainLoss(), sparse.epochs().get(e).trainLoss(), 1e-5, "epoch " + e);
        }
        assertEquals(full.top1(), sparse.top1(), 1e-9);
        assertFalse(tiny().identity().equals(every2.identity()), "the history differs: a different stored run");
        var chart = Charts.testAccuracy(java.util.List.of(sparse));
        assertEquals(3, chart.getSeriesCollection().iterator().next().getXData().length, "untested epochs are not drawn");
        assertThrows(IllegalArgumentException.class, () -> tiny().evaluateEvery(0));
        assertTrue(tiny().evaluateEvery(100).evaluatesAfter(4), "the last epoch is always tested");
    }
}
