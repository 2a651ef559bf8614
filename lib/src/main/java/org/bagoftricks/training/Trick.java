package org.bagoftricks.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The paper's tricks by name, for the command line and for ablations. Each applies one recipe
 * call with the values of a {@link TrickSettings} (the paper's, unless changed).
 */
public enum Trick {
    /** §3: lr x batch / 256. */
    LINEAR_SCALING("linear-scaling", "§3 lr = 0.1 x batch / 256"),
    /** §3: linear warm-up over the first epochs. */
    WARMUP("warmup", "§3 linear learning-rate warm-up (--warmup-epochs, paper 5)"),
    /** §3: gamma = 0 in each residual block's last batch norm. */
    ZERO_GAMMA("zero-gamma", "§3 each residual block starts as the identity"),
    /** §3: weight decay on conv and dense weights only. */
    NO_BIAS_DECAY("no-bias-decay", "§3 no weight decay on biases and batch-norm parameters"),
    /** §3: FP16 with FP32 master weights and loss scaling. */
    FP16("fp16", "§3 mixed precision (fast on GPUs; slow on CPUs)"),
    /** §5: cosine learning-rate decay. */
    COSINE("cosine", "§5 cosine learning-rate decay"),
    /** §5: label smoothing. */
    LABEL_SMOOTHING("label-smoothing", "§5 label smoothing (--label-smoothing, paper 0.1)"),
    /** §5: knowledge distillation from a teacher. */
    DISTILL("distill", "§5 distillation from a teacher (--temperature, paper 20; --teacher-model, --teacher-width)"),
    /** §5: mixup. */
    MIXUP("mixup", "§5 mixup (--mixup-alpha, paper 0.2; --mixup-off-epochs)");

    private final String label;
    private final String description;

    Trick(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The command-line name, e.g. "label-smoothing". */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** This trick added to {@code recipe} with the values of {@code s}. */
    public Recipe apply(Recipe recipe, TrickSettings s) {
        return switch (this) {
            case LINEAR_SCALING -> recipe.linearScaling(s.referenceBatch());
            case WARMUP -> recipe.warmup(s.warmupEpochs());
            case ZERO_GAMMA -> recipe.zeroGamma();
            case NO_BIAS_DECAY -> recipe.noBiasDecay();
            case FP16 -> recipe.fp16();
            case COSINE -> recipe.cosine();
            case LABEL_SMOOTHING -> recipe.labelSmoothing(s.labelSmoothing());
            case DISTILL -> recipe.distill(s.teacherFor(recipe), s.temperature(), s.hardWeight());
            case MIXUP -> recipe.mixup(s.mixupAlpha()).mixupOffLast(s.mixupOffEpochs());
        };
    }

    /** The trick called {@code name} (its label, case-insensitive); a clear error lists the names. */
    public static Trick byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Trick t : values()) {
            if (t.label.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown trick '" + name + "': choose from " + names());
    }

    /** Comma-separated names, e.g. "warmup,zero-gamma,cosine". */
    public static List<Trick> parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).filter(s -> !s.isBlank()).map(Trick::byName).toList();
    }

    /** Every name, in the paper's order. */
    public static String names() {
        return Arrays.stream(values()).map(Trick::label).collect(Collectors.joining(", "));
    }
}
