package org.bagoftricks.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.bagoftricks.data.AugmentPreset;
import org.bagoftricks.models.ModelFactory;
import org.bagoftricks.models.ResNet;

/**
 * Every setting of a training run, as an immutable value. Each trick of the paper is one call
 * that returns a new recipe:
 *
 * <pre>{@code
 * Recipe r = Recipe.baseline().warmup(5).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1).mixup(0.2);
 * }</pre>
 *
 * <p>{@link #paper()} is the paper's §2 baseline as published (ResNet-50, 224 px, 120 epochs,
 * batch 256); {@link #baseline()} is the same recipe scaled to the embedded CIFAR-10 subset on
 * a 2-core CPU (a quarter-width small-image ResNet-18 at 32 px). Arguments are checked here, so a
 * bad value fails when the recipe is written, not in the middle of training.
 */
public record Recipe(
        ModelFactory model,
        double width,
        AugmentPreset augmentation,
        int imageSize,
        int epochs,
        int batchSize,
        double lr,
        double momentum,
        double weightDecay,
        Schedule schedule,
        int warmupEpochs,
        int linearScalingReference,
        boolean zeroGammaInit,
        boolean decayWeightsOnly,
        double labelSmoothingEps,
        double mixupAlpha,
        int mixupOffEpochs,
        Distillation distillation,
        Precision precision,
        int accumulation,
        int evaluateEvery,
        long seed,
        String label) {

    /** The shape of the learning-rate curve after any warm-up. */
    public enum Schedule {
        /** x0.1 at 25%, 50% and 75% of the epochs (30, 60, 90 of 120), as §2; see {@link Recipe#stepMilestones()}. */
        STEP,
        /** Cosine decay to 0 per batch, as §5. */
        COSINE
    }

    /** Number formats of training (§3 "low precision"). */
    public enum Precision {
        /** 32-bit floats throughout (the baseline). */
        FP32,
        /**
         * Mixed precision as §3: FP16 weights, activations and gradients in forward and backward,
         * an FP32 master copy of the weights for the update, dynamic loss scaling. Faster on GPUs
         * with FP16 units; slower on CPUs, which have none.
         */
        FP16
    }

    /**
     * Knowledge distillation (§5): a teacher's softened predictions join the loss,
     * {@code hardWeight * CE(targets, z) + T^2 CE(softmax(r / T), softmax(z / T))}.
     *
     * @param teacher     the teacher's recipe: trained first on the same data, or, with
     *                    {@code weights}, only its model (name, width, image size) is used
     * @param weights     parameters of an already trained teacher (a file written by
     *                    {@code Trainer.saveModel}), or null to train the teacher first
     * @param temperature T (paper: 20)
     * @param hardWeight  weight of the cross entropy with the true labels (paper: 1)
     */
    public record Distillation(Recipe teacher, java.nio.file.Path weights, double temperature, double hardWeight) {
        public Distillation {
            Objects.requireNonNull(teacher, "teacher recipe");
            check(temperature > 0 && Double.isFinite(temperature),
                    "distillation temperature must be > 0, got " + temperature);
            check(hardWeight >= 0 && Double.isFinite(hardWeight), "hard-loss weight must be >= 0, got " + hardWeight);
            check(teacher.distillation() == null, "a teacher cannot itself be distilled (nested distillation)");
        }
    }

    /** Step decay milestones, as fractions of the run (the paper's 30/60/90 of 120). */
    public static final List<Double> STEP_MILESTONES = List.of(0.25, 0.5, 0.75);

    /** Step decay factor. */
    public static final double STEP_FACTOR = 0.1;

    public Recipe {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(schedule, "schedule");
        label = label == null ? "" : label;
        check(width > 0 && width <= 4, "width must be in (0, 4], got " + width);
        check(imageSize >= 8, "imageSize must be at least 8 pixels, got " + imageSize);
        check(epochs >= 1, "epochs must be at least 1, got " + epochs);
        check(batchSize >= 1, "batchSize must be at least 1, got " + batchSize);
        check(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
        check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be >= 0, got " + weightDecay);
        check(warmupEpochs >= 0, "warm-up epochs must be >= 0, got " + warmupEpochs);
        check(warmupEpochs < epochs, "a warm-up of " + warmupEpochs + " epochs is not shorter than the run ("
                + epochs + " epochs): use fewer warm-up epochs or more epochs");
        check(linearScalingReference >= 0, "linear scaling reference batch must be >= 0, got " + linearScalingReference);
        check(labelSmoothingEps >= 0 && labelSmoothingEps < 1, "label smoothing eps must be in [0, 1), got " + labelSmoothingEps);
        check(mixupAlpha >= 0 && Double.isFinite(mixupAlpha), "mixup alpha must be >= 0, got " + mixupAlpha);
        check(mixupOffEpochs >= 0 && mixupOffEpochs < epochs, "mixup can be switched off for the last 0 to "
                + (epochs - 1) + " epochs, got " + mixupOffEpochs);
        Objects.requireNonNull(precision, "precision");
        check(accumulation >= 1, "gradient accumulation needs at least 1 micro-batch per step, got " + accumulation);
        check(batchSize % accumulation == 0, "batch " + batchSize + " does not split into " + accumulation
                + " equal micro-batches: choose an accumulation that divides the batch size");
        check(evaluateEvery >= 1, "evaluate every 1 or more epochs, got " + evaluateEvery);
        if (distillation != null) {
            check(distillation.teacher().imageSize() == imageSize, "the teacher sees the student's images: its image size ("
                    + distillation.teacher().imageSize() + ") must equal the student's (" + imageSize + ")");
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The paper's §2 baseline exactly as published, for ImageNet-sized data on a GPU. */
    public static Recipe paper() {
        return new Recipe(ModelFactory.registered("resnet50"), 1.0, AugmentPreset.IMAGENET, 224, 120, 256, 0.1, 0.9, 1e-4,
                Schedule.STEP, 0, 0, false, false, 0, 0, 0, null, Precision.FP32, 1, 1, 42, "");
    }

    /**
     * The §2 baseline scaled to the embedded CIFAR-10 subset on a 2-core CPU: a quarter-width
     * small-image ResNet-18 at 32 px, batch 128, 12 epochs; the paper's augmentation, Xavier
     * initialization, NAG and step decay at 25/50/75% are unchanged.
     */
    public static Recipe baseline() {
        return paper().model("cifar_resnet18").width(0.25).imageSize(32).epochs(12).batchSize(128);
    }

    // ---- plain settings -------------------------------------------------------------------

    /** A registered model by name (see {@code tricks models}), e.g. "cifar_resnet18" or "resnet50d". */
    public Recipe model(String name) {
        ModelFactory f = ModelFactory.registered(name);
        return with(b -> b.model = f);
    }

    /** A ResNet-family model from a builder; the recipe takes its width multiplier too. */
    public Recipe model(ResNet.Builder builder) {
        ResNet.Config c = builder.config();
        return with(b -> {
            b.model = ModelFactory.of(c);
            b.width = c.widthMultiplier();
        });
    }

    /** Any network, built by {@code factory} for the data's class count and the recipe's width. */
    public Recipe model(ModelFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return with(b -> b.model = factory);
    }

    /** A new, uninitialized network of this recipe for {@code numClasses} classes. */
    public ai.djl.nn.Block newModel(int numClasses) {
        return model.create(numClasses, width);
    }

    /** Channel width multiplier of the model family (1 = the published network). */
    public Recipe width(double multiplier) {
        return with(b -> b.width = multiplier);
    }

    public Recipe augmentation(AugmentPreset preset) {
        return with(b -> b.augmentation = preset);
    }

    /** The small-image preset (pad-4 random crop + flip), since the ImageNet crop hurts 32 px images. */
    public Recipe smallImageAugmentation() {
        return augmentation(AugmentPreset.SMALL_IMAGE);
    }

    public Recipe imageSize(int pixels) {
        return with(b -> b.imageSize = pixels);
    }

    public Recipe epochs(int n) {
        return with(b -> b.epochs = n);
    }

    public Recipe batchSize(int n) {
        return with(b -> b.batchSize = n);
    }

    /** Initial learning rate (before linear scaling, if that trick is on). */
    public Recipe lr(double value) {
        return with(b -> b.lr = value);
    }

    public Recipe momentum(double value) {
        return with(b -> b.momentum = value);
    }

    public Recipe weightDecay(double value) {
        return with(b -> b.weightDecay = value);
    }

    public Recipe seed(long value) {
        return with(b -> b.seed = value);
    }

    /** A display name; without one the recipe is named by its tricks. */
    public Recipe label(String text) {
        return with(b -> b.label = text);
    }

    // ---- tricks (§3 and §5) ---------------------------------------------------------------

    /** Linear scaling (§3): lr x batch / 256. */
    public Recipe linearScaling() {
        return linearScaling(256);
    }

    /** Linear scaling (§3): lr x batch / {@code referenceBatch}. */
    public Recipe linearScaling(int referenceBatch) {
        check(referenceBatch >= 1, "linear scaling reference batch must be >= 1, got " + referenceBatch);
        return with(b -> b.linearScalingReference = referenceBatch);
    }

    /** Learning-rate warm-up over the paper's 5 epochs (§3). */
    public Recipe warmup() {
        return warmup(5);
    }

    /** Linear learning-rate warm-up from 0 over the first {@code epochs} epochs, per batch (§3). */
    public Recipe warmup(int epochs) {
        return with(b -> b.warmupEpochs = epochs);
    }

    /** Zero gamma (§3): each residual block's last batch norm starts at gamma = 0. */
    public Recipe zeroGamma() {
        return with(b -> b.zeroGammaInit = true);
    }

    /** No bias decay (§3): weight decay on conv and dense weights only. */
    public Recipe noBiasDecay() {
        return with(b -> b.decayWeightsOnly = true);
    }

    /** Cosine learning-rate decay (§5), per batch, after any warm-up. */
    public Recipe cosine() {
        return with(b -> b.schedule = Schedule.COSINE);
    }

    /** Step decay (the §2 baseline's schedule). */
    public Recipe stepDecay() {
        return with(b -> b.schedule = Schedule.STEP);
    }

    /** Label smoothing with the paper's eps = 0.1 (§5). */
    public Recipe labelSmoothing() {
        return labelSmoothing(0.1);
    }

    /** Label smoothing (§5): 1 - eps on the true class, eps / (K - 1) on the others. */
    public Recipe labelSmoothing(double eps) {
        return with(b -> b.labelSmoothingEps = eps);
    }

    /** Mixup with the paper's alpha = 0.2 (§5). */
    public Recipe mixup() {
        return mixup(0.2);
    }

    /** Mixup (§5): lambda ~ Beta(alpha, alpha) per batch; 0 switches it off. */
    public Recipe mixup(double alpha) {
        return with(b -> b.mixupAlpha = alpha);
    }

    /** Train the last {@code epochs} epochs without mixup (GluonCV's --mixup-off-epoch). */
    public Recipe mixupOffLast(int epochs) {
        return with(b -> b.mixupOffEpochs = epochs);
    }

    /**
     * Knowledge distillation (§5) from a teacher trained first with {@code teacher} on the same
     * data, at the paper's temperature T = 20 and hard-loss weight 1.
     */
    public Recipe distill(Recipe teacher) {
        return distill(teacher, 20, 1);
    }

    /** Knowledge distillation with temperature {@code temperature} and hard-loss weight {@code hardWeight}. */
    public Recipe distill(Recipe teacher, double temperature, double hardWeight) {
        Distillation d = new Distillation(teacher.imageSize(imageSize), null, temperature, hardWeight);
        return with(b -> b.distillation = d);
    }

    /**
     * Knowledge distillation from an already trained teacher: its parameters in {@code weights}
     * (as written by {@code Trainer.saveModel}) and its model in {@code teacher}.
     */
    public Recipe distill(Recipe teacher, java.nio.file.Path weights, double temperature, double hardWeight) {
        Objects.requireNonNull(weights, "weights");
        Distillation d = new Distillation(teacher.imageSize(imageSize), weights, temperature, hardWeight);
        return with(b -> b.distillation = d);
    }

    /** No distillation. */
    public Recipe noDistillation() {
        return with(b -> b.distillation = null);
    }

    /** Mixed-precision training (§3): FP16 forward/backward, FP32 master weights, loss scaling. */
    public Recipe fp16() {
        return precision(Precision.FP16);
    }

    public Recipe precision(Precision p) {
        return with(b -> b.precision = p);
    }

    /**
     * The number format by DJL type: FLOAT32 or FLOAT16. BFLOAT16 is refused because any
     * BFLOAT16 array aborts the JVM in this DJL build's PyTorch engine.
     */
    public Recipe precision(ai.djl.ndarray.types.DataType type) {
        return switch (type) {
            case FLOAT32 -> precision(Precision.FP32);
            case FLOAT16 -> precision(Precision.FP16);
            case BFLOAT16 -> throw new IllegalArgumentException("BFLOAT16 is not supported: any BFLOAT16 array"
                    + " aborts the JVM in DJL 0.36's PyTorch engine; use FLOAT16 (mixed precision) or FLOAT32");
            default -> throw new IllegalArgumentException("training precision must be FLOAT32 or FLOAT16, got " + type);
        };
    }

    /**
     * Gradient accumulation (§3, large batches on small memory): each batch of
     * {@code batchSize} is computed as {@code microBatches} equal micro-batches whose gradients
     * are summed before one update, e.g. a batch of 1024 as 4 x 256. The update equals one large
     * batch's except for batch-norm statistics, which see each micro-batch alone.
     */
    public Recipe accumulate(int microBatches) {
        return with(b -> b.accumulation = microBatches);
    }

    /**
     * Test the model every {@code epochs} epochs and after the last, not after each: the history's
     * test columns are NaN in between. Training is the same; a 10,000-image test costs a quarter of
     * an epoch of 10,000 training images on a CPU, which a long study need not pay every epoch.
     */
    public Recipe evaluateEvery(int epochs) {
        return with(b -> b.evaluateEvery = epochs);
    }

    /** Whether the model is tested after epoch {@code epoch} (0-based). */
    public boolean evaluatesAfter(int epoch) {
        return epoch == epochs - 1 || (epoch + 1) % evaluateEvery == 0;
    }

    // ---- derived values -------------------------------------------------------------------

    /** The learning rate the run starts from after warm-up: lr, linearly scaled if asked. */
    public double effectiveLr() {
        return linearScalingReference > 0 ? lr * batchSize / linearScalingReference : lr;
    }

    /**
     * The learning-rate schedule over the run's batches: a linear warm-up from 0 to the peak
     * ({@link #effectiveLr()}) over {@code warmupEpochs}, then step decay at
     * {@link #stepMilestones()} or cosine decay over the batches after the warm-up.
     */
    public LrSchedule lrSchedule(int batchesPerEpoch) {
        long total = (long) epochs * batchesPerEpoch;
        long warm = (long) warmupEpochs * batchesPerEpoch;
        LrSchedule after = switch (schedule) {
            case STEP -> LrSchedule.stepDecay(effectiveLr(), STEP_FACTOR, java.util.Arrays.stream(stepMilestones())
                    .mapToLong(e -> (long) e * batchesPerEpoch).toArray());
            case COSINE -> LrSchedule.cosine(effectiveLr(), total, warm);
        };
        return after.withWarmup(warm);
    }

    /**
     * The epochs (0-based) at whose start step decay multiplies the rate by {@link #STEP_FACTOR}.
     * The rule, at any length E with a warm-up of W epochs:
     * <ol>
     *   <li>each milestone starts at its fraction of the whole run, {@code round(f E)} for
     *       f = 25%, 50%, 75%: the paper's epochs 30, 60 and 90 of 120, counted from the start of
     *       the run, warm-up included, as GluonCV's absolute {@code --lr-decay-epoch};</li>
     *   <li>the first is moved to at least W + 1, so the peak holds one full epoch after the
     *       warm-up;</li>
     *   <li>each later one is moved to at least one epoch after the one before, so two decays
     *       never land in one epoch;</li>
     *   <li>a milestone moved to E or beyond is not reached: a run shorter than W + 4 epochs
     *       decays fewer than three times.</li>
     * </ol>
     * At the paper's length (E = 120, W = 5) the rule changes nothing: 30, 60, 90. At E = 12,
     * W = 5 it gives 6, 7, 9; at E = 8, W = 2: 3, 4, 6; at E = 3, W = 0: 1, 2. Empty for cosine.
     */
    public int[] stepMilestones() {
        if (schedule != Schedule.STEP) {
            return new int[0];
        }
        List<Integer> out = new ArrayList<>();
        int earliest = warmupEpochs + 1;
        for (double f : STEP_MILESTONES) {
            int m = Math.max((int) Math.round(f * epochs), earliest);
            if (m >= epochs) {
                break;
            }
            out.add(m);
            earliest = m + 1;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether mixup is applied in epoch {@code epoch} (0-based). */
    public boolean mixupAt(int epoch) {
        return mixupAlpha > 0 && epoch < epochs - mixupOffEpochs;
    }

    /** The tricks this recipe adds to the baseline, in the paper's order, as short labels. */
    public List<String> tricks() {
        List<String> t = new ArrayList<>();
        if (linearScalingReference > 0) {
            t.add(linearScalingReference == 256 ? "linear-scaling" : "linear-scaling(" + linearScalingReference + ")");
        }
        if (warmupEpochs > 0) {
            t.add("warmup(" + warmupEpochs + ")");
        }
        if (zeroGammaInit) {
            t.add("zero-gamma");
        }
        if (decayWeightsOnly) {
            t.add("no-bias-decay");
        }
        if (schedule == Schedule.COSINE) {
            t.add("cosine");
        }
        if (labelSmoothingEps > 0) {
            t.add("label-smoothing(" + fmt(labelSmoothingEps) + ")");
        }
        if (distillation != null) {
            t.add("distill(T=" + fmt(distillation.temperature())
                    + (distillation.hardWeight() != 1 ? ", hard " + fmt(distillation.hardWeight()) : "") + ")");
        }
        if (mixupAlpha > 0) {
            t.add("mixup(" + fmt(mixupAlpha) + (mixupOffEpochs > 0 ? ", off last " + mixupOffEpochs : "") + ")");
        }
        if (precision == Precision.FP16) {
            t.add("fp16");
        }
        if (accumulation > 1) {
            t.add("accumulate(" + accumulation + ")");
        }
        return t;
    }

    /** A short name: the label if set, else "baseline" plus the tricks and non-default preset. */
    public String name() {
        if (!label.isEmpty()) {
            return label;
        }
        StringBuilder s = new StringBuilder("baseline");
        if (augmentation != AugmentPreset.IMAGENET) {
            s.append(" + ").append(augmentation.label());
        }
        for (String t : tricks()) {
            s.append(" + ").append(t);
        }
        return s.toString();
    }

    /** Every setting, one per line: what a results file records. */
    public List<String> settings() {
        return List.of(
                "model=" + model.name(), "width=" + fmt(width), "augmentation=" + augmentation.label(),
                "imageSize=" + imageSize, "epochs=" + epochs, "batchSize=" + batchSize, "lr=" + fmt(lr),
                "effectiveLr=" + fmt(effectiveLr()), "optimizer=nag", "momentum=" + fmt(momentum),
                "weightDecay=" + fmt(weightDecay), "schedule=" + schedule.name().toLowerCase(Locale.ROOT),
                "warmupEpochs=" + warmupEpochs, "linearScalingReference=" + linearScalingReference,
                "zeroGamma=" + zeroGammaInit, "noBiasDecay=" + decayWeightsOnly, "labelSmoothing=" + fmt(labelSmoothingEps),
                "mixupAlpha=" + fmt(mixupAlpha), "mixupOffEpochs=" + mixupOffEpochs,
                "distillation=" + (distillation == null ? "none" : "T=" + fmt(distillation.temperature()) + " hard="
                        + fmt(distillation.hardWeight()) + " teacher=" + distillation.teacher()
                        + (distillation.weights() != null ? " weights=" + distillation.weights() : "")),
                "precision=" + precision.name().toLowerCase(Locale.ROOT), "accumulation=" + accumulation,
                "evaluateEvery=" + evaluateEvery,
                "seed=" + seed);
    }

    /**
     * Everything that determines what training this recipe does, as one string: the settings with
     * the model's full description and the teacher's identity, without the display label. Two
     * recipes with the same identity train the same run (the key of the results store).
     */
    public String identity() {
        List<String> s = new ArrayList<>(settings());
        s.set(0, "model=" + model);
        if (distillation != null) {
            s.replaceAll(v -> v.startsWith("distillation=") ? "distillation=T=" + fmt(distillation.temperature())
                    + " hard=" + fmt(distillation.hardWeight()) + " teacher={" + distillation.teacher().identity() + "}"
                    + (distillation.weights() != null ? " weights=" + distillation.weights().toAbsolutePath() : "") : v);
        }
        return String.join(";", s);
    }

    /** The settings in which {@code other} differs from this recipe, as "key: this -> other". */
    public List<String> diff(Recipe other) {
        List<String> mine = settings();
        List<String> theirs = other.settings();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                String key = mine.get(i).substring(0, mine.get(i).indexOf('='));
                out.add(key + ": " + value(mine.get(i)) + " -> " + value(theirs.get(i)));
            }
        }
        return out;
    }

    private static String value(String setting) {
        return setting.substring(setting.indexOf('=') + 1);
    }

    @Override
    public String toString() {
        return name() + " [" + model.name() + (width != 1 ? " x" + fmt(width) : "") + ", " + imageSize + "px, "
                + epochs + " epochs, batch " + batchSize + ", lr " + fmt(effectiveLr()) + ", seed " + seed + "]";
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private Recipe with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable copy used by the withers; never escapes. */
    private static final class Builder {
        ModelFactory model;
        double width;
        AugmentPreset augmentation;
        int imageSize;
        int epochs;
        int batchSize;
        double lr;
        double momentum;
        double weightDecay;
        Schedule schedule;
        int warmupEpochs;
        int linearScalingReference;
        boolean zeroGammaInit;
        boolean decayWeightsOnly;
        double labelSmoothingEps;
        double mixupAlpha;
        int mixupOffEpochs;
        Distillation distillation;
        Precision precision;
        int accumulation;
        int evaluateEvery;
        long seed;
        String label;

        Builder(Recipe r) {
            model = r.model;
            width = r.width;
            augmentation = r.augmentation;
            imageSize = r.imageSize;
            epochs = r.epochs;
            batchSize = r.batchSize;
            lr = r.lr;
            momentum = r.momentum;
            weightDecay = r.weightDecay;
            schedule = r.schedule;
            warmupEpochs = r.warmupEpochs;
            linearScalingReference = r.linearScalingReference;
            zeroGammaInit = r.zeroGammaInit;
            decayWeightsOnly = r.decayWeightsOnly;
            labelSmoothingEps = r.labelSmoothingEps;
            mixupAlpha = r.mixupAlpha;
            mixupOffEpochs = r.mixupOffEpochs;
            distillation = r.distillation;
            precision = r.precision;
            accumulation = r.accumulation;
            evaluateEvery = r.evaluateEvery;
            seed = r.seed;
            label = r.label;
        }

        Recipe build() {
            return new Recipe(model, width, augmentation, imageSize, epochs, batchSize, lr, momentum, weightDecay,
                    schedule, warmupEpochs, linearScalingReference, zeroGammaInit, decayWeightsOnly, labelSmoothingEps,
                    mixupAlpha, mixupOffEpochs, distillation, precision, accumulation, evaluateEvery, seed, label);
        }
    }
}
