package org.bagoftricks.tricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bagoftricks.data.AugmentPreset;
import org.junit.jupiter.api.Test;

class RecipeTest {
    @Test
    void paperBaselineHasThePapersSettings() {
        Recipe p = Recipe.paper();
        assertEquals("resnet50", p.model().name());
        assertEquals(224, p.imageSize());
        assertEquals(120, p.epochs());
        assertEquals(256, p.batchSize());
        assertEquals(0.1, p.lr());
        assertEquals(0.9, p.momentum());
        assertEquals(1e-4, p.weightDecay());
        assertEquals(Schedule.Decay.STEP, p.schedule().decay());
        assertEquals(AugmentPreset.IMAGENET, p.augmentation());
        assertTrue(p.tricks().isEmpty());
        assertEquals("baseline", p.name());
    }

    @Test
    void tricksAreOneCallEachAndImmutable() {
        Recipe base = Recipe.baseline();
        Recipe all = base.warmup(5).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1).mixup(0.2);
        assertTrue(base.tricks().isEmpty(), "the base is unchanged");
        assertEquals(List.of("warmup(5)", "zero-gamma", "no-bias-decay", "cosine", "label-smoothing(0.1)",
                "mixup(0.2)"), all.trickLabels());
        assertEquals("baseline + warmup(5) + zero-gamma + no-bias-decay + cosine + label-smoothing(0.1) + mixup(0.2)",
                all.name());
        assertEquals(0.1, Recipe.baseline().labelSmoothing().trick(LabelSmoothing.class).orElseThrow().eps());
        assertEquals(0.2, Recipe.baseline().mixup().trick(Mixup.class).orElseThrow().alpha());
        assertEquals(5, Recipe.baseline().warmup().warmupEpochs());
        assertEquals("baseline + small-image-aug", base.smallImageAugmentation().name());
        assertEquals("mine", all.label("mine").name());
    }

    @Test
    void diffNamesWhatChanged() {
        Recipe a = Recipe.baseline();
        Recipe b = a.cosine().epochs(20);
        assertEquals(List.of("epochs: 12 -> 20", "schedule: step -> cosine"), a.diff(b));
        assertTrue(a.diff(a).isEmpty());
        assertEquals(a, Recipe.baseline(), "recipes are values");
        assertNotEquals(a, b);
    }

    @Test
    void badArgumentsFailWhenTheRecipeIsWritten() {
        Recipe r = Recipe.baseline();
        assertMessage(() -> r.mixup(-0.1), "mixup alpha must be >= 0");
        assertMessage(() -> r.labelSmoothing(1.0), "eps must be in [0, 1)");
        assertMessage(() -> r.labelSmoothing(-0.01), "eps must be in [0, 1)");
        assertMessage(() -> r.warmup(12), "not shorter than the run");
        assertMessage(() -> r.epochs(0), "epochs must be at least 1");
        assertMessage(() -> r.lr(0), "lr must be positive");
        assertMessage(() -> r.lr(Double.NaN), "lr must be positive");
        assertMessage(() -> r.momentum(1), "momentum must be in [0, 1)");
        assertMessage(() -> r.batchSize(0), "batchSize");
        assertMessage(() -> r.width(0), "width");
        assertMessage(() -> r.mixup(0.2, 12), "mixup can be switched off");
    }

    @Test
    void mixupCanBeSwitchedOffForTheLastEpochs() {
        Recipe r = Recipe.baseline().epochs(10).mixup(0.2, 3);
        Mixup m = r.trick(Mixup.class).orElseThrow();
        assertTrue(m.mixesIn(0, r.epochs()));
        assertTrue(m.mixesIn(6, r.epochs()));
        assertFalse(m.mixesIn(7, r.epochs()));
        assertFalse(Recipe.baseline().has("mixup"));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }
}
