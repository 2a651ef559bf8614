package org.bagoftricks.models;

/**
 * One row of the models table.
 *
 * @param imageSize side of the square input the FLOPs are measured at (224, or 32 for cifar_)
 * @param parameters trainable parameters, see {@link ModelStats#parameters}
 * @param multiplyAdds multiply-adds for one image, see {@link ModelStats#multiplyAdds}
 */
public record ModelSummary(String name, int numClasses, double width, int imageSize,
                           long parameters, long multiplyAdds) {
    /** Multiply-adds in units of 10^9, the paper's "FLOPs" column. */
    public double gflops() {
        return multiplyAdds / 1e9;
    }
}
