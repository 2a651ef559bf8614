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
}
