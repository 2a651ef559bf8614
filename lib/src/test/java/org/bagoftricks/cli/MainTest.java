package org.bagoftricks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"compare", "train", "models", "data"}) {
            out.reset();
            assertEquals(0, Main.run(cmd, "--help"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: tricks " + cmd), cmd);
        }
    }
}
