package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {
    @TempDir Path dir;

    private ArrayImageSet sample() {
        byte[] px = TestData.randomBytes(5 * 3 * 2 * 3, 1);
        return new ArrayImageSet(3, 2, px, new int[] {1, 0, 1, 2, 0}, List.of("zéro", "un", "deux €"), "sample ünïcode");
    }

    @Test void roundTripKeepsEverything() throws IOException {
        ArrayImageSet set = sample();
        Path file = dir.resolve("sub").resolve("set.bin");
        ImageSetFile.write(set, file);
        ArrayImageSet back = ImageSetFile.read(file, "fix");
        assertEquals(set.classes(), back.classes());
        assertEquals(set.description(), back.description());
        assertEquals(3, back.width());
        assertEquals(2, back.height());
        assertArrayEquals(set.labels(), back.labels());
        for (int i = 0; i < set.size(); i++) {
            assertArrayEquals(set.image(i).pixels(), back.image(i).pixels());
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
    }

    @Test void truncatedCacheNamesTheFileAndTheFix() throws IOException {
        Path file = dir.resolve("set.bin");
        ImageSetFile.write(sample(), file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 7);
        }
        DataException e = assertThrows(DataException.class, () -> ImageSetFile.read(file, "delete it and fetch again"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().endsWith("delete it and fetch again"), e.getMessage());
    }

    @Test void foreignFileIsRejectedByItsMagic() throws IOException {
        Path file = dir.resolve("set.bin");
        Files.write(file, TestData.randomBytes(4000, 2));
        DataException e = assertThrows(DataException.class, () -> ImageSetFile.read(file, "fix"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test void missingFileNamesTheFix() {
        Path file = dir.resolve("absent.bin");
        DataException e = assertThrows(DataException.class, () -> ImageSetFile.read(file, "run the fetch"));
        assertTrue(e.getMessage().contains("absent.bin") && e.getMessage().contains("run the fetch"), e.getMessage());
    }
}
