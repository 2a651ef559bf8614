package org.bagoftricks.report;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics a comparison over seeds needs: mean, sample standard deviation, a 95%
 * interval of the mean, and a paired t-test between two recipes.
 *
 * <p>Why paired: runs of two recipes with the same seed share their initialization, data order
 * and augmentation draws, so the difference per seed removes most of the run-to-run noise that
 * both share. Assumptions of the test: the per-seed differences are independent draws from a
 * roughly normal distribution; with few seeds (say 3 to 5) it only detects effects that are
 * large against the spread of those differences.
 */
public final class Stats {
    private Stats() {}

    /** Level of the intervals and of the test. */
    public static final double CONFIDENCE = 0.95;

    /** Mean, sample standard deviation (n - 1), half-width of the 95% t interval, and n. */
    public record Summary(double mean, double sd, double halfWidth, int n) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }
    }

    /** What a paired comparison concludes. */
    public enum Verdict {
        HELPS("helps"), HURTS("hurts"), NOT_SHOWN("not shown"), SINGLE_RUN("one seed: no test");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A paired t-test of {@code treatment} against {@code base} (two-sided).
     *
     * @param meanDifference mean of treatment - base per seed
     * @param t              the t statistic (NaN for one seed; infinite when all differences are equal and nonzero)
     * @param p              two-sided p-value
     * @param halfWidth      half-width of the 95% t interval of the mean difference (NaN for one seed);
     *                       the interval excludes 0 exactly when the verdict is helps or hurts
     */
    public record PairedTest(double meanDifference, double t, int degreesOfFreedom, double p, Verdict verdict,
            double halfWidth) {
        public double low() {
            return meanDifference - halfWidth;
        }

        public double high() {
            return meanDifference + halfWidth;
        }

        /** "+1.23 [+0.40, +2.06]": the mean change and its 95% interval, in points. */
        public String interval() {
            if (Double.isNaN(halfWidth)) {
                return String.format(java.util.Locale.ROOT, "%+.2f", meanDifference);
            }
            return String.format(java.util.Locale.ROOT, "%+.2f [%+.2f, %+.2f]", meanDifference, low(), high());
        }

        /** "paired t-test, t = 2.31, df = 4, p = 0.082", for tables and reports. */
        public String describe() {
            if (verdict == Verdict.SINGLE_RUN) {
                return "one seed: no test";
            }
            return String.format(java.util.Locale.ROOT, "paired t-test, t = %.2f, df = %d, p = %.3g", t,
                    degreesOfFreedom, p);
        }
    }

    public static Summary summary(double... values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        if (n == 1) {
            return new Summary(mean, Double.NaN, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = tQuantile(n - 1) * sd / Math.sqrt(n);
        return new Summary(mean, sd, half, n);
    }

    /** Paired two-sided t-test of {@code treatment[i] - base[i]}, at the 5% level. */
    public static PairedTest paired(double[] base, double[] treatment) {
        if (base.length != treatment.length) {
            throw new IllegalArgumentException("paired samples differ in size: " + base.length + " vs "
                    + treatment.length + " (run both recipes with the same seeds)");
        }
        int n = base.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = treatment[i] - base[i];
        }
        double mean = Arrays.stream(d).average().orElse(Double.NaN);
        if (n < 2) {
            return new PairedTest(mean, Double.NaN, 0, Double.NaN, Verdict.SINGLE_RUN, Double.NaN);
        }
        double sd = summary(d).sd();
        double t;
        double p;
        if (sd == 0) {
            t = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
            p = mean == 0 ? 1 : 0;
        } else {
            t = mean / (sd / Math.sqrt(n));
            p = 2 * new TDistribution(n - 1).cumulativeProbability(-Math.abs(t));
        }
        Verdict v = p >= 1 - CONFIDENCE ? Verdict.NOT_SHOWN : mean > 0 ? Verdict.HELPS : Verdict.HURTS;
        return new PairedTest(mean, t, n - 1, p, v, tQuantile(n - 1) * sd / Math.sqrt(n));
    }

    /** The two-sided 95% quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile(int df) {
        return new TDistribution(df).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }
}
