package org.bagoftricks.training;

import org.bagoftricks.tricks.Recipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bagoftricks.data.ArrayImageSet;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.ImageSet;
import org.bagoftricks.data.Datasets;

/**
 * Resident memory (VmRSS) of a quick model's process after each of several evaluation passes on
 * the embedded test set, or after each epoch of a real run: how the growth described in the
 * docs/speed-and-memory.md ("What is left") was measured. Not a test. From {@code lib/}, after
 * {@code mvn -o -pl lib test-compile}, with the launcher's malloc settings in the environment:
 *
 * <pre>
 * java [options] -cp 'target/classes:target/test-classes:target/lib/*' \
 *     org.bagoftricks.training.EvalMemory [evaluations or epochs] [width] [test images]
 * </pre>
 *
 * Options: {@code -DtrainImages=N} trains on the first N training images and prints RSS after
 * each epoch (each epoch ends with an evaluation); {@code -DforwardOnly=true} runs the
 * evaluation's forward passes on constant images, without the loader; {@code -Dgc=true} and
 * {@code -Dtrim=true} collect garbage or trim glibc's heap after each evaluation.
 */
public final class EvalMemory {
    public static void main(String[] args) throws Exception {
        int evals = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double width = args.length > 1 ? Double.parseDouble(args[1]) : 0.25;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        Dataset all = Datasets.embedded();
        ImageSet test = all.test().size() <= limit ? all.test()
                : ((ArrayImageSet) all.test()).subset(IntStream.range(0, limit).toArray());
        Dataset data = new Dataset(all.name(), all.train(), test);
        int trainImages = Integer.getInteger("trainImages", 0);
        if (trainImages > 0) {
            epochs(evals, width, new Dataset(all.name(),
                    ((ArrayImageSet) all.train()).subset(IntStream.range(0, trainImages).toArray()), test));
            return;
        }
        Recipe r = Recipe.baseline().width(width);
        System.out.println("test images: " + data.test().size() + ", eval batch: " + Math.max(r.batchSize(), 256));
        try (Trainer t = new Trainer(r, data)) {
            System.out.println("before: " + rssMiB() + " MiB");
            for (int i = 1; i <= evals; i++) {
                long t0 = System.nanoTime();
                double top1 = FORWARD_ONLY ? forwardOnly(t, r, test.size()) : t.evaluate(data.test()).top1();
                if (Boolean.getBoolean("gc")) {
                    System.gc();
                }
                if (Boolean.getBoolean("trim")) {
                    var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
                    System.out.print(server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()}));
                }
                System.out.printf("eval %2d: RSS %d MiB, top1 %.4f, %.1f s, direct %d MiB%n", i, rssMiB(), top1,
                        (System.nanoTime() - t0) / 1e9, directMiB());
            }
        }
    }

    /** A real run of {@code epochs} epochs (training, then evaluation): RSS after each epoch. */
    private static void epochs(int epochs, double width, Dataset data) throws Exception {
        Recipe r = Recipe.baseline().width(width).epochs(epochs);
        System.out.println("train images: " + data.train().size() + ", test images: " + data.test().size());
        Progress rss = new Progress() {
            @Override
            public void onEpoch(EpochStats stats) {
                try {
                    System.out.printf("epoch %2d: RSS %d MiB, top1 %.4f, %.0f s, direct %d MiB%n", stats.epoch() + 1,
                            rssMiB(), stats.testTop1(), stats.seconds(), directMiB());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (Trainer t = new Trainer(r, data, rss)) {
            System.out.println("before: " + rssMiB() + " MiB");
            t.fit();
        }
    }

    private static final boolean FORWARD_ONLY = Boolean.getBoolean("forwardOnly");

    /** The evaluation's forward passes alone, on constant images: no loader, no augmentation. */
    private static double forwardOnly(Trainer t, Recipe r, int images) {
        int side = r.imageSize();
        ai.djl.training.ParameterStore store = new ai.djl.training.ParameterStore(t.manager(), false);
        for (int from = 0; from < images; from += 256) {
            int n = Math.min(256, images - from);
            float[] x = new float[n * 3 * side * side];
            java.util.Arrays.fill(x, 0.5f);
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                scope.suppressNotUsedWarning();
                ai.djl.ndarray.NDArray a = t.manager().create(x, new ai.djl.ndarray.types.Shape(n, 3, side, side));
                t.model().forward(store, new ai.djl.ndarray.NDList(a), false).singletonOrThrow().toFloatArray();
            }
        }
        return 0;
    }

    static long directMiB() {
        return java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream().filter(b -> b.getName().equals("direct")).mapToLong(b -> b.getMemoryUsed()).sum() >> 20;
    }

    static long rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
