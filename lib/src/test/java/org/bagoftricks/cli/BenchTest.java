package org.bagoftricks.cli;

import org.bagoftricks.training.SyntheticData;
import org.bagoftricks.training.Trainer;
import org.bagoftricks.tricks.Recipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bagoftricks.data.Batch;
import org.bagoftricks.models.ModelStats;
import org.junit.jupiter.api.Test;

/** The bench's Java side: what it prints is what the driver parses; its step is the trainer's. No timing is checked. */
class BenchTest {

    @Test
    void trainStepPrintsOneLinePerTimedStepThenThePeakMemory() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Bench.trainStep("cifar_resnet18", 0.25, 32, 4, 10, 1, 3, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("params 701466", lines.get(0)); // as PyTorch's peer counts its torchvision model
        List<String> steps = lines.stream().filter(l -> l.startsWith("step ")).toList();
        assertEquals(3, steps.size(), lines.toString());
        for (String s : steps) {
            String[] f = s.split(" ");
            assertEquals(4, f.length, s);
            assertTrue(Double.parseDouble(f[1]) > 0 && Long.parseLong(f[2]) > 0 && Double.parseDouble(f[3]) >= 0, s);
        }
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("hwm_kb ") && Long.parseLong(last.substring(7)) > 0, last);
    }

    @Test
    void aTrainStepUpdatesEveryTrainableParameter() {
        Recipe r = Recipe.baseline().batchSize(4);
        try (Trainer t = new Trainer(r, SyntheticData.colours(10, 1, 1, 32, 3))) {
            List<Parameter> trainable = t.model().getParameters().values().stream()
                    .filter(Parameter::requiresGradient).toList();
            List<float[]> before = trainable.stream().map(p -> p.getArray().toFloatArray()).toList();
            float[] images = new float[4 * 3 * 32 * 32];
            for (int i = 0; i < images.length; i++) {
                images[i] = (i % 7) / 7f - 0.5f;
            }
            t.trainStep(new Batch(images, new int[] {0, 1, 2, 3}, 4, 32), 0.1,
                    new ai.djl.training.ParameterStore(t.manager(), false));
            for (int i = 0; i < trainable.size(); i++) {
                float[] after = trainable.get(i).getArray().toFloatArray();
                boolean changed = false;
                for (int j = 0; j < after.length && !changed; j++) {
                    changed = after[j] != before.get(i)[j];
                }
                assertTrue(changed, trainable.get(i).getName() + " did not change");
                float[] grad = trainable.get(i).getArray().getGradient().toFloatArray();
                assertEquals(0f, max(grad), "gradient cleared: " + trainable.get(i).getName());
            }
            assertTrue(ModelStats.parameters(t.model()) > 0);
        }
    }

    @Test
    void augmentationPrintsOneRatePerRound() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] px = new byte[40 * 30 * 3];
        new java.util.SplittableRandom(1).nextBytes(px);
        Bench.augmentation("imagenet", 32, List.of(new org.bagoftricks.data.RgbImage(40, 30, px)), 0.05, 2,
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        for (String l : lines) {
            String[] f = l.split(" ");
            assertEquals("aug", f[0]);
            assertEquals("imagenet", f[1]);
            assertTrue(Double.parseDouble(f[2]) > 0, l);
        }
    }

    @Test
    void benchWorkerRefusesAnUnknownMeasurement() {
        assertEquals(2, org.bagoftricks.cli.Main.run("bench-worker", "--what", "nothing"));
    }

    private static float max(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
