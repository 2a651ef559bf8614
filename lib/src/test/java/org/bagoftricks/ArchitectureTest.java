package org.bagoftricks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bagoftricks.tricks.Trick;
import org.bagoftricks.tricks.Tricks;
import org.junit.jupiter.api.Test;

/** The design, read from the sources: packages without import circles, a loop and a CLI that name no trick. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/bagoftricks");

    /** Package -> the packages of org.bagoftricks its sources name. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        Pattern ref = Pattern.compile("org\\.bagoftricks\\.(\\w+)\\.[A-Z]");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString();
                if (pkg.isEmpty()) {
                    continue;
                }
                Matcher m = ref.matcher(Files.readString(f));
                Set<String> d = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        d.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    @Test
    void noPackageImportsOneThatImportsItBack() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.keySet().containsAll(List.of("cli", "data", "experiments", "models", "report", "store",
                "training", "tricks")), "the packages: " + deps.keySet());
        List<String> circles = new ArrayList<>();
        for (String a : deps.keySet()) {
            for (String b : deps.get(a)) {
                if (reaches(deps, b, a, new TreeSet<>())) {
                    circles.add(a + " -> " + b + " -> ... -> " + a);
                }
            }
        }
        assertEquals(List.of(), circles, "package dependencies: " + deps);
    }

    private static boolean reaches(Map<String, Set<String>> deps, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return deps.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(deps, n, to, seen));
    }

    @Test
    void theTrainingLoopTheExperimentsAndTheCommandLineNameNoTrick() throws IOException {
        List<String> classes = Tricks.ALL.stream().map(k -> k.paper().getClass().getSimpleName()).toList();
        assertTrue(classes.contains("Mixup") && classes.contains("ZeroGamma"), classes.toString());
        Pattern named = Pattern.compile("\\b(" + String.join("|", classes) + ")\\b");
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("training", "experiments", "cli", "store")) {
            try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = named.matcher(Files.readString(f));
                    while (m.find()) {
                        found.add(pkg + "/" + f.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "tricks reach these only through the Trick interface and the registry");
    }

    @Test
    void everyRegisteredTrickHasAUniqueNameAndOptions() {
        Set<String> names = new TreeSet<>();
        Set<String> options = new TreeSet<>();
        for (Trick.Kind k : Tricks.ALL) {
            assertTrue(names.add(k.name()), "two tricks named " + k.name());
            assertEquals(k.name(), k.paper().name(), "a kind makes tricks of its own name");
            for (Trick.Option o : k.options()) {
                assertTrue(options.add(o.name()), "two tricks with the option " + o.name());
            }
        }
    }
}
