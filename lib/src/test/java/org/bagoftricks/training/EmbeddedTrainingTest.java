package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.junit.jupiter.api.Test;

/** One short real run: the baseline's network on the embedded CIFAR-10 subset beats chance clearly. */
class EmbeddedTrainingTest {
    @Test
    void twoEpochsOnRealImagesBeatChance() {
        Dataset data = Datasets.embedded();
        Recipe r = Recipe.baseline().smallImageAugmentation().epochs(2);
        Run run = Trainer.train(r, data);
        assertEquals(2, run.epochs().size());
        // Chance is 10% top-1 and 50% top-5 on 10 balanced classes.
        assertTrue(run.top1() > 0.25, "top-1 " + run.top1());
        assertTrue(run.top5() > 0.70, "top-5 " + run.top5());
        assertTrue(run.epochs().get(1).trainLoss() < Math.log(10), "the loss fell below chance level");
        assertEquals("cifar10-embedded", run.data());
    }
}
