package org.bagoftricks.training;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /** What a run's result depends on of its machine: the CPU (its kernels' arithmetic), cores and engine. */
    public String identity() {
        return identity(cpu, cores, engine);
    }

    /** {@link #identity()} of the parts a stored run records. */
    public static String identity(String cpu, int cores, String engine) {
        return cpu + ", " + cores + " cores, " + engine;
    }

    /**
     * The distinct machines of {@code identities} (one per run), in order of first appearance, each
     * with its number of runs when there are several machines.
     */
    public static String tally(List<String> identities) {
        Map<String, Long> counts = identities.stream().collect(Collectors.groupingBy(
                s -> s, LinkedHashMap::new, Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " run" + (e.getValue() == 1 ? "" : "s")
                + ")").collect(Collectors.joining("; "));
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
