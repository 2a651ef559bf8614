package org.bagoftricks.experiments;

import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Run;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.data.Dataset;

/**
 * How a comparison gets the run of a recipe: trained now ({@link #TRAIN}), or from a results
 * store that trains only what it does not hold yet ({@code RunStore.runner}).
 */
@FunctionalInterface
public interface Runner {
    Run run(Recipe recipe, Dataset data, Progress progress);

    /** Always trains. */
    Runner TRAIN = Trainer::train;
}
