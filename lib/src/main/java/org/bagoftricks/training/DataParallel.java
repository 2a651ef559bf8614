package org.bagoftricks.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.bagoftricks.tricks.MiniBatch;

/**
 * Data parallelism on one machine: one replica of the model per device, each batch split along
 * its first axis into one shard per replica. Per step the trainer runs forward and backward of
 * every shard on its replica, with each shard's loss weighted by shard size / batch size, so the
 * summed gradients are the gradient of the whole batch's mean loss. Then {@link #reduceGradients}
 * sums the replicas' gradients into replica 0, the optimizer updates replica 0 once, and
 * {@link #afterUpdate} copies its weights to the others.
 *
 * <p>Replica 0 is the trainer's own model: evaluation, checkpoints and saved weights use it. The
 * other replicas hold their own arrays, also when several replicas share a device (as two
 * replicas on the CPU do in the tests): a missed reduction or a stale replica then shows.
 *
 * <p>Batch norm normalizes each shard with the shard's own statistics: the paper's setting, where
 * each of 8 GPUs saw 32 of the 256 images of a batch. After each step the replicas' running mean
 * and variance are averaged and the average given to every replica: the running mean is then
 * what one device seeing the whole batch would hold, the running variance the mean of the
 * per-shard variances.
 */
final class DataParallel implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex(":");

    /** Rows {@code [from, to)} of a batch of {@code total} rows, on {@code replica}'s device. */
    record Shard(int replica, long from, long to, long total, MiniBatch batch) {
        /** Weight of this shard's mean loss in the batch's mean loss. */
        float weight() {
            return (float) (to - from) / total;
        }
    }

    private final List<Device> devices;
    private final List<Block> models = new ArrayList<>();
    private final List<NDManager> managers = new ArrayList<>();
    private final List<ParameterStore> stores = new ArrayList<>();
    /** Per replica, its parameters in the order of replica 0's. */
    private final List<List<Parameter>> parameters = new ArrayList<>();

    /**
     * {@code n} devices for a trainer whose own device is {@code own}: the first {@code n} GPUs DJL
     * sees, or, without a GPU, {@code n} replicas on the CPU (which take turns on the same cores:
     * for tests, no faster than one).
     */
    static List<Device> devices(int n, Device own) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of devices must be >= 1, got " + n);
        }
        List<Device> visible = List.of(org.bagoftricks.Djl.engine().getDevices());
        if (visible.get(0).isGpu() && n > visible.size()) {
            throw new IllegalArgumentException(n + " devices asked for, but DJL sees " + visible.size() + " GPUs: "
                    + visible);
        }
        List<Device> chosen = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            chosen.add(visible.get(0).isGpu() ? visible.get(k) : own);
        }
        return chosen;
    }

    /**
     * Refuses devices a trainer cannot split its batches over, saying what to change: none, a first
     * device not the trainer's own ({@code own}), more devices than images in a (micro-)batch of
     * {@code micro}, or several devices for mixed precision.
     */
    static void check(List<Device> devices, Device own, int micro, boolean accumulating, boolean fp16) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one device");
        }
        if (!devices.get(0).equals(own)) {
            throw new IllegalArgumentException("the first device must be the trainer's own, " + own + ", got " + devices);
        }
        if (devices.size() > micro) {
            throw new IllegalArgumentException("a batch of " + micro + " images" + (accumulating ? " per micro-batch" : "")
                    + " cannot be split over " + devices.size() + " devices: use at most " + micro
                    + " devices or a larger batch");
        }
        if (devices.size() > 1 && fp16) {
            throw new IllegalArgumentException("mixed precision (fp16) trains on one device: training on "
                    + devices.size() + " devices is supported in FP32 only");
        }
    }

    /**
     * @param first   the trainer's model (initialized), replica 0, on {@code devices.get(0)}
     * @param factory builds a fresh, uninitialized network of the same architecture
     */
    DataParallel(Block first, NDManager manager, List<Device> devices, Supplier<Block> factory, Shape input) {
        if (devices.size() < 2) {
            throw new IllegalArgumentException("data parallelism needs at least 2 devices, got " + devices);
        }
        this.devices = List.copyOf(devices);
        try {
            for (int k = 0; k < devices.size(); k++) {
                NDManager m = manager.newSubManager(devices.get(k));
                managers.add(m);
                Block model = k == 0 ? first : factory.get();
                if (k > 0) {
                    model.initialize(m, DataType.FLOAT32, input);
                }
                models.add(model);
                // One store per device: DJL's store looks a parameter up by the input's device.
                stores.add(new ParameterStore(m, false));
                parameters.add(model.getParameters().values());
            }
            List<String> names = first.getParameters().keys();
            for (int k = 1; k < models.size(); k++) {
                if (!models.get(k).getParameters().keys().equals(names)) {
                    throw new IllegalArgumentException("replica " + k + " is not the same architecture as the model");
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        copyFromFirst();
    }

    int size() {
        return models.size();
    }

    List<Device> devices() {
        return devices;
    }

    Block model(int replica) {
        return models.get(replica);
    }

    ParameterStore store(int replica) {
        return stores.get(replica);
    }

    /**
     * Splits a batch into one shard per replica, on the replica's device: sizes differ by at most
     * one (a batch of 5 on 2 replicas gives 3 and 2). Refuses a batch smaller than the replicas.
     */
    List<Shard> split(MiniBatch mb) {
        int n = mb.labels().length;
        int r = size();
        if (n < r) {
            throw new IllegalArgumentException("a batch of " + n + " images cannot be split over " + r
                    + " replicas: use a batch (per micro-batch) of at least " + r + " images or fewer devices");
        }
        List<Shard> shards = new ArrayList<>(r);
        long from = 0;
        for (int k = 0; k < r; k++) {
            long to = from + n / r + (k < n % r ? 1 : 0);
            NDIndex rows = new NDIndex(from + ":" + to);
            Device d = devices.get(k);
            MiniBatch part = new MiniBatch(mb.images().get(rows).toDevice(d, false),
                    mb.targets().get(rows).toDevice(d, false), Arrays.copyOfRange(mb.labels(), (int) from, (int) to));
            shards.add(new Shard(k, from, to, n, part));
            from = to;
        }
        return shards;
    }

    /** Adds every replica's gradients into replica 0's and clears the others'. */
    void reduceGradients() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Device first = devices.get(0);
            List<Parameter> mine = parameters.get(0);
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).requiresGradient()) {
                    continue;
                }
                NDArray sum = mine.get(i).getArray().getGradient();
                for (int k = 1; k < size(); k++) {
                    sum.addi(parameters.get(k).get(i).getArray().getGradient().toDevice(first, false));
                }
            }
        }
        for (int k = 1; k < size(); k++) {
            for (Parameter p : parameters.get(k)) {
                if (p.requiresGradient()) {
                    Nag.zeroGradient(p.getArray());
                }
            }
        }
    }

    /**
     * After the optimizer updated replica 0: the replicas' batch-norm running statistics are
     * averaged into replica 0, then all of replica 0's parameters are copied to the others.
     */
    void afterUpdate() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Device first = devices.get(0);
            List<Parameter> mine = parameters.get(0);
            for (int i = 0; i < mine.size(); i++) {
                Parameter.Type type = mine.get(i).getType();
                if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                    continue;
                }
                NDArray sum = mine.get(i).getArray().duplicate();
                for (int k = 1; k < size(); k++) {
                    sum.addi(parameters.get(k).get(i).getArray().toDevice(first, false));
                }
                mine.get(i).getArray().set(ALL, sum.divi(size()));
            }
        }
        copyFromFirst();
    }

    /**
     * Replica 0's parameters (weights and running statistics) into every other replica. Also
     * called before training, after a checkpoint or a transfer changed replica 0.
     */
    void copyFromFirst() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<Parameter> mine = parameters.get(0);
            for (int k = 1; k < size(); k++) {
                Device d = devices.get(k);
                List<Parameter> theirs = parameters.get(k);
                for (int i = 0; i < mine.size(); i++) {
                    theirs.get(i).getArray().set(ALL, mine.get(i).getArray().toDevice(d, false));
                }
            }
        }
    }

    /** The replicas' own arrays (replica 0's belong to the trainer and are left open). */
    @Override
    public void close() {
        for (int k = managers.size() - 1; k >= 1; k--) {
            managers.get(k).close();
        }
    }
}
