package org.bagoftricks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldErr;
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
        System.setOut(oldOut);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandIsAOneLineErrorWithExitCode2() {
        assertEquals(2, Main.run("bogus"));
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().contains("'bogus'"));
    }

    @Test
    void badOptionValuesAreOneLineErrors() {
        assertEquals(2, Main.run("compare", "--epochs", "x"));
        assertTrue(errText().contains("--epochs"), errText());
        err.reset();
        assertEquals(2, Main.run("train", "--epochs", "0", "--quiet"));
        assertTrue(errText().contains("epochs must be at least 1"), errText());
        assertEquals(1, errText().strip().lines().count(), errText());
        err.reset();
        assertEquals(2, Main.run("train", "--augmentation", "fancy", "--epochs", "1", "-q"));
        assertTrue(errText().contains("unknown augmentation 'fancy'"), errText());
        err.reset();
        assertEquals(2, Main.run("train", "--model", "resnet51", "--epochs", "1", "-q"));
        assertTrue(errText().contains("resnet51"), errText());
    }

    @Test
    void missingDataIsAClearError() {
        assertEquals(1, Main.run("train", "--data", "/nonexistent/folder", "-q"));
        assertTrue(errText().startsWith("tricks: "), errText());
        assertTrue(errText().contains("/nonexistent/folder"), errText());
    }

    /** A tiny ImageNet-style folder: 2 classes (red, blue), 12 train and 4 val images each. */
    private static Path folder(Path root) throws java.io.IOException {
        for (String split : new String[] {"train", "val"}) {
            for (String cls : new String[] {"red", "blue"}) {
                Path dir = java.nio.file.Files.createDirectories(root.resolve(split).resolve(cls));
                for (int i = 0; i < (split.equals("train") ? 12 : 4); i++) {
                    java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(16, 16,
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 16; y++) {
                        for (int x = 0; x < 16; x++) {
                            int v = (x * 7 + y * 3 + i * 11) % 60;
                            im.setRGB(x, y, cls.equals("red") ? (190 + v) << 16 | v << 8 | v : v << 16 | v << 8 | (190 + v));
                        }
                    }
                    javax.imageio.ImageIO.write(im, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    @Test
    void aBudgetCurveTrainsEveryRecipeAtEveryLengthInWorkerProcesses(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path data = folder(tmp.resolve("data"));
        Path store = tmp.resolve("store");
        Path dir = tmp.resolve("out");
        String[] args = {"compare", "--data", data.toString(), "--image-size", "16", "--batch-size", "8", "--epochs",
            "2,1", "--width", "0.125", "--seeds", "2", "--tricks", "cosine,warmup", "--store", store.toString(),
            "--out", dir.toString(), "--jobs", "2", "-q"};
        assertEquals(0, Main.run(args), errText());
        assertTrue(errText().contains("trained 2 at a time in worker processes"), errText());
        // 2 lengths x 3 recipes x 2 seeds, each trained by a worker and stored once; at 1 epoch the
        // 5-epoch warm-up shortens to 0 and "+ warmup" is the base itself (one run): 10 entries
        out.reset();
        assertEquals(0, Main.run("runs", "--store", store.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(10 entries)"), out.toString(StandardCharsets.UTF_8));
        java.util.List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("budget.csv"));
        assertEquals(1 + 6, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("epochs,added,seeds,top1_mean,delta_mean,delta_ci_low,delta_ci_high"), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,-,2,"), "shortest first: " + csv.get(1));
        assertTrue(csv.get(4).startsWith("2,-,2,"), csv.get(4));
        assertTrue(java.nio.file.Files.exists(dir.resolve("budget.png")));
        assertTrue(java.nio.file.Files.exists(dir.resolve("e1").resolve("ablation.csv")));
        assertTrue(java.nio.file.Files.exists(dir.resolve("e2").resolve("ablation.csv")));
        assertTrue(csv.get(3).startsWith("1,+ warmup,2,"), csv.get(3));
    }

    @Test
    void baseTricksAreInEveryRowAndTheTeacherIsTheBaseWider(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path data = folder(tmp.resolve("data"));
        Path dir = tmp.resolve("out");
        assertEquals(0, Main.run("compare", "--data", data.toString(), "--image-size", "16", "--batch-size", "8",
                "--epochs", "2", "--width", "0.125", "--base-tricks", "warmup,zero-gamma", "--warmup-epochs", "1",
                "--tricks", "cosine", "--no-store", "--out", dir.toString(), "-q"), errText());
        java.util.List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("ablation.csv"));
        assertTrue(csv.get(1).startsWith("baseline + warmup(1) + zero-gamma,-,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("baseline + warmup(1) + zero-gamma + cosine,+ cosine,"), csv.get(2));
    }

    @Test
    void jobsAndLengthsAreCheckedBeforeAnyTraining() {
        assertEquals(2, Main.run("compare", "--jobs", "0", "-q"));
        assertTrue(errText().contains("--jobs must be at least 1"), errText());
        err.reset();
        assertEquals(2, Main.run("compare", "--jobs", "2", "--no-store", "-q"));
        assertTrue(errText().contains("needs the results store"), errText());
        err.reset();
        assertEquals(2, Main.run("compare", "--jobs", "many", "-q"));
        assertTrue(errText().contains("--jobs takes a number"), errText());
        err.reset();
        assertEquals(2, Main.run("compare", "--epochs", "5,10", "-q"));
        assertTrue(errText().contains("name them with --tricks"), errText());
        err.reset();
        assertEquals(2, Main.run("train", "--epochs", "5,10", "-q"));
        assertTrue(errText().contains("several lengths (a budget curve) are for 'tricks compare'"), errText());
        err.reset();
        assertEquals(2, Main.run("compare", "--base-tricks", "cosine", "--tricks", "cosine", "-q"));
        assertTrue(errText().contains("in both --base-tricks and --tricks"), errText());
        err.reset();
        assertEquals(2, Main.run("compare", "--epochs", "0,5", "--tricks", "cosine", "-q"));
        assertTrue(errText().contains("at least 1 epoch"), errText());
    }

    @Test
    void compareWithSeedsStoresRunsAndWritesAReport(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path data = folder(tmp.resolve("data"));
        Path store = tmp.resolve("store");
        Path report = tmp.resolve("report.html");
        String[] args = {"compare", "--data", data.toString(), "--image-size", "16", "--batch-size", "8", "--epochs",
            "1", "--width", "0.125", "--seeds", "2", "--store", store.toString(), "--out", tmp.resolve("out").toString(),
            "--report", report.toString(), "-q"};
        assertEquals(0, Main.run(args), errText());
        String html = java.nio.file.Files.readString(report);
        assertTrue(html.contains("<table"), "the report holds the table");
        assertTrue(html.contains("data:image/png;base64,"), "and the charts");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("top1 % [95% CI]"), printed);
        assertTrue(printed.lines().takeWhile(l -> !l.startsWith("Recipes:")).allMatch(l -> l.length() <= 120),
                "a table a terminal can show:\n" + printed);
        out.reset();
        assertEquals(0, Main.run("runs", "--store", store.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(4 entries)"), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, Main.run(args), "asked again: taken from the store");
        out.reset();
        assertEquals(0, Main.run("runs", "--store", store.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(4 entries)"));
        assertEquals(0, Main.run("runs", "--store", store.toString(), "remove", "--older-than", "0m"));
        out.reset();
        assertEquals(0, Main.run("runs", "--store", store.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(0 entries)"));
        assertEquals(2, Main.run("runs", "remove"), "nothing named: a usage error");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"compare", "train", "runs", "models", "data"}) {
            out.reset();
            assertEquals(0, Main.run(cmd, "--help"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: tricks " + cmd), cmd);
        }
    }
}
