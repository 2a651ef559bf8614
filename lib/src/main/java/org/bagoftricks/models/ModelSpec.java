package org.bagoftricks.models;

/**
 * A model by registry name, class count and width multiplier, e.g.
 * {@code ModelSpec.of("cifar_resnet18").width(0.25).classes(10).build()}.
 *
 * @param name a name of {@link Models#names()}
 * @param numClasses size of the dense layer's output
 * @param width multiplier of every channel count, 1 for the published network
 */
public record ModelSpec(String name, int numClasses, double width) {
    public ModelSpec {
        Models.config(name); // fails early, with close matches, on an unknown name
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
    }

    /** {@code name} at full width, with 10 classes for the {@code cifar_} forms, else 1000. */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, Models.isSmallInput(name) ? 10 : 1000, 1.0);
    }

    public ModelSpec classes(int value) {
        return new ModelSpec(name, value, width);
    }

    public ModelSpec width(double value) {
        return new ModelSpec(name, numClasses, value);
    }

    /** 32 for the {@code cifar_} forms, else 224: the input side FLOPs are reported at. */
    public int imageSize() {
        return Models.isSmallInput(name) ? 32 : 224;
    }

    /** A new, uninitialized network. */
    public ResNet build() {
        return Models.create(name, numClasses, width);
    }
}
