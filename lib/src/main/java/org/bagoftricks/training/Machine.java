package org.bagoftricks.training;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bagoftricks.Djl;

/** The machine a run was made on, recorded beside every result. */
public record Machine(String cpu, int cores, long memoryMiB, String os, String java, String engine) {

    /** Reads the current machine (CPU model from /proc/cpuinfo where there is one). */
    public static Machine current() {
        Engine engine = Djl.engine();
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "DJL " + Engine.getDjlVersion() + " / " + engine.getEngineName() + " " + engine.getVersion());
    }

    /** One line, e.g. for a table caption. */
    public String summary() {
        return cpu + ", " + cores + " cores, " + (memoryMiB / 1024) + " GiB, " + engine;
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the architecture name
        }
        return System.getProperty("os.arch");
    }

    private static long readMemoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
