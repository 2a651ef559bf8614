package org.bagoftricks.cli;

import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.Progress;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.Recipe;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bagoftricks.Djl;
import org.bagoftricks.data.ArrayImageSet;
import org.bagoftricks.data.Augmentation;
import org.bagoftricks.data.Batch;
import org.bagoftricks.data.AugmentPreset;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.RgbImage;
import org.bagoftricks.models.ModelStats;

/**
 * The Java side of {@code ./tricks bench}: one process measures one thing and prints
 * {@code key value} lines that the driver ({@code bench/drive.py}) reads. Timing is done here, the
 * comparison with PyTorch (ratios, spreads, CSV) in the driver, which alternates this process with
 * the PyTorch peer ({@code bench/peer.py}). Not used by training and never by the tests' timing.
 *
 * <p>The training step is {@link Trainer}'s own, for the baseline recipe (FP32, no tricks): the
 * batch copied from a Java array into a native array, forward in training mode, soft-target
 * cross entropy, the loss read back, backward, top-1 hits read back, a NAG step (momentum 0.9,
 * weight decay 1e-4 on every parameter) and cleared gradients. The data is synthetic, of the
 * real shape.
 */
public final class Bench {
    private Bench() {}

    /** Sets PyTorch's thread counts; must run before the engine loads (DJL reads them once). */
    public static void threads(int intraOp, int interOp) {
        Djl.configure();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOp));
    }

    /**
     * Times {@code steps} training steps after {@code warmup} untimed ones and prints one
     * {@code step SECONDS RSS_KB CPU_SECONDS} line per timed step (CPU: of the whole process), then {@code params}, {@code threads} and
     * {@code hwm_kb} (the process's peak resident memory, read after the last step).
     */
    public static void trainStep(String model, double width, int imageSize, int batch, int classes,
                                 int warmup, int steps, PrintStream out) {
        Recipe recipe = Recipe.baseline().model(model).width(width).imageSize(imageSize).batchSize(batch);
        try (Trainer trainer = new Trainer(recipe, placeholderData(classes))) {
            out.println("params " + ModelStats.parameters(trainer.model()));
            out.println("threads " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + " "
                    + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
            SplittableRandom rng = new SplittableRandom(7);
            float[] images = new float[batch * 3 * imageSize * imageSize];
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) (rng.nextDouble() * 4 - 2);
            }
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = rng.nextInt(classes);
            }
            Batch b = new Batch(images, labels, batch, imageSize);
            ParameterStore store = new ParameterStore(trainer.manager(), false);
            for (int s = 0; s < warmup + steps; s++) {
                long t0 = System.nanoTime();
                long c0 = processCpuNanos();
                trainer.trainStep(b, 0.01, store);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - c0) / 1e9;
                if (s >= warmup) {
                    out.printf(Locale.ROOT, "step %.6f %d %.6f%n", seconds, residentKb(), cpu);
                }
            }
        }
        out.println("hwm_kb " + peakResidentKb());
    }

    /** A data set that only names {@code classes} classes: the trainer needs the count, the bench feeds batches. */
    private static Dataset placeholderData(int classes) {
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(k -> "class" + k).toList();
        int[] labels = java.util.stream.IntStream.range(0, classes).toArray();
        ArrayImageSet set = new ArrayImageSet(1, 1, new byte[3 * classes], labels, names, "synthetic");
        return new Dataset("synthetic", set, set);
    }

    /**
     * Images per second of one augmentation on one thread over {@code images}, after a warm-up,
     * printed as {@code aug NAME IMAGES_PER_SECOND} for each of {@code rounds} timed rounds.
     */
    public static void augmentation(String preset, int size, List<RgbImage> images, double seconds, int rounds,
                                    PrintStream out) {
        Augmentation aug = switch (preset) {
            case "imagenet" -> AugmentPreset.IMAGENET.train(size);
            case "small-image" -> AugmentPreset.SMALL_IMAGE.train(size);
            default -> throw new IllegalArgumentException("unknown preset " + preset);
        };
        float[] buf = new float[3 * size * size];
        SplittableRandom rng = new SplittableRandom(3);
        runFor(aug, images, rng, buf, Math.min(2.0, seconds)); // JIT warm-up
        for (int r = 0; r < rounds; r++) {
            long[] n = runFor(aug, images, rng, buf, seconds);
            out.printf(Locale.ROOT, "aug %s %.2f%n", preset, n[0] / (n[1] / 1e9));
        }
    }

    private static long[] runFor(Augmentation aug, List<RgbImage> images, SplittableRandom rng, float[] buf,
                                 double seconds) {
        long start = System.nanoTime();
        long stop = start + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < stop) {
            for (RgbImage img : images) {
                aug.apply(img, rng, buf, 0);
                n++;
            }
        }
        return new long[] {n, System.nanoTime() - start};
    }

    /**
     * A real training run of {@code recipe} on {@code data}: prints per epoch the training
     * seconds, the seconds the loop waited for the loader, the process's resident memory after the
     * epoch and the Java heap's committed and used size, which are part of it
     * ({@code epoch E TRAIN_S WAIT_S RSS_KB HEAP_COMMITTED_KB HEAP_USED_KB}), then {@code hwm_kb}.
     */
    public static void realRun(Recipe recipe, Dataset data, PrintStream out) {
        List<EpochStats> epochs = new ArrayList<>();
        Progress p = new Progress() {
            @Override
            public void onEpoch(EpochStats s) {
                epochs.add(s);
                // Train seconds from the epoch's throughput, so evaluation is not counted.
                double train = recipe.batchSize() * (double) (data.train().size() / recipe.batchSize())
                        / s.imagesPerSecond();
                Runtime rt = Runtime.getRuntime();
                out.printf(Locale.ROOT, "epoch %d %.3f %.3f %d %d %d%n", s.epoch(), train, s.dataWaitSeconds(),
                        residentKb(), rt.totalMemory() / 1024, (rt.totalMemory() - rt.freeMemory()) / 1024);
                out.flush();
            }
        };
        Trainer.train(recipe, data, p);
        out.println("hwm_kb " + peakResidentKb());
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmHWM of this process in kB (peak resident set), or -1 where /proc is missing. */
    public static long peakResidentKb() {
        return status("VmHWM:");
    }

    /** VmRSS of this process in kB, or -1 where /proc is missing. */
    public static long residentKb() {
        return status("VmRSS:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
