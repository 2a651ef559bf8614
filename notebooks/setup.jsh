// Shared set-up of every notebook, loaded by its first cell with `%load setup.jsh` (the kernel
// runs in the notebooks/ folder). It puts the library on the class path, imports what the
// chapters use, and teaches the Java kernel (JJava) to show Tablesaw tables as HTML and XChart
// charts as PNG, so a cell that ends with a table or a chart shows it.
if (new java.io.File("../lib/target/lib").listFiles() == null
        || !java.util.Arrays.stream(new java.io.File("../lib/target").list()).anyMatch(n -> n.matches("bagoftricks-.*\\.jar")))
    throw new IllegalStateException("The library is not built: run ./tricks setup (or ./tricks build) in the repository, then restart the kernel");
// The newest library jar only: after a version change lib/target can hold an older one too, which a
// glob would also put on the class path (and, listed first, it would win).
kernel().addToClasspath(java.util.Arrays.stream(new java.io.File("../lib/target").listFiles(
        (d, n) -> n.matches("bagoftricks-.*\\.jar"))).max(java.util.Comparator.comparingLong(java.io.File::lastModified))
        .get().getPath());
%classpath ../lib/target/lib/*.jar

import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.bagoftricks.data.*;
import org.bagoftricks.experiments.*;
import org.bagoftricks.models.*;
import org.bagoftricks.report.*;
import org.bagoftricks.training.*;
import org.bagoftricks.tricks.*;
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

System.setProperty("java.awt.headless", "true");
org.bagoftricks.Djl.configure();
// the outputs below were made by this version (nb.py also stamps it, with the commit, into the
// notebook's metadata, and its check refuses outputs of an older library)
System.out.println("Bag of Tricks for Java " + org.bagoftricks.Version.VERSION + ", " + ai.djl.engine.Engine.getInstance().getEngineName()
        + " " + ai.djl.engine.Engine.getInstance().getVersion());

kernel().getRenderer().createRegistration(tech.tablesaw.api.Table.class)
        .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
        .register((t, ctx) -> {
            ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<p><b>" + t.name() + "</b></p>" + Tables.html(t));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> t.printAll());
        });
kernel().getRenderer().createRegistration(org.knowm.xchart.internal.chartpart.Chart.class)
        .preferring(MIMEType.IMAGE_PNG)
        .register((c, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> {
            try {
                return Base64.getEncoder().encodeToString(
                        BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));

/** Shows Markdown computed from results (a sentence that reads the numbers). */
void md(String markdown) { display(markdown, "text/markdown"); }

/** Shows any value as the kernel would at the end of a cell (table, chart, image). */
void show(Object value) { display(value); }

/**
 * Progress of training in a notebook: a line per epoch, and one bar that updates in place about
 * once a second (epoch, batch, loss, images per second): a line per batch would pile up in the
 * saved notebook.
 */
class NotebookProgress implements Progress {
    // line-buffered, so that each line reaches the notebook as one piece
    private final Progress lines = Progress.console(
            new java.io.PrintStream(new java.io.BufferedOutputStream(System.out), true), false);
    private String bar;
    private String run = "";
    private int epochs;
    private long lastDraw;

    public void onRunStart(String name, int totalEpochs, int batchesPerEpoch) {
        lines.onRunStart(name, totalEpochs, batchesPerEpoch);
        run = name;
        epochs = totalEpochs;
        lastDraw = 0;
        bar = display(html(0, 0, batchesPerEpoch, Double.NaN, Double.NaN), "text/html");
    }

    public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
        long now = System.nanoTime();
        if (bar == null || now - lastDraw < 1_000_000_000L && batch + 1 < batches) return;
        lastDraw = now;
        updateDisplay(bar, html(epoch, batch + 1, batches, loss, imagesPerSecond), "text/html");
    }

    public void onEpoch(EpochStats stats) { lines.onEpoch(stats); }

    public void onStoredRun(Run stored) { lines.onStoredRun(stored); }

    private String html(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
        int done = epoch * batches + batch, all = Math.max(1, epochs * batches);
        String numbers = Double.isNaN(loss) ? "starting"
                : String.format(Locale.ROOT, "loss %.4f, %.0f img/s", loss, imagesPerSecond);
        return String.format(Locale.ROOT, "<div class=\"tricks-progress\" style=\"font-family:monospace\">"
                + "<progress value=\"%d\" max=\"%d\" style=\"width:240px\"></progress> %s: epoch %d/%d, batch %d/%d, %s</div>",
                done, all, run.replace("<", "&lt;"), epoch + 1, epochs, batch, batches, numbers);
    }
}
Progress progress = new NotebookProgress();

/** Stored reference results of longer runs (data/reference/). */
Path reference(String name) { return Path.of("..", "data", "reference", name); }

/** "12.34" for a fraction 0.1234. */
String pct(double fraction) { return String.format(Locale.ROOT, "%.2f", 100 * fraction); }

/** "+1.23" or "-0.45" for a change in points. */
String signed(double points) { return String.format(Locale.ROOT, "%+.2f", points); }
