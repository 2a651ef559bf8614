package org.bagoftricks.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import java.util.function.BiConsumer;
import org.bagoftricks.data.Batch;
import org.bagoftricks.data.BatchLoader;
import org.bagoftricks.data.ImageSet;
import org.bagoftricks.tricks.Recipe;

/**
 * A model in inference mode over a whole image set, in order, with the recipe's evaluation
 * augmentation: its loss, top-1 and top-5, or its logits. One loop for both.
 */
final class Evaluator {
    private final Recipe recipe;
    private final NDManager manager;
    private final Block model;
    private final ParameterStore store;

    Evaluator(Recipe recipe, NDManager manager, Block model, ParameterStore store) {
        this.recipe = recipe;
        this.manager = manager;
        this.model = model;
        this.store = store;
    }

    /** Loss, top-1 and top-5 on {@code set}. */
    Metrics.Eval evaluate(ImageSet set) {
        Metrics.Accumulator acc = new Metrics.Accumulator();
        forEachBatch(set, (logits, batch) -> acc.add(logits, batch.labels()));
        return acc.result();
    }

    /** The logits of every image of {@code set}, one row per image in the set's order. */
    float[][] logits(ImageSet set) {
        float[][] out = new float[set.size()][];
        int[] row = {0};
        forEachBatch(set, (logits, batch) -> {
            float[] flat = logits.toFloatArray();
            int k = flat.length / batch.size();
            for (int i = 0; i < batch.size(); i++) {
                out[row[0]++] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
            }
        });
        return out;
    }

    /** The model's logits of each batch of {@code set}, in order, each inside its own memory scope. */
    private void forEachBatch(ImageSet set, BiConsumer<NDArray, Batch> use) {
        int size = recipe.imageSize();
        try (BatchLoader loader = BatchLoader.builder(set, recipe.augmentation().eval(size))
                .batchSize(Math.max(recipe.batchSize(), 256)).shuffle(false).dropLast(false).seed(recipe.seed())
                .threads(Trainer.LOADER_THREADS).build()) {
            Iterator<Batch> it = loader.epoch(0);
            while (it.hasNext()) {
                Batch batch = it.next();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = manager.create(batch.images(), new Shape(batch.size(), 3, size, size));
                    use.accept(model.forward(store, new NDList(x), false).singletonOrThrow(), batch);
                }
            }
        }
    }
}
