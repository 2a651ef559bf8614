package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ReferenceResultsTest {
    @Test
    void readsRunsAndTheCommandThatMadeThem(@TempDir Path dir) throws Exception {
        Run a = ResultsTest.fakeRun(Recipe.baseline(), 0.2, 0.4);
        Run b = ResultsTest.fakeRun(Recipe.baseline().cosine(), 0.3, 0.5);
        Results.write(a, dir.resolve("x"));
        Results.write(b, dir.resolve("y"));
        Files.writeString(dir.resolve("x").resolve("command.txt"), "./tricks train --epochs 2\n");
        List<ReferenceResults.Entry> e = ReferenceResults.entries(dir);
        assertEquals(2, e.size());
        Table t = ReferenceResults.table(dir);
        assertEquals(2, t.rowCount());
        assertEquals(50.0, t.doubleColumn("top1").asList().stream().mapToDouble(Double::doubleValue).max().orElse(0), 1e-9);
        String d = ReferenceResults.describe(dir);
        assertTrue(d.contains("`./tricks train --epochs 2`"), d);
        assertTrue(d.contains("test-data") && d.contains("2026-11-28") && d.contains("2 runs"), d);
    }

    @Test
    void aPartResumedOnAnotherMachineNamesEach(@TempDir Path dir) throws Exception {
        Results.write(ResultsTest.fakeRun(Recipe.baseline(), 0.2), dir);
        assertTrue(ReferenceResults.describe(dir).contains("machine: cpu, 2 cores, engine,"), ReferenceResults.describe(dir));
        Run a = ResultsTest.fakeRun(Recipe.baseline().seed(43), 0.2);
        Results.write(new Run(a.recipe(), a.data(), a.dataDescription(), new org.bagoftricks.training.Machine("other cpu", 2,
                1024, "os", "java", "engine"), a.libraryVersion(), a.started(), a.epochs()), dir);
        Results.write(ResultsTest.fakeRun(Recipe.baseline().seed(44), 0.2), dir);
        String d = ReferenceResults.describe(dir);
        assertTrue(d.contains("machines: cpu, 2 cores, engine (2 runs); other cpu, 2 cores, engine (1 run),"), d);
    }

    @Test
    void aComparisonCsvIsShownAsWritten(@TempDir Path dir) throws Exception {
        Results.write(ResultsTest.fakeRun(Recipe.baseline(), 0.2), dir);
        Files.writeString(dir.resolve("ablation.csv"), "recipe,top1\nbase,12.5\n");
        Table t = ReferenceResults.table(dir);
        assertEquals(1, t.rowCount());
        assertEquals(12.5, t.numberColumn("top1").getDouble(0), 1e-9);
    }

    @Test
    void aMissingFolderSaysWhereReferenceResultsLive(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceResults.table(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("data/reference"), e.getMessage());
    }
}
