package org.bagoftricks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bagoftricks.data.FloatImage;
import org.bagoftricks.data.RgbImage;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The pictures the notebooks show: image grids, ResNet diagrams, logit gaps. */
class NotebookPicturesTest {
    private static RgbImage solid(int w, int h, int r, int g, int b) {
        byte[] p = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            p[3 * i] = (byte) r;
            p[3 * i + 1] = (byte) g;
            p[3 * i + 2] = (byte) b;
        }
        return new RgbImage(w, h, p);
    }

    @Test
    void gridEnlargesEachImageByWholePixelsAndKeepsItsColours() {
        RgbImage red = solid(4, 4, 255, 0, 0);
        RgbImage blue = solid(4, 4, 0, 0, 255);
        BufferedImage a = ImageGrid.scale(3).row("", red, blue).render();
        BufferedImage b = ImageGrid.scale(3).row("", red, blue).row("", blue, red).render();
        assertTrue(b.getHeight() > a.getHeight(), "a second row adds height");
        // no labels: the first cell starts at the margin and is 12 x 12 pixels of pure red
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) == 0xFF0000) {
                    count++;
                }
            }
        }
        assertEquals(12 * 12, count);
        BufferedImage single = ImageGrid.toImage(blue, 2);
        assertEquals(8, single.getWidth());
        assertEquals(0x0000FF, single.getRGB(7, 7) & 0xFFFFFF);
    }

    @Test
    void floatRowsAreClampedForDisplayAndLabelsWidenTheGrid() {
        float[] d = new float[3 * 2 * 2];
        java.util.Arrays.fill(d, 0, 4, 300f);   // red above 255
        java.util.Arrays.fill(d, 4, 8, -20f);   // green below 0
        FloatImage f = new FloatImage(2, 2, d);
        BufferedImage plain = ImageGrid.scale(1).floatRow("", f).render();
        BufferedImage labelled = ImageGrid.scale(1).columns("a column label").floatRow("row label", f).render();
        assertTrue(labelled.getWidth() > plain.getWidth() && labelled.getHeight() > plain.getHeight());
        boolean found = false;
        for (int y = 0; y < plain.getHeight(); y++) {
            for (int x = 0; x < plain.getWidth(); x++) {
                found |= (plain.getRGB(x, y) & 0xFFFFFF) == 0xFF0000;
            }
        }
        assertTrue(found, "300 shows as 255 red, -20 as 0 green");
        assertThrows(IllegalStateException.class, () -> ImageGrid.scale(2).render());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.scale(0));
        assertThrows(IllegalStateException.class,
                () -> ImageGrid.scale(1).columns("a", "b", "c").row("", solid(1, 1, 0, 0, 0)).render());
    }

    @Test
    void diagramsShowWhereEachTweakActs() {
        ResNetDiagram.Layout a = ResNetDiagram.layout("resnet50a");
        ResNetDiagram.Layout b = ResNetDiagram.layout("resnet50b");
        ResNetDiagram.Layout c = ResNetDiagram.layout("resnet50c");
        ResNetDiagram.Layout d = ResNetDiagram.layout("resnet50d");
        // A: stride on path A's first 1x1 conv; B: on its 3x3 conv
        assertEquals(List.of("Conv 1x1, 128, /2", "Conv 3x3, 128", "Conv 1x1, 512"), texts(a.pathA()));
        assertEquals(List.of("Conv 1x1, 128", "Conv 3x3, 128, /2", "Conv 1x1, 512"), texts(b.pathA()));
        // C: three 3x3 convs (32, 32, 64) instead of the 7x7
        assertEquals(List.of("Conv 7x7, 64, /2", "MaxPool 3x3, /2"), texts(b.stem()));
        assertEquals(List.of("Conv 3x3, 32, /2", "Conv 3x3, 32", "Conv 3x3, 64", "MaxPool 3x3, /2"), texts(c.stem()));
        // D: average pool, then a stride-1 conv on the shortcut
        assertEquals(List.of("Conv 1x1, 512, /2"), texts(c.pathB()));
        assertEquals(List.of("AvgPool 2x2, /2", "Conv 1x1, 512"), texts(d.pathB()));
        assertTrue(d.pathB().get(0).pool());
        BufferedImage one = ResNetDiagram.draw("resnet50d");
        BufferedImage four = ResNetDiagram.drawAll(List.of("resnet50a", "resnet50b", "resnet50c", "resnet50d"));
        assertEquals(4 * one.getWidth(), four.getWidth());
        assertNotEquals(ResNetDiagram.draw(a).getHeight(), ResNetDiagram.draw(c).getHeight(), "C's stem is longer");
    }

    @Test
    void aNarrowNetworksDiagramShowsItsRealChannelCounts() {
        // an eighth of the width: stage 2's bottleneck has 16 channels and puts out 64
        ResNetDiagram.Layout d = ResNetDiagram.layout("cifar_resnet50d", 0.125);
        assertEquals(List.of("Conv 1x1, 16", "Conv 3x3, 16, /2", "Conv 1x1, 64"), texts(d.pathA()));
        assertEquals(List.of("AvgPool 2x2, /2", "Conv 1x1, 64"), texts(d.pathB()));
        assertTrue(d.title().contains("0.125"), d.title());
        assertEquals(ResNetDiagram.layout("cifar_resnet50d").pathA().size(), d.pathA().size());
    }

    private static List<String> texts(List<ResNetDiagram.Op> ops) {
        return ops.stream().map(ResNetDiagram.Op::text).toList();
    }

    @Test
    void logitGapIsTheTopLogitMinusTheMeanOfTheOthers() {
        double[] g = LogitGaps.gaps(new float[][] {{1, 5, 3}, {0, 0, 0}, {-2, -4, -6}});
        assertEquals(5 - 2, g[0], 1e-9);
        assertEquals(0, g[1], 1e-9);
        assertEquals(-2 - (-5), g[2], 1e-9);
        assertEquals(Math.log(81), LogitGaps.optimalGap(10, 0.1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LogitGaps.optimalGap(10, 0));
        assertThrows(IllegalArgumentException.class, () -> LogitGaps.gaps(new float[][] {{1}}));
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("one-hot", new double[] {1, 2, 3, 10});
        m.put("smoothed", new double[] {4, 4, 4, 4});
        Table t = LogitGaps.summary(m);
        assertEquals(4.0, t.doubleColumn("mean").getDouble(0), 1e-9);
        assertEquals(2.5, t.doubleColumn("median").getDouble(0), 1e-9);
        assertEquals(0.0, t.doubleColumn("std").getDouble(1), 1e-9);
        var chart = LogitGaps.histogram(m, 5);
        assertEquals(2, chart.getSeries("smoothed") == null ? 1 : 2);
        double share = 0;
        for (double y : chart.getSeries("one-hot").getYData()) {
            share += y;
        }
        assertEquals(1.0, share, 1e-9, "each histogram's shares add up to 1");
    }
}
