package org.bagoftricks.report;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bagoftricks.models.Models;
import org.bagoftricks.models.ResNet;
import org.bagoftricks.models.ResidualBlock;

/**
 * Block diagrams of the paper's Figure 2: a network's input stem and its first downsampling
 * block (path A, the residual body; path B, the shortcut), read from the built network itself,
 * not from a table. Operations with stride 2 are drawn in orange, average pools in blue, so the
 * tweaks of §4 show where they act: ResNet-B moves the stride from path A's first 1x1 conv to its
 * 3x3 conv, ResNet-C replaces the 7x7 stem conv by three 3x3 convs, ResNet-D puts a 2x2 average
 * pool before path B's 1x1 conv.
 */
public final class ResNetDiagram {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ResNetDiagram() {}

    /** One operation of the diagram, e.g. "Conv 3x3, 64, /2". */
    public record Op(String text, boolean strided, boolean pool) {}

    /** What a diagram shows: the stem's operations and those of the downsampling block's two paths. */
    public record Layout(String title, List<Op> stem, List<Op> pathA, List<Op> pathB) {
        public Layout {
            stem = List.copyOf(stem);
            pathA = List.copyOf(pathA);
            pathB = List.copyOf(pathB);
        }
    }

    private static final Color STRIDED = new Color(255, 200, 140);
    private static final Color POOL = new Color(170, 205, 255);
    private static final Color PLAIN = new Color(235, 235, 235);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int BOX_W = 150, BOX_H = 26, V_GAP = 14, H_GAP = 20, MARGIN = 14;

    /** The layout of a registered model at full width (e.g. "resnet50a" ... "resnet50d", "cifar_resnet50d"). */
    public static Layout layout(String modelName) {
        return layout(Models.create(modelName, Models.config(modelName).numClasses()), modelName);
    }

    /** The layout of a built network: its stem and the first block of its second stage. */
    public static Layout layout(ResNet net, String title) {
        List<Op> stem = ops(net.stem());
        ResidualBlock down = (ResidualBlock) net.stages().get(1).getChildren().values().get(0);
        List<Op> pathA = ops(down.pathA());
        List<Op> pathB = down.shortcut().map(ResNetDiagram::ops).orElse(List.of(new Op("identity", false, false)));
        return new Layout(title, stem, pathA, pathB);
    }

    private static List<Op> ops(SequentialBlock seq) {
        List<Op> out = new ArrayList<>();
        for (Block b : seq.getChildren().values()) {
            if (b instanceof Convolution conv) {
                long k = conv.getKernelShape().get(0);
                long s = conv.getStride().get(0);
                String groups = conv.getGroups() > 1 ? ", g" + conv.getGroups() : "";
                out.add(new Op("Conv " + k + "x" + k + ", " + conv.getFilters() + groups + (s > 1 ? ", /" + s : ""),
                        s > 1, false));
            } else if (b instanceof LambdaBlock l && l.getName().startsWith("maxPool")) {
                out.add(new Op("MaxPool 3x3, /2", true, false));
            } else if (b instanceof LambdaBlock l && l.getName().startsWith("avgPool")) {
                out.add(new Op("AvgPool 2x2, /2", true, true));
            }
            // batch norm and ReLU follow every conv: left out, as in the paper's figure
        }
        return out;
    }

    /**
     * The layout of a registered model at a channel width (e.g. 0.125 for the notebooks' narrow
     * networks): the boxes show the channel counts that network really has.
     */
    public static Layout layout(String modelName, double width) {
        String title = width == 1 ? modelName : modelName + " (width " + width + ")";
        return layout(Models.create(modelName, Models.config(modelName).numClasses(), width), title);
    }

    /** The diagram of a registered model, e.g. {@code draw("resnet50d")}. */
    public static BufferedImage draw(String modelName) {
        return draw(layout(modelName));
    }

    /** Several diagrams side by side, e.g. ResNet-A, -B, -C and -D. */
    public static BufferedImage drawAll(List<String> modelNames) {
        return drawAll(modelNames, 1);
    }

    /** Several diagrams side by side, of the networks at a channel width (their real channel counts). */
    public static BufferedImage drawAll(List<String> modelNames, double width) {
        List<BufferedImage> panels = modelNames.stream().map(n -> draw(layout(n, width))).toList();
        int w = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int h = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(Math.max(1, w), h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), h);
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return out;
    }

    /** Draws one layout: the stem in a column, then path A and path B side by side, joined at "+". */
    public static BufferedImage draw(Layout layout) {
        int width = 2 * MARGIN + 2 * BOX_W + H_GAP;
        int stemH = 22 + layout.stem().size() * (BOX_H + V_GAP);
        int paths = Math.max(layout.pathA().size(), layout.pathB().size());
        int blockH = 22 + paths * (BOX_H + V_GAP) + BOX_H + V_GAP;
        int height = MARGIN + 26 + stemH + 16 + blockH + MARGIN;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            centre(g, layout.title(), width / 2, MARGIN + 16);
            int y = MARGIN + 26;
            g.setFont(TEXT);
            g.setColor(Color.GRAY);
            centre(g, "input stem", width / 2, y + 14);
            y += 22;
            int cx = width / 2;
            for (int i = 0; i < layout.stem().size(); i++) {
                box(g, layout.stem().get(i), cx - BOX_W / 2, y);
                if (i + 1 < layout.stem().size()) {
                    arrow(g, cx, y + BOX_H, y + BOX_H + V_GAP);
                }
                y += BOX_H + V_GAP;
            }
            y += 16;
            g.setColor(Color.GRAY);
            centre(g, "downsampling block (stage 2)", width / 2, y + 14);
            y += 22;
            int ax = MARGIN, bx = MARGIN + BOX_W + H_GAP;
            g.setColor(Color.GRAY);
            centre(g, "path A", ax + BOX_W / 2, y - 2 + 12);
            centre(g, "path B", bx + BOX_W / 2, y - 2 + 12);
            y += 14;
            int top = y;
            int bottom = top + paths * (BOX_H + V_GAP);
            column(g, layout.pathA(), ax, top, bottom);
            column(g, layout.pathB(), bx, top, bottom);
            // the two paths meet at the addition
            int plusY = bottom + BOX_H / 2;
            g.setColor(Color.BLACK);
            g.drawOval(cx - 11, plusY - 11, 22, 22);
            centre(g, "+", cx, plusY + 5);
            g.drawLine(ax + BOX_W / 2, bottom, cx - 8, plusY - 8);
            g.drawLine(bx + BOX_W / 2, bottom, cx + 8, plusY - 8);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void column(Graphics2D g, List<Op> ops, int x, int top, int bottom) {
        int y = top;
        for (int i = 0; i < ops.size(); i++) {
            box(g, ops.get(i), x, y);
            int next = i + 1 < ops.size() ? y + BOX_H + V_GAP : bottom;
            arrow(g, x + BOX_W / 2, y + BOX_H, next);
            y += BOX_H + V_GAP;
        }
    }

    private static void box(Graphics2D g, Op op, int x, int y) {
        g.setColor(op.pool() ? POOL : op.strided() ? STRIDED : PLAIN);
        g.fillRoundRect(x, y, BOX_W, BOX_H, 8, 8);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(x, y, BOX_W, BOX_H, 8, 8);
        g.setColor(Color.BLACK);
        centre(g, op.text(), x + BOX_W / 2, y + BOX_H / 2 + 5);
    }

    private static void arrow(Graphics2D g, int x, int y1, int y2) {
        if (y2 <= y1) {
            return;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x, y1, x, y2);
        g.fillPolygon(new int[] {x - 4, x + 4, x}, new int[] {y2 - 6, y2 - 6, y2}, 3);
    }

    private static void centre(Graphics2D g, String s, int cx, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, cx - fm.stringWidth(s) / 2, baseline);
    }
}
