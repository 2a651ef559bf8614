package org.bagoftricks.tricks;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.bagoftricks.data.AugmentPreset;
import org.bagoftricks.models.ModelFactory;
import org.bagoftricks.models.ResNet;

/**
 * Every setting of a training run, as an immutable value: base settings plus an ordered list of
 * {@linkplain Trick tricks}. Each trick of the paper is one call that returns a new recipe:
 *
 * <pre>{@code
 * Recipe r = Recipe.baseline().warmup(5).zeroGamma().noBiasDecay().cosine().labelSmoothing(0.1).mixup(0.2);
 * Recipe s = r.with(new Mixup(0.4, 2));        // any trick value, e.g. one of your own
 * }</pre>
 *
 * <p>{@link #paper()} is the paper's §2 baseline as published (ResNet-50, 224 px, 120 epochs,
 * batch 256); {@link #baseline()} is the same recipe scaled to the embedded CIFAR-10 subset on
 * a 2-core CPU (a quarter-width small-image ResNet-18 at 32 px). Arguments are checked here, so a
 * bad value fails when the recipe is written, not in the middle of training. A recipe holds at
 * most one trick of each kind, in the registry's order ({@link Tricks#ALL}), whatever the order
 * of the calls; its name, settings, store key and diff are computed from its tricks.
 *
 * @param base   the settings that are not tricks
 * @param tricks the tricks, in the registry's order
 * @param label  a display name, or "" to name the recipe by its tricks
 */
public record Recipe(Base base, List<Trick> tricks, String label) {

    /**
     * The settings of a run that are not tricks: the §2 baseline's, scaled as asked.
     *
     * @param accumulation  micro-batches per batch (gradient accumulation; 1: none)
     * @param evaluateEvery test every this many epochs and after the last
     */
    public record Base(ModelFactory model, double width, AugmentPreset augmentation, int imageSize, int epochs,
            int batchSize, double lr, double momentum, double weightDecay, int accumulation, int evaluateEvery,
            long seed) {
        public Base {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(augmentation, "augmentation");
            check(width > 0 && width <= 4, "width must be in (0, 4], got " + width);
            check(imageSize >= 8, "imageSize must be at least 8 pixels, got " + imageSize);
            check(epochs >= 1, "epochs must be at least 1, got " + epochs);
            check(batchSize >= 1, "batchSize must be at least 1, got " + batchSize);
            check(lr > 0 && Double.isFinite(lr), "lr must be positive, got " + lr);
            check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
            check(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be >= 0, got " + weightDecay);
            check(accumulation >= 1, "gradient accumulation needs at least 1 micro-batch per step, got " + accumulation);
            check(batchSize % accumulation == 0, "batch " + batchSize + " does not split into " + accumulation
                    + " equal micro-batches: choose an accumulation that divides the batch size");
            check(evaluateEvery >= 1, "evaluate every 1 or more epochs, got " + evaluateEvery);
        }
    }

    /** Step decay milestones, as fractions of the run (the paper's 30/60/90 of 120). */
    public static final List<Double> STEP_MILESTONES = List.of(0.25, 0.5, 0.75);

    /** Step decay factor. */
    public static final double STEP_FACTOR = 0.1;

    /**
     * The keys of {@link #settings()} in the order of the results store's format 1, whose key hashes
     * {@link #identity()}: recipes of the paper's tricks keep the key they were stored under. Keys of
     * tricks added later follow these, and only when the trick is in the recipe.
     */
    private static final List<String> FORMAT_1 = List.of("model", "width", "augmentation", "imageSize", "epochs",
            "batchSize", "lr", "effectiveLr", "optimizer", "momentum", "weightDecay", "schedule", "warmupEpochs",
            "linearScalingReference", "zeroGamma", "noBiasDecay", "labelSmoothing", "mixupAlpha", "mixupOffEpochs",
            "distillation", "precision", "accumulation", "evaluateEvery", "seed");

    public Recipe {
        Objects.requireNonNull(base, "base");
        label = label == null ? "" : label;
        List<Trick> sorted = new ArrayList<>(tricks);
        sorted.forEach(t -> Objects.requireNonNull(t, "trick"));
        sorted.replaceAll(t -> t.joining(base));
        sorted.sort(Comparator.comparingInt(Tricks::order));
        for (int i = 1; i < sorted.size(); i++) {
            check(!sorted.get(i).name().equals(sorted.get(i - 1).name()), "a recipe holds one trick of each kind, got "
                    + sorted.get(i - 1).label() + " and " + sorted.get(i).label());
        }
        tricks = List.copyOf(sorted);
        for (Trick t : tricks) {
            t.check(base);
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The paper's §2 baseline exactly as published, for ImageNet-sized data on a GPU. */
    public static Recipe paper() {
        return new Recipe(new Base(ModelFactory.registered("resnet50"), 1.0, AugmentPreset.IMAGENET, 224, 120, 256,
                0.1, 0.9, 1e-4, 1, 1, 42), List.of(), "");
    }

    /**
     * The §2 baseline scaled to the embedded CIFAR-10 subset on a 2-core CPU: a quarter-width
     * small-image ResNet-18 at 32 px, batch 128, 12 epochs; the paper's augmentation, Xavier
     * initialization, NAG and step decay at 25/50/75% are unchanged.
     */
    public static Recipe baseline() {
        return paper().model("cifar_resnet18").width(0.25).imageSize(32).epochs(12).batchSize(128);
    }

    // ---- base settings ----------------------------------------------------------------------

    public ModelFactory model() {
        return base.model();
    }

    public double width() {
        return base.width();
    }

    public AugmentPreset augmentation() {
        return base.augmentation();
    }

    public int imageSize() {
        return base.imageSize();
    }

    public int epochs() {
        return base.epochs();
    }

    public int batchSize() {
        return base.batchSize();
    }

    /** The base learning rate (before linear scaling); see {@link #effectiveLr()}. */
    public double lr() {
        return base.lr();
    }

    public double momentum() {
        return base.momentum();
    }

    public double weightDecay() {
        return base.weightDecay();
    }

    public int accumulation() {
        return base.accumulation();
    }

    public int evaluateEvery() {
        return base.evaluateEvery();
    }

    public long seed() {
        return base.seed();
    }

    /** A registered model by name (see {@code tricks models}), e.g. "cifar_resnet18" or "resnet50d". */
    public Recipe model(String name) {
        return model(ModelFactory.registered(name));
    }

    /** A ResNet-family model from a builder; the recipe takes its width multiplier too. */
    public Recipe model(ResNet.Builder builder) {
        ResNet.Config c = builder.config();
        return model(ModelFactory.of(c)).width(c.widthMultiplier());
    }

    /** Any network, built by {@code factory} for the data's class count and the recipe's width. */
    public Recipe model(ModelFactory factory) {
        Objects.requireNonNull(factory, "factory");
        return edit(d -> d.model = factory);
    }

    /** A new, uninitialized network of this recipe for {@code numClasses} classes. */
    public ai.djl.nn.Block newModel(int numClasses) {
        return base.model().create(numClasses, base.width());
    }

    /** Channel width multiplier of the model family (1 = the published network). */
    public Recipe width(double multiplier) {
        return edit(d -> d.width = multiplier);
    }

    public Recipe augmentation(AugmentPreset preset) {
        return edit(d -> d.augmentation = preset);
    }

    /** The small-image preset (pad-4 random crop + flip), since the ImageNet crop hurts 32 px images. */
    public Recipe smallImageAugmentation() {
        return augmentation(AugmentPreset.SMALL_IMAGE);
    }

    public Recipe imageSize(int pixels) {
        return edit(d -> d.imageSize = pixels);
    }

    public Recipe epochs(int n) {
        return edit(d -> d.epochs = n);
    }

    public Recipe batchSize(int n) {
        return edit(d -> d.batchSize = n);
    }

    /** Initial learning rate (before linear scaling, if that trick is on). */
    public Recipe lr(double value) {
        return edit(d -> d.lr = value);
    }

    public Recipe momentum(double value) {
        return edit(d -> d.momentum = value);
    }

    public Recipe weightDecay(double value) {
        return edit(d -> d.weightDecay = value);
    }

    /**
     * Gradient accumulation (§3, large batches on small memory): each batch of
     * {@code batchSize} is computed as {@code microBatches} equal micro-batches whose gradients
     * are summed before one update, e.g. a batch of 1024 as 4 x 256. The update equals one large
     * batch's except for batch-norm statistics, which see each micro-batch alone.
     */
    public Recipe accumulate(int microBatches) {
        return edit(d -> d.accumulation = microBatches);
    }

    /**
     * Test the model every {@code epochs} epochs and after the last, not after each: the history's
     * test columns are NaN in between. Training is the same; a 10,000-image test costs a quarter of
     * an epoch of 10,000 training images on a CPU, which a long study need not pay every epoch.
     */
    public Recipe evaluateEvery(int epochs) {
        return edit(d -> d.evaluateEvery = epochs);
    }

    public Recipe seed(long value) {
        return edit(d -> d.seed = value);
    }

    /** A display name; without one the recipe is named by its tricks. */
    public Recipe label(String text) {
        return new Recipe(base, tricks, text);
    }

    /** This recipe with one base setting changed by {@code change}; the new base is validated. */
    private Recipe edit(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(base);
        change.accept(d);
        return new Recipe(d.build(), tricks, label);
    }

    /** A mutable copy of a {@link Base}, so that each wither names only what it changes. */
    private static final class Draft {
        ModelFactory model;
        double width;
        AugmentPreset augmentation;
        int imageSize;
        int epochs;
        int batchSize;
        double lr;
        double momentum;
        double weightDecay;
        int accumulation;
        int evaluateEvery;
        long seed;

        Draft(Base b) {
            model = b.model();
            width = b.width();
            augmentation = b.augmentation();
            imageSize = b.imageSize();
            epochs = b.epochs();
            batchSize = b.batchSize();
            lr = b.lr();
            momentum = b.momentum();
            weightDecay = b.weightDecay();
            accumulation = b.accumulation();
            evaluateEvery = b.evaluateEvery();
            seed = b.seed();
        }

        Base build() {
            return new Base(model, width, augmentation, imageSize, epochs, batchSize, lr, momentum, weightDecay,
                    accumulation, evaluateEvery, seed);
        }
    }

    // ---- tricks ---------------------------------------------------------------------------

    /** This recipe with {@code trick}, replacing a trick of the same kind. */
    public Recipe with(Trick trick) {
        List<Trick> out = new ArrayList<>(tricks);
        out.removeIf(t -> t.name().equals(trick.name()));
        out.add(trick);
        return new Recipe(base, out, label);
    }

    /** This recipe without the trick called {@code name} (no change if it has none). */
    public Recipe without(String name) {
        return new Recipe(base, tricks.stream().filter(t -> !t.name().equals(name)).toList(), label);
    }

    /** Whether the recipe has a trick called {@code name}. */
    public boolean has(String name) {
        return tricks.stream().anyMatch(t -> t.name().equals(name));
    }

    /** The recipe's trick of class {@code type}, if it has one. */
    public <T extends Trick> Optional<T> trick(Class<T> type) {
        return tricks.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Linear scaling (§3): lr x batch / 256. */
    public Recipe linearScaling() {
        return with(LinearScaling.KIND.paper());
    }

    /** Linear scaling (§3): lr x batch / {@code referenceBatch}. */
    public Recipe linearScaling(int referenceBatch) {
        return with(new LinearScaling(referenceBatch));
    }

    /** Learning-rate warm-up over the paper's 5 epochs (§3). */
    public Recipe warmup() {
        return with(Warmup.KIND.paper());
    }

    /** Linear learning-rate warm-up from 0 over the first {@code epochs} epochs, per batch (§3); 0: none. */
    public Recipe warmup(int epochs) {
        return epochs == 0 ? without(Warmup.KIND.name()) : with(new Warmup(epochs));
    }

    /** Zero gamma (§3): each residual block's last batch norm starts at gamma = 0. */
    public Recipe zeroGamma() {
        return with(new ZeroGamma());
    }

    /** No bias decay (§3): weight decay on conv and dense weights only. */
    public Recipe noBiasDecay() {
        return with(new NoBiasDecay());
    }

    /** Cosine learning-rate decay (§5), per batch, after any warm-up. */
    public Recipe cosine() {
        return with(new Cosine());
    }

    /** Label smoothing with the paper's eps = 0.1 (§5). */
    public Recipe labelSmoothing() {
        return with(LabelSmoothing.KIND.paper());
    }

    /** Label smoothing (§5): 1 - eps on the true class, eps / (K - 1) on the others; 0: none. */
    public Recipe labelSmoothing(double eps) {
        return eps == 0 ? without(LabelSmoothing.KIND.name()) : with(new LabelSmoothing(eps));
    }

    /** Mixup with the paper's alpha = 0.2 (§5). */
    public Recipe mixup() {
        return with(Mixup.KIND.paper());
    }

    /** Mixup (§5): lambda ~ Beta(alpha, alpha) per batch; 0 switches it off. */
    public Recipe mixup(double alpha) {
        return mixup(alpha, 0);
    }

    /** Mixup with the last {@code offEpochs} epochs trained without it (GluonCV's --mixup-off-epoch). */
    public Recipe mixup(double alpha, int offEpochs) {
        return alpha == 0 ? without(Mixup.KIND.name()) : with(new Mixup(alpha, offEpochs));
    }

    /**
     * Knowledge distillation (§5) from a teacher trained first with {@code teacher} on the same
     * data, at the paper's temperature T = 20 and hard-loss weight 1.
     */
    public Recipe distill(Recipe teacher) {
        return with(Distillation.from(teacher));
    }

    /** Knowledge distillation with temperature {@code temperature} and hard-loss weight {@code hardWeight}. */
    public Recipe distill(Recipe teacher, double temperature, double hardWeight) {
        return with(Distillation.from(teacher, temperature, hardWeight));
    }

    /**
     * Knowledge distillation from an already trained teacher: its parameters in {@code weights}
     * (as written by {@code Trainer.saveModel}) and its model in {@code teacher}.
     */
    public Recipe distill(Recipe teacher, java.nio.file.Path weights, double temperature, double hardWeight) {
        return with(Distillation.from(teacher, weights, temperature, hardWeight));
    }

    /** Mixed-precision training (§3): FP16 forward/backward, FP32 master weights, loss scaling. */
    public Recipe fp16() {
        return with(new Fp16());
    }

    public Recipe precision(Precision p) {
        return p == Precision.FP16 ? fp16() : without(Fp16.KIND.name());
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
     * This recipe trained for {@code epochs}: each trick fitted to the length (a warm-up or
     * mixup-off period shortened to fit, a warm-up that no longer fits dropped), as budgets and
     * budget curves do.
     */
    public Recipe fittedTo(int epochs) {
        List<Trick> fitted = tricks.stream().map(t -> t.fittedTo(epochs)).filter(Objects::nonNull).toList();
        return new Recipe(base, List.of(), label).epochs(epochs).withTricks(fitted);
    }

    private Recipe withTricks(List<Trick> list) {
        return new Recipe(base, list, label);
    }

    // ---- what the tricks make of it ---------------------------------------------------------

    /** Whether the model is tested after epoch {@code epoch} (0-based). */
    public boolean evaluatesAfter(int epoch) {
        return epoch == epochs() - 1 || (epoch + 1) % evaluateEvery() == 0;
    }

    /** The learning-rate plan: step decay from the base rate, as the tricks change it. */
    public Schedule schedule() {
        Schedule s = new Schedule(base.lr(), 0, Schedule.Decay.STEP);
        for (Trick t : tricks) {
            s = t.schedule(s, base);
        }
        return s;
    }

    /** The learning rate the run starts from after warm-up: lr, linearly scaled if asked. */
    public double effectiveLr() {
        return schedule().peak();
    }

    /** Epochs of warm-up (0: none). */
    public int warmupEpochs() {
        return schedule().warmupEpochs();
    }

    /** Which parameters weight decay applies to: all, as the tricks change it. */
    public Predicate<Parameter> decays() {
        Predicate<Parameter> rule = p -> true;
        for (Trick t : tricks) {
            rule = t.decays(rule);
        }
        return rule;
    }

    /** The number format of training: FP32, as the tricks change it. */
    public Precision precision() {
        Precision p = Precision.FP32;
        for (Trick t : tricks) {
            p = t.precision(p);
        }
        return p;
    }

    /** Runs to train before this one (a distillation teacher), in the tricks' order. */
    public List<Recipe> needs() {
        return tricks.stream().flatMap(t -> t.needs().stream()).toList();
    }

    /**
     * The learning-rate schedule over the run's batches: a linear warm-up from 0 to the peak
     * ({@link #effectiveLr()}) over the warm-up epochs, then step decay at
     * {@link #stepMilestones()} or cosine decay over the batches after the warm-up.
     */
    public LrSchedule lrSchedule(int batchesPerEpoch) {
        Schedule plan = schedule();
        long total = (long) epochs() * batchesPerEpoch;
        long warm = (long) plan.warmupEpochs() * batchesPerEpoch;
        LrSchedule after = switch (plan.decay()) {
            case STEP -> LrSchedule.stepDecay(plan.peak(), STEP_FACTOR, java.util.Arrays.stream(stepMilestones())
                    .mapToLong(e -> (long) e * batchesPerEpoch).toArray());
            case COSINE -> LrSchedule.cosine(plan.peak(), total, warm);
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
        Schedule plan = schedule();
        if (plan.decay() != Schedule.Decay.STEP) {
            return new int[0];
        }
        List<Integer> out = new ArrayList<>();
        int earliest = plan.warmupEpochs() + 1;
        for (double f : STEP_MILESTONES) {
            int m = Math.max((int) Math.round(f * epochs()), earliest);
            if (m >= epochs()) {
                break;
            }
            out.add(m);
            earliest = m + 1;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- names and settings -----------------------------------------------------------------

    /** The tricks' labels, in order, e.g. ["warmup(5)", "cosine"]. */
    public List<String> trickLabels() {
        return tricks.stream().map(Trick::label).toList();
    }

    /** A short name: the label if set, else "baseline" plus the tricks and non-default settings. */
    public String name() {
        if (!label.isEmpty()) {
            return label;
        }
        StringBuilder s = new StringBuilder("baseline");
        if (augmentation() != AugmentPreset.IMAGENET) {
            s.append(" + ").append(augmentation().label());
        }
        for (String t : trickLabels()) {
            s.append(" + ").append(t);
        }
        if (accumulation() > 1) {
            s.append(" + accumulate(").append(accumulation()).append(")");
        }
        return s.toString();
    }

    /** Every setting, one per line ("key=value"): what a results file records. */
    public List<String> settings() {
        return ordered(false);
    }

    /**
     * Everything that determines what training this recipe does, as one string: the settings with
     * the model's full description and the teacher's identity, without the display label. Two
     * recipes with the same identity train the same run (the key of the results store).
     */
    public String identity() {
        return String.join(";", ordered(true));
    }

    /** The base's settings, then each registered kind's (the trick's, or the kind's "off" values), in format 1's order. */
    private List<String> ordered(boolean identity) {
        Map<String, String> s = new LinkedHashMap<>();
        put(s, "model=" + (identity ? base.model().toString() : base.model().name()));
        put(s, "width=" + fmt(width()));
        put(s, "augmentation=" + augmentation().label());
        put(s, "imageSize=" + imageSize());
        put(s, "epochs=" + epochs());
        put(s, "batchSize=" + batchSize());
        put(s, "lr=" + fmt(lr()));
        put(s, "effectiveLr=" + fmt(effectiveLr()));
        put(s, "optimizer=nag");
        put(s, "momentum=" + fmt(momentum()));
        put(s, "weightDecay=" + fmt(weightDecay()));
        for (Trick.Kind k : Tricks.ALL) {
            Optional<Trick> t = tricks.stream().filter(x -> x.name().equals(k.name())).findFirst();
            (t.isPresent() ? (identity ? t.get().identity() : t.get().settings()) : k.off()).forEach(v -> put(s, v));
        }
        for (Trick t : tricks) {
            if (Tricks.order(t) == Tricks.ALL.size()) { // not registered
                (identity ? t.identity() : t.settings()).forEach(v -> put(s, v));
            }
        }
        put(s, "accumulation=" + accumulation());
        put(s, "evaluateEvery=" + evaluateEvery());
        put(s, "seed=" + seed());
        List<String> out = new ArrayList<>();
        for (String key : FORMAT_1) {
            if (s.containsKey(key)) {
                out.add(key + "=" + s.remove(key));
            }
        }
        s.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static void put(Map<String, String> settings, String keyValue) {
        int eq = keyValue.indexOf('=');
        settings.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    /** The settings in which {@code other} differs from this recipe, as "key: this -> other". */
    public List<String> diff(Recipe other) {
        Map<String, String> mine = new LinkedHashMap<>();
        settings().forEach(v -> put(mine, v));
        Map<String, String> theirs = new LinkedHashMap<>();
        other.settings().forEach(v -> put(theirs, v));
        List<String> keys = new ArrayList<>(mine.keySet());
        theirs.keySet().stream().filter(k -> !mine.containsKey(k)).forEach(keys::add);
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String a = mine.getOrDefault(k, "-");
            String b = theirs.getOrDefault(k, "-");
            if (!a.equals(b)) {
                out.add(k + ": " + a + " -> " + b);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name() + " [" + model().name() + (width() != 1 ? " x" + fmt(width()) : "") + ", " + imageSize() + "px, "
                + epochs() + " epochs, batch " + batchSize() + ", lr " + fmt(effectiveLr()) + ", seed " + seed() + "]";
    }

    /** A number as settings and labels write it: "0.1", "20", "1e-05". */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
