package org.bagoftricks.data;
import java.util.*;
/** TEMPORARY STUB. */
public final class BatchLoader implements AutoCloseable {
    final ImageSet set; final Augmentation aug; int bs = 32; boolean shuffle, dropLast; long seed;
    BatchLoader(ImageSet s, Augmentation a) { set = s; aug = a; }
    public static Builder builder(ImageSet s, Augmentation a) { return new Builder(new BatchLoader(s, a)); }
    public static final class Builder { final BatchLoader l; Builder(BatchLoader l) { this.l = l; }
        public Builder batchSize(int n) { l.bs = n; return this; } public Builder shuffle(boolean b) { l.shuffle = b; return this; }
        public Builder dropLast(boolean b) { l.dropLast = b; return this; } public Builder seed(long s) { l.seed = s; return this; }
        public Builder threads(int t) { return this; } public BatchLoader build() { return l; } }
    public int batchesPerEpoch() { return dropLast ? set.size() / bs : (set.size() + bs - 1) / bs; }
    public double waitSeconds() { return 0; }
    public Iterator<Batch> epoch(int epoch) {
        List<Integer> idx = new ArrayList<>(); for (int i = 0; i < set.size(); i++) idx.add(i);
        if (shuffle) Collections.shuffle(idx, new Random(seed * 1000 + epoch));
        List<Batch> out = new ArrayList<>(); int s = aug.size(); SplittableRandom r = new SplittableRandom(seed);
        for (int b = 0; b < batchesPerEpoch(); b++) { int n = Math.min(bs, set.size() - b * bs);
            float[] x = new float[n * 3 * s * s]; int[] y = new int[n];
            for (int i = 0; i < n; i++) { int j = idx.get(b * bs + i); aug.apply(set.image(j), r, x, i * 3 * s * s); y[i] = set.label(j); }
            out.add(new Batch(x, y, n, s)); }
        return out.iterator();
    }
    public void close() {}
}
