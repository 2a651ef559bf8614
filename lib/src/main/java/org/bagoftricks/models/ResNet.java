package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * The ResNet family of the paper's Section 4 as one network whose variants are options, in the
 * manner of GluonCV's {@code resnetv1b.py} and timm's {@code resnet.py}:
 * <ul>
 *   <li>depth 18/34 (basic blocks) or 50/101/152 (bottleneck blocks);</li>
 *   <li>{@code strideOn3x3}: ResNet-B, the stride of a downsampling bottleneck on its 3x3 conv
 *       (torchvision's layout) instead of its first 1x1 conv (the original ResNet-A). Basic blocks
 *       always stride their first 3x3 conv, so the flag changes nothing there;</li>
 *   <li>{@code deepStem}: ResNet-C, three 3x3 convs (32, 32, 64 channels, the first with stride
 *       2) instead of the 7x7 conv;</li>
 *   <li>{@code stemWidth}: the deep stem's first two convs' channels, its third's twice that
 *       (GluonCV's and timm's {@code stem_width}): 32 for ResNet-C and -D, 64 for GluonCV's
 *       {@code resnet50_v1s} (our {@code resnet50s}: 64, 64, 128, so the first stage takes 128);</li>
 *   <li>{@code avgDown}: ResNet-D, the downsampling shortcut is a 2x2/2 average pool (ceil mode,
 *       padding not counted, as timm) then a 1x1 conv with stride 1, instead of a 1x1 conv with
 *       stride 2;</li>
 *   <li>{@code groups}, {@code baseWidth}: ResNeXt, the bottleneck's 3x3 conv is grouped with
 *       width {@code floor(planes * baseWidth / 64) * groups} (32x4d: groups 32, baseWidth 4);</li>
 *   <li>{@code se}: squeeze-and-excitation (reduction 16) on path A's output before the addition;</li>
 *   <li>{@code widthMultiplier}: scales every channel count, the stem's too (see
 *       {@link Config#scaled}); a grouped conv keeps {@code groups} x at least one channel;</li>
 *   <li>{@code smallInput}: the 32-pixel form, stem stride 1 and no max-pool.</li>
 * </ul>
 * Convs have no bias and are each followed by a batch norm; the head is global average pooling
 * and a dense layer with bias. The paper's ResNet-C and -D include B (as in its Table 5): set the
 * flags together. Weights are initialized Xavier-uniform with {@code a = sqrt(6 / (fan_in +
 * fan_out))}, fan = channels x kernel area; biases and BN beta 0, BN gamma 1.
 */
public final class ResNet extends AbstractBlock implements ShapeWalk {
    /** The deep stem's width of the paper's ResNet-C: 32, 32, then 64 channels. */
    public static final int DEFAULT_STEM_WIDTH = 32;

    /**
     * MXNet's Xavier (uniform, "avg", magnitude 3): bound {@code sqrt(3 / ((fan_in + fan_out) / 2))}
     * {@code = sqrt(6 / (fan_in + fan_out))}, fans from the weight shape (out, in/groups, kh, kw).
     */
    public static final Initializer WEIGHT_INITIALIZER = new XavierInitializer(
            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);

    /** The options of a ResNet; validated on construction. */
    public record Config(int depth, boolean strideOn3x3, boolean deepStem, int stemWidth,
                         boolean avgDown, int groups, int baseWidth, boolean se, double widthMultiplier,
                         boolean smallInput, int numClasses) {
        public Config {
            if (depth != 18 && depth != 34 && depth != 50 && depth != 101 && depth != 152) {
                throw new IllegalArgumentException(
                        "depth must be 18, 34, 50, 101 or 152, got " + depth);
            }
            if (stemWidth < 1) {
                throw new IllegalArgumentException("stemWidth must be >= 1, got " + stemWidth);
            }
            if (!deepStem && stemWidth != DEFAULT_STEM_WIDTH) {
                throw new IllegalArgumentException("stemWidth " + stemWidth + " needs the deep "
                        + "stem (ResNet-C); the 7x7 stem has 64 channels");
            }
            if (groups < 1 || baseWidth < 1) {
                throw new IllegalArgumentException(
                        "groups and baseWidth must be >= 1, got " + groups + ", " + baseWidth);
            }
            if (depth < 50 && (groups != 1 || baseWidth != 64)) {
                throw new IllegalArgumentException("groups/baseWidth (ResNeXt) need bottleneck "
                        + "blocks, depth 50, 101 or 152; got depth " + depth);
            }
            if (!(widthMultiplier > 0) || Double.isInfinite(widthMultiplier)) {
                throw new IllegalArgumentException(
                        "widthMultiplier must be positive, got " + widthMultiplier);
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
            }
        }

        /** True for depth 50, 101 and 152. */
        public boolean bottleneck() {
            return depth >= 50;
        }

        /** Number of residual blocks in each of the four stages. */
        public int[] stageDepths() {
            return switch (depth) {
                case 18 -> new int[] {2, 2, 2, 2};
                case 34, 50 -> new int[] {3, 4, 6, 3};
                case 101 -> new int[] {3, 4, 23, 3};
                default -> new int[] {3, 8, 36, 3};
            };
        }

        /** A builder holding these options. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** The stem's output channels before scaling: twice the stem width, or the 7x7 conv's 64. */
        public int stemOut() {
            return deepStem ? 2 * stemWidth : 64;
        }

        /** {@code channels * widthMultiplier}, rounded, at least 1. */
        public int scaled(int channels) {
            return Math.max(1, (int) Math.round(channels * widthMultiplier));
        }
    }

    /** Fluent builder; defaults are torchvision's ResNet-50 (ResNet-B layout), 1000 classes. */
    public static final class Builder {
        private int depth = 50;
        private boolean strideOn3x3 = true;
        private boolean deepStem;
        private int stemWidth = DEFAULT_STEM_WIDTH;
        private boolean avgDown;
        private int groups = 1;
        private int baseWidth = 64;
        private boolean se;
        private double widthMultiplier = 1.0;
        private boolean smallInput;
        private int numClasses = 1000;

        private Builder() {}

        private Builder(Config c) {
            depth = c.depth();
            strideOn3x3 = c.strideOn3x3();
            deepStem = c.deepStem();
            stemWidth = c.stemWidth();
            avgDown = c.avgDown();
            groups = c.groups();
            baseWidth = c.baseWidth();
            se = c.se();
            widthMultiplier = c.widthMultiplier();
            smallInput = c.smallInput();
            numClasses = c.numClasses();
        }

        public Builder depth(int value) { depth = value; return this; }
        public Builder strideOn3x3(boolean value) { strideOn3x3 = value; return this; }
        public Builder deepStem(boolean value) { deepStem = value; return this; }
        public Builder stemWidth(int value) { stemWidth = value; return this; }
        public Builder avgDown(boolean value) { avgDown = value; return this; }
        public Builder groups(int value) { groups = value; return this; }
        public Builder baseWidth(int value) { baseWidth = value; return this; }
        public Builder se(boolean value) { se = value; return this; }
        public Builder widthMultiplier(double value) { widthMultiplier = value; return this; }
        public Builder smallInput(boolean value) { smallInput = value; return this; }
        public Builder numClasses(int value) { numClasses = value; return this; }

        /** The validated options. */
        public Config config() {
            return new Config(depth, strideOn3x3, deepStem, stemWidth, avgDown, groups, baseWidth, se,
                    widthMultiplier, smallInput, numClasses);
        }

        /** A new, uninitialized network with this project's initializers set. */
        public ResNet build() {
            return new ResNet(config());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Config config;
    private final SequentialBlock stem;
    private final List<SequentialBlock> stages = new ArrayList<>();
    private final SequentialBlock head;

    /** Builds the network for {@code config}, with the paper's initializers set. */
    public ResNet(Config config) {
        this.config = config;
        int stemOut = config.scaled(config.stemOut());
        stem = addChildBlock("stem", stem(stemOut));
        int in = stemOut;
        int[] depths = config.stageDepths();
        for (int i = 0; i < depths.length; i++) {
            int planes = config.scaled(64 << i);
            SequentialBlock stage = new SequentialBlock();
            for (int j = 0; j < depths[i]; j++) {
                int stride = i > 0 && j == 0 ? 2 : 1;
                stage.add(block(in, planes, stride));
                in = planes * (config.bottleneck() ? 4 : 1);
            }
            stages.add(addChildBlock("stage" + (i + 1), stage));
        }
        head = addChildBlock("head", new SequentialBlock()
                .add(LambdaBlock.singleton(Pool::globalAvgPool2d, "globalAvgPool"))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(config.numClasses()).optBias(true).build()));
        setInitializer(WEIGHT_INITIALIZER, Parameter.Type.WEIGHT);
        setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        setInitializer(Initializer.ONES, Parameter.Type.GAMMA);
        setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
    }

    private SequentialBlock stem(int out) {
        SequentialBlock s = new SequentialBlock();
        int firstStride = config.smallInput() ? 1 : 2;
        if (config.deepStem()) {
            int mid = config.scaled(config.stemWidth());
            s.add(conv(mid, 3, firstStride, 1)).add(bn()).add(relu());
            s.add(conv(mid, 3, 1, 1)).add(bn()).add(relu());
            s.add(conv(out, 3, 1, 1)).add(bn()).add(relu());
        } else if (config.smallInput()) {
            s.add(conv(out, 3, 1, 1)).add(bn()).add(relu());
        } else {
            s.add(conv(out, 7, 2, 1)).add(bn()).add(relu());
        }
        if (!config.smallInput()) {
            s.add(LambdaBlock.singleton(x -> Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2),
                    new Shape(1, 1), false), "maxPool3x3s2"));
        }
        return s;
    }

    private ResidualBlock block(int in, int planes, int stride) {
        int out = planes * (config.bottleneck() ? 4 : 1);
        SequentialBlock pathA = new SequentialBlock();
        if (config.bottleneck()) {
            int width = config.groups() * Math.max(1, planes * config.baseWidth() / 64);
            int strideOn1x1 = config.strideOn3x3() ? 1 : stride;
            int strideOn3x3 = config.strideOn3x3() ? stride : 1;
            pathA.add(conv(width, 1, strideOn1x1, 1)).add(bn()).add(relu())
                    .add(conv(width, 3, strideOn3x3, config.groups())).add(bn()).add(relu())
                    .add(conv(out, 1, 1, 1)).add(bn());
        } else {
            pathA.add(conv(planes, 3, stride, 1)).add(bn()).add(relu())
                    .add(conv(planes, 3, 1, 1)).add(bn());
        }
        SequentialBlock shortcut = null;
        if (stride != 1 || in != out) {
            shortcut = new SequentialBlock();
            if (config.avgDown()) {
                if (stride != 1) {
                    // ceil mode and count_include_pad=false, as timm's downsample_avg
                    shortcut.add(LambdaBlock.singleton(x -> Pool.avgPool2d(x, new Shape(2, 2),
                            new Shape(stride, stride), new Shape(0, 0), true, false), "avgPool2x2"));
                }
                shortcut.add(conv(out, 1, 1, 1));
            } else {
                shortcut.add(conv(out, 1, stride, 1));
            }
            shortcut.add(bn());
        }
        SqueezeExcite se = config.se() ? new SqueezeExcite(out, 16) : null;
        return new ResidualBlock(pathA, se, shortcut);
    }

    private static Conv2d conv(int filters, int kernel, int stride, int groups) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(false)
                .build();
    }

    private static BatchNorm bn() {
        return BatchNorm.builder().build();
    }

    /**
     * ReLU after a batch norm, releasing the norm's output at once: nothing else reads it, and
     * autograd keeps what backward needs (ReLU keeps its own output), so the batch's scope need
     * not hold every norm output until the step ends. torchvision gets the same from
     * {@code ReLU(inplace=True)}; DJL has no in-place ReLU.
     */
    private static Block relu() {
        return LambdaBlock.singleton(x -> {
            NDArray y = Activation.relu(x);
            x.close();
            return y;
        }, "relu");
    }

    /** The options this network was built with. */
    public Config config() {
        return config;
    }

    /** The stem: the 7x7 conv or the deep stem, each conv with BN and ReLU, then the max-pool. */
    public SequentialBlock stem() {
        return stem;
    }

    /** The four stages of residual blocks. */
    public List<SequentialBlock> stages() {
        return List.copyOf(stages);
    }

    /** Global average pool, flatten, dense layer. */
    public SequentialBlock head() {
        return head;
    }

    /** Every residual block, in order. */
    public List<ResidualBlock> blocks() {
        List<ResidualBlock> blocks = new ArrayList<>();
        for (SequentialBlock stage : stages) {
            stage.getChildren().values().forEach(b -> blocks.add((ResidualBlock) b));
        }
        return blocks;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = inputs;
        if (training) {
            for (Block child : getChildren().values()) {
                x = child.forward(store, x, true, params);
            }
            return x;
        }
        // Inference keeps nothing for a backward pass, so each unit's intermediates are released
        // when the unit returns, and its input once the next unit has read it. Otherwise every
        // conv and ReLU output of the batch lives until the caller's scope closes: at evaluation's
        // batch of 256 that was most of the resident memory, and its growth from one evaluation to
        // the next (docs/speed-and-memory.md, "What is left").
        for (Block unit : inferenceUnits()) {
            NDList y;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                y = unit.forward(store, x, false, params);
                NDScope.unregister(y);
            }
            y.forEach(NDScope::register);
            if (x != inputs && x.head() != y.head()) {
                x.close();
            }
            x = y;
        }
        return x;
    }

    /** The stem, every residual block, the head: what inference runs one after the other. */
    private List<Block> inferenceUnits() {
        List<Block> units = new ArrayList<>();
        units.add(stem);
        for (SequentialBlock stage : stages) {
            units.addAll(stage.getChildren().values());
        }
        units.add(head);
        return units;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public List<Pair<Block, Shape[]>> childInputs(Shape[] inputShapes) {
        List<Pair<Block, Shape[]>> result = new ArrayList<>();
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            result.add(new Pair<>(child, shapes));
            shapes = child.getOutputShapes(shapes);
        }
        return result;
    }
}
