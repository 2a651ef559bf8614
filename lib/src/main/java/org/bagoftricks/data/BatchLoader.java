package org.bagoftricks.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces augmented batches on background threads, ahead of the training loop.
 *
 * <p>Deterministic: the order of epoch e is a permutation drawn from (seed, e), and sample at
 * position p of epoch e is augmented with a {@link SplittableRandom} derived from (seed, e, p),
 * so batches are identical whatever the number of threads or their scheduling.
 *
 * <p>Each batch is split among the threads; up to {@code prefetch} batches are prepared beyond
 * the one the consumer holds, which bounds memory. Only one epoch runs at a time: starting an
 * epoch abandons the previous one. Not for use by several consumers at once.
 */
public final class BatchLoader implements AutoCloseable {
    private final ImageSet set;
    private final Augmentation augmentation;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final int threads;
    private final int prefetch;
    private final ExecutorService pool;
    private final AtomicLong waitNanos = new AtomicLong();
    private volatile boolean closed;
    private EpochIterator current;

    private BatchLoader(Builder b) {
        this.set = b.set;
        this.augmentation = b.augmentation;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.threads = b.threads;
        this.prefetch = b.prefetch;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch-loader-" + count.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive if the caller forgets close()
            return t;
        });
    }

    public static Builder builder(ImageSet set, Augmentation augmentation) {
        return new Builder(set, augmentation);
    }

    /**
     * The first {@code n} images of a set, in order, through {@code augmentation} in one batch: a fixed
     * sample to probe trained networks with (the study's probes); no shuffling, no background threads.
     */
    public static Batch first(ImageSet set, Augmentation augmentation, int n) {
        if (n < 1 || n > set.size()) {
            throw new IllegalArgumentException("first(" + n + ") of a set of " + set.size()
                    + " images: ask for 1 to " + set.size());
        }
        try (BatchLoader loader = builder(set, augmentation).batchSize(n)
                .shuffle(false).dropLast(false).threads(1).build()) {
            Batch b = loader.epoch(0).next();
            return new Batch(b.images().clone(), b.labels().clone(), b.size(), b.side());
        }
    }

    public int batchesPerEpoch() {
        return dropLast ? set.size() / batchSize : (set.size() + batchSize - 1) / batchSize;
    }

    public int batchSize() { return batchSize; }

    public int threads() { return threads; }

    /** Which image of the set comes at each position of epoch {@code epoch}. */
    public int[] order(int epoch) {
        int[] order = new int[set.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch, -1));
            for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Iterates the batches of one epoch, preparing the next ones in the background. */
    public synchronized Iterator<Batch> epoch(int epoch) {
        if (closed) {
            throw new IllegalStateException("this BatchLoader is closed");
        }
        if (current != null) {
            current.cancel();
        }
        current = new EpochIterator(epoch);
        return current;
    }

    /** Total time the consumer has spent blocked in {@code next()} waiting for a batch, in seconds. */
    public double waitSeconds() {
        return waitNanos.get() / 1e9;
    }

    /** Stops the workers, also in the middle of an epoch; pending {@code next()} calls fail. */
    @Override public synchronized void close() {
        closed = true;
        if (current != null) {
            current.cancel();
        }
        pool.shutdownNow(); // interrupts running augmentations
    }

    /** For tests: waits until the worker threads have ended after {@link #close()}. */
    boolean awaitTermination(long seconds) throws InterruptedException {
        return pool.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** Seed of a sample's random stream: distinct, well-mixed for every (seed, epoch, position). */
    static long mix(long seed, int epoch, long position) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        h = mix64(h + epoch * 0xBF58476D1CE4E5B9L + 1);
        return mix64(h + position * 0x94D049BB133111EBL + 2);
    }

    private static long mix64(long z) { // SplitMix64 finalizer
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int epoch;
        private final int[] order;
        private final int batches = batchesPerEpoch();
        private final ConcurrentLinkedDeque<CompletableFuture<Batch>> pending = new ConcurrentLinkedDeque<>();
        private volatile boolean cancelled;
        private int submitted;
        private int taken;

        EpochIterator(int epoch) {
            this.epoch = epoch;
            this.order = order(epoch);
            submitUpTo(prefetch - 1);
        }

        @Override public boolean hasNext() {
            return taken < batches;
        }

        @Override public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
            }
            if (closed || cancelled) {
                throw new IllegalStateException("epoch " + epoch + " was abandoned: the loader was closed"
                        + " or a later epoch was started");
            }
            try {
                submitUpTo(taken + prefetch);
            } catch (RejectedExecutionException e) {
                throw new IllegalStateException("epoch " + epoch + " was abandoned: the loader was closed", e);
            }
            CompletableFuture<Batch> future = pending.pollFirst();
            if (future == null) {
                throw new IllegalStateException("epoch " + epoch + " was abandoned: the loader was closed");
            }
            int index = taken++;
            long start = System.nanoTime();
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new IllegalStateException("interrupted while waiting for batch " + index + " of epoch " + epoch, e);
            } catch (CancellationException e) {
                throw new IllegalStateException("epoch " + epoch + " was abandoned: the loader was closed", e);
            } catch (ExecutionException e) {
                cancel();
                Throwable cause = e.getCause();
                String message = "Loading batch " + index + " of epoch " + epoch + " failed: " + cause;
                if (cause instanceof Error error) {
                    throw error;
                }
                if (cause instanceof CancellationException) {
                    throw new IllegalStateException("epoch " + epoch + " was abandoned: the loader was closed", cause);
                }
                throw cause instanceof DataException ? new DataException(message, cause) : new RuntimeException(message, cause);
            } finally {
                waitNanos.addAndGet(System.nanoTime() - start);
            }
        }

        private void submitUpTo(int last) {
            while (submitted <= last && submitted < batches && !closed) {
                pending.addLast(submit(submitted++));
            }
        }

        /** One batch: its samples split into one contiguous chunk per thread. */
        private CompletableFuture<Batch> submit(int b) {
            int first = b * batchSize;
            int size = Math.min(batchSize, order.length - first);
            int side = augmentation.size();
            int stride = 3 * side * side;
            float[] images = new float[Math.multiplyExact(size, stride)];
            int[] labels = new int[size];
            int chunks = Math.min(threads, size);
            CompletableFuture<?>[] parts = new CompletableFuture<?>[chunks];
            for (int c = 0; c < chunks; c++) {
                int from = c * size / chunks;
                int to = (c + 1) * size / chunks;
                parts[c] = CompletableFuture.runAsync(() -> {
                    for (int k = from; k < to; k++) {
                        if (cancelled || Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("batch loading stopped");
                        }
                        int position = first + k;
                        int index = order[position];
                        SplittableRandom rng = new SplittableRandom(mix(seed, epoch, position));
                        augmentation.apply(set.image(index), rng, images, k * stride);
                        labels[k] = set.label(index);
                    }
                }, pool);
            }
            return CompletableFuture.allOf(parts).thenApply(v -> new Batch(images, labels, size, side));
        }

        void cancel() {
            cancelled = true;
            // Completes the futures so that a waiting consumer wakes up even if queued tasks are dropped.
            pending.forEach(f -> f.cancel(true));
        }
    }

    /** Settings of a {@link BatchLoader}; defaults: batch 32, shuffle, keep the last partial batch. */
    public static final class Builder {
        private final ImageSet set;
        private final Augmentation augmentation;
        private int batchSize = 32;
        private boolean shuffle = true;
        private boolean dropLast = false;
        private long seed = 0;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int prefetch = 2;

        private Builder(ImageSet set, Augmentation augmentation) {
            this.set = Objects.requireNonNull(set, "set");
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Batches prepared ahead of the one the consumer holds; 0 prepares each on demand. */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be at least 0, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        public BatchLoader build() {
            if (set.size() == 0) {
                throw new IllegalArgumentException("the image set is empty: " + set.description());
            }
            if (dropLast && set.size() < batchSize) {
                throw new IllegalArgumentException("dropLast with batch size " + batchSize + " leaves no batch of the "
                        + set.size() + " images of " + set.description() + ": lower the batch size");
            }
            return new BatchLoader(this);
        }
    }
}
