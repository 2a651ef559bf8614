package org.bagoftricks.report;

import org.bagoftricks.AtomicFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.bagoftricks.training.Machine;
import org.bagoftricks.training.Run;
import tech.tablesaw.api.Table;

/**
 * Saves runs as files a spreadsheet or a later comparison can read: the per-epoch history as
 * CSV and, beside it, a JSON file with the recipe, the data, the seed, the machine and the
 * library version. Both are written atomically.
 */
public final class Results {
    private Results() {}

    /** A file-name-safe form of a recipe name, e.g. "baseline-cosine-label-smoothing-0.1". */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "run" : s;
    }

    /** Writes {@code <dir>/<slug>.csv} and {@code <dir>/<slug>.json}; returns the CSV path. */
    public static Path write(Run run, Path dir) {
        String base = slug(run.recipe().name()) + "-seed" + run.recipe().seed();
        Path csv = dir.resolve(base + ".csv");
        writeCsv(run.history(), csv);
        AtomicFiles.writeString(dir.resolve(base + ".json"), metadata(run));
        return csv;
    }

    /** Writes a table as CSV, atomically. */
    public static Path writeCsv(Table table, Path target) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        table.write().csv(buffer);
        return AtomicFiles.write(target, out -> out.write(buffer.toByteArray()));
    }

    /** The side file of a run: everything needed to know what produced the numbers. */
    public static String metadata(Run run) {
        JsonObject o = new JsonObject();
        o.addProperty("recipe", run.recipe().name());
        JsonArray tricks = new JsonArray();
        run.recipe().trickLabels().forEach(tricks::add);
        o.add("tricks", tricks);
        JsonObject settings = new JsonObject();
        for (String s : run.recipe().settings()) {
            int eq = s.indexOf('=');
            settings.addProperty(s.substring(0, eq), s.substring(eq + 1));
        }
        o.add("settings", settings);
        o.addProperty("seed", run.recipe().seed());
        o.addProperty("data", run.data());
        o.addProperty("dataDescription", run.dataDescription());
        Machine m = run.machine();
        JsonObject machine = new JsonObject();
        machine.addProperty("cpu", m.cpu());
        machine.addProperty("cores", m.cores());
        machine.addProperty("memoryMiB", m.memoryMiB());
        machine.addProperty("os", m.os());
        machine.addProperty("java", m.java());
        machine.addProperty("engine", m.engine());
        o.add("machine", machine);
        o.addProperty("libraryVersion", run.libraryVersion());
        o.addProperty("started", run.started().toString());
        JsonObject result = new JsonObject();
        result.addProperty("top1", run.top1());
        result.addProperty("top5", run.top5());
        result.addProperty("finalTrainLoss", run.finalLoss());
        result.addProperty("imagesPerSecond", run.imagesPerSecond());
        result.addProperty("minutes", run.minutes());
        result.addProperty("dataWaitShare", run.dataWaitShare());
        o.add("result", result);
        return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
