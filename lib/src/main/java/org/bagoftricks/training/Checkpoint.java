package org.bagoftricks.training;

import ai.djl.MalformedModelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bagoftricks.AtomicFiles;

/**
 * The state of a run after a completed epoch, in one file written atomically: a magic header,
 * what is trained (so a checkpoint of another recipe is refused), when the run started, the
 * history so far, the loss-scaling state, the model's parameters (batch-norm statistics included),
 * the optimizer's momentum and the state of any trick that keeps one (its callback's save and
 * load). Everything else a resumed epoch needs is derived from the seed and the epoch number
 * (data order, augmentation, mixup draws).
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** What a checkpoint says without loading it: the run's identity, its start and the epochs done. */
    public record Header(String identity, Instant started, int epochsDone) {}

    /** The header of {@code file}; empty when it is not a readable checkpoint of this library. */
    public static Optional<Header> header(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 12))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return Optional.empty();
            }
            return Optional.of(new Header(in.readUTF(), Instant.parse(in.readUTF()), in.readInt()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static final byte[] MAGIC = "BOTCKPT1".getBytes(StandardCharsets.US_ASCII);

    record State(Instant started, List<EpochStats> history) {}

    static void write(Path file, String identity, Instant started, List<EpochStats> history, Trainer t) {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
            out.write(MAGIC);
            out.writeUTF(identity);
            out.writeUTF(started.toString());
            out.writeInt(history.size());
            for (EpochStats e : history) {
                out.writeInt(e.epoch());
                for (double v : new double[] {e.lr(), e.trainLoss(), e.trainTop1(), e.testLoss(), e.testTop1(),
                    e.testTop5(), e.imagesPerSecond(), e.seconds(), e.dataWaitSeconds()}) {
                    out.writeDouble(v);
                }
            }
            double[] mp = t.mixedPrecision() == null ? new double[3] : t.mixedPrecision().state();
            for (double v : mp) {
                out.writeDouble(v);
            }
            t.model().saveParameters(out);
            t.optimizer().saveState(out);
            for (org.bagoftricks.tricks.Callback c : t.callbacks()) {
                c.save(out); // a trick's own state (none for most)
            }
            out.flush();
        });
    }

    /** Loads the checkpoint into the trainer's model and optimizer; returns the history so far. */
    static State read(Path file, String identity, Trainer t) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException("not a checkpoint of this library");
            }
            String saved = in.readUTF();
            if (!saved.equals(identity)) {
                throw new IllegalStateException("it belongs to another run (" + shorten(saved) + ")");
            }
            Instant started = Instant.parse(in.readUTF());
            int n = in.readInt();
            List<EpochStats> history = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int epoch = in.readInt();
                double[] v = new double[9];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readDouble();
                }
                history.add(new EpochStats(epoch, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
            }
            double[] mp = {in.readDouble(), in.readDouble(), in.readDouble()};
            t.model().loadParameters(t.manager(), in);
            // DJL's loadParameters creates new arrays without gradients: switch them back on.
            for (ai.djl.nn.Parameter p : t.model().getParameters().values()) {
                if (p.requiresGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            }
            t.optimizer().loadState(in);
            for (org.bagoftricks.tricks.Callback c : t.callbacks()) {
                c.load(in, t.manager());
            }
            if (t.mixedPrecision() != null) {
                t.mixedPrecision().restore(mp);
            }
            return new State(started, history);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalStateException("cannot resume from the checkpoint " + file + ": " + e.getMessage()
                    + ". Delete it to train from the start.", e);
        }
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
