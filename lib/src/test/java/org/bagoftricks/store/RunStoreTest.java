package org.bagoftricks.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.Progress;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.bagoftricks.training.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    private static final Dataset DATA = SyntheticData.colours(4, 96, 16, 16, 1);

    private static Recipe tiny() {
        return Recipe.baseline().imageSize(16).epochs(3).batchSize(32).width(0.125).smallImageAugmentation();
    }

    /** Counts what the store did: trained epochs and runs taken from the store. */
    static final class Recorder implements Progress {
        final List<Integer> epochs = new ArrayList<>();
        int stored;

        @Override
        public void onEpoch(EpochStats stats) {
            epochs.add(stats.epoch());
        }

        @Override
        public void onStoredRun(Run run) {
            stored++;
        }
    }

    @Test
    void keyChangesWithEverySettingButNotTheLabel() {
        RunKey k = RunKey.of(tiny(), DATA);
        assertEquals(k, RunKey.of(tiny(), DATA));
        assertEquals(k.id(), RunKey.of(tiny().label("my name"), DATA).id(), "the label is only a display name");
        assertEquals(16, k.id().length());
        List<Recipe> changed = List.of(tiny().seed(1), tiny().epochs(4), tiny().cosine(), tiny().lr(0.05),
                tiny().width(0.25), tiny().model("cifar_resnet18d"), tiny().labelSmoothing(), tiny().mixup(0.3),
                tiny().distill(tiny().width(0.5)), tiny().distill(tiny().width(0.5).epochs(5)), tiny().fp16(),
                tiny().accumulate(2), tiny().weightDecay(5e-4), tiny().augmentation(
                        org.bagoftricks.data.AugmentPreset.IMAGENET), tiny().zeroGamma(), tiny().noBiasDecay(),
                tiny().warmup(1), tiny().linearScaling(), tiny().momentum(0.8), tiny().batchSize(64), tiny().evaluateEvery(2));
        List<String> ids = new ArrayList<>(List.of(k.id()));
        for (Recipe r : changed) {
            String id = RunKey.of(r, DATA).id();
            assertFalse(ids.contains(id), r.name() + " " + r.diff(tiny()) + " should change the key");
            ids.add(id);
        }
        assertNotEquals(k, RunKey.of(tiny(), SyntheticData.colours(4, 95, 16, 16, 1)), "other data, other key");
    }

    @Test
    void aRunAskedForAgainIsTakenFromTheStoreUnlessFresh(@TempDir Path dir) {
        RunStore store = RunStore.at(dir);
        Recorder first = new Recorder();
        Run trained = store.run(tiny(), DATA, first, false);
        assertEquals(List.of(0, 1, 2), first.epochs);
        Recorder second = new Recorder();
        Run again = store.run(tiny(), DATA, second, false);
        assertEquals(List.of(), second.epochs, "nothing trained");
        assertEquals(1, second.stored);
        assertEquals(trained.epochs(), again.epochs(), "the same history, at full precision");
        assertEquals(trained.machine(), again.machine());
        Recorder fresh = new Recorder();
        store.run(tiny(), DATA, fresh, true);
        assertEquals(List.of(0, 1, 2), fresh.epochs, "--fresh trains again");
        assertEquals(1, store.list().size());
        assertEquals("complete", store.list().get(0).status());
        assertTrue(store.weights(tiny(), DATA).isPresent());
    }

    @Test
    void aRunTrainingNowIsListedWithItsEpochsDone(@TempDir Path dir) {
        RunStore store = RunStore.at(dir);
        List<String> seen = new ArrayList<>();
        Progress watcher = new Progress() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                if (batch == 1) {
                    seen.add(store.list().get(0).status());
                }
            }
        };
        store.run(tiny(), DATA, watcher, false);
        assertEquals(List.of("training: first epoch", "training: 1 of 3 epochs done", "training: 2 of 3 epochs done"), seen);
        assertEquals("complete", store.list().get(0).status());
    }

    @Test
    void aKilledRunResumesAndEndsAsTheUninterruptedRun(@TempDir Path dir) {
        Run uninterrupted = RunStore.at(dir.resolve("a")).run(tiny(), DATA, Progress.QUIET, false);
        RunStore store = RunStore.at(dir.resolve("b"));
        Progress killer = new Progress() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                if (epoch == 1 && batch == 2) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> store.run(tiny(), DATA, killer, false));
        Path folder = store.folder(RunKey.of(tiny(), DATA));
        assertFalse(Files.exists(folder.resolve("run.json")), "no result from a killed run");
        assertTrue(Files.exists(folder.resolve("checkpoint.bin")));
        RunStore.Entry interrupted = store.list().get(0);
        assertEquals("interrupted after 1 of 3 epochs (resumes when asked again)", interrupted.status());
        assertEquals(tiny().seed(), interrupted.seed());
        assertEquals(1, interrupted.epochs());
        assertEquals(DATA.name(), interrupted.data());
        assertTrue(RunStore.table(store.list()).doubleColumn("top1").isMissing(0), "no top-1 before the run ends (not 0)");
        Recorder resumed = new Recorder();
        Run run = store.run(tiny(), DATA, resumed, false);
        assertEquals(List.of(1, 2), resumed.epochs, "resumed after the last completed epoch");
        assertArrayEquals(uninterrupted.epochs().stream().mapToDouble(EpochStats::trainLoss).toArray(),
                run.epochs().stream().mapToDouble(EpochStats::trainLoss).toArray(), 0.0);
        assertArrayEquals(uninterrupted.epochs().stream().mapToDouble(EpochStats::testTop1).toArray(),
                run.epochs().stream().mapToDouble(EpochStats::testTop1).toArray(), 0.0);
        assertFalse(Files.exists(folder.resolve("checkpoint.bin")), "the checkpoint goes once the run is stored");
    }

    @Test
    void resumingAlsoWorksWithMixupAndMixedPrecision(@TempDir Path dir) {
        Recipe r = tiny().mixup().fp16().epochs(2);
        Run uninterrupted = RunStore.at(dir.resolve("a")).run(r, DATA, Progress.QUIET, false);
        RunStore store = RunStore.at(dir.resolve("b"));
        Progress killer = new Progress() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                if (epoch == 1) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> store.run(r, DATA, killer, false));
        Run run = store.run(r, DATA, Progress.QUIET, false);
        assertEquals(uninterrupted.epochs().get(1).trainLoss(), run.epochs().get(1).trainLoss(), 0.0);
    }

    @Test
    void corruptAndForeignEntriesGiveClearErrorsAndAreLeftUntouched(@TempDir Path dir) throws Exception {
        RunStore store = RunStore.at(dir);
        Path folder = store.folder(RunKey.of(tiny(), DATA));
        Files.createDirectories(folder);
        Path json = folder.resolve("run.json");
        Files.writeString(json, "{\"format\": \"bagoftricks-run/1\", \"trunc");
        StoreException e = assertThrows(StoreException.class, () -> store.find(tiny(), DATA));
        assertTrue(e.getMessage().contains(json.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertThrows(StoreException.class, () -> store.run(tiny(), DATA, Progress.QUIET, true), "not overwritten");
        assertEquals("{\"format\": \"bagoftricks-run/1\", \"trunc", Files.readString(json));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        List<RunStore.Entry> entries = store.list();
        assertEquals(2, entries.size());
        assertTrue(entries.stream().anyMatch(x -> x.status().startsWith("unreadable")));
        assertTrue(entries.stream().anyMatch(x -> x.id().equals("notes.txt") && x.status().startsWith("not a run")));
        assertThrows(StoreException.class, () -> store.remove("notes.txt"));
        assertThrows(StoreException.class, () -> store.remove("../x"));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        store.remove(folder.getFileName().toString());
        assertFalse(Files.exists(folder));
    }

    @Test
    void oldRunsCanBeRemovedByAge(@TempDir Path dir) {
        RunStore store = RunStore.at(dir);
        store.run(tiny().epochs(1), DATA, Progress.QUIET, false);
        assertEquals(List.of(), store.removeOlderThan(Duration.ofDays(1)));
        assertEquals(1, store.removeOlderThan(Duration.ZERO.minusSeconds(1)).size());
        assertEquals(List.of(), store.list());
        assertEquals(Duration.ofDays(30), RunStore.parseAge("30d"));
        assertThrows(IllegalArgumentException.class, () -> RunStore.parseAge("soon"));
    }

    @Test
    void aRunAnotherProcessIsTrainingIsSkippedByClaimAndRefusedByRun(@TempDir Path root) throws Exception {
        RunStore store = RunStore.at(root);
        Recipe r = tiny().epochs(1);
        Path dir = java.nio.file.Files.createDirectories(store.folder(RunKey.of(r, DATA)));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = ch.lock()) {
            Recorder rec = new Recorder();
            assertTrue(store.claim(r, DATA, rec).isEmpty(), "busy: skipped at once");
            assertTrue(rec.epochs.isEmpty(), "nothing trained");
            StoreException e = assertThrows(StoreException.class, () -> store.run(r, DATA, Progress.QUIET, false));
            assertTrue(e.getMessage().contains("another process is training"), e.getMessage());
        }
        Recorder rec = new Recorder();
        assertTrue(store.claim(r, DATA, rec).isPresent(), "free again: trained");
        assertEquals(List.of(0), rec.epochs);
        assertTrue(store.claim(r, DATA, rec).isPresent());
        assertEquals(1, rec.stored, "then taken from the store");
    }

    @Test
    void aLockHeldForAnInstantDoesNotMakeARunLookBusy(@TempDir Path root) throws Exception {
        // what a listing does (list() asks whether a process holds the lock by taking it for an instant)
        RunStore store = RunStore.at(root);
        Recipe r = tiny().epochs(1).seed(5);
        Path dir = java.nio.file.Files.createDirectories(store.folder(RunKey.of(r, DATA)));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.lock();
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(30);
                    held.release();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            Recorder rec = new Recorder();
            assertTrue(store.claim(r, DATA, rec).isPresent(), "claimed once the instant passed, not skipped");
            assertEquals(List.of(0), rec.epochs);
            release.join();
        }
    }

    @Test
    void aDistillingRunsTeacherIsAStoredRunOfItsOwnTrainedOnce(@TempDir Path root) {
        RunStore store = RunStore.at(root);
        Recipe teacher = tiny().epochs(1).width(0.25);
        Recorder rec = new Recorder();
        store.run(tiny().epochs(1).distill(teacher), DATA, rec, false);
        store.run(tiny().epochs(1).seed(7).distill(teacher), DATA, rec, false);
        assertEquals(3, store.list().size(), "two students and one teacher: " + store.list());
        assertTrue(store.find(teacher.label("teacher"), DATA).isPresent(), "the teacher is stored under its own recipe");
        assertEquals(List.of(0, 0, 0), rec.epochs, "the teacher trained once, each student once");
        assertEquals(1, rec.stored, "the second student found the teacher in the store");
        Recipe need = tiny().epochs(1).distill(teacher).needs().get(0);
        assertEquals(store.find(teacher, DATA).orElseThrow().top1(),
                org.bagoftricks.training.Trainer.trainedTop1(need, DATA).orElseThrow(), "the teacher's top-1 is known");
    }

    @Test
    void aTeacherNoBetterThanItsStudentIsNoted(@TempDir Path root) {
        RunStore store = RunStore.at(root);
        Recipe base = tiny().epochs(1).seed(11);
        // The teacher is the base recipe itself: the same run (a label is not part of a run's key),
        // so it is exactly as good as the student it teaches, and cannot show distillation's worth.
        // Cumulative: the third row keeps the teacher and is compared with the distilled second row,
        // which is no student without the teacher; only the row that brings the teacher in is noted.
        var c = org.bagoftricks.experiments.Comparison.of(DATA)
                .recipes(List.of(base, base.distill(base), base.distill(base).cosine()))
                .baseOf(i -> Math.max(0, i - 1)).runner(store.runner(false)).run();
        assertEquals(3, store.list().size(), "the teacher is the base row's run: " + store.list());
        List<String> notes = c.notes();
        assertEquals(1, notes.size(), notes.toString());
        String top1 = String.format(java.util.Locale.ROOT, "%.2f%%", 100 * c.runs().get(0).top1());
        assertTrue(notes.get(0).contains("reached " + top1 + " top-1, not above the " + top1), notes.get(0));
        assertTrue(notes.get(0).contains("--teacher-epochs"), notes.get(0));
        assertTrue(c.report().html().contains("Note: the teacher of"), "the report says it too");
    }
}
