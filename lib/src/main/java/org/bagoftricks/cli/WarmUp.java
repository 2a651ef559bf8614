package org.bagoftricks.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.bagoftricks.Djl;
import org.bagoftricks.data.Datasets;

/**
 * Loads the PyTorch engine once, so that DJL unpacks its native libraries into its cache now
 * (at set-up, e.g. Binder's build) rather than in the first notebook cell that trains.
 */
public final class WarmUp {
    private WarmUp() {}

    public static void main(String[] args) {
        Engine engine = Djl.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            float sum = m.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum().getFloat();
            if (sum != 4f) {
                throw new IllegalStateException("the engine computed 1+1+1+1 = " + sum);
            }
        }
        int images = Datasets.embedded().train().size();
        System.out.println("DJL " + Engine.getDjlVersion() + " / " + engine.getEngineName() + " " + engine.getVersion()
                + " ready; embedded data: " + images + " training images");
    }
}
