package org.bagoftricks.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainerSmokeTest {
    @Test
    void learnsColours() {
        var data = SyntheticData.colours(4, 64, 16, 16, 1);
        Recipe r = Recipe.baseline().imageSize(16).epochs(3).batchSize(32).smallImageAugmentation();
        Run run = Trainer.train(r, data, Progress.console(System.out));
        System.out.println(run.history());
        assertTrue(run.top1() > 0.5, "top1 " + run.top1());
    }
}
