package org.bagoftricks.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import org.bagoftricks.Djl;

/**
 * Size and cost of a network, computed from the built blocks (not from a table).
 *
 * <p>FLOPs are counted as the paper and torchvision's tables count them: multiply-adds of conv
 * and dense layers only, one per weight use ({@code out_elements x in_channels/groups x kernel
 * area} for a conv, {@code out_elements x in_features} for a dense layer). Bias additions, batch
 * norm, ReLU, pooling, the residual addition and SE's sigmoid and channel-wise multiply are not
 * counted; SE's two 1x1 convs are (they are convs). With this convention ResNet-50 (B layout) is
 * 4.09 G at 224x224, ResNet-50-A 3.86 G and ResNet-50-D 4.33 G, as the paper's 3.9/4.1/4.3 G.
 */
public final class ModelStats {
    private ModelStats() {}

    /**
     * Number of trainable parameters: every parameter of the initialized block except batch norm's
     * running mean and variance (which are statistics, not learned). Frozen parameters count.
     *
     * @throws IllegalStateException if the block is not initialized (shapes are unknown before)
     */
    public static long parameters(Block block) {
        long total = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            if (p.getShape() == null) {
                throw new IllegalStateException("parameter " + p.getName() + " has no shape yet: "
                        + "initialize the block first (block.initialize(manager, FLOAT32, inputShape))");
            }
            total += p.getShape().size();
        }
        return total;
    }

    /**
     * Multiply-adds of one forward pass on {@code input} (for the whole batch of the input shape:
     * pass batch 1 for per-image FLOPs). Shapes come from the blocks' {@code getOutputShapes}; the
     * block need not be initialized.
     *
     * @throws IllegalArgumentException for a composite block whose data flow is unknown here
     */
    public static long multiplyAdds(Block block, Shape input) {
        Djl.configure(); // parameterless DJL blocks compute shapes on small arrays
        return multiplyAdds(block, new Shape[] {input});
    }

    private static long multiplyAdds(Block block, Shape[] in) {
        if (block instanceof Convolution conv) {
            Shape out = conv.getOutputShapes(in)[0];
            return out.size() * (in[0].get(1) / conv.getGroups()) * conv.getKernelShape().size();
        }
        if (block instanceof Linear linear) {
            Shape out = linear.getOutputShapes(in)[0];
            return out.size() * in[0].get(in[0].dimension() - 1);
        }
        long total = 0;
        if (block instanceof ShapeWalk walk) {
            for (Pair<Block, Shape[]> child : walk.childInputs(in)) {
                total += multiplyAdds(child.getKey(), child.getValue());
            }
            return total;
        }
        if (block instanceof SequentialBlock) {
            Shape[] shapes = in;
            for (Block child : block.getChildren().values()) {
                total += multiplyAdds(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
            return total;
        }
        if (block.getChildren().isEmpty()) {
            return 0; // batch norm, activations, pooling, flatten
        }
        throw new IllegalArgumentException("cannot follow the data flow inside "
                + block.getClass().getName() + ": only convs, dense layers, SequentialBlock and "
                + "this package's blocks are supported");
    }

    /** Builds {@code spec}, initializes it for one image of its input size, and measures it. */
    public static ModelSummary summarize(ModelSpec spec) {
        Djl.configure();
        Block model = spec.build();
        Shape input = new Shape(1, 3, spec.imageSize(), spec.imageSize());
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager, DataType.FLOAT32, input);
            return new ModelSummary(spec.name(), spec.numClasses(), spec.width(), spec.imageSize(),
                    parameters(model), multiplyAdds(model, input));
        }
    }
}
