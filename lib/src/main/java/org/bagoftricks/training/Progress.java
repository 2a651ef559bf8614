package org.bagoftricks.training;

import java.io.PrintStream;
import java.util.Locale;

/** Receives progress of a run: a console bar for long work, nothing in tests. */
public interface Progress {
    default void onRunStart(String name, int epochs, int batchesPerEpoch) {}

    default void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {}

    default void onEpoch(EpochStats stats) {}

    default void onRunEnd() {}

    /** A run was not trained but taken from the results store. */
    default void onStoredRun(Run run) {}

    /** No output. */
    Progress QUIET = new Progress() {};

    /**
     * A line per epoch on {@code out}, and between them a one-line bar redrawn at most every
     * 200 ms when the output is a terminal (not in logs, where it would pile up).
     */
    static Progress console(PrintStream out) {
        return console(out, System.console() != null);
    }

    /** As {@link #console(PrintStream)}, with the bar drawn or not. */
    static Progress console(PrintStream out, boolean bar) {
        return new Progress() {
            private String name = "";
            private int epochs;
            private long lastDraw;

            @Override
            public void onRunStart(String runName, int totalEpochs, int batchesPerEpoch) {
                name = runName;
                epochs = totalEpochs;
                out.printf(Locale.ROOT, "%s: %d epochs x %d batches%n", runName, totalEpochs, batchesPerEpoch);
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double imagesPerSecond) {
                long now = System.nanoTime();
                if (!bar || now - lastDraw < 200_000_000L && batch + 1 < batches) {
                    return;
                }
                lastDraw = now;
                int width = 24;
                int done = (int) Math.round(width * (batch + 1) / (double) batches);
                out.printf(Locale.ROOT, "\r  epoch %d/%d [%s%s] %d/%d loss %.4f %.0f img/s   ", epoch + 1, epochs,
                        "#".repeat(done), ".".repeat(width - done), batch + 1, batches, loss, imagesPerSecond);
                out.flush();
            }

            @Override
            public void onEpoch(EpochStats s) {
                String test = Double.isNaN(s.testTop1()) ? "not tested this epoch" : String.format(Locale.ROOT,
                        "test top-1 %.1f%% top-5 %.1f%%", 100 * s.testTop1(), 100 * s.testTop5());
                out.printf(Locale.ROOT, "\r  epoch %d/%d  loss %.4f  train %.1f%%  %s  %.0f img/s  %.1f s%s%n",
                        s.epoch() + 1, epochs, s.trainLoss(), 100 * s.trainTop1(), test, s.imagesPerSecond(), s.seconds(),
                        " ".repeat(8));
            }

            @Override
            public void onRunEnd() {
                out.flush();
            }

            @Override
            public void onStoredRun(Run run) {
                out.printf(Locale.ROOT, "%s: from the results store (top-1 %.1f%%, %d epochs, trained %s)%n",
                        run.recipe().name(), 100 * run.top1(), run.epochs().size(), run.started());
            }

            @Override
            public String toString() {
                return "console progress for " + name;
            }
        };
    }
}
