// Why zero gamma trails the baseline here: how much each residual branch adds to its shortcut in
// the trained networks of the reference study, with and without zero gamma. Reads the weights the
// results store keeps beside each run.json (model.params; kept on the machine that trained them,
// not in git) and 1,000 CIFAR-10 test images; trains nothing. Run from the repository root:
//
//   java -cp "lib/target/bagoftricks-0.2.0.jar:lib/target/lib/*" data/reference/zero-gamma/Probe.java \
//       data/reference/store > data/reference/zero-gamma/probe.txt
//
// and for the large batch's pair (batch 128, linear scaling and warm-up, with and without zero gamma):
//
//   java -cp ... data/reference/zero-gamma/Probe.java data/reference/store \
//       "baseline + small-image-aug + linear-scaling(32) + warmup(1)" 128 > data/reference/zero-gamma/probe-large-batch.txt
//
// For each run of the base recipe (default `baseline + small-image-aug`) and the base + zero-gamma
// at that batch (default 32), any length, any seed, it prints, per stage of the ResNet-18, the mean |gamma| of the batch norm that
// ends each block (the one zero gamma starts at 0), and the mean ratio ||F(x)|| / ||shortcut(x)||
// of the block's residual branch to its shortcut, over the test images.
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bagoftricks.data.Batch;
import org.bagoftricks.data.BatchLoader;
import org.bagoftricks.data.Dataset;
import org.bagoftricks.data.Datasets;
import org.bagoftricks.data.Subsets;
import org.bagoftricks.models.Models;
import org.bagoftricks.models.ResNet;
import org.bagoftricks.models.ResidualBlock;
import org.bagoftricks.tricks.Recipe;

public class Probe {
    record Row(String recipe, int epochs, long seed, double top1, double[] gamma, double[] ratio) {}

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args.length > 0 ? args[0] : "data/reference/store");
        String base = args.length > 1 ? args[1] : "baseline + small-image-aug";
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Dataset data = Subsets.of(Datasets.open("cifar10"), 0, 1000);
        Recipe eval = Recipe.baseline().smallImageAugmentation();
        Batch sample = BatchLoader.first(data.test(), eval.augmentation().eval(32), 1000);
        float[] images = sample.images();
        int n = sample.size();
        List<Row> rows = new ArrayList<>();
        List<Path> dirs;
        try (var s = Files.list(store)) {
            dirs = s.sorted().toList();
        }
        for (Path dir : dirs) {
            Path json = dir.resolve("run.json"), weights = dir.resolve("model.params");
            if (!Files.exists(json) || !Files.exists(weights)) {
                continue;
            }
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            String recipe = o.get("recipe").getAsString();
            String identity = o.get("identity").getAsString();
            if (!(recipe.equals(base) || recipe.equals(base + " + zero-gamma"))
                    || !identity.contains("batchSize=" + batch + ";") || !identity.contains("cifar_resnet18];width=0.25;")) {
                continue;
            }
            ResNet net = Models.create("cifar_resnet18", 10, 0.25);
            try (NDManager m = NDManager.newBaseManager()) {
                net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
                try (DataInputStream in = new DataInputStream(Files.newInputStream(weights))) {
                    net.loadParameters(m, in);
                }
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = net.stem().forward(ps, new NDList(m.create(images, new Shape(n, 3, 32, 32))), false).head();
                List<ResidualBlock> blocks = net.blocks();
                double[] gamma = new double[blocks.size()], ratio = new double[blocks.size()];
                for (int i = 0; i < blocks.size(); i++) {
                    ResidualBlock block = blocks.get(i);
                    gamma[i] = block.lastNorm().getDirectParameters().get("gamma").getArray().abs().mean().getFloat();
                    NDArray f = block.pathA().forward(ps, new NDList(x), false).head();
                    NDArray s = block.shortcut().isPresent() ? block.shortcut().get().forward(ps, new NDList(x), false).head() : x;
                    // per image: ||F(x)|| / ||shortcut(x)||, then the mean over images
                    NDArray fn = f.reshape(n, -1).norm(new int[] {1});
                    NDArray sn = s.reshape(n, -1).norm(new int[] {1});
                    ratio[i] = fn.div(sn).mean().getFloat();
                    x = block.forward(ps, new NDList(x), false).head();
                }
                int epochs = o.getAsJsonArray("epochs").size();
                rows.add(new Row(recipe.endsWith("zero-gamma") ? "zero-gamma" : "baseline", epochs, o.get("seed").getAsLong(),
                        o.getAsJsonObject("result").get("top1").getAsDouble(), gamma, ratio));
            }
        }
        rows.sort(java.util.Comparator.comparingInt(Row::epochs).thenComparing(Row::recipe).thenComparingLong(Row::seed));
        System.out.println("Residual branches of the reference study's ResNet-18 (width 0.25, batch " + batch + ", 10,000 training images),"
                + " on " + n + " CIFAR-10 test images. Per block (2 per stage, 4 stages): mean |gamma| of the"
                + " block's last batch norm, and the mean over images of ||F(x)|| / ||shortcut(x)||.");
        if (!base.equals("baseline + small-image-aug")) {
            System.out.println("Rows 'baseline': " + base + "; rows 'zero-gamma': the same + zero-gamma.");
        }
        System.out.println();
        System.out.println("recipe      epochs seed  top1  | mean |gamma| per block                          | branch/shortcut per block");
        for (Row r : rows) {
            StringBuilder g = new StringBuilder(), q = new StringBuilder();
            for (int i = 0; i < r.gamma().length; i++) {
                g.append(String.format(Locale.ROOT, " %.3f", r.gamma()[i]));
                q.append(String.format(Locale.ROOT, " %.2f", r.ratio()[i]));
            }
            System.out.printf(Locale.ROOT, "%-11s %6d %4d %5.2f |%s |%s%n", r.recipe(), r.epochs(), r.seed(), 100 * r.top1(), g, q);
        }
        System.out.println();
        System.out.println("Means over seeds (gamma: all blocks; ratio: all blocks):");
        rows.stream().map(r -> r.epochs() + " " + r.recipe()).distinct().forEach(k -> {
            List<Row> same = rows.stream().filter(r -> (r.epochs() + " " + r.recipe()).equals(k)).toList();
            double g = same.stream().mapToDouble(r -> java.util.Arrays.stream(r.gamma()).average().orElse(0)).average().orElse(0);
            double q = same.stream().mapToDouble(r -> java.util.Arrays.stream(r.ratio()).average().orElse(0)).average().orElse(0);
            double t = same.stream().mapToDouble(Row::top1).average().orElse(0);
            System.out.printf(Locale.ROOT, "  %-16s seeds %d  top-1 %.2f  mean |gamma| %.3f  branch/shortcut %.3f%n", k, same.size(), 100 * t, g, q);
        });
    }
}
