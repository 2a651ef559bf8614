// What the trained ResNet-50 variants of the model-tweaks part (an eighth of the width, trained with
// warm-up, zero gamma and no bias decay) do with their stems and residual branches. At that width
// ResNet-C's stem convs have 4, 4 and 8 channels (32, 32, 64 scaled), so every image goes through
// two 4-channel layers, each followed by a ReLU; a channel whose ReLU is 0 almost everywhere carries
// nothing to the next layer. And zero gamma starts every residual branch at 0: how much each adds to
// its shortcut after training says how much of the signal goes through the stem and the shortcuts
// (the downsampling shortcut being what ResNet-D changes); the same networks trained without zero
// gamma (tweaks-without-zero-gamma/) say how much of that is zero gamma's. Reads the weights the results store keeps beside
// each run.json (model.params; kept on the machine that trained them, not in git) and 1,000
// CIFAR-10 test images; trains nothing. Run from the repository root, with one store or several:
//
//   java -cp "lib/target/bagoftricks-0.2.0.jar:lib/target/lib/*" data/reference/tweaks-probe/Probe.java \
//       data/reference/store > data/reference/tweaks-probe/probe.txt
//
// For each run of the study's ResNet-50 variants (cifar_resnet50a/b/c/d/s at width 0.125) it
// prints, for each ReLU of the stem, the share of its outputs that are 0 in each channel, over
// every pixel of the test images, and how many channels are 0 on more than 99% of them (dead); then
// per stage, the mean |gamma| of the batch norms that end its blocks and the mean over its blocks
// and images of ||F(x)|| / ||shortcut(x)||, the branch's norm against its shortcut's.
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    record Row(String model, boolean zeroGamma, long seed, double top1, List<float[]> zeros, double[] gamma, double[] ratio) {}

    private static final Pattern MODEL = Pattern.compile("model=Registered\\[name=(cifar_resnet50[abcds])\\];width=0\\.125;");

    public static void main(String[] args) throws Exception {
        List<Path> stores = new ArrayList<>();
        for (String a : args.length > 0 ? args : new String[] {"data/reference/store"}) {
            stores.add(Path.of(a));
        }
        Dataset data = Subsets.of(Datasets.open("cifar10"), 0, 1000);
        Recipe eval = Recipe.baseline().smallImageAugmentation();
        Batch sample = BatchLoader.first(data.test(), eval.augmentation().eval(32), 1000);
        float[] images = sample.images();
        int n = sample.size();
        List<Row> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path store : stores) {
            List<Path> dirs;
            try (var s = Files.list(store)) {
                dirs = s.sorted().toList();
            }
            for (Path dir : dirs) {
                Path json = dir.resolve("run.json"), weights = dir.resolve("model.params");
                if (!Files.exists(json) || !Files.exists(weights) || seen.contains(dir.getFileName().toString())) {
                    continue;
                }
                JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
                String identity = o.get("identity").getAsString();
                Matcher m = MODEL.matcher(identity);
                if (!m.find()) {
                    continue;
                }
                seen.add(dir.getFileName().toString());
                String model = m.group(1);
                ResNet net = Models.create(model, 10, 0.125);
                try (NDManager mgr = NDManager.newBaseManager()) {
                    net.initialize(mgr, DataType.FLOAT32, new Shape(1, 3, 32, 32));
                    try (DataInputStream in = new DataInputStream(Files.newInputStream(weights))) {
                        net.loadParameters(mgr, in);
                    }
                    ParameterStore ps = new ParameterStore(mgr, false);
                    NDArray x = mgr.create(images, new Shape(n, 3, 32, 32));
                    List<float[]> zeros = new ArrayList<>();
                    for (Block layer : net.stem().getChildren().values()) {
                        x = layer.forward(ps, new NDList(x), false).head();
                        if (layer instanceof LambdaBlock l && l.getName().equals("relu")) {
                            // share of zeros per channel, over images and pixels
                            zeros.add(x.eq(0f).toType(DataType.FLOAT32, false).transpose(1, 0, 2, 3).reshape(x.getShape().get(1), -1).mean(new int[] {1}).toFloatArray());
                        }
                    }
                    // per stage: mean |gamma| of each block's last BN and mean ||F(x)|| / ||shortcut(x)||
                    double[] gamma = new double[4], ratio = new double[4];
                    List<SequentialBlock> stages = net.stages();
                    for (int st = 0; st < stages.size(); st++) {
                        List<Block> blocks = stages.get(st).getChildren().values();
                        for (Block b : blocks) {
                            ResidualBlock block = (ResidualBlock) b;
                            gamma[st] += block.lastNorm().getDirectParameters().get("gamma").getArray().abs().mean().getFloat() / blocks.size();
                            NDArray f = block.pathA().forward(ps, new NDList(x), false).head();
                            NDArray sc = block.shortcut().isPresent() ? block.shortcut().get().forward(ps, new NDList(x), false).head() : x;
                            ratio[st] += f.reshape(n, -1).norm(new int[] {1}).div(sc.reshape(n, -1).norm(new int[] {1})).mean().getFloat() / blocks.size();
                            x = block.forward(ps, new NDList(x), false).head();
                        }
                    }
                    rows.add(new Row(model.substring("cifar_".length()), identity.contains("zeroGamma=true"), o.get("seed").getAsLong(),
                            o.getAsJsonObject("result").get("top1").getAsDouble(), zeros, gamma, ratio));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::model).thenComparing(r -> !r.zeroGamma()).thenComparingLong(Row::seed));
        System.out.println("The stems of the reference study's ResNet-50 variants (width 0.125, 32-pixel form) on " + n
                + " CIFAR-10 test images: per ReLU of the stem (channels in brackets), the share of outputs that are 0 in"
                + " each channel, and the channels that are 0 on more than 99% of them (dead); per stage, the mean |gamma| of"
                + " the batch norms that end its blocks and the mean ||F(x)|| / ||shortcut(x)|| of its blocks. zero-g: trained"
                + " with zero gamma (model-tweaks/, stem-width/); no-zg: without (tweaks-without-zero-gamma/).");
        System.out.println();
        for (Row r : rows) {
            StringBuilder s = new StringBuilder();
            for (float[] z : r.zeros()) {
                int dead = 0;
                StringBuilder c = new StringBuilder();
                for (float v : z) {
                    c.append(String.format(Locale.ROOT, " %.2f", v));
                    dead += v > 0.99f ? 1 : 0;
                }
                s.append(String.format(Locale.ROOT, " | relu [%d]:%s (dead %d)", z.length, c, dead));
            }
            System.out.printf(Locale.ROOT, "%-10s %-7s seed %d  top-1 %5.2f%s%n", r.model(), r.zeroGamma() ? "zero-g" : "no-zg", r.seed(), 100 * r.top1(), s);
            System.out.printf(Locale.ROOT, "%-10s                   per stage: mean |gamma| %.2f %.2f %.2f %.2f; branch/shortcut %.2f %.2f %.2f %.2f%n",
                    "", r.gamma()[0], r.gamma()[1], r.gamma()[2], r.gamma()[3], r.ratio()[0], r.ratio()[1], r.ratio()[2], r.ratio()[3]);
        }
    }
}
