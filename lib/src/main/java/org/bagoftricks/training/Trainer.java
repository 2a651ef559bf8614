package org.bagoftricks.training;

import org.bagoftricks.tricks.LrSchedule;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bagoftricks.Djl;
import org.bagoftricks.Version;
import org.bagoftricks.data.Batch;
import org.bagoftricks.data.BatchLoader;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.ImageSet;
import org.bagoftricks.AtomicFiles;
import org.bagoftricks.tricks.Callback;
import org.bagoftricks.tricks.Losses;
import org.bagoftricks.tricks.MiniBatch;
import org.bagoftricks.tricks.Precision;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.tricks.Training;

/**
 * Trains one recipe on one dataset. The loop is plain and names no trick: a batch from the
 * background loader, the callbacks of the recipe's tricks on the batch, forward, soft-target cross
 * entropy (as the callbacks change it), backward, a NAG step at the scheduled learning rate (the
 * recipe's schedule and weight-decay rule, which its tricks shape); then an evaluation on the test
 * set ({@link Evaluator}) when the recipe asks for one.
 *
 * <p>On a machine with several GPUs each batch is split over all of them, one replica of the
 * model per GPU ({@link #devices(List)}); on the CPU, DJL's single CPU device, it trains as one.
 *
 * <p>Memory stays flat: every batch runs inside an {@link NDScope} that closes its inputs,
 * activations and gradients' temporaries; only weights, batch-norm statistics and momentum
 * live for the whole run.
 *
 * <pre>{@code
 * Run run = Trainer.train(Recipe.baseline(), Datasets.embedded());
 * }</pre>
 */
public final class Trainer implements AutoCloseable {
    private final Recipe recipe;
    private final Dataset data;
    private final NDManager manager;
    private final Block model;
    private final Nag optimizer;
    private final List<Callback> callbacks;
    private final MixedPrecision mixed;
    private DataParallel parallel; // null: one device
    private final Progress progress;
    private Path checkpoint;
    private String identity = "";
    /** Threads that decode and augment ahead of the training step. */
    static final int LOADER_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    /** Builds and initializes the model (seeded) and the optimizer; nothing is trained yet. */
    public Trainer(Recipe recipe, Dataset data) {
        this(recipe, data, Progress.QUIET);
    }

    /**
     * As {@link #Trainer(Recipe, Dataset)}, reporting to {@code progress}, which also sees the
     * teacher's training when the recipe distills from a teacher not trained yet.
     */
    public Trainer(Recipe recipe, Dataset data, Progress progress) {
        this.recipe = recipe;
        this.data = data;
        this.progress = progress;
        Engine engine = Djl.engine();
        // Runs the tricks need (a distillation teacher) train first, seeding the engine themselves,
        // so that the student's seed below gives the same initialization with or without them.
        for (Recipe need : recipe.needs()) {
            Teachers.parameters(need, data, progress);
        }
        engine.setRandomSeed((int) recipe.seed());
        this.manager = NDManager.newBaseManager(engine.getEngineName());
        try {
            Shape input = new Shape(1, 3, recipe.imageSize(), recipe.imageSize());
            this.model = recipe.newModel(data.numClasses());
            model.initialize(manager, DataType.FLOAT32, input);
            Training training = new Context(recipe, data, manager, model, progress);
            List<Callback> started = new ArrayList<>();
            for (var trick : recipe.tricks()) {
                Callback c = trick.start(training);
                if (c != null) {
                    started.add(c);
                }
            }
            this.callbacks = List.copyOf(started);
            callbacks.forEach(c -> c.onModelReady(model));
            this.optimizer = new Nag(model, recipe.momentum(), recipe.weightDecay(), recipe.decays());
            this.mixed = recipe.precision() == Precision.FP16
                    ? new MixedPrecision(model, recipe.newModel(data.numClasses()), optimizer, manager, input)
                    : null;
            // Every visible GPU by default (at most one per image of a micro-batch); DJL's CPU is one
            // device, so training on the CPU stays as it is.
            List<Device> visible = List.of(engine.getDevices());
            int micro = recipe.batchSize() / recipe.accumulation();
            if (visible.size() > 1 && micro > 1 && mixed == null) {
                devices(visible.subList(0, Math.min(visible.size(), micro)));
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Gives this JVM's trainers the trained parameters of {@code needed}, a run some recipe
     * {@linkplain Recipe#needs() needs} (a distillation teacher) trained elsewhere (a results
     * store), so that a run on {@code data} that needs it does not train it again.
     */
    public static void useTrained(Recipe needed, Dataset data, byte[] parameters) {
        Teachers.remember(needed, data, parameters);
    }

    /**
     * Tells this JVM the finished run of a recipe some recipe needs (a distillation teacher taken
     * from a results store), so that {@link #trainedTop1} knows how good it is.
     */
    public static void rememberTop1(Run needed, Dataset data) {
        Teachers.rememberTop1(needed.recipe(), data, needed.top1());
    }

    /**
     * The final test top-1 (a fraction) of {@code needed}, a run some recipe needs first (a
     * distillation teacher), if this JVM trained it or took it from a results store; empty otherwise
     * (e.g. a teacher given as a weights file).
     */
    public static java.util.OptionalDouble trainedTop1(Recipe needed, Dataset data) {
        return Teachers.top1(needed, data);
    }

    /** Trains {@code recipe} on {@code data} quietly and returns the run. */
    public static Run train(Recipe recipe, Dataset data) {
        return train(recipe, data, Progress.QUIET);
    }

    /** Trains {@code recipe} on {@code data}, reporting to {@code progress}. */
    public static Run train(Recipe recipe, Dataset data, Progress progress) {
        try (Trainer t = new Trainer(recipe, data, progress)) {
            return t.fit();
        }
    }

    /**
     * Trains on {@code n} replicas of the model, each batch split over them (see
     * {@link #devices(List)}): on the first {@code n} visible GPUs, or, without a GPU, as {@code n}
     * replicas on the CPU, which take turns on the same cores (for tests: no faster than one).
     * {@code 1} trains on one device. Call before {@link #fit()}.
     */
    public Trainer devices(int n) {
        return devices(DataParallel.devices(n, manager.getDevice()));
    }

    /**
     * Data parallelism: one replica of the model per device in the list, the first being this
     * trainer's model on its own device (a device may repeat). Each (micro-)batch is split into
     * one shard per replica after the recipe's callbacks ran on the whole batch; the replicas'
     * gradients are summed into the first, the optimizer updates it, and its weights go back to
     * the others. FP32 only. The default is every GPU DJL sees; one device for FP16 recipes.
     */
    public Trainer devices(List<Device> devices) {
        DataParallel.check(devices, manager.getDevice(), recipe.batchSize() / recipe.accumulation(),
                recipe.accumulation() > 1, mixed != null);
        if (parallel != null) {
            parallel.close();
            parallel = null;
        }
        if (devices.size() > 1) {
            Shape input = new Shape(1, 3, recipe.imageSize(), recipe.imageSize());
            parallel = new DataParallel(model, manager, devices, () -> recipe.newModel(data.numClasses()), input);
        }
        return this;
    }

    /** The devices training runs on: one, or one per replica. */
    public List<Device> devices() {
        return parallel == null ? List.of(manager.getDevice()) : parallel.devices();
    }

    /** The replicas when training on several devices, else null (for tests). */
    DataParallel parallel() {
        return parallel;
    }

    /** The model being trained (initialized; trained after {@link #fit()}). */
    public Block model() {
        return model;
    }

    public Nag optimizer() {
        return optimizer;
    }

    /** The manager that owns the model's arrays (closed with this trainer). */
    public NDManager manager() {
        return manager;
    }

    /** Trains every epoch of the recipe and returns the run. */
    public Run fit() {
        Instant started = Instant.now();
        List<EpochStats> history = new ArrayList<>();
        int firstEpoch = 0;
        if (checkpoint != null && Files.exists(checkpoint)) {
            Checkpoint.State state = Checkpoint.read(checkpoint, identity, this);
            history.addAll(state.history());
            firstEpoch = state.history().size();
            started = state.started();
        }
        int k = recipe.accumulation();
        ParameterStore store = new ParameterStore(manager, false);
        Block net = mixed != null ? mixed.half() : model;
        if (parallel != null) {
            parallel.copyFromFirst(); // a checkpoint or a transfer may have changed the model
        }
        try (BatchLoader train = trainLoader()) {
            int steps = stepsPerEpoch(train);
            LrSchedule schedule = recipe.lrSchedule(steps);
            progress.onRunStart(recipe.name(), recipe.epochs(), steps);
            long step = (long) firstEpoch * steps;
            for (int epoch = firstEpoch; epoch < recipe.epochs(); epoch++) {
                long t0 = System.nanoTime();
                double waitBefore = train.waitSeconds();
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                double lr = schedule.at(step);
                float[] losses = new float[1];
                Iterator<Batch> it = train.epoch(epoch);
                for (int micro = 0; micro < steps * k && it.hasNext(); micro++) {
                    Batch batch = it.next();
                    lr = schedule.at(step);
                    long hits = forwardBackward(batch, epoch, micro / k, lr, store, net, losses);
                    lossSum += losses[0];
                    correct += hits;
                    seen += batch.size();
                    if ((micro + 1) % k == 0) {
                        update(lr);
                        step++;
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        progress.onBatch(epoch, micro / k, steps, lossSum / (micro + 1), seen / Math.max(elapsed, 1e-9));
                    }
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                if (mixed != null) {
                    mixed.syncStatisticsToMaster();
                }
                Metrics.Eval eval = recipe.evaluatesAfter(epoch) ? evaluate(data.test(), store) : Metrics.Eval.NONE;
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochStats stats = new EpochStats(epoch, lr, lossSum / (steps * k), correct / (double) seen,
                        eval.loss(), eval.top1(), eval.top5(), seen / trainSeconds, seconds,
                        train.waitSeconds() - waitBefore);
                history.add(stats);
                if (checkpoint != null) {
                    Checkpoint.write(checkpoint, identity, started, history, this);
                }
                progress.onEpoch(stats);
            }
        } finally {
            progress.onRunEnd();
        }
        return new Run(recipe, data.name(), data.train().description() + "; test: " + data.test().description(),
                Machine.current(), Version.VERSION, started, history);
    }

    /**
     * Forward and backward of one (micro-)batch with the recipe's callbacks; the loss goes to
     * {@code loss[0]}; returns the number of correct top-1 predictions against the batch's labels.
     */
    private long forwardBackward(Batch batch, int epoch, int stepInEpoch, double lr, ParameterStore store, Block net,
            float[] loss) {
        int size = recipe.imageSize();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = manager.create(batch.images(), new Shape(batch.size(), 3, size, size));
            MiniBatch mb = new MiniBatch(x, Losses.oneHot(manager, batch.labels(), data.numClasses()), batch.labels());
            for (Callback c : callbacks) {
                mb = c.onBatch(mb, epoch);
            }
            for (Callback c : callbacks) {
                c.onForward(mb);
            }
            List<NDArray> logits = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            try (GradientCollector gc = Djl.engine().newGradientCollector()) {
                NDArray l;
                if (parallel == null) {
                    NDArray input = mixed != null ? mixed.input(mb.images()) : mb.images();
                    NDArray out = net.forward(store, new NDList(input), true).singletonOrThrow();
                    logits.add(mixed != null ? mixed.toFloat32(out) : out);
                    labels.add(mb.labels());
                    l = loss(logits.get(0), mb, callbacks);
                } else {
                    // Every shard's forward first, then one backward through all of them: PyTorch's
                    // autograd runs each device's part of the graph on that device's own thread.
                    l = null;
                    for (DataParallel.Shard s : parallel.split(mb)) {
                        int k = s.replica();
                        NDArray out = parallel.model(k).forward(parallel.store(k), new NDList(s.batch().images()), true)
                                .singletonOrThrow();
                        List<Callback> view = callbacks.stream().map(c -> c.shard(s.from(), s.to())).toList();
                        // Weighted by shard size / batch size: the sum is the whole batch's mean loss.
                        NDArray part = loss(out, s.batch(), view).mul(s.weight()).toDevice(manager.getDevice(), false);
                        l = l == null ? part : l.add(part);
                        logits.add(out);
                        labels.add(s.batch().labels());
                    }
                }
                loss[0] = l.getFloat();
                if (!Float.isFinite(loss[0])) {
                    throw new DivergenceException(String.format(java.util.Locale.ROOT,
                            "recipe '%s' diverged in epoch %d, batch %d: the loss is %s at learning rate %.4g."
                                    + " Lower the learning rate or add warm-up; results already written are kept.",
                            recipe.name(), epoch + 1, stepInEpoch + 1, loss[0], lr));
                }
                gc.backward(mixed != null ? mixed.scaleLoss(l) : l);
            }
            long hits = 0;
            for (int i = 0; i < logits.size(); i++) {
                hits += Metrics.correctTop1(logits.get(i), labels.get(i));
            }
            return hits;
        }
    }

    /** Soft-target cross entropy of {@code logits} against the batch, as the callbacks change it. */
    private static NDArray loss(NDArray logits, MiniBatch mb, List<Callback> callbacks) {
        NDArray l = Losses.softCrossEntropy(logits, mb.targets());
        for (Callback c : callbacks) {
            l = c.loss(logits, mb, l);
        }
        return l;
    }

    /** The training loader: micro-batches of batch / accumulation images, shuffled per epoch from the seed. */
    private BatchLoader trainLoader() {
        return BatchLoader.builder(data.train(), recipe.augmentation().train(recipe.imageSize()))
                .batchSize(recipe.batchSize() / recipe.accumulation()).shuffle(true).dropLast(true)
                .seed(recipe.seed()).threads(LOADER_THREADS).build();
    }

    /** Whole optimizer steps per epoch: trailing micro-batches that do not fill a step are dropped. */
    private int stepsPerEpoch(BatchLoader train) {
        int steps = train.batchesPerEpoch() / recipe.accumulation();
        if (steps == 0) {
            throw new IllegalArgumentException("batch size " + recipe.batchSize() + " is larger than the "
                    + data.train().size() + " training images of " + data.name() + ": use a smaller batch");
        }
        return steps;
    }

    /**
     * One training step on {@code batch} exactly as {@link #fit()} takes it (callbacks, forward,
     * loss, backward, optimizer step at {@code lr}), for a recipe without accumulation; returns
     * the top-1 hits. What {@link Bench} times against PyTorch.
     */
    public long trainStep(Batch batch, double lr, ParameterStore store) {
        float[] loss = new float[1];
        long hits = forwardBackward(batch, 0, 0, lr, store, mixed != null ? mixed.half() : model, loss);
        update(lr);
        return hits;
    }

    /** One optimizer step from the gradients of the last {@code accumulation} micro-batches. */
    private void update(double lr) {
        if (mixed != null) {
            mixed.step(lr, recipe.accumulation());
        } else if (parallel != null) {
            parallel.reduceGradients();
            optimizer.step(lr, 1.0 / recipe.accumulation());
            parallel.afterUpdate();
        } else {
            optimizer.step(lr, 1.0 / recipe.accumulation());
        }
        for (Callback c : callbacks) {
            c.afterStep(model);
        }
    }

    /**
     * Seconds an epoch of this recipe takes here, estimated from a few training steps (after two
     * untimed ones) and an evaluation of part of the test set. Changes the model: use a throwaway
     * trainer (as the experiments' Budget does).
     */
    public double estimateEpochSeconds() {
        int k = recipe.accumulation();
        ParameterStore store = new ParameterStore(manager, false);
        Block net = mixed != null ? mixed.half() : model;
        float[] loss = new float[1];
        try (BatchLoader train = trainLoader()) {
            int steps = stepsPerEpoch(train);
            int warm = Math.min(2, steps);
            int timed = Math.min(6, Math.max(1, steps - warm));
            Iterator<Batch> it = train.epoch(0);
            long t0 = 0;
            for (int s = 0; s < warm + timed && it.hasNext(); s++) {
                if (s == warm) {
                    t0 = System.nanoTime();
                }
                for (int m = 0; m < k && it.hasNext(); m++) {
                    forwardBackward(it.next(), 0, s, 0.0, store, net, loss);
                }
                update(1e-4);
            }
            double perStep = (System.nanoTime() - t0) / 1e9 / timed;
            ImageSet test = data.test();
            int n = Math.min(test.size(), 512);
            long e0 = System.nanoTime();
            evaluate(test instanceof org.bagoftricks.data.ArrayImageSet a && n < test.size()
                    ? a.subset(java.util.stream.IntStream.range(0, n).toArray()) : test, store);
            double evalSeconds = (System.nanoTime() - e0) / 1e9 * test.size() / n;
            return perStep * steps + evalSeconds;
        }
    }

    /**
     * Writes a checkpoint to {@code file} after every epoch (model, optimizer state, history) and,
     * if the file already holds one, resumes from it: a killed run continues from its last
     * completed epoch and ends exactly as the uninterrupted run would have. {@code identity}
     * names what is trained (recipe and data); a checkpoint of something else is refused.
     */
    public Trainer checkpointTo(Path file, String identity) {
        this.checkpoint = file;
        this.identity = identity;
        return this;
    }

    /** The mixed-precision state (loss scale, skipped steps), or null when training in FP32. */
    public MixedPrecision mixedPrecision() {
        return mixed;
    }

    /** Saves the model's parameters (atomically) for a later {@code Recipe.distill(teacher, path, ...)} or reuse. */
    public Path saveModel(Path file) {
        return AtomicFiles.write(file, out -> model.saveParameters(new DataOutputStream(out)));
    }

    /** The callbacks of the recipe's tricks, in order (for checkpoints). */
    List<Callback> callbacks() {
        return callbacks;
    }

    /** The model evaluation uses: the trained one, or what the tricks make of it (an average of its weights). */
    Block evaluated() {
        Block net = model;
        for (Callback c : callbacks) {
            net = c.evaluated(net);
        }
        return net;
    }

    /** Loss, top-1 and top-5 of the current model on {@code set} (inference mode, eval augmentation). */
    public Metrics.Eval evaluate(ImageSet set) {
        return evaluate(set, new ParameterStore(manager, false));
    }

    private Metrics.Eval evaluate(ImageSet set, ParameterStore store) {
        return new Evaluator(recipe, manager, evaluated(), store).evaluate(set);
    }

    /**
     * The current model's logits for every image of {@code set}, one row per image in the set's
     * order (inference mode, evaluation augmentation): e.g. for the logit gap of label smoothing.
     */
    public float[][] logits(ImageSet set) {
        return new Evaluator(recipe, manager, evaluated(), new ParameterStore(manager, false)).logits(set);
    }

    /**
     * Transfer (§6): starts this trainer's model from a network of the same recipe trained on
     * another task with {@code sourceClasses} classes and saved by {@link #saveModel}: every
     * parameter is copied except those of the final dense layer. Call before {@link #fit()}.
     */
    public Trainer initializeFrom(Path weights, int sourceClasses) {
        if (mixed != null) {
            throw new IllegalStateException("transfer into an FP16 recipe is not supported: initialize in FP32");
        }
        try (NDManager scratch = manager.newSubManager()) {
            Transfer.copyExceptHead(Transfer.load(recipe, sourceClasses, weights, scratch), model);
        }
        return this;
    }

    /**
     * Trains only the classifier from here on: every other parameter keeps its value (after
     * {@link #initializeFrom}, a linear probe of the transferred features; on a fresh trainer,
     * of random ones). Batch norms still re-estimate their running statistics on this data, as
     * in training. Call it before {@link #fit}.
     */
    public Trainer freezeAllButHead() {
        if (mixed != null || parallel != null) {
            throw new IllegalStateException("freezing is supported in FP32 on one device: drop fp16() and use one device");
        }
        Transfer.freezeAllButHead(model);
        optimizer.skipFrozen();
        return this;
    }

    /** What the recipe's tricks see of this run as they start. */
    private record Context(Recipe recipe, Dataset data, NDManager manager, Block model, Progress progress)
            implements Training {
        @Override
        public byte[] parametersOf(Recipe needed) {
            return Teachers.parameters(needed, data, progress);
        }
    }

    @Override
    public void close() {
        if (parallel != null) {
            parallel.close();
        }
        optimizer.close();
        manager.close();
    }
}
