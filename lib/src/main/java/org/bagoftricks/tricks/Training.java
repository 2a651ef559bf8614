package org.bagoftricks.tricks;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.bagoftricks.data.Dataset;

/** What a trick sees of the run it starts in ({@link Trick#start}): given by the trainer. */
public interface Training {
    /** The recipe being trained. */
    Recipe recipe();

    /** The data it trains on. */
    Dataset data();

    /** The manager that owns the run's arrays (closed with the run). */
    NDManager manager();

    /** The model being trained, initialized. */
    Block model();

    /** The trained parameters of a run this recipe {@linkplain Trick#needs needs}, trained before this one. */
    byte[] parametersOf(Recipe needed);
}
