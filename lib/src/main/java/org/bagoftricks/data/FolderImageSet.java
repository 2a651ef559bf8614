package org.bagoftricks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Image files in class folders ({@code split/<class>/*.jpg|jpeg|png}), decoded with ImageIO on
 * each {@link #image} call; only the file list is held in memory. Thread-safe: each call
 * decodes with its own reader.
 */
public final class FolderImageSet implements ImageSet {
    private final Path folder;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> classes;

    private FolderImageSet(Path folder, List<Path> files, int[] labels, List<String> classes) {
        this.folder = folder;
        this.files = List.copyOf(files);
        this.labels = labels;
        this.classes = List.copyOf(classes);
    }

    /** {@code root/train} and {@code root/val}; classes are the sorted folder names of train. */
    static Dataset dataset(Path root) {
        Path train = root.resolve("train");
        Path val = root.resolve("val");
        for (Path split : List.of(train, val)) {
            if (!Files.isDirectory(split)) {
                throw new DataException(split + " is missing: an image folder data set needs " + root
                        + "/train/<class>/*.jpg and " + root + "/val/<class>/*.jpg (ImageNet/Imagenette layout)");
            }
        }
        List<String> classes = classFolders(train);
        if (classes.isEmpty()) {
            throw new DataException(train + " has no class folders: put the images of each class in "
                    + train + "/<class>/");
        }
        for (String c : classFolders(val)) {
            if (!classes.contains(c)) {
                throw new DataException(val.resolve(c) + " is a class that " + train + " does not have: add "
                        + train.resolve(c) + " with training images, or remove it from val");
            }
        }
        return new Dataset("folder:" + root, scan(train, classes, true), scan(val, classes, false));
    }

    private static FolderImageSet scan(Path split, List<String> classes, boolean everyClass) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path dir = split.resolve(classes.get(c));
            if (!Files.isDirectory(dir) && !everyClass) {
                continue; // a validation split may lack a class
            }
            List<Path> images = list(dir).stream().filter(FolderImageSet::isImage).sorted().toList();
            if (images.isEmpty()) {
                throw new DataException(dir + " has no .jpg, .jpeg or .png images: add images of class '"
                        + classes.get(c) + "' or delete the folder");
            }
            files.addAll(images);
            for (int k = 0; k < images.size(); k++) {
                labels.add(c);
            }
        }
        return new FolderImageSet(split, files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }

    private static List<String> classFolders(Path split) {
        return list(split).stream().filter(Files::isDirectory)
                .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new DataException("Cannot list " + dir + " (" + e + "): check that it exists and is readable", e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && Files.isRegularFile(file)
                && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    @Override public int size() { return files.size(); }

    @Override public int label(int index) { return labels[index]; }

    /** The file of image {@code index}. */
    public Path file(int index) { return files.get(index); }

    @Override public RgbImage image(int index) {
        return Images.read(files.get(index), "remove or replace the file (convert it to RGB JPEG or PNG)");
    }

    @Override public List<String> classes() { return classes; }

    @Override public String description() {
        return "image folder " + folder + ", " + files.size() + " images, " + classes.size() + " classes";
    }
}
