package org.bagoftricks.tricks;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Knowledge distillation (§5): the student also learns a teacher's softened predictions,
 *
 * <pre>
 *   loss = hardWeight * CE(targets, softmax(z)) + T^2 * CE(softmax(r / T), softmax(z / T))
 * </pre>
 *
 * with z the student's logits and r the teacher's. The teacher runs in inference mode on the
 * batch the student sees (after mixup, so it is taught on the same mixed images), before the
 * student's gradients are recorded, so its outputs carry no gradient. T^2 keeps the soft term's
 * gradient on the scale of the hard term's as T grows (Hinton et al. 2015).
 *
 * <p>The teacher is a recipe trained first on the same data ({@link #needs()}), or, with
 * {@code weights}, a model already trained (a file written by {@code Trainer.saveModel}). Without
 * a teacher the trick takes, as it joins a recipe, the recipe's base settings with twice its
 * width and no tricks (a CPU-sized stand-in for the paper's ResNet-152 teacher of a ResNet-50);
 * {@code teacherModel}, {@code teacherWidth} and {@code teacherEpochs} change that default. On a
 * short run more epochs can make a better teacher than more width; a comparison notes a teacher
 * no better than its student ({@code Comparison.notes()}).
 *
 * @param teacher     the teacher's recipe, or null until the trick joins a recipe
 * @param weights     an already trained teacher's parameters, or null to train the teacher first
 * @param temperature T (paper: 20)
 * @param hardWeight  weight of the cross entropy with the true labels (paper: 1)
 */
public record Distillation(Recipe teacher, Path weights, double temperature, double hardWeight, String teacherModel,
        Double teacherWidth, Integer teacherEpochs) implements Trick {

    public static final Kind KIND = new Kind("distill", "§5 distillation from a teacher trained first",
            List.of(new Option("--temperature", "T", "20", "distillation temperature"),
                    new Option("--hard-weight", "W", "1", "distillation: weight of the loss on true labels"),
                    new Option("--teacher-model", "NAME", null, "distillation teacher's model; default: the student's"),
                    new Option("--teacher-width", "X", null, "distillation teacher's width; default: twice the student's"),
                    new Option("--teacher-epochs", "N", null, "teacher's epochs; default: the student's")),
            List.of("distillation=none"),
            o -> new Distillation(null, null, o.real("--temperature"), o.real("--hard-weight"),
                    o.text("--teacher-model").orElse(null),
                    o.text("--teacher-width").isPresent() ? o.real("--teacher-width") : null,
                    o.text("--teacher-epochs").isPresent() ? o.integer("--teacher-epochs") : null));

    public Distillation {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("distillation temperature must be > 0, got " + temperature);
        }
        if (!(hardWeight >= 0) || !Double.isFinite(hardWeight)) {
            throw new IllegalArgumentException("hard-loss weight must be >= 0, got " + hardWeight);
        }
        if (teacher != null && teacher.has(KIND.name())) {
            throw new IllegalArgumentException("a teacher cannot itself be distilled (nested distillation)");
        }
        if (weights != null && teacher == null) {
            throw new IllegalArgumentException("a teacher's weights need the teacher's recipe (its model and width)");
        }
    }

    /** From {@code teacher}, trained first, at the paper's temperature and hard-loss weight (the options' defaults). */
    public static Distillation from(Recipe teacher) {
        Distillation paper = (Distillation) KIND.paper();
        return from(teacher, paper.temperature(), paper.hardWeight());
    }

    /** From {@code teacher}, trained first, at temperature {@code temperature} and hard-loss weight {@code hardWeight}. */
    public static Distillation from(Recipe teacher, double temperature, double hardWeight) {
        return new Distillation(teacher, null, temperature, hardWeight, null, null, null);
    }

    /** From a teacher already trained: its parameters in {@code weights}, its model in {@code teacher}. */
    public static Distillation from(Recipe teacher, Path weights, double temperature, double hardWeight) {
        java.util.Objects.requireNonNull(weights, "weights");
        return new Distillation(teacher, weights, temperature, hardWeight, null, null, null);
    }

    @Override
    public String name() {
        return KIND.name();
    }

    @Override
    public String label() {
        return "distill(T=" + Recipe.fmt(temperature) + (hardWeight != 1 ? ", hard " + Recipe.fmt(hardWeight) : "") + ")";
    }

    @Override
    public List<String> settings() {
        return List.of("distillation=T=" + Recipe.fmt(temperature) + " hard=" + Recipe.fmt(hardWeight) + " teacher="
                + teacher + (weights != null ? " weights=" + weights : ""));
    }

    @Override
    public List<String> identity() {
        return List.of("distillation=T=" + Recipe.fmt(temperature) + " hard=" + Recipe.fmt(hardWeight) + " teacher={"
                + teacher.identity() + "}" + (weights != null ? " weights=" + weights.toAbsolutePath() : ""));
    }

    /** The teacher follows the student: its image size, and by default its base settings, twice as wide. */
    @Override
    public Trick joining(Recipe.Base base) {
        Recipe t = teacher;
        if (t == null) {
            t = Recipe.paper().model(base.model()).width(Math.min(4, base.width() * 2)).augmentation(base.augmentation())
                    .imageSize(base.imageSize()).epochs(base.epochs()).batchSize(base.batchSize()).lr(base.lr())
                    .seed(base.seed());
            t = teacherModel != null ? t.model(teacherModel) : t;
            t = teacherWidth != null ? t.width(teacherWidth) : t;
            t = teacherEpochs != null ? t.epochs(teacherEpochs) : t;
        }
        return new Distillation(t.imageSize(base.imageSize()), weights, temperature, hardWeight, null, null, null);
    }

    @Override
    public void check(Recipe.Base base) {
        if (teacher != null && teacher.imageSize() != base.imageSize()) {
            throw new IllegalArgumentException("the teacher sees the student's images: its image size ("
                    + teacher.imageSize() + ") must equal the student's (" + base.imageSize() + ")");
        }
    }

    /** The teacher, labelled as one, when it is to be trained first. */
    @Override
    public List<Recipe> needs() {
        return weights == null ? List.of(teacher.label("teacher: " + teacher.name())) : List.of();
    }

    @Override
    public Callback start(Training training) {
        byte[] parameters;
        if (weights != null) {
            try {
                parameters = Files.readAllBytes(weights);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("the teacher's weights " + weights + " do not exist: train the"
                        + " teacher and save it with Trainer.saveModel, or distill from a teacher recipe");
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the teacher's weights " + weights, e);
            }
        } else {
            parameters = training.parametersOf(needs().get(0));
        }
        int classes = training.data().numClasses();
        Block block = load(teacher, parameters, classes, training.manager());
        return new Teaching(block, new ParameterStore(training.manager(), false), temperature, hardWeight);
    }

    /** Builds {@code recipe}'s network for {@code classes} classes on {@code manager} and loads {@code parameters}. */
    static Block load(Recipe recipe, byte[] parameters, int classes, NDManager manager) {
        Block block = recipe.newModel(classes);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, recipe.imageSize(), recipe.imageSize()));
        try {
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("the teacher's weights do not fit its model " + recipe.model().name()
                    + " (width " + recipe.width() + ", " + classes + " classes): " + e.getMessage(), e);
        }
        return block;
    }

    /** {@code T^2 * mean_i CE(softmax(r_i / T), softmax(z_i / T))}. */
    public static NDArray softLoss(NDArray studentLogits, NDArray teacherLogits, double temperature) {
        float t = (float) temperature;
        NDArray p = teacherLogits.div(t).softmax(1);
        return Losses.softCrossEntropy(studentLogits.div(t), p).mul(t * t);
    }

    /** Distillation's part in a run: the teacher's logits of the current batch and the loss term. */
    public static final class Teaching implements Callback {
        private final Block teacher;
        private final ParameterStore store;
        private final double temperature;
        private final double hardWeight;
        private NDArray teacherLogits;

        public Teaching(Block teacher, ParameterStore store, double temperature, double hardWeight) {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("distillation temperature must be > 0, got " + temperature);
            }
            if (!(hardWeight >= 0)) {
                throw new IllegalArgumentException("hard-loss weight must be >= 0, got " + hardWeight);
            }
            this.teacher = teacher;
            this.store = store;
            this.temperature = temperature;
            this.hardWeight = hardWeight;
        }

        @Override
        public void onForward(MiniBatch batch) {
            // Called outside the gradient collector: no graph is recorded through the teacher.
            teacherLogits = teacher.forward(store, new NDList(batch.images()), false).singletonOrThrow();
        }

        @Override
        public NDArray loss(NDArray logits, MiniBatch batch, NDArray base) {
            if (teacherLogits == null) {
                throw new IllegalStateException("distillation loss before the teacher saw the batch");
            }
            return base.mul((float) hardWeight).add(softLoss(logits, teacherLogits, temperature));
        }

        @Override
        public Callback shard(long from, long to) {
            return new Callback() {
                @Override
                public NDArray loss(NDArray logits, MiniBatch batch, NDArray base) {
                    if (teacherLogits == null) {
                        throw new IllegalStateException("distillation loss before the teacher saw the batch");
                    }
                    // The teacher ran once on the whole batch; this replica needs its rows, on its device.
                    NDArray rows = teacherLogits.get(new NDIndex(from + ":" + to)).toDevice(logits.getDevice(), false);
                    return base.mul((float) hardWeight).add(softLoss(logits, rows, temperature));
                }
            };
        }
    }
}
