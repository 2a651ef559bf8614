package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bagoftricks.data.Dataset;
import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void namesAndErrors() {
        assertEquals(Scale.SMOKE, Scale.of(" Smoke "));
        assertEquals("quick", Scale.QUICK.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scale.of("huge"));
        assertTrue(e.getMessage().contains("smoke, quick or full"), e.getMessage());
    }

    @Test
    void smokeIsTinyQuickIsTheEmbeddedBaselineFullHasThePapersLengths() {
        Dataset smoke = Scale.SMOKE.data();
        assertEquals(320, smoke.train().size());
        assertEquals(100, smoke.test().size());
        assertEquals(32, smoke.imageSide());
        Recipe s = Scale.SMOKE.baseline(smoke);
        assertEquals(2, s.epochs());
        assertEquals(0.125, s.width());
        assertTrue(smoke.train().size() / s.batchSize() >= 5, "several steps per epoch even in smoke");
        Dataset quick = Scale.QUICK.data();
        assertEquals(5000, quick.train().size());
        assertEquals(Recipe.baseline(), Scale.QUICK.baseline(quick));
        assertEquals(8, Scale.QUICK.epochs(8));
        assertEquals(120, Scale.FULL.epochs(8));
        assertEquals(5, Scale.FULL.warmupEpochs(2));
        assertEquals(1, Scale.SMOKE.warmupEpochs(2));
        assertTrue(Scale.SMOKE.warmupEpochs(2) < Scale.SMOKE.epochs(8), "smoke warm-up fits its run");
        assertEquals(1.0, Scale.FULL.baseline(quick).width(), "full width at full scale");
    }
}
