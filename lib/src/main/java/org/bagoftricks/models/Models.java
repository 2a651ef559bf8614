package org.bagoftricks.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import org.bagoftricks.Djl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model registry (timm style) and the helpers the tricks need on any model of the family.
 *
 * <p>Names, each also with a {@code cifar_} prefix for the 32-pixel form ({@code smallInput}: 3x3
 * stride-1 stem, no max-pool), for depth N in 18, 34, 50, 101, 152:
 * <ul>
 *   <li>{@code resnetN}: torchvision's layout, which is the paper's ResNet-B (stride on the
 *       bottleneck's 3x3 conv), as timm's {@code resnetN};</li>
 *   <li>{@code resnetNa}: the paper's ResNet-A, the original (stride on the first 1x1 conv);</li>
 *   <li>{@code resnetNb}: ResNet-B, the same network as {@code resnetN};</li>
 *   <li>{@code resnetNc}: ResNet-C = B + deep stem;</li>
 *   <li>{@code resnetNd}: ResNet-D = C + average-pool shortcut;</li>
 *   <li>{@code seresnetN}, {@code seresnetNd}: B and D with squeeze-and-excitation.</li>
 * </ul>
 * For N = 18 and 34 (basic blocks, stride always on a 3x3 conv) the a and b forms are the same
 * network. ResNeXt, N = 50 or 101: {@code resnextN_32x4d} (B layout, as torchvision),
 * {@code resnextNd_32x4d}, {@code seresnextN_32x4d}, {@code seresnextNd_32x4d}.
 */
public final class Models {
    private Models() {}

    private static final String SMALL = "cifar_";
    private static final Map<String, ResNet.Config> REGISTRY = registry();

    private static Map<String, ResNet.Config> registry() {
        Map<String, ResNet.Config> map = new TreeMap<>();
        for (int depth : new int[] {18, 34, 50, 101, 152}) {
            ResNet.Builder base = ResNet.builder().depth(depth);
            put(map, "resnet" + depth, base.config());
            put(map, "resnet" + depth + "a", base.config().toBuilder().strideOn3x3(false).config());
            put(map, "resnet" + depth + "b", base.config());
            put(map, "resnet" + depth + "c", base.config().toBuilder().deepStem(true).config());
            ResNet.Config d = base.config().toBuilder().deepStem(true).avgDown(true).config();
            put(map, "resnet" + depth + "d", d);
            if (depth >= 50) {
                // GluonCV's resnet50_v1s (timm's gluon_resnet50_v1s): ResNet-C with twice the stem
                put(map, "resnet" + depth + "s",
                        base.config().toBuilder().deepStem(true).stemWidth(64).config());
            }
            put(map, "seresnet" + depth, base.config().toBuilder().se(true).config());
            put(map, "seresnet" + depth + "d", d.toBuilder().se(true).config());
        }
        for (int depth : new int[] {50, 101}) {
            ResNet.Config x = ResNet.builder().depth(depth).groups(32).baseWidth(4).config();
            ResNet.Config xd = x.toBuilder().deepStem(true).avgDown(true).config();
            put(map, "resnext" + depth + "_32x4d", x);
            put(map, "resnext" + depth + "d_32x4d", xd);
            put(map, "seresnext" + depth + "_32x4d", x.toBuilder().se(true).config());
            put(map, "seresnext" + depth + "d_32x4d", xd.toBuilder().se(true).config());
        }
        return map;
    }

    private static void put(Map<String, ResNet.Config> map, String name, ResNet.Config config) {
        map.put(name, config);
        map.put(SMALL + name, config.toBuilder().smallInput(true).numClasses(10).config());
    }

    /** Every registered name, sorted. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * The options registered under {@code name} (width 1; 1000 classes, 10 for {@code cifar_}).
     *
     * @throws IllegalArgumentException for an unknown name, listing close matches
     */
    public static ResNet.Config config(String name) {
        ResNet.Config config = REGISTRY.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; close matches: "
                    + closeMatches(String.valueOf(name)) + " (Models.names() lists all "
                    + REGISTRY.size() + ")");
        }
        return config;
    }

    /** A new, uninitialized network at full width. */
    public static ResNet create(String name, int numClasses) {
        return create(name, numClasses, 1.0);
    }

    /** A new, uninitialized network with every channel count scaled by {@code width}. */
    public static ResNet create(String name, int numClasses, double width) {
        Djl.configure();
        return config(name).toBuilder().numClasses(numClasses).widthMultiplier(width).build();
    }

    /** True for the 32-pixel ({@code cifar_}) forms. */
    static boolean isSmallInput(String name) {
        return config(name).smallInput();
    }

    /**
     * Parameters and multiply-adds of each named model at full width, 224x224 with 1000 classes
     * (32x32 with 10 classes for {@code cifar_} names). Builds and initializes each: seconds each
     * for the large ones.
     */
    public static List<ModelSummary> table(String... names) {
        List<String> list = names.length == 0 ? names() : Arrays.asList(names);
        List<ModelSummary> rows = new ArrayList<>();
        for (String name : list) {
            rows.add(ModelStats.summarize(ModelSpec.of(name)));
        }
        return rows;
    }

    /**
     * The batch norm ending path A of every {@link ResidualBlock} inside {@code model}, in order;
     * the zero-gamma trick sets their gamma to 0.
     */
    public static List<BatchNorm> lastNorms(Block model) {
        List<BatchNorm> norms = new ArrayList<>();
        collect(model, norms);
        return norms;
    }

    private static void collect(Block block, List<BatchNorm> norms) {
        if (block instanceof ResidualBlock residual) {
            norms.add(residual.lastNorm());
        }
        for (Block child : block.getChildren().values()) {
            collect(child, norms);
        }
    }

    /**
     * Zero gamma (Section 3): sets gamma to 0 in the batch norm that ends each residual block, so
     * each block starts as {@code relu(shortcut(x))}. Call it after initialization (it then writes
     * the arrays); on a block not yet initialized it sets those gammas' initializer to zeros, so
     * a later initialization (e.g. the trainer's) gives the same result.
     *
     * @return the number of batch norms changed
     */
    public static int zeroGamma(Block model) {
        List<BatchNorm> norms = lastNorms(model);
        for (BatchNorm norm : norms) {
            Parameter gamma = norm.getDirectParameters().get("gamma");
            if (gamma.isInitialized()) {
                NDArray array = gamma.getArray();
                // autograd refuses in-place writes to a leaf that requires a gradient
                array.setRequiresGradient(false);
                array.muli(0);
                array.setRequiresGradient(gamma.requiresGradient());
            } else {
                gamma.setInitializer(Initializer.ZEROS);
            }
        }
        return norms.size();
    }

    private static List<String> closeMatches(String name) {
        String key = name.toLowerCase();
        return REGISTRY.keySet().stream()
                .sorted(Comparator.comparingInt((String n) -> distance(key, n)).thenComparing(n -> n))
                .limit(5)
                .toList();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
