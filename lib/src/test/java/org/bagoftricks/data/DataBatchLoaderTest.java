package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataBatchLoaderTest {
    private static final int N = 103;
    private final ArrayImageSet set = TestData.indexed(N, 4, 5);

    private static List<Batch> epoch(BatchLoader loader, int epoch) {
        List<Batch> batches = new ArrayList<>();
        loader.epoch(epoch).forEachRemaining(batches::add);
        return batches;
    }

    @Test void sameSeedSameBatchesWhateverTheThreads() {
        TestData.Scale noisy = new TestData.Scale(4, true);
        try (BatchLoader one = BatchLoader.builder(set, noisy).batchSize(10).seed(7).threads(1).prefetch(0).build();
             BatchLoader three = BatchLoader.builder(set, noisy).batchSize(10).seed(7).threads(3).prefetch(3).build()) {
            for (int e = 0; e < 2; e++) {
                List<Batch> a = epoch(one, e);
                List<Batch> b = epoch(three, e);
                assertEquals(11, a.size());
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).images(), b.get(i).images(), "epoch " + e + " batch " + i);
                    assertArrayEquals(a.get(i).labels(), b.get(i).labels());
                }
            }
        }
    }

    @Test void differentSeedsDifferentOrderAndNoise() {
        TestData.Scale noisy = new TestData.Scale(4, true);
        try (BatchLoader a = BatchLoader.builder(set, noisy).batchSize(10).seed(1).build();
             BatchLoader b = BatchLoader.builder(set, noisy).batchSize(10).seed(2).build()) {
            assertFalse(Arrays.equals(a.order(0), b.order(0)));
            assertFalse(Arrays.equals(a.epoch(0).next().images(), b.epoch(0).next().images()));
        }
    }

    @Test void everySampleOncePerEpochWithItsLabel() {
        try (BatchLoader loader = BatchLoader.builder(set, new TestData.Scale(4, false)).batchSize(10).seed(3).threads(2).build()) {
            assertEquals(11, loader.batchesPerEpoch());
            List<Batch> batches = epoch(loader, 0);
            assertEquals(11, batches.size());
            int[] seen = new int[N];
            List<Integer> order = new ArrayList<>();
            for (Batch b : batches) {
                assertEquals(4, b.side());
                for (int k = 0; k < b.size(); k++) {
                    int index = TestData.sampleIndex(b, k);
                    seen[index]++;
                    order.add(index);
                    assertEquals(set.label(index), b.labels()[k]);
                    // Without noise the floats are the image bytes: compare one more pixel, CHW.
                    assertEquals(set.image(index).get(3, 2, 2), b.images()[k * 48 + 2 * 16 + 2 * 4 + 3], 0f);
                }
            }
            assertEquals(3, batches.get(10).size(), "last partial batch kept");
            int[] once = new int[N];
            Arrays.fill(once, 1);
            assertArrayEquals(once, seen);
            assertEquals(Arrays.stream(loader.order(0)).boxed().toList(), order);
        }
    }

    @Test void dropLastDropsOnlyThePartialBatch() {
        try (BatchLoader loader = BatchLoader.builder(set, new TestData.Scale(4, false)).batchSize(10).dropLast(true).build()) {
            assertEquals(10, loader.batchesPerEpoch());
            List<Batch> batches = epoch(loader, 0);
            assertEquals(10, batches.size());
            long distinct = batches.stream().flatMapToInt(b -> java.util.stream.IntStream.range(0, b.size())
                    .map(k -> TestData.sampleIndex(b, k))).distinct().count();
            assertEquals(100, distinct);
        }
    }

    @Test void reshufflesEveryEpochButNotWithoutShuffle() {
        try (BatchLoader shuffled = BatchLoader.builder(set, new TestData.Scale(4, false)).seed(9).build();
             BatchLoader plain = BatchLoader.builder(set, new TestData.Scale(4, false)).shuffle(false).batchSize(50).build()) {
            int[] e0 = shuffled.order(0);
            int[] e1 = shuffled.order(1);
            assertNotEquals(Arrays.toString(e0), Arrays.toString(e1));
            assertArrayEquals(e0.clone(), shuffled.order(0), "the order of an epoch is reproducible");
            int[] sorted = e1.clone();
            Arrays.sort(sorted);
            assertArrayEquals(java.util.stream.IntStream.range(0, N).toArray(), sorted, "a permutation");
            Batch first = plain.epoch(4).next();
            for (int k = 0; k < first.size(); k++) {
                assertEquals(k, TestData.sampleIndex(first, k));
            }
        }
    }

    @Test void workerErrorReachesTheConsumerWithItsCause() {
        DataException broken = new DataException("image 42 is corrupt: replace it");
        ImageSet failing = new ImageSet() {
            @Override public int size() { return set.size(); }
            @Override public int label(int i) { return set.label(i); }
            @Override public RgbImage image(int i) {
                if (i == 42) {
                    throw broken;
                }
                return set.image(i);
            }
            @Override public java.util.List<String> classes() { return set.classes(); }
            @Override public String description() { return "failing"; }
        };
        try (BatchLoader loader = BatchLoader.builder(failing, new TestData.Scale(4, false)).batchSize(10)
                .shuffle(false).threads(2).build()) {
            Iterator<Batch> it = loader.epoch(0);
            for (int b = 0; b < 4; b++) {
                it.next(); // samples 0..39 are fine
            }
            DataException e = assertThrows(DataException.class, it::next);
            assertSame(broken, e.getCause());
            assertTrue(e.getMessage().contains("batch 4 of epoch 0") && e.getMessage().contains("image 42"), e.getMessage());
            assertThrows(IllegalStateException.class, it::next, "an epoch that failed does not go on");
        }
    }

    @Test void closeMidEpochStopsTheWorkers() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Augmentation stuck = new Augmentation() {
            @Override public int size() { return 4; }
            @Override public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
                if (calls.incrementAndGet() > 20) {
                    try {
                        never.await(); // a worker blocked in a slow augmentation
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
            }
            @Override public String describe() { return "stuck"; }
        };
        BatchLoader loader = BatchLoader.builder(set, stuck).batchSize(5).threads(2).prefetch(2).build();
        Iterator<Batch> it = loader.epoch(0);
        it.next();
        it.next();
        loader.close();
        assertTrue(loader.awaitTermination(30), "worker threads ended");
        // Consumed 2 batches with 2 ahead: at most 4 batches of 5 were ever started.
        assertTrue(calls.get() <= 4 * 5 + 2, "calls " + calls.get());
        assertThrows(IllegalStateException.class, it::next);
        assertThrows(IllegalStateException.class, () -> loader.epoch(1));
    }

    @Test void prefetchIsBounded() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        TestData.Scale scale = new TestData.Scale(4, false);
        Augmentation counting = new Augmentation() {
            @Override public int size() { return 4; }
            @Override public void apply(RgbImage image, SplittableRandom rng, float[] out, int offset) {
                calls.incrementAndGet();
                scale.apply(image, rng, out, offset);
            }
            @Override public String describe() { return "counting"; }
        };
        BatchLoader loader = BatchLoader.builder(set, counting).batchSize(5).threads(2).prefetch(3).build();
        Iterator<Batch> it = loader.epoch(0);
        it.next();
        loader.close();
        assertTrue(loader.awaitTermination(30));
        assertTrue(calls.get() <= (1 + 3) * 5, "at most the held batch and 3 ahead were made, calls " + calls.get());
    }

    @Test void waitTimeIsMeasured() {
        try (BatchLoader loader = BatchLoader.builder(set, new TestData.Scale(4, false)).prefetch(0).build()) {
            assertEquals(0.0, loader.waitSeconds());
            epoch(loader, 0);
            assertTrue(loader.waitSeconds() > 0);
        }
    }

    @Test void firstIsTheSetsFirstImagesInOrder() {
        Batch b = BatchLoader.first(set, new TestData.Scale(4, false), 7);
        assertEquals(7, b.size());
        assertEquals(7 * 3 * 4 * 4, b.images().length);
        for (int k = 0; k < 7; k++) {
            assertEquals(k, TestData.sampleIndex(b, k));
            assertEquals(set.label(k), b.labels()[k]);
        }
        assertEquals(N, BatchLoader.first(set, new TestData.Scale(4, false), N).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchLoader.first(set, new TestData.Scale(4, false), N + 1));
        assertTrue(e.getMessage().contains("ask for 1 to " + N), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.first(set, new TestData.Scale(4, false), 0));
    }

    @Test void builderRejectsNonsense() {
        TestData.Scale s = new TestData.Scale(4, false);
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.builder(set, s).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.builder(set, s).threads(0));
        assertThrows(IllegalArgumentException.class, () -> BatchLoader.builder(set, s).batchSize(200).dropLast(true).build());
    }
}
