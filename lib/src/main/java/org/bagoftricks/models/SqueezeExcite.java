package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.List;

/**
 * Squeeze-and-excitation (Hu et al.), as SENet and timm's {@code SEModule}: global average pool,
 * 1x1 conv to {@code channels / reduction} with bias, ReLU, 1x1 conv back with bias, sigmoid,
 * and the input scaled channel-wise by the result.
 */
public final class SqueezeExcite extends AbstractBlock implements ShapeWalk {
    private final Conv2d reduce;
    private final Conv2d expand;
    private final int channels;

    /** @param reduction 16 in SENet; the squeezed width is {@code max(1, channels / reduction)} */
    public SqueezeExcite(int channels, int reduction) {
        if (channels < 1 || reduction < 1) {
            throw new IllegalArgumentException(
                    "channels and reduction must be >= 1, got " + channels + ", " + reduction);
        }
        this.channels = channels;
        int squeezed = Math.max(1, channels / reduction);
        reduce = addChildBlock("reduce", pointwise(squeezed));
        expand = addChildBlock("expand", pointwise(channels));
    }

    private static Conv2d pointwise(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).optBias(true).build();
    }

    /** Number of channels this block scales. */
    public int channels() {
        return channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        // PyTorch's DJL mean takes one axis at a time
        NDArray s = x.mean(new int[] {3}, true).mean(new int[] {2}, true);
        s = Activation.relu(reduce.forward(store, new NDList(s), training, params).head());
        s = Activation.sigmoid(expand.forward(store, new NDList(s), training, params).head());
        return new NDList(x.mul(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Pair<Block, Shape[]> child : childInputs(inputShapes)) {
            child.getKey().initialize(manager, dataType, child.getValue());
        }
    }

    @Override
    public List<Pair<Block, Shape[]>> childInputs(Shape[] inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        Shape[] squeezed = reduce.getOutputShapes(new Shape[] {pooled});
        return List.of(new Pair<>(reduce, new Shape[] {pooled}), new Pair<>(expand, squeezed));
    }
}
