package org.bagoftricks.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void topKCountsLabelsAmongTheLargestScores() {
        float[] scores = {
            0.1f, 0.5f, 0.2f, 0.9f, // label 3 is top-1
            0.9f, 0.8f, 0.7f, 0.1f, // label 2 is third
            0.3f, 0.3f, 0.3f, 0.3f, // all tied: label 0 wins ties by index, label 3 is last
        };
        assertEquals(1, Metrics.correctTopK(scores, 4, new int[] {3, 2, 3}, 1));
        assertEquals(2, Metrics.correctTopK(scores, 4, new int[] {3, 2, 0}, 1));
        assertEquals(2, Metrics.correctTopK(scores, 4, new int[] {3, 2, 3}, 3));
        assertEquals(3, Metrics.correctTopK(scores, 4, new int[] {3, 2, 3}, 4));
    }
}
