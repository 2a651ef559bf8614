package org.bagoftricks.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Just enough of tar to unpack an npm package (.tgz): regular files, ustar and GNU long names. */
final class TarGz {
    private TarGz() {}

    private static final int BLOCK = 512;

    /**
     * Extracts the entries whose name, without the package's top folder ("package/"), is in
     * {@code wanted}, into {@code dir}; returns name to file. Other entries are skipped, so
     * nothing is ever written outside {@code dir}.
     */
    static Map<String, Path> extract(Path tgz, Set<String> wanted, Path dir) {
        Map<String, Path> found = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                    throw new EOFException("archive ends inside a header");
                }
                if (isZero(header)) {
                    break; // end-of-archive marker
                }
                checkChecksum(header, tgz);
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(header, 124, 12, tgz);
                byte type = header[156];
                if (type == 'L') { // GNU long name: the data is the next entry's name
                    longName = new String(readData(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                String inPackage = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
                if ((type == '0' || type == 0) && wanted.contains(inPackage)) {
                    Path target = dir.resolve(inPackage);
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    skip(in, padding(size));
                    found.put(inPackage, target);
                } else {
                    skip(in, size + padding(size));
                }
            }
        } catch (EOFException e) {
            throw new DataException(tgz + " is truncated (" + e.getMessage() + "): delete it and download it again", e);
        } catch (ZipException e) {
            throw new DataException(tgz + " is not a valid gzip file (" + e.getMessage()
                    + "): delete it and download it again", e);
        } catch (IOException e) {
            throw new DataException("Cannot unpack " + tgz + " (" + e + ")", e);
        }
        for (String name : wanted) {
            if (!found.containsKey(name)) {
                throw new DataException(tgz + " has no file " + name + ": it is not the expected package");
            }
        }
        return found;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length, Path tgz) {
        String s = cString(h, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new DataException(tgz + " has a corrupt tar header (size field '" + s
                    + "'): delete it and download it again");
        }
    }

    /** The header checksum catches corruption that gzip's CRC cannot (e.g. a mis-built archive). */
    private static void checkChecksum(byte[] h, Path tgz) {
        long stored = octal(h, 148, 8, tgz);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xFF;
        }
        if (sum != stored) {
            throw new DataException(tgz + " has a corrupt tar header (checksum " + stored + ", computed " + sum
                    + "): delete it and download it again");
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("archive ends inside an entry");
        }
        skip(in, padding(size));
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("archive ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
