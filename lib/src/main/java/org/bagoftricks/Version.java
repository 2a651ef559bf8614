package org.bagoftricks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, from the build (recorded with every result). */
public final class Version {
    private Version() {}

    /** e.g. "0.1.0". */
    public static final String VERSION = read();

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }
}
