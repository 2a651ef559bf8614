package org.bagoftricks.models;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.*;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
/** TEMPORARY STUB. */
public record ModelSpec(String name, double w, int n) {
    public static ModelSpec of(String name) { return new ModelSpec(name, 1, 1000); }
    public ModelSpec width(double w) { return new ModelSpec(name, w, n); }
    public ModelSpec classes(int n) { return new ModelSpec(name, w, n); }
    public Block build() {
        SequentialBlock b = new SequentialBlock()
          .add(Conv2d.builder().setKernelShape(new Shape(3,3)).optPadding(new Shape(1,1)).setFilters(16).optBias(false).build())
          .add(BatchNorm.builder().build()).add(Activation::relu)
          .add(Conv2d.builder().setKernelShape(new Shape(3,3)).optStride(new Shape(2,2)).optPadding(new Shape(1,1)).setFilters(32).optBias(false).build())
          .add(BatchNorm.builder().build()).add(Activation::relu)
          .add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(n).build());
        b.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
        return b;
    }
}
