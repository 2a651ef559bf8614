package org.bagoftricks.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bagoftricks.AtomicFiles;

/**
 * The binary cache of a decoded {@link ArrayImageSet}, so that a data set decoded once loads as a
 * plain read. Layout, big-endian: magic "BOTIMAGE", int version, int count, int width,
 * int height, int class count, each class name and the description as modified UTF-8
 * ({@link DataOutputStream#writeUTF}), count int labels, then count*height*width*3 RGB bytes.
 */
final class ImageSetFile {
    private ImageSetFile() {}

    static final byte[] MAGIC = "BOTIMAGE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    /** Writes {@code set} to {@code file} atomically: a reader never sees a half-written cache. */
    static void write(ArrayImageSet set, Path file) throws IOException {
        try {
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(set.size());
                out.writeInt(set.width());
                out.writeInt(set.height());
                out.writeInt(set.classes().size());
                for (String c : set.classes()) {
                    out.writeUTF(c);
                }
                out.writeUTF(set.description());
                for (int label : set.labels()) {
                    out.writeInt(label);
                }
                out.write(set.pixelsShared());
                out.flush();
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Reads a cache file; {@code fix} says how to rebuild it and ends every error message. */
    static ArrayImageSet read(Path file, String fix) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + " does not exist: " + fix, e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (" + e + "): " + fix, e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DataException(file + " is not an image cache (bad magic number): " + fix);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new DataException(file + " has cache format version " + version + ", this library reads "
                        + VERSION + ": " + fix);
            }
            int count = in.readInt();
            int width = in.readInt();
            int height = in.readInt();
            int numClasses = in.readInt();
            if (count <= 0 || width <= 0 || height <= 0 || numClasses <= 0
                    || (long) count * width * height * 3 > Integer.MAX_VALUE - 8) {
                throw new DataException(file + " has an impossible header (count " + count + ", " + width + "x"
                        + height + ", " + numClasses + " classes): " + fix);
            }
            List<String> classes = new ArrayList<>();
            long headerBytes = MAGIC.length + 5 * 4;
            for (int c = 0; c < numClasses; c++) {
                String name = in.readUTF();
                headerBytes += utfLength(name);
                classes.add(name);
            }
            String description = in.readUTF();
            headerBytes += utfLength(description);
            long expected = headerBytes + 4L * count + (long) count * width * height * 3;
            if (fileSize != expected) {
                throw new DataException(file + " has " + fileSize + " bytes but its header announces " + expected
                        + " (" + count + " images " + width + "x" + height + "): it is truncated or corrupt, " + fix);
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readInt();
            }
            byte[] pixels = new byte[count * width * height * 3];
            in.readFully(pixels);
            return new ArrayImageSet(width, height, pixels, labels, classes, description);
        } catch (EOFException e) {
            throw new DataException(file + " is truncated: " + fix, e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (" + e + "): " + fix, e);
        } catch (DataException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            // Header and size were right but the content is not (labels out of range, ...).
            throw new DataException(file + " is inconsistent (" + e.getMessage() + "): " + fix, e);
        }
    }

    /** Bytes that {@link DataOutputStream#writeUTF} writes for {@code s} (modified UTF-8 plus length). */
    private static long utfLength(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
        }
        return n;
    }
}
