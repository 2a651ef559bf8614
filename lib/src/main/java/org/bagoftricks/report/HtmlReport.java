package org.bagoftricks.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bagoftricks.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * One self-contained HTML page of tables and charts: the charts are embedded as PNG data, so
 * the file opens offline and can be attached to an issue or mailed as it is.
 *
 * <pre>{@code
 * HtmlReport.titled("Cosine vs step").table(c.table()).chart(c.chart()).write(Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private final String title;
    private final List<String> parts;
    private int tables;
    private int charts;

    private HtmlReport(String title, List<String> parts, int tables, int charts) {
        this.title = title;
        this.parts = parts;
        this.tables = tables;
        this.charts = charts;
    }

    public static HtmlReport titled(String title) {
        return new HtmlReport(title, new ArrayList<>(), 0, 0);
    }

    public HtmlReport heading(String text) {
        parts.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        parts.add("<p>" + escape(text) + "</p>");
        return this;
    }

    public HtmlReport table(Table table) {
        tables++;
        parts.add("<div class=\"table\" id=\"table-" + tables + "\">" + table.write().toString("html") + "</div>");
        return this;
    }

    public HtmlReport chart(Chart<?, ?> chart) {
        charts++;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parts.add("<figure id=\"chart-" + charts + "\"><img alt=\"" + escape(chart.getTitle()) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"><figcaption>" + escape(chart.getTitle())
                + "</figcaption></figure>");
        return this;
    }

    /** The page. */
    public String html() {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right}th{background:#f3f3f3}figure{margin:1em 0}img{max-width:100%}"
                        + "figcaption{color:#666;font-size:90%}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n");
        for (String p : parts) {
            s.append(p).append('\n');
        }
        s.append("<p style=\"color:#888\">Written by Bag of Tricks for Java ").append(escape(org.bagoftricks.Version.VERSION))
                .append(".</p>\n</body></html>\n");
        return s.toString();
    }

    /** Writes the page atomically. */
    public Path write(Path file) {
        return AtomicFiles.writeString(file, html());
    }

    public int tableCount() {
        return tables;
    }

    public int chartCount() {
        return charts;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
