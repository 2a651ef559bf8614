package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {
    @TempDir Path dir;

    @Test void openKnowsTheRecordedNames() {
        assertSame(Datasets.embedded(), Datasets.open("cifar10-embedded"));
    }

    @Test void unknownSpecListsTheChoices() {
        DataException e = assertThrows(DataException.class, () -> Datasets.open("imagenet-21k"));
        String m = e.getMessage();
        assertTrue(m.contains("'imagenet-21k'") && m.contains("'embedded'") && m.contains("'cifar10'")
                && m.contains("train/<class>/"), m);
    }

    @Test void cacheDirFromEnvironment() {
        Path home = dir.resolve("home");
        assertEquals(Path.of("/data/x"), Datasets.defaultCacheDir(Map.of("TRICKS_DATA", "/data/x"), dir, home));
    }

    @Test void cacheDirInTheRepositoryFoundByWalkingUp() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("tricks"), "#!/bin/sh\n");
        Files.createDirectories(repo.resolve("data"));
        Path deep = Files.createDirectories(repo.resolve("lib/src/main"));
        assertEquals(repo.resolve("data/cache"), Datasets.defaultCacheDir(Map.of(), deep, dir.resolve("home")));
    }

    @Test void cacheDirFallsBackToHome() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve("a/data")); // data/ without tricks is not the repository
        Path home = dir.resolve("home");
        assertEquals(home.resolve(".bagoftricks/data"), Datasets.defaultCacheDir(Map.of("TRICKS_DATA", " "), elsewhere, home));
    }
}
