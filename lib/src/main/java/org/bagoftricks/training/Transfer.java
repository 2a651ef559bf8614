package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Transfer learning (§6, adapted): a network starts from the parameters of one trained on
 * another task, all except its final dense layer, whose size depends on the classes and which
 * keeps its fresh initialization. Batch-norm running statistics come along with the weights.
 */
public final class Transfer {
    private Transfer() {}

    /**
     * Copies every parameter of {@code from} into the same-named parameter of {@code to}, except
     * those of the last dense layer of each; both must be initialized and of the same architecture.
     *
     * @return the number of parameter arrays copied
     * @throws IllegalArgumentException when the architectures differ (a name or a shape)
     */
    public static int copyExceptHead(Block from, Block to) {
        Set<String> skipFrom = headParameters(from);
        Set<String> skipTo = headParameters(to);
        var source = from.getParameters();
        var target = to.getParameters();
        int copied = 0;
        for (Pair<String, Parameter> p : target) {
            if (skipTo.contains(p.getKey())) {
                continue;
            }
            Parameter src = source.get(p.getKey());
            if (src == null || skipFrom.contains(p.getKey())) {
                throw new IllegalArgumentException("the trained network has no parameter " + p.getKey()
                        + ": transfer needs the same architecture (model and width) on both tasks");
            }
            NDArray s = src.getArray();
            NDArray d = p.getValue().getArray();
            if (!s.getShape().equals(d.getShape())) {
                throw new IllegalArgumentException("parameter " + p.getKey() + " is " + s.getShape() + " in the trained"
                        + " network but " + d.getShape() + " here: transfer needs the same model and width");
            }
            boolean grad = d.hasGradient();
            // autograd refuses in-place writes to a leaf that requires a gradient
            d.setRequiresGradient(false);
            d.muli(0).addi(s.toDevice(d.getDevice(), false));
            if (grad) {
                d.setRequiresGradient(true);
            }
            copied++;
        }
        return copied;
    }

    /**
     * Builds {@code recipe}'s network for {@code numClasses} classes on {@code manager} and loads
     * the parameters saved in {@code weights} (by {@link Trainer#saveModel}).
     */
    public static Block load(Recipe recipe, int numClasses, Path weights, NDManager manager) {
        Block block = recipe.newModel(numClasses);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, recipe.imageSize(), recipe.imageSize()));
        try (InputStream in = Files.newInputStream(weights)) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no trained weights at " + weights + ": train the source model and save"
                    + " it with Trainer.saveModel first");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + weights, e);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("the weights in " + weights + " do not fit " + recipe.model().name()
                    + " (width " + recipe.width() + ", " + numClasses + " classes): " + e.getMessage(), e);
        }
        return block;
    }

    /**
     * Freezes every trainable parameter of {@code block} except the last dense layer's: their
     * arrays stop requiring gradients, so backward stops at the classifier and the optimizer
     * leaves them as they are (a linear probe of the features underneath).
     *
     * @return the number of parameter arrays frozen
     */
    public static int freezeAllButHead(Block block) {
        Set<String> head = headParameters(block);
        int frozen = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!head.contains(p.getKey()) && p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(false);
                frozen++;
            }
        }
        return frozen;
    }

    /** Names of the parameters of the last dense layer in {@code block} (the classifier). */
    static Set<String> headParameters(Block block) {
        Linear last = lastLinear(block);
        if (last == null) {
            throw new IllegalArgumentException("the network has no dense layer to leave out");
        }
        Set<String> names = new HashSet<>();
        List<Parameter> own = last.getDirectParameters().values();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (own.stream().anyMatch(q -> q == p.getValue())) {
                names.add(p.getKey());
            }
        }
        return names;
    }

    private static Linear lastLinear(Block block) {
        Linear found = block instanceof Linear l ? l : null;
        for (Block child : block.getChildren().values()) {
            Linear inner = lastLinear(child);
            if (inner != null) {
                found = inner;
            }
        }
        return found;
    }
}
