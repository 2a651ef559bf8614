package org.bagoftricks.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bagoftricks.training.Machine;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Results of longer runs stored in the repository (under {@code data/reference/}), so that a
 * notebook shows a meaningful comparison before its own run finishes. Each folder holds what the
 * {@code tricks} command wrote: a JSON side file per run, {@code comparison.csv} or
 * {@code ablation.csv}, and {@code command.txt}, the command that produced them.
 */
public final class ReferenceResults {
    private ReferenceResults() {}

    /** One stored run: what its JSON side file records. */
    public record Entry(String recipe, String model, String data, double top1, double top5, double imagesPerSecond,
            double minutes, String started, String machine, Path file) {}

    /** Every run stored under {@code dir} (recursively), in the order they were started. */
    public static List<Entry> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no reference results at " + dir.toAbsolutePath()
                    + ": they are committed under data/reference/ (regenerate with data/reference/run.sh)");
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Entry::started));
        return out;
    }

    static Entry read(Path f) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            JsonObject r = o.getAsJsonObject("result");
            JsonObject m = o.getAsJsonObject("machine");
            String model = o.getAsJsonObject("settings").get("model").getAsString();
            String machine = Machine.identity(m.get("cpu").getAsString(), m.get("cores").getAsInt(),
                    m.get("engine").getAsString());
            return new Entry(o.get("recipe").getAsString(), model, o.get("data").getAsString(),
                    r.get("top1").getAsDouble(), r.get("top5").getAsDouble(), r.get("imagesPerSecond").getAsDouble(),
                    r.get("minutes").getAsDouble(), o.get("started").getAsString(), machine, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(f + " is not a run's side file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The table of a stored comparison: its {@code ablation.csv} or {@code comparison.csv} when
     * there is one, else one row per stored run (recipe, model, top-1, top-5, img/s, minutes).
     */
    public static Table table(Path dir) {
        for (String name : List.of("ablation.csv", "comparison.csv")) {
            Path csv = dir.resolve(name);
            if (Files.isRegularFile(csv)) {
                return Table.read().csv(csv.toFile()).setName("Reference: " + dir.getFileName());
            }
        }
        List<Entry> e = entries(dir);
        return Table.create("Reference: " + dir.getFileName(),
                StringColumn.create("recipe", e.stream().map(Entry::recipe).toList()),
                StringColumn.create("model", e.stream().map(Entry::model).toList()),
                DoubleColumn.create("top1", e.stream().mapToDouble(x -> round(100 * x.top1()))),
                DoubleColumn.create("top5", e.stream().mapToDouble(x -> round(100 * x.top5()))),
                DoubleColumn.create("img_per_s", e.stream().mapToDouble(x -> Math.round(x.imagesPerSecond() * 10) / 10.0)),
                DoubleColumn.create("minutes", e.stream().mapToDouble(x -> round(x.minutes()))));
    }

    /**
     * Where the numbers come from, one paragraph: the command(s) ({@code command.txt} files), the
     * data, the machine, and the dates of the first and last run.
     */
    public static String describe(Path dir) {
        List<Entry> e = entries(dir);
        if (e.isEmpty()) {
            throw new IllegalArgumentException("no runs stored under " + dir);
        }
        List<String> commands = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("command.txt")).sorted().toList()) {
                commands.add(Files.readString(f).strip());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String first = e.get(0).started().substring(0, 10);
        String last = e.get(e.size() - 1).started().substring(0, 10);
        // a part resumed on another machine names each (its runs are not bit for bit those of one machine)
        List<String> machines = e.stream().map(Entry::machine).toList();
        String where = (machines.stream().distinct().count() == 1 ? "machine: " : "machines: ") + Machine.tally(machines);
        return "Produced by `" + String.join("`; `", commands) + "` on " + e.get(0).data() + ", " + where + ", "
                + (first.equals(last) ? first : first + " to " + last) + " (" + e.size() + " runs).";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
