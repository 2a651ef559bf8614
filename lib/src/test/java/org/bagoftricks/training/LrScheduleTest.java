package org.bagoftricks.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
