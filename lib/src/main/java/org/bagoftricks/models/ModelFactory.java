package org.bagoftricks.models;

import ai.djl.nn.Block;

/**
 * Builds a fresh, uninitialized network for a number of classes and a width multiplier: how a
 * recipe holds a model that is not in the registry (a ResNet builder of one's own, or any DJL
 * block). Implementations should be records, so that recipes holding them compare by value.
 */
public interface ModelFactory {
    /** A short name for recipe names and results. */
    String name();

    /** A new network; {@code width} multiplies channel counts where the family supports it. */
    Block create(int numClasses, double width);

    /** A ResNet-family configuration (e.g. from {@code ResNet.builder()...config()}) as a factory. */
    static ModelFactory of(ResNet.Config config) {
        return new ResNetFactory(config);
    }

    /** The registry's model {@code name}. */
    static ModelFactory registered(String name) {
        Models.config(name); // fails early, with close matches, on an unknown name
        return new Registered(name);
    }

    /** A registered model. */
    record Registered(String name) implements ModelFactory {
        @Override
        public Block create(int numClasses, double width) {
            return Models.create(name, numClasses, width);
        }
    }

    /** A ResNet built from a configuration; the width and class count of the recipe override its own. */
    record ResNetFactory(ResNet.Config config) implements ModelFactory {
        @Override
        public String name() {
            ResNet.Config c = config;
            StringBuilder s = new StringBuilder(c.smallInput() ? "cifar_" : "");
            s.append(c.se() ? "se" : "").append(c.groups() > 1 ? "resnext" : "resnet").append(c.depth());
            boolean wideStem = c.stemWidth() == 64 && !c.avgDown();
            s.append(c.avgDown() ? "d" : wideStem ? "s" : c.deepStem() ? "c" : c.strideOn3x3() ? "" : "a");
            if (c.groups() > 1) {
                s.append('_').append(c.groups()).append('x').append(c.baseWidth()).append('d');
            }
            if (c.stemWidth() != ResNet.DEFAULT_STEM_WIDTH && !wideStem) {
                s.append("(stem ").append(c.stemWidth()).append(')');
            }
            if (c.avgDown() && !c.deepStem()) {
                s.append("(avg-down only)");
            }
            return s.toString();
        }

        @Override
        public Block create(int numClasses, double width) {
            return config.toBuilder().numClasses(numClasses).widthMultiplier(width).build();
        }
    }
}
