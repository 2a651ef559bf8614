package org.bagoftricks.store;

import org.bagoftricks.experiments.Runner;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bagoftricks.AtomicFiles;
import org.bagoftricks.Workspace;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.training.Checkpoint;
import org.bagoftricks.training.EpochStats;
import org.bagoftricks.training.Machine;
import org.bagoftricks.training.Progress;
import org.bagoftricks.tricks.Recipe;
import org.bagoftricks.training.Run;
import org.bagoftricks.training.Trainer;

/**
 * Finished runs kept on disk under a key of recipe, data, seed and library version, so that
 * asking for the same run again returns it at once (a re-executed notebook is instant), and an
 * interrupted run resumes from its last completed epoch.
 *
 * <p>Layout: one folder per run, named by {@link RunKey#id()}, holding {@code run.json} (the
 * identity, the history at full precision, the machine, the times; written atomically and last,
 * so a killed process never leaves a result a later comparison would read), {@code model.params}
 * (the trained weights) and, while training, {@code checkpoint.bin}. A file that cannot be read
 * is reported with its path and left untouched.
 */
public final class RunStore {
    /** Marks the store's own files; anything else is foreign and left alone. */
    public static final String FORMAT = "bagoftricks-run/1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private final Path root;

    private RunStore(Path root) {
        this.root = root;
    }

    /** The store at {@code root} (created on first write). */
    public static RunStore at(Path root) {
        return new RunStore(root);
    }

    /** $TRICKS_STORE, else results/store in the repository, else ~/.bagoftricks/store. */
    public static RunStore standard() {
        return at(Workspace.resolve("TRICKS_STORE", Path.of("results", "store"), "store"));
    }

    public Path root() {
        return root;
    }

    /** The folder of a run. */
    public Path folder(RunKey key) {
        return root.resolve(key.id());
    }

    /** The stored run of {@code recipe} on {@code data}, if it finished before. */
    public Optional<Run> find(Recipe recipe, Dataset data) {
        RunKey key = RunKey.of(recipe, data);
        Path json = folder(key).resolve("run.json");
        if (!Files.exists(json)) {
            return Optional.empty();
        }
        JsonObject o = readJson(json);
        if (!key.identity().equals(string(o, "identity", json))) {
            throw new StoreException(json + " holds another run than its folder name says (a hash collision or an"
                    + " edited file); it was left untouched: remove it with 'tricks runs remove " + key.id() + "'");
        }
        return Optional.of(toRun(recipe, o, json));
    }

    /** The trained weights of a stored run, if it finished. */
    public Optional<Path> weights(Recipe recipe, Dataset data) {
        Path p = folder(RunKey.of(recipe, data)).resolve("model.params");
        return find(recipe, data).isPresent() && Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The run of {@code recipe} on {@code data}: from the store if it finished before (unless
     * {@code fresh}); else trained now, resuming from a checkpoint if an earlier attempt was
     * interrupted, and stored. Fails if another process is training the same run now.
     */
    public Run run(Recipe recipe, Dataset data, Progress progress, boolean fresh) {
        return run(recipe, data, progress, fresh, Busy.FAIL).orElseThrow();
    }

    /**
     * As {@link #run(Recipe, Dataset, Progress, boolean)}, for one of several processes sharing
     * this store: empty, at once, when another process is training the run now (it will store it).
     */
    public Optional<Run> claim(Recipe recipe, Dataset data, Progress progress) {
        return run(recipe, data, progress, false, Busy.SKIP);
    }

    /** The stored run, reported to {@code progress} when there is one. */
    private Optional<Run> stored(Recipe recipe, Dataset data, Progress progress) {
        Optional<Run> stored = find(recipe, data);
        stored.ifPresent(progress::onStoredRun);
        if (stored.isPresent()) {
            // a stored student's teacher is judged against it too (Comparison.notes)
            for (Recipe need : recipe.needs()) {
                find(need, data).ifPresent(t -> Trainer.rememberTop1(t, data));
            }
        }
        return stored;
    }

    /** What to do when another process holds a run's lock. */
    private enum Busy { FAIL, SKIP, WAIT }

    private Optional<Run> run(Recipe recipe, Dataset data, Progress progress, boolean fresh, Busy busy) {
        RunKey key = RunKey.of(recipe, data);
        if (!fresh) {
            Optional<Run> stored = stored(recipe, data, progress);
            if (stored.isPresent()) {
                return stored;
            }
        } else {
            find(recipe, data); // a corrupt entry is reported, not overwritten
        }
        Path dir = folder(key);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store folder " + dir, e);
        }
        Path checkpoint = dir.resolve("checkpoint.bin");
        try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lock(channel, dir, busy)) {
            if (lock == null) {
                return Optional.empty();
            }
            // closing a channel on the lock file would drop this JVM's lock: list() asks this set instead
            Path here = dir.toAbsolutePath().normalize();
            TRAINING_HERE.add(here);
            try {
                return trainLocked(recipe, data, progress, fresh, key, dir, checkpoint);
            } finally {
                TRAINING_HERE.remove(here);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the store folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The runs this JVM is training now, by folder. */
    private static final Set<Path> TRAINING_HERE = ConcurrentHashMap.newKeySet();

    private Optional<Run> trainLocked(Recipe recipe, Dataset data, Progress progress, boolean fresh, RunKey key, Path dir,
            Path checkpoint) throws IOException {
        if (!fresh) {
            // another process may have finished it while this one waited for the lock
            Optional<Run> stored = stored(recipe, data, progress);
            if (stored.isPresent()) {
                return stored;
            }
        } else {
            Files.deleteIfExists(checkpoint);
        }
        neededFromStore(recipe, data, progress);
        try (Trainer t = new Trainer(recipe, data, progress).checkpointTo(checkpoint, key.identity())) {
            Run run = t.fit();
            t.saveModel(dir.resolve("model.params"));
            AtomicFiles.writeString(dir.resolve("run.json"), toJson(key, run));
            Files.deleteIfExists(checkpoint);
            return Optional.of(run);
        }
    }

    /**
     * The runs a recipe needs first (a distillation teacher, {@link Recipe#needs()}) are runs of
     * their own in this store: trained once (or waited for, when another process is training one)
     * and their weights handed to the trainer, so that the runs of several seeds and processes
     * share one teacher.
     */
    private void neededFromStore(Recipe recipe, Dataset data, Progress progress) throws IOException {
        for (Recipe need : recipe.needs()) {
            run(need, data, progress, false, Busy.WAIT).ifPresent(t -> Trainer.rememberTop1(t, data));
            Path weights = folder(RunKey.of(need, data)).resolve("model.params");
            if (Files.exists(weights)) {
                Trainer.useTrained(need, data, Files.readAllBytes(weights));
            }
        }
    }

    /** This store as a comparison's runner: stored runs are reused unless {@code fresh}. */
    public org.bagoftricks.experiments.Runner runner(boolean fresh) {
        return (recipe, data, progress) -> run(recipe, data, progress, fresh);
    }

    private static FileLock lock(FileChannel channel, Path dir, Busy busy) throws IOException {
        if (busy == Busy.WAIT) {
            return channel.lock();
        }
        FileLock lock = null;
        // a listing (list(): is a process training it?) holds the lock for an instant: look again
        // a few times before taking the run for another process's
        for (int attempt = 0; attempt < 5 && lock == null; attempt++) {
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null && attempt < 4) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (lock == null && busy == Busy.FAIL) {
            throw new StoreException("another process is training the run in " + dir
                    + " now: wait for it to finish, or use another store (--store)");
        }
        return lock;
    }

    /** One line of {@link #list()}. */
    public record Entry(String id, String recipe, String data, long seed, int epochs, double top1,
            double minutes, Instant finished, String status) {}

    /** Every entry of the store, newest first; unreadable and foreign entries are listed, not touched. */
    public List<Entry> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.sorted().toList()) {
                entries.add(entry(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the store " + root, e);
        }
        entries.sort(Comparator.comparing((Entry e) -> e.finished() == null ? Instant.MIN : e.finished()).reversed());
        return entries;
    }

    private Entry entry(Path p) {
        String name = p.getFileName().toString();
        Path json = p.resolve("run.json");
        if (!Files.isDirectory(p)) {
            return new Entry(name, "", "", 0, 0, Double.NaN, Double.NaN, null, "not a run (left untouched)");
        }
        if (!Files.exists(json)) {
            return unfinished(name, p);
        }
        try {
            JsonObject o = readJson(json);
            JsonObject result = o.getAsJsonObject("result");
            return new Entry(name, string(o, "recipe", json), string(o, "data", json), o.get("seed").getAsLong(),
                    o.getAsJsonArray("epochs").size(), result.get("top1").getAsDouble(),
                    result.get("minutes").getAsDouble(), Instant.parse(string(o, "finished", json)), "complete");
        } catch (RuntimeException e) {
            return new Entry(name, "", "", 0, 0, Double.NaN, Double.NaN, null, "unreadable: " + e.getMessage());
        }
    }

    private static final Pattern EPOCHS = Pattern.compile("[{;]epochs=(\\d+);");
    private static final Pattern SEED = Pattern.compile(";seed=(-?\\d+)}");
    private static final Pattern DATA = Pattern.compile("\\|data\\{([^,}]*)");

    /** A run without a result: training now (in any process) or interrupted, with its epochs so far. */
    private static Entry unfinished(String name, Path dir) {
        boolean live = training(dir);
        Optional<Checkpoint.Header> h = Checkpoint.header(dir.resolve("checkpoint.bin"));
        if (h.isEmpty()) {
            return new Entry(name, "", "", 0, 0, Double.NaN, Double.NaN, null, live ? "training: first epoch"
                    : Files.exists(dir.resolve("checkpoint.bin")) ? "interrupted (resumes when asked again)"
                    : "not a run (left untouched)");
        }
        String identity = h.get().identity();
        int done = h.get().epochsDone();
        String of = match(EPOCHS, identity).map(e -> done + " of " + e + " epochs").orElse(done + " epochs");
        return new Entry(name, "", match(DATA, identity).orElse(""), match(SEED, identity).map(Long::parseLong).orElse(0L),
                done, Double.NaN, Double.NaN, null, live ? "training: " + of + " done"
                        : "interrupted after " + of + " (resumes when asked again)");
    }

    private static Optional<String> match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Whether a process holds the run's lock now: this one (it cannot ask the OS) or another. Asking
     * takes the lock for an instant when it is free; {@link #lock} looks again before giving up.
     */
    private static boolean training(Path dir) {
        Path lockFile = dir.resolve(".lock");
        if (TRAINING_HERE.contains(dir.toAbsolutePath().normalize())) {
            return true;
        }
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the run folder {@code id}; refuses anything that is not a run of this store. */
    public void remove(String id) {
        Path dir = root.resolve(id).normalize();
        if (!dir.getParent().equals(root.normalize()) || !Files.isDirectory(dir)
                || !(Files.exists(dir.resolve("run.json")) || Files.exists(dir.resolve("checkpoint.bin")))) {
            throw new StoreException("'" + id + "' is not a run of the store " + root + " (see 'tricks runs')");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the complete runs that finished more than {@code age} ago; returns their ids. */
    public List<String> removeOlderThan(Duration age) {
        Instant limit = Instant.now().minus(age);
        List<String> removed = new ArrayList<>();
        for (Entry e : list()) {
            if (e.finished() != null && e.finished().isBefore(limit)) {
                remove(e.id());
                removed.add(e.id());
            }
        }
        return removed;
    }

    // ---- the file format ------------------------------------------------------------------

    private static String toJson(RunKey key, Run run) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("id", key.id());
        o.addProperty("identity", key.identity());
        o.addProperty("recipe", run.recipe().name());
        o.addProperty("seed", run.recipe().seed());
        o.addProperty("data", run.data());
        o.addProperty("dataDescription", run.dataDescription());
        o.addProperty("libraryVersion", run.libraryVersion());
        o.addProperty("started", run.started().toString());
        o.addProperty("finished", Instant.now().toString());
        o.add("machine", GSON.toJsonTree(run.machine()));
        JsonArray epochs = new JsonArray();
        run.epochs().forEach(e -> epochs.add(GSON.toJsonTree(e)));
        o.add("epochs", epochs);
        JsonObject result = new JsonObject();
        result.addProperty("top1", run.top1());
        result.addProperty("top5", run.top5());
        result.addProperty("minutes", run.minutes());
        o.add("result", result);
        return GSON.toJson(o) + "\n";
    }

    private static JsonObject readJson(Path json) {
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read " + json + ": " + e.getMessage(), e);
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            o = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            o = null;
        }
        if (o == null || !o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new StoreException(json + " is not a run of this library's store (corrupt, truncated or foreign);"
                    + " it was left untouched: remove its folder with 'tricks runs remove "
                    + json.getParent().getFileName() + "' to train it again");
        }
        return o;
    }

    private static String string(JsonObject o, String field, Path json) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new StoreException(json + " lacks '" + field + "'; it was left untouched: remove its folder with"
                    + " 'tricks runs remove " + json.getParent().getFileName() + "'");
        }
        return e.getAsString();
    }

    private static Run toRun(Recipe recipe, JsonObject o, Path json) {
        try {
            List<EpochStats> epochs = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("epochs")) {
                epochs.add(GSON.fromJson(e, EpochStats.class));
            }
            return new Run(recipe, string(o, "data", json), string(o, "dataDescription", json),
                    GSON.fromJson(o.get("machine"), Machine.class), string(o, "libraryVersion", json),
                    Instant.parse(string(o, "started", json)), epochs);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(json + " cannot be read as a run (" + e.getMessage() + "); it was left"
                    + " untouched: remove its folder with 'tricks runs remove " + json.getParent().getFileName() + "'", e);
        }
    }

    /** The duration the command line's --older-than takes: "30d", "12h", "90m". */
    public static Duration parseAge(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("age '" + text + "' is not like 30d, 12h or 90m");
        }
    }

    /** {@code x} to two decimals; NaN (a run without a result) stays NaN, printed blank, not 0. */
    private static double rounded(double x) {
        return Double.isNaN(x) ? Double.NaN : Math.round(100 * x) / 100.0;
    }

    /** The results store's entries: id, recipe, data, seed, epochs, top-1, minutes, finished, status. */
    public static tech.tablesaw.api.Table table(List<Entry> entries) {
        return tech.tablesaw.api.Table.create("Stored runs",
                tech.tablesaw.api.StringColumn.create("id", entries.stream().map(e -> e.id()).toList()),
                tech.tablesaw.api.StringColumn.create("recipe", entries.stream().map(e -> e.recipe()).toList()),
                tech.tablesaw.api.StringColumn.create("data", entries.stream().map(e -> e.data()).toList()),
                tech.tablesaw.api.LongColumn.create("seed", entries.stream().mapToLong(e -> e.seed()).toArray()),
                tech.tablesaw.api.IntColumn.create("epochs", entries.stream().mapToInt(e -> e.epochs()).toArray()),
                tech.tablesaw.api.DoubleColumn.create("top1", entries.stream().mapToDouble(e -> rounded(100 * e.top1())).toArray()),
                tech.tablesaw.api.DoubleColumn.create("minutes", entries.stream().mapToDouble(e -> rounded(e.minutes())).toArray()),
                tech.tablesaw.api.StringColumn.create("finished", entries.stream()
                        .map(e -> e.finished() == null ? "" : e.finished().toString().substring(0, 19)).toList()),
                tech.tablesaw.api.StringColumn.create("status", entries.stream().map(e -> e.status()).toList()));
    }
}
