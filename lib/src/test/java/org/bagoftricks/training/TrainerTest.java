package org.bagoftricks.training;

import org.bagoftricks.experiments.Comparison;
import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bagoftricks.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a small synthetic task (seconds); the real-data run is in EmbeddedTrainingTest. */
class TrainerTest {
    private static final Dataset DATA = SyntheticData.colours(4, 96, 16, 16, 1);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(4).batchSize(32).width(0.125).smallImageAugmentation();
    }

    @Test
    void sameSeedGivesTheSameRunAndAnotherSeedDoesNot() {
        Run a = Trainer.train(tiny(), DATA);
        Run b = Trainer.train(tiny(), DATA);
        Run c = Trainer.train(tiny().seed(7), DATA);
        double[] la = a.epochs().stream().mapToDouble(EpochStats::trainLoss).toArray();
        assertArrayEquals(la, b.epochs().stream().mapToDouble(EpochStats::trainLoss).toArray(), 0.0);
        assertTrue(la[0] != c.epochs().get(0).trainLoss(), "a different seed changes initialization and order");
        assertEquals(4, a.history().rowCount());
        assertTrue(a.top1() > 0.5, "learns the toy task: " + a.top1());
    }

    @Test
    void memoryStaysFlatAcrossEpochs() {
        List<Integer> live = new ArrayList<>();
        Trainer[] trainer = new Trainer[1];
        Progress count = new Progress() {
            @Override
            public void onEpoch(EpochStats stats) {
                live.add(trainer[0].manager().getManagedArrays().size());
            }
        };
        try (Trainer t = new Trainer(tiny().epochs(4), DATA, count)) {
            trainer[0] = t;
            t.fit();
        }
        // Weights, batch-norm statistics and momentum only: the same count after every epoch.
        assertEquals(4, live.size());
        assertEquals(live.get(0), live.get(3), "arrays alive after each epoch: " + live);
    }

    @Test
    void aDivergingRunStopsWithAClearMessageAndKeepsEarlierResults(@TempDir Path dir) {
        Recipe good = tiny().epochs(1);
        Recipe bad = tiny().epochs(2).lr(1e12).label("too-hot");
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Comparison.run(DATA, List.of(good, bad), Progress.QUIET, dir));
        assertTrue(e.getMessage().contains("'too-hot' diverged in epoch 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("baseline-small-image-aug-seed42.csv")), "the first run was written");
        assertTrue(Files.exists(dir.resolve("baseline-small-image-aug-seed42.json")));
    }

    @Test
    void aBatchLargerThanTheDataIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(tiny().batchSize(1000), DATA));
        assertTrue(e.getMessage().contains("batch size 1000"), e.getMessage());
    }
}
