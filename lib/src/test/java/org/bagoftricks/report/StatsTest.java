package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
    /** Student's t density for 4 degrees of freedom: 3 / (8 (1 + x^2/4)^(5/2)). */
    private static double t4(double x) {
        return 3.0 / 8 * Math.pow(1 + x * x / 4, -2.5);
    }

    /** Two-sided tail of t4 beyond |t|, by Simpson's rule on [|t|, 2000] (the rest is < 1e-9). */
    private static double twoSidedTail(double t) {
        int n = 2_000_000;
        double a = Math.abs(t);
        double b = 2000;
        double h = (b - a) / n;
        double sum = t4(a) + t4(b);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * t4(a + i * h);
        }
        return 2 * sum * h / 3;
    }

    @Test
    void summaryOfFixedNumbers() {
        // 70, 72, 71, 75, 72: mean 72, squares of deviations 4+0+1+9+0 = 14, sd = sqrt(14/4)
        Stats.Summary s = Stats.summary(70, 72, 71, 75, 72);
        assertEquals(72, s.mean(), 1e-12);
        assertEquals(Math.sqrt(3.5), s.sd(), 1e-12);
        // t(0.975, 4) = 2.7764451 (published tables)
        assertEquals(2.7764451 * Math.sqrt(3.5) / Math.sqrt(5), s.halfWidth(), 1e-6);
        assertEquals(72 - s.halfWidth(), s.low(), 1e-12);
        Stats.Summary one = Stats.summary(40);
        assertEquals(40, one.mean());
        assertEquals(1, one.n());
        assertEquals(Double.NaN, one.sd());
    }

    @Test
    void pairedTestAgainstAHandComputation() {
        double[] base = {50, 51, 49, 52, 50};
        double[] treated = {51, 53, 52, 56, 55}; // differences 1, 2, 3, 4, 5
        Stats.PairedTest test = Stats.paired(base, treated);
        double t = 3 / (Math.sqrt(2.5) / Math.sqrt(5)); // mean 3, sd sqrt(2.5)
        assertEquals(3, test.meanDifference(), 1e-12);
        assertEquals(t, test.t(), 1e-9);
        assertEquals(4, test.degreesOfFreedom());
        assertEquals(twoSidedTail(t), test.p(), 1e-6);
        assertEquals(Stats.Verdict.HELPS, test.verdict());
        assertEquals(Stats.Verdict.HURTS, Stats.paired(treated, base).verdict());
        // 95% interval: 3 +- t(0.975, 4) sqrt(2.5) / sqrt(5), t(0.975, 4) = 2.776445 (tables)
        assertEquals(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), test.halfWidth(), 1e-5);
        assertEquals(3 - 1.963243, test.low(), 1e-5);
        assertEquals("+3.00 [+1.04, +4.96]", test.interval());
    }

    @Test
    void theIntervalExcludesZeroExactlyWhenTheVerdictIsAnEffect() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            int n = 2 + rnd.nextInt(5);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int k = 0; k < n; k++) {
                a[k] = 50 + rnd.nextGaussian();
                b[k] = a[k] + rnd.nextGaussian() + (rnd.nextDouble() - 0.5) * 4;
            }
            Stats.PairedTest t = Stats.paired(a, b);
            boolean excludesZero = t.low() > 0 || t.high() < 0;
            assertEquals(excludesZero, t.verdict() != Stats.Verdict.NOT_SHOWN, "p = " + t.p() + ", " + t.interval());
        }
    }

    @Test
    void noisyDifferencesAreWithinNoise() {
        double[] base = {50, 51, 49};
        double[] treated = {51, 50, 49.5}; // differences 1, -1, 0.5: mean 1/6
        Stats.PairedTest test = Stats.paired(base, treated);
        assertEquals(Stats.Verdict.NOT_SHOWN, test.verdict());
        assertEquals(Stats.Verdict.SINGLE_RUN, Stats.paired(new double[] {1}, new double[] {2}).verdict());
        assertEquals(Stats.Verdict.NOT_SHOWN, Stats.paired(base, base).verdict());
        assertThrows(IllegalArgumentException.class, () -> Stats.paired(base, new double[] {1, 2}));
    }
}
