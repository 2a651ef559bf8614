package org.bagoftricks.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bagoftricks.data.Datasets;
import org.bagoftricks.data.RgbImage;
import org.bagoftricks.tricks.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One measurement of {@code ./tricks bench} in its own JVM (so that its peak memory is its own);
 * the launcher's driver runs it alternately with the PyTorch peer. Hidden from the help.
 */
@Command(name = "bench-worker", hidden = true, mixinStandardHelpOptions = true,
        description = "One measurement for ./tricks bench (train-step, augment or real-run); prints key value lines.")
final class BenchWorker implements Callable<Integer> {
    @Option(names = "--what", required = true, description = "train-step, augment or real-run")
    String what;

    @Option(names = "--model", defaultValue = "cifar_resnet18")
    String model;

    @Option(names = "--width", defaultValue = "0.25")
    double width;

    @Option(names = "--image-size", defaultValue = "32")
    int imageSize;

    @Option(names = "--batch-size", defaultValue = "128")
    int batchSize;

    @Option(names = "--classes", defaultValue = "10")
    int classes;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--steps", defaultValue = "10")
    int steps;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads")
    int threads;

    @Option(names = "--interop-threads", defaultValue = "1")
    int interopThreads;

    @Option(names = "--preset", defaultValue = "imagenet", description = "augment: imagenet or small-image")
    String preset;

    @Option(names = "--images", description = "augment: folder of PNG files to augment")
    Path images;

    @Option(names = "--seconds", defaultValue = "3")
    double seconds;

    @Option(names = "--rounds", defaultValue = "3")
    int rounds;

    @Option(names = "--epochs", defaultValue = "3", description = "real-run: epochs of the baseline recipe")
    int epochs;

    @Option(names = "--augmentation", defaultValue = "imagenet", description = "real-run: augmentation preset")
    String augmentation;

    @Override
    public Integer call() {
        if (!List.of("train-step", "augment", "real-run").contains(what)) {
            throw new IllegalArgumentException("--what must be train-step, augment or real-run, got " + what);
        }
        Bench.threads(threads, interopThreads);
        switch (what) {
            case "train-step" -> Bench.trainStep(model, width, imageSize, batchSize, classes, warmup, steps, System.out);
            case "augment" -> Bench.augmentation(preset, imageSize, readAll(images), seconds, rounds, System.out);
            case "real-run" -> Bench.realRun(Recipe.baseline().epochs(epochs).augmentation(Main.preset(augmentation)),
                    Datasets.embedded(), System.out);
            default -> throw new IllegalArgumentException("--what must be train-step, augment or real-run, got " + what);
        }
        System.out.flush();
        return 0;
    }

    private static List<RgbImage> readAll(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("augment needs --images DIR");
        }
        List<RgbImage> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                BufferedImage b = ImageIO.read(f.toFile());
                byte[] px = new byte[b.getWidth() * b.getHeight() * 3];
                for (int y = 0, i = 0; y < b.getHeight(); y++) {
                    for (int x = 0; x < b.getWidth(); x++) {
                        int rgb = b.getRGB(x, y);
                        px[i++] = (byte) (rgb >> 16);
                        px[i++] = (byte) (rgb >> 8);
                        px[i++] = (byte) rgb;
                    }
                }
                list.add(new RgbImage(b.getWidth(), b.getHeight(), px));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no PNG files in " + dir);
        }
        return list;
    }
}
