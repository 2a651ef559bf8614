package org.bagoftricks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
    @TempDir Path root;

    /** A 6x4 image whose pixel (x, y) is (10x + y, 20 + y, 200 - x); JPEGs get a flat colour instead. */
    private static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(6, 4, type);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                image.setRGB(x, y, 0xFF000000 | (10 * x + y) << 16 | (20 + y) << 8 | (200 - x));
            }
        }
        return image;
    }

    private void write(BufferedImage image, String format, String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "ImageIO wrote " + path);
    }

    @BeforeEach void makeFolders() throws IOException {
        write(picture(BufferedImage.TYPE_INT_RGB), "png", "train/cat/a.png");
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, 0x3C8CDC); // (60, 140, 220)
            }
        }
        write(flat, "jpg", "train/cat/b.JPG");
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(2, 1, 0, 7);
        write(grey, "png", "train/dog/c.png");
        BufferedImage rgba = picture(BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 1, 0x40112233); // mostly transparent: the colour must survive unchanged
        write(rgba, "png", "train/dog/d.png");
        Files.writeString(root.resolve("train/dog/notes.txt"), "not an image");
        write(picture(BufferedImage.TYPE_INT_RGB), "png", "val/cat/e.png");
        write(flat, "jpeg", "val/dog/f.jpeg");
    }

    @Test void readsClassesLabelsAndPixels() {
        Dataset d = Datasets.folder(root);
        assertEquals("folder:" + root, d.name());
        assertEquals(List.of("cat", "dog"), d.classes());
        assertEquals(0, d.imageSide());
        FolderImageSet train = (FolderImageSet) d.train();
        assertEquals(4, train.size());
        assertEquals(List.of("a.png", "b.JPG", "c.png", "d.png"),
                IntStream.range(0, 4).mapToObj(i -> train.file(i).getFileName().toString()).toList());
        assertArrayEquals(new int[] {0, 0, 1, 1}, IntStream.range(0, 4).map(train::label).toArray());
        assertEquals(2, d.test().size());
        assertArrayEquals(new int[] {0, 1}, new int[] {d.test().label(0), d.test().label(1)});

        RgbImage a = train.image(0);
        assertEquals(6, a.width());
        assertEquals(4, a.height());
        assertEquals(10 * 5 + 3, a.get(5, 3, 0));
        assertEquals(20 + 3, a.get(5, 3, 1));
        assertEquals(200 - 5, a.get(5, 3, 2));

        RgbImage jpeg = train.image(1);
        int[] flat = {60, 140, 220};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(jpeg.get(8, 8, c) - flat[c]) <= 4, "JPEG channel " + c + " = " + jpeg.get(8, 8, c));
        }

        RgbImage grey = train.image(2); // grey replicated as is, no gamma conversion
        for (int c = 0; c < 3; c++) {
            assertEquals(100, grey.get(0, 0, c));
            assertEquals(7, grey.get(2, 1, c));
            assertEquals(0, grey.get(1, 0, c));
        }

        RgbImage rgba = train.image(3); // alpha dropped, colour kept
        assertEquals(0x11, rgba.get(1, 1, 0));
        assertEquals(0x22, rgba.get(1, 1, 1));
        assertEquals(0x33, rgba.get(1, 1, 2));
        assertEquals(10 * 4 + 2, rgba.get(4, 2, 0));
    }

    @Test void decodesConcurrentlyLikeSequentially() {
        ImageSet train = Datasets.open(root.toString()).train();
        List<RgbImage> sequential = IntStream.range(0, train.size()).mapToObj(train::image).toList();
        for (int round = 0; round < 3; round++) {
            List<RgbImage> parallel = IntStream.range(0, train.size()).parallel().mapToObj(train::image).toList();
            for (int i = 0; i < sequential.size(); i++) {
                assertArrayEquals(sequential.get(i).pixels(), parallel.get(i).pixels());
            }
        }
    }

    @Test void missingValFolderIsNamed() throws IOException {
        Cifar10.deleteTree(root.resolve("val"));
        DataException e = assertThrows(DataException.class, () -> Datasets.folder(root));
        assertTrue(e.getMessage().startsWith(root.resolve("val") + " is missing"), e.getMessage());
    }

    @Test void emptyClassIsNamed() throws IOException {
        Files.createDirectories(root.resolve("train/emu"));
        Files.writeString(root.resolve("train/emu/readme.txt"), "no images yet");
        DataException e = assertThrows(DataException.class, () -> Datasets.folder(root));
        assertTrue(e.getMessage().contains(root.resolve("train/emu").toString())
                && e.getMessage().contains("class 'emu'"), e.getMessage());
    }

    @Test void valClassUnknownToTrainIsNamed() throws IOException {
        write(picture(BufferedImage.TYPE_INT_RGB), "png", "val/fox/g.png");
        DataException e = assertThrows(DataException.class, () -> Datasets.folder(root));
        assertTrue(e.getMessage().contains(root.resolve("val/fox").toString()), e.getMessage());
    }

    @Test void corruptImageNamesTheFileAndTheFix() throws IOException {
        Path bad = root.resolve("train/dog/c.png");
        Files.write(bad, TestData.randomBytes(300, 5));
        ImageSet train = Datasets.folder(root).train(); // listing works: decoding is lazy
        DataException e = assertThrows(DataException.class, () -> train.image(2));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("remove or replace"), e.getMessage());

        byte[] png = Files.readAllBytes(root.resolve("train/cat/a.png"));
        Path truncated = root.resolve("train/dog/d.png");
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        DataException t = assertThrows(DataException.class, () -> train.image(3));
        assertTrue(t.getMessage().contains(truncated.toString()) && t.getMessage().contains("truncated"), t.getMessage());
    }

    @Test void truncatedJpegIsAnErrorNotGreyPixels() throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rng = new SplittableRandom(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        write(noise, "jpg", "train/cat/b.JPG");
        Path jpeg = root.resolve("train/cat/b.JPG");
        byte[] full = Files.readAllBytes(jpeg);
        ImageSet train = Datasets.folder(root).train();
        assertEquals(64, train.image(1).width(), "the intact JPEG decodes");
        Files.write(jpeg, Arrays.copyOf(full, full.length / 2));
        DataException e = assertThrows(DataException.class, () -> train.image(1));
        assertTrue(e.getMessage().contains(jpeg.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }
}
