package org.bagoftricks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tricks added after the paper's, through the registry alone: the command line trains them by name. */
class NewTricksCliTest {
    @Test
    void compareTrainsCutmixAndEmaByName(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, Main.run("compare", "--train-images", "80", "--test-images", "40", "--epochs", "1",
                "--width", "0.125", "--batch-size", "16", "--tricks", "cutmix,ema", "--ema-decay", "0.9",
                "--no-store", "--out", out.toString(), "-q"));
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals(4, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(2).startsWith("baseline + cutmix(1),+ cutmix,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("baseline + ema(0.9),+ ema,"), csv.get(3));
    }

    @Test
    void compareNotesATeacherNoBetterThanItsStudent(@TempDir Path tmp) throws Exception {
        // A teacher at the student's width and epochs is the baseline row's own run in the store:
        // exactly as good as the recipe it teaches, which the comparison must say.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("compare", "--train-images", "80", "--test-images", "40", "--epochs", "1",
                    "--width", "0.125", "--batch-size", "16", "--tricks", "distill", "--teacher-width", "0.125",
                    "--store", tmp.resolve("store").toString(), "--jobs", "1", "--out", tmp.resolve("out").toString(),
                    "-q"));
        } finally {
            System.setOut(stdout);
        }
        String printed = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> csv = Files.readAllLines(tmp.resolve("out").resolve("ablation.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        String top1 = String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(csv.get(1).split(",")[2]));
        assertTrue(printed.contains("Note: the teacher of 'baseline + distill(T=20)' reached " + top1 + "% top-1, not above"
                + " the " + top1 + "% of 'baseline'"), printed);
    }
}
