package org.bagoftricks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the project's files go: inside the repository when the working directory is in one
 * (found by walking up to a folder holding the {@code tricks} launcher and {@code data/}), so
 * the command line and the notebooks share fetched data and stored runs; else under
 * {@code ~/.bagoftricks}. An environment variable overrides each place.
 */
public final class Workspace {
    private Workspace() {}

    /** The repository root above {@code workingDir}, if there is one. */
    public static Optional<Path> repositoryRoot(Path workingDir) {
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("tricks")) && Files.isDirectory(dir.resolve("data"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code env[variable]} if set; else {@code <repository>/<inRepository>}; else
     * {@code <home>/.bagoftricks/<inHome>}.
     */
    public static Path resolve(String variable, Path inRepository, String inHome, Map<String, String> env,
            Path workingDir, Path home) {
        String override = env.get(variable);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return repositoryRoot(workingDir).map(r -> r.resolve(inRepository))
                .orElse(home.resolve(".bagoftricks").resolve(inHome));
    }

    /** {@link #resolve} for this process's environment, working directory and home. */
    public static Path resolve(String variable, Path inRepository, String inHome) {
        return resolve(variable, inRepository, inHome, System.getenv(), Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home")));
    }
}
