package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One residual block: {@code relu(se(pathA(x)) + shortcut(x))}, where path A is a basic
 * (3x3, 3x3) or bottleneck (1x1, 3x3, 1x1) body ending with a batch norm, {@code se} is an
 * optional squeeze-and-excitation, and the shortcut (path B) is the identity or a projection.
 * {@link ResNet} builds these; the block itself only wires them.
 */
public final class ResidualBlock extends AbstractBlock implements ShapeWalk {
    private final SequentialBlock pathA;
    private final BatchNorm lastNorm;
    private final SqueezeExcite se;
    private final SequentialBlock shortcut;

    /**
     * @param pathA the body; its last child must be {@code lastNorm}
     * @param se squeeze-and-excitation applied to path A's output, or null
     * @param shortcut the projection of path B, or null for the identity
     */
    ResidualBlock(SequentialBlock pathA, SqueezeExcite se, SequentialBlock shortcut) {
        List<Block> body = pathA.getChildren().values();
        if (body.isEmpty() || !(body.get(body.size() - 1) instanceof BatchNorm norm)) {
            throw new IllegalArgumentException("path A must end with a BatchNorm");
        }
        this.pathA = addChildBlock("pathA", pathA);
        this.lastNorm = norm;
        this.se = se == null ? null : addChildBlock("se", se);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    /** The batch norm that ends path A: zero its gamma and the block starts as relu(shortcut). */
    public BatchNorm lastNorm() {
        return lastNorm;
    }

    /** Path A (the residual body), without SE. */
    public SequentialBlock pathA() {
        return pathA;
    }

    /** The squeeze-and-excitation on path A's output, if any. */
    public Optional<SqueezeExcite> se() {
        return Optional.ofNullable(se);
    }

    /** The projection on path B, or empty when the shortcut is the identity. */
    public Optional<SequentialBlock> shortcut() {
        return Optional.ofNullable(shortcut);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList a = pathA.forward(store, inputs, training, params);
        if (se != null) {
            a = se.forward(store, a, training, params);
        }
        NDArray b = shortcut == null ? x : shortcut.forward(store, inputs, training, params).head();
        // Path A's output and the sum are read once: release them now rather than when the
        // batch's scope closes (autograd keeps what backward needs), as torchvision's in-place
        // "out += identity; relu(out)" does. The block's input x belongs to the caller.
        NDArray sum = a.head().add(b);
        a.head().close();
        if (b != x) {
            b.close();
        }
        NDArray out = Activation.relu(sum);
        sum.close();
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return pathA.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Pair<Block, Shape[]> child : childInputs(inputShapes)) {
            child.getKey().initialize(manager, dataType, child.getValue());
        }
    }

    @Override
    public List<Pair<Block, Shape[]>> childInputs(Shape[] inputShapes) {
        List<Pair<Block, Shape[]>> result = new ArrayList<>();
        result.add(new Pair<>(pathA, inputShapes));
        if (se != null) {
            result.add(new Pair<>(se, pathA.getOutputShapes(inputShapes)));
        }
        if (shortcut != null) {
            result.add(new Pair<>(shortcut, inputShapes));
        }
        return result;
    }
}
