package org.bagoftricks.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bagoftricks.Djl;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.store.RunStore;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.Machine;
import org.bagoftricks.training.Progress;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.bagoftricks.experiments.Runner;

/**
 * Several runs of a comparison at once ({@code --jobs}): the command starts N copies of itself as
 * worker processes, each with cores / N PyTorch threads. Every worker walks the whole plan in
 * order and trains each run that is neither stored nor being trained by another worker (the
 * store's per-run file lock decides), so the work spreads itself however long each run is. When
 * all have finished, the command builds its tables from the store as a single process would; a
 * run a worker could not finish is reported, and the same command resumes it.
 *
 * <p>Why processes: on 2 cores, two 1-thread processes trained two runs in 136.9 s where one
 * 2-thread process took 86.6 s for one (1.27x the throughput; 2 epochs of 10,000 CIFAR-10 images
 * each with a 10,000-image test, on an idle machine; data/reference/README.md). PyTorch's
 * threads within one step synchronise at every operator; separate processes never wait for
 * each other.
 */
final class Jobs {
    private Jobs() {}

    static final String AUTO_NOTE = "as many processes as cores (at most 4, one PyTorch thread each) on a machine"
            + " without a GPU when there are several runs to train; 1 with a GPU, --no-store or --budget";

    private static volatile List<String> args = List.of();

    /** The command line of this process, which the workers repeat. */
    static void commandLine(String... a) {
        args = List.of(a);
    }

    /** The number of processes for {@code spec} ("auto" or N) and {@code runs} planned runs. */
    static int resolve(String spec, int runs, boolean noStore, boolean budget) {
        if (spec == null || spec.equalsIgnoreCase("auto")) {
            if (noStore || budget || runs < 2 || gpus() > 0) {
                return 1;
            }
            return Math.max(1, Math.min(runs, Math.min(4, Runtime.getRuntime().availableProcessors())));
        }
        int n;
        try {
            n = Integer.parseInt(spec.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--jobs takes a number of processes or auto, got '" + spec + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + n);
        }
        if (n > 1 && noStore) {
            throw new IllegalArgumentException("--jobs " + n + " needs the results store (its workers hand their runs"
                    + " over through it): drop --no-store, or use --jobs 1");
        }
        if (n > 1 && budget) {
            throw new IllegalArgumentException("--budget measures each recipe's speed alone on the machine: use --jobs 1");
        }
        return Math.min(n, Math.max(1, runs));
    }

    private static int gpus() {
        try {
            return Djl.engine().getGpuCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Starts {@code n} workers repeating this command line and waits for them all. */
    static void runWorkers(int n, int runs) {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(1, cores / n);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        command.add("--worker");
        System.err.printf(Locale.ROOT, "tricks: %d runs, trained %d at a time in worker processes of %d PyTorch"
                + " thread%s each (--jobs; finished runs go to the results store)%n", runs, n, threads,
                threads == 1 ? "" : "s");
        List<Process> workers = new ArrayList<>();
        Thread killer = new Thread(() -> workers.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            for (int i = 0; i < n; i++) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
                pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                pb.environment().put("TRICKS_WORKER", Integer.toString(i + 1));
                workers.add(pb.start());
                if (i + 1 < n) {
                    Thread.sleep(2000); // the first claims the first run before the next one looks
                }
            }
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                int code = workers.get(i).waitFor();
                if (code != 0) {
                    failed.add("worker " + (i + 1) + " (exit code " + code + ")");
                }
            }
            if (!failed.isEmpty()) {
                throw new IllegalStateException(String.join(", ", failed) + " failed: see its message above. The runs"
                        + " that finished are in the results store; the same command resumes the others.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start a worker process (" + e.getMessage() + "): use --jobs 1", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(Process::destroy);
            throw new IllegalStateException("interrupted while the workers trained; the store keeps what finished");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook runs
            }
        }
    }

    /**
     * A worker's runner: the stored run, or trained now, or, when another worker is training it,
     * a placeholder the worker does not report (the command reads the real run from the store).
     */
    static Runner claimingRunner(RunStore store) {
        return (recipe, data, progress) -> store.claim(recipe, data, progress).orElseGet(() -> placeholder(recipe, data));
    }

    private static Run placeholder(Recipe recipe, Dataset data) {
        EpochStats nothing = new EpochStats(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
        return new Run(recipe, data.name(), "trained by another worker", Machine.current(), "", Instant.now(),
                List.of(nothing));
    }

    /** A line when a worker starts a run and one per epoch, each naming the worker and the run. */
    static Progress workerProgress() {
        String who = "[worker " + System.getenv().getOrDefault("TRICKS_WORKER", "?") + "] ";
        return new Progress() {
            private String name = "";
            private int epochs;
            private long seed;

            @Override
            public void onRunStart(String runName, int totalEpochs, int batchesPerEpoch) {
                name = runName;
                epochs = totalEpochs;
                System.err.printf(Locale.ROOT, "%s%s: %d epochs x %d batches%n", who, runName, totalEpochs, batchesPerEpoch);
            }

            @Override
            public void onEpoch(EpochStats s) {
                String test = Double.isNaN(s.testTop1()) ? "not tested" : String.format(Locale.ROOT, "test top-1 %.2f%%",
                        100 * s.testTop1());
                System.err.printf(Locale.ROOT, "%s%s: epoch %d/%d loss %.4f %s (%.0f img/s, %.0f s)%n", who, name,
                        s.epoch() + 1, epochs, s.trainLoss(), test, s.imagesPerSecond(), s.seconds());
            }
        };
    }
}
