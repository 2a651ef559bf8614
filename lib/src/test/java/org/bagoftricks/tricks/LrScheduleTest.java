package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static final double EPS = 1e-12;

    @Test
    void stepDecayOfThePaperDividesByTenAt30_60_90Of120() {
        Recipe paper = Recipe.paper(); // 120 epochs, lr 0.1, step at 25/50/75%
        int batches = 10;
        LrSchedule s = paper.lrSchedule(batches);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.1, s.at(30 * batches - 1), EPS);
        assertEquals(0.01, s.at(30 * batches), 1e-15);
        assertEquals(0.01, s.at(60 * batches - 1), 1e-15);
        assertEquals(0.001, s.at(60 * batches), 1e-15);
        assertEquals(0.0001, s.at(90 * batches), 1e-15);
        assertEquals(0.0001, s.at(120 * batches - 1), 1e-15);
    }

    @Test
    void warmupGrowsLinearlyPerBatchThenHandsOver() {
        // 5 warm-up epochs of 4 batches: batch i (1-based) of m = 20 gets i/m of the rate.
        LrSchedule s = LrSchedule.constant(0.4).withWarmup(20);
        assertEquals(0.4 * 1 / 20, s.at(0), EPS);
        assertEquals(0.4 * 10 / 20, s.at(9), EPS);
        assertEquals(0.4, s.at(19), EPS);
        assertEquals(0.4, s.at(20), EPS);
        assertEquals(0.4, s.at(1000), EPS);
    }

    @Test
    void cosineFollowsHalfCosineAfterWarmup() {
        long total = 100;
        long warm = 20;
        LrSchedule s = LrSchedule.cosine(0.1, total, warm).withWarmup(warm);
        assertEquals(0.1 * 5 / 20, s.at(4), EPS);
        assertEquals(0.1, s.at(20), EPS); // t = 0
        // t = 40 of T = 80: 0.5 (1 + cos(pi / 2)) = 0.5
        assertEquals(0.05, s.at(60), EPS);
        // t = 20 of 80: 0.5 (1 + cos(pi / 4))
        assertEquals(0.5 * (1 + Math.sqrt(0.5)) * 0.1, s.at(40), EPS);
        assertEquals(0.0, s.at(100), EPS);
    }

    @Test
    void recipeComposesWarmupWithStepAndCosine() {
        Recipe r = Recipe.baseline().epochs(20).warmup(2);
        LrSchedule step = r.lrSchedule(10);
        assertEquals(0.1 / 20, step.at(0), EPS);
        assertEquals(0.1, step.at(20), EPS);
        assertEquals(0.01, step.at(50), 1e-15); // 25% of 20 epochs = epoch 5
        LrSchedule cos = r.cosine().lrSchedule(10);
        assertEquals(0.1, cos.at(20), EPS);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 90 / 180)) * 0.1, cos.at(110), EPS);
    }

    @Test
    void linearScalingMultipliesByBatchOverReference() {
        Recipe r = Recipe.paper().batchSize(1024).linearScaling();
        assertEquals(0.4, r.effectiveLr(), EPS);
        assertEquals(0.4, r.lrSchedule(5).at(0), EPS);
        assertEquals(0.05, Recipe.paper().batchSize(128).linearScaling().effectiveLr(), EPS);
        assertEquals(0.2, Recipe.paper().batchSize(128).linearScaling(64).effectiveLr(), EPS);
        assertEquals(0.1, Recipe.paper().batchSize(1024).effectiveLr(), EPS, "no scaling unless asked");
        assertThrows(IllegalArgumentException.class, () -> Recipe.paper().linearScaling(0));
    }

    /** The rate at the last batch of each epoch: the {@code lr} column of a run's CSV. */
    private static double[] endOfEpoch(Recipe r, int batches) {
        LrSchedule s = r.lrSchedule(batches);
        double[] out = new double[r.epochs()];
        for (int e = 0; e < out.length; e++) {
            out[e] = s.at((long) (e + 1) * batches - 1);
        }
        return out;
    }

    @Test
    void warmupOfFiveInTwelveEpochsReachesThePeakAndHoldsItBeforeDecaying() {
        // The defaults of './tricks train --tricks warmup': 25/50/75% of 12 = 3, 6, 9; the first
        // moves past the warm-up to 6, the second to 7. Was 0.02, 0.04, 0.06, 0.008, 0.01, 0.01, 0.001 ...
        Recipe r = Recipe.baseline().epochs(12).warmup(5);
        assertArrayEquals(new int[] {6, 7, 9}, r.stepMilestones());
        assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.01, 0.001, 0.001, 1e-4, 1e-4, 1e-4},
                endOfEpoch(r, 10), 1e-12);
    }

    @Test
    void warmupOfTwoInEightEpochsHoldsThePeakOneFullEpoch() {
        // was 0.05, 0.1, 0.01, ...: the peak lasted no epoch
        Recipe r = Recipe.baseline().epochs(8).warmup(2);
        assertArrayEquals(new int[] {3, 4, 6}, r.stepMilestones());
        assertArrayEquals(new double[] {0.05, 0.1, 0.1, 0.01, 0.001, 0.001, 1e-4, 1e-4}, endOfEpoch(r, 10), 1e-12);
        LrSchedule s = r.lrSchedule(10);
        for (int b = 20; b < 30; b++) {
            assertEquals(0.1, s.at(b), 1e-12, "epoch 2 is wholly at the peak, batch " + b);
        }
    }

    @Test
    void threeEpochsNeverStackTwoDecaysInOneEpoch() {
        // was 0.1, 0.01, 0.0001: 50% and 75% of 3 both rounded to epoch 2
        Recipe r = Recipe.baseline().epochs(3);
        assertArrayEquals(new int[] {1, 2}, r.stepMilestones(), "the third decay does not fit and is not reached");
        assertArrayEquals(new double[] {0.1, 0.01, 0.001}, endOfEpoch(r, 10), 1e-12);
    }

    @Test
    void theStoredCumulativeLengthSixWithWarmupTwo() {
        // was 0.05, 0.1, 0.01, 0.001, 0.001, 0.0001
        Recipe r = Recipe.baseline().epochs(6).warmup(2);
        assertArrayEquals(new int[] {3, 4, 5}, r.stepMilestones());
        assertArrayEquals(new double[] {0.05, 0.1, 0.1, 0.01, 0.001, 1e-4}, endOfEpoch(r, 10), 1e-12);
    }

    @Test
    void milestonesThatWouldAllFallInsideTheWarmupMoveAfterIt() {
        // 25/50/75% of 10 = 3, 5, 8, all inside an 8-epoch warm-up: one decay fits, after the held peak
        Recipe r = Recipe.baseline().epochs(10).warmup(8);
        assertArrayEquals(new int[] {9}, r.stepMilestones());
        double[] lr = endOfEpoch(r, 4);
        assertEquals(0.1, lr[7], 1e-12, "the warm-up ends at the peak");
        assertEquals(0.1, lr[8], 1e-12);
        assertEquals(0.01, lr[9], 1e-12);
        // a budget that shortens a run keeps the rule: 12 epochs with warm-up 5 cut to 3 (warm-up 2)
        Recipe cut = Recipe.baseline().epochs(12).warmup(5).fittedTo(3);
        assertArrayEquals(new int[0], cut.stepMilestones());
        assertArrayEquals(new double[] {0.05, 0.1, 0.1}, endOfEpoch(cut, 10), 1e-12);
    }

    @Test
    void thePapersLengthIsUnchangedByTheRule() {
        assertArrayEquals(new int[] {30, 60, 90}, Recipe.paper().stepMilestones());
        assertArrayEquals(new int[] {30, 60, 90}, Recipe.paper().warmup(5).stepMilestones());
        assertEquals(0.1 / 50, Recipe.paper().warmup(5).lrSchedule(10).at(0), EPS);
        assertArrayEquals(new int[0], Recipe.paper().cosine().stepMilestones());
    }

    @Test
    void atEveryLengthAndWarmupThePeakIsReachedHeldAndDecaysAreOneEpochApart() {
        for (int epochs = 1; epochs <= 130; epochs++) {
            for (int warm = 0; warm < epochs; warm++) {
                Recipe r = Recipe.baseline().epochs(epochs).warmup(warm).batchSize(128);
                int[] m = r.stepMilestones();
                for (int i = 0; i < m.length; i++) {
                    assertTrue(m[i] > warm && m[i] < epochs, epochs + "/" + warm + ": milestone " + m[i]);
                    assertTrue(i == 0 || m[i] > m[i - 1], epochs + "/" + warm + ": stacked milestones");
                }
                double[] lr = endOfEpoch(r, 3);
                if (warm > 0) {
                    assertEquals(0.1, lr[warm - 1], 1e-12, epochs + "/" + warm + ": warm-up ends at the peak");
                }
                if (warm < epochs) {
                    assertEquals(0.1, lr[warm], 1e-12, epochs + "/" + warm + ": the peak holds an epoch");
                }
                for (int e = warm + 1; e < epochs; e++) {
                    assertTrue(lr[e] >= lr[e - 1] * 0.1 - 1e-15, epochs + "/" + warm + ": two decays in epoch " + e);
                }
            }
        }
    }
}
