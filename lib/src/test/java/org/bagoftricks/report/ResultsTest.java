package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bagoftricks.AtomicFiles;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.Machine;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultsTest {
    static Run fakeRun(Recipe r, double... top1) {
        List<EpochStats> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < top1.length; i++) {
            epochs.add(new EpochStats(i, 0.1, 2.0 - i * 0.1, 0.3, 1.9, top1[i], 0.9, 100, 10, 0.1));
        }
        return new Run(r, "test-data", "a description", new Machine("cpu", 2, 1024, "os", "java", "engine"), "dev",
                Instant.parse("2026-11-28T00:00:00Z"), epochs);
    }

    @Test
    void writesHistoryCsvAndMetadataThatReadBack(@TempDir Path dir) throws IOException {
        Run run = fakeRun(Recipe.baseline().cosine(), 0.3, 0.4);
        Path csv = Results.write(run, dir);
        assertEquals("baseline-cosine-seed42.csv", csv.getFileName().toString());
        Table t = Table.read().csv(csv.toFile());
        assertEquals(2, t.rowCount());
        assertEquals(40.0, t.numberColumn("test_top1").getDouble(1), 1e-9);
        String json = Files.readString(dir.resolve("baseline-cosine-seed42.json"));
        assertTrue(json.contains("\"schedule\": \"cosine\""), json);
        assertTrue(json.contains("\"data\": \"test-data\""));
        assertTrue(json.contains("\"cpu\": \"cpu\""));
        assertTrue(json.contains("\"top1\": 0.4"));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aFailedWriteLeavesThePreviousFileIntact(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("x.csv");
        AtomicFiles.writeString(target, "old complete content\n");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old complete content\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }

    @Test
    void summaryTableHasOneRowPerRunWithDeltaToTheFirst() {
        Table t = Tables.summary("s", List.of(fakeRun(Recipe.baseline(), 0.5), fakeRun(Recipe.baseline().cosine(), 0.5234)));
        assertEquals(List.of("recipe", "top1", "top5", "delta_top1", "final_loss", "img_per_s", "minutes"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(2.34, t.doubleColumn("delta_top1").get(1), 1e-9);
        assertTrue(Tables.html(t).contains("<table"));
    }

    @Test
    void chartsRenderToPng(@TempDir Path dir) throws IOException {
        List<Run> runs = List.of(fakeRun(Recipe.baseline(), 0.3, 0.5), fakeRun(Recipe.baseline(), 0.2, 0.6));
        Path png = Charts.savePng(Charts.testAccuracy(runs), dir.resolve("c.png"));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertEquals(2, Charts.testAccuracy(runs).getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count(),
                "same-named runs get distinct series");
        assertTrue(Charts.image(Charts.top1Bars(runs)).getWidth() > 100);
        assertEquals(1, Charts.lrSchedule(List.of(Recipe.baseline()), 10).getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count());
    }
}
