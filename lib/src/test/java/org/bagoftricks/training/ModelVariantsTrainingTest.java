package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.bagoftricks.data.ArrayImageSet;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every model tweak of §4 and its peers trains on real images: a short run beats chance. */
class ModelVariantsTrainingTest {
    private static final Dataset DATA = subset();

    private static Dataset subset() {
        Dataset full = Datasets.embedded();
        ArrayImageSet train = ((ArrayImageSet) full.train()).subset(IntStream.range(0, 1500).toArray());
        ArrayImageSet test = ((ArrayImageSet) full.test()).subset(IntStream.range(0, 500).toArray());
        return new Dataset(full.name() + "[1500/500]", train, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cifar_resnet18a", "cifar_resnet18c", "cifar_resnet18d", "cifar_resnet50d",
        "cifar_resnext50_32x4d", "cifar_seresnext50d_32x4d"})
    void aShortRunBeatsChance(String model) {
        // Zero gamma lets the 50-layer nets start shallow, so that a few dozen steps suffice.
        Recipe r = Recipe.baseline().model(model).width(0.25).smallImageAugmentation().epochs(3).batchSize(64)
                .cosine().zeroGamma();
        Run run = Trainer.train(r, DATA);
        assertTrue(run.top1() > 0.2, model + " top-1 " + run.top1() + " (chance 0.1)");
    }
}
