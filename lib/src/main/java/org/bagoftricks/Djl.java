package org.bagoftricks;

import ai.djl.engine.Engine;

/**
 * DJL set up the way this project needs it: offline, PyTorch engine, natives from the
 * {@code pytorch-native-cpu} jar. Every entry point calls {@link #engine()} before touching
 * NDArrays, so users never set {@code DJL_OFFLINE} themselves.
 */
public final class Djl {
    private Djl() {}

    private static volatile boolean configured;

    /** Sets DJL's offline switches; must run before the engine class loads. Idempotent. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        // DJL reads these as environment variables or system properties; without them it tries
        // network calls (tracking, native download) that fail or hang on a closed network.
        setIfAbsent("DJL_OFFLINE", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        configured = true;
    }

    /** The PyTorch engine, configured for offline use. */
    public static Engine engine() {
        configure();
        return Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getenv(key) == null && System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
