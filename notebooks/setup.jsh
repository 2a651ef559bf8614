// Shared set-up of every notebook, loaded by its first cell with `%load setup.jsh` (the kernel
// runs in the notebooks/ folder). It puts the library on the class path, imports what the
// chapters use, and teaches the Java kernel (JJava) to show Tablesaw tables as HTML and XChart
// charts as PNG, so a cell that ends with a table or a chart shows it.
if (new java.io.File("../lib/target/lib").listFiles() == null
        || !java.util.Arrays.stream(new java.io.File("../lib/target").list()).anyMatch(n -> n.matches("bagoftricks-.*\\.jar")))
    throw new IllegalStateException("The library is not built: run ./tricks setup (or ./tricks build) in the repository, then restart the kernel");
%classpath ../lib/target/bagoftricks-*.jar
%classpath ../lib/target/lib/*.jar

import java.awt.image.BufferedImage;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.bagoftricks.data.*;
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

/** Progress of training: one line per epoch (no redrawn bar, which piles up in saved notebooks). */
// (line-buffered, so that each line reaches the notebook as one piece)
Progress progress = Progress.console(new java.io.PrintStream(new java.io.BufferedOutputStream(System.out), true), false);

/** Stored reference results of longer runs (data/reference/). */
Path reference(String name) { return Path.of("..", "data", "reference", name); }

/** "12.34" for a fraction 0.1234. */
String pct(double fraction) { return String.format(Locale.ROOT, "%.2f", 100 * fraction); }

/** "+1.23" or "-0.45" for a change in points. */
String signed(double points) { return String.format(Locale.ROOT, "%+.2f", points); }
