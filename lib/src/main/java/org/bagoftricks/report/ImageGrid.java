package org.bagoftricks.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bagoftricks.data.FloatImage;
import org.bagoftricks.data.RgbImage;

/**
 * Images laid out in a labelled grid, as one picture: the augmentation steps of §2 side by side,
 * mixup's blends of two images. Small images are enlarged by whole pixels (nearest neighbour),
 * so a 32-pixel CIFAR image stays sharp. A notebook shows the returned {@link BufferedImage} inline.
 *
 * <pre>{@code
 * ImageGrid grid = ImageGrid.scale(4).columns("original", "crop", "flip");
 * grid.row("airplane", original, cropped, flipped);
 * BufferedImage picture = grid.render();
 * }</pre>
 */
public final class ImageGrid {
    private static final int GAP = 6;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final int scale;
    private List<String> columnLabels = List.of();
    private final List<String> rowLabels = new ArrayList<>();
    private final List<List<RgbImage>> rows = new ArrayList<>();

    private ImageGrid(int scale) {
        if (scale < 1 || scale > 32) {
            throw new IllegalArgumentException("scale must be in [1, 32], got " + scale);
        }
        this.scale = scale;
    }

    /** A grid whose images are enlarged {@code factor} times (1 = actual size). */
    public static ImageGrid scale(int factor) {
        return new ImageGrid(factor);
    }

    /** Labels above the columns; optional. */
    public ImageGrid columns(String... labels) {
        this.columnLabels = List.of(labels);
        return this;
    }

    /** Adds a row of images with a label on its left (empty for none). */
    public ImageGrid row(String label, RgbImage... images) {
        return row(label, List.of(images));
    }

    public ImageGrid row(String label, List<RgbImage> images) {
        Objects.requireNonNull(label, "label");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least one image");
        }
        images.forEach(i -> Objects.requireNonNull(i, "image"));
        rowLabels.add(label);
        rows.add(List.copyOf(images));
        return this;
    }

    /**
     * Adds a row of float images (0..255 scale, as before normalization): values are rounded and
     * clamped to 0..255 for display.
     */
    public ImageGrid floatRow(String label, FloatImage... images) {
        return floatRow(label, List.of(images));
    }

    public ImageGrid floatRow(String label, List<FloatImage> images) {
        return row(label, images.stream().map(FloatImage::toRgb).toList());
    }

    /** The grid as one picture on a white background. */
    public BufferedImage render() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("the grid has no rows: add some with row(...)");
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        if (columnLabels.size() > columns) {
            throw new IllegalStateException(columnLabels.size() + " column labels for " + columns + " columns");
        }
        int cellW = 0, cellH = 0;
        for (List<RgbImage> row : rows) {
            for (RgbImage img : row) {
                cellW = Math.max(cellW, img.width() * scale);
                cellH = Math.max(cellH, img.height() * scale);
            }
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(FONT);
        pg.dispose();
        int labelW = rowLabels.stream().mapToInt(fm::stringWidth).max().orElse(0);
        labelW = labelW > 0 ? labelW + GAP : 0;
        int headerH = columnLabels.isEmpty() ? 0 : fm.getHeight() + GAP / 2;
        // columns at least as wide as their label, so labels do not overlap
        int colW = Math.max(cellW, columnLabels.stream().mapToInt(fm::stringWidth).max().orElse(0));
        int width = GAP + labelW + columns * (colW + GAP);
        int height = GAP + headerH + rows.size() * (cellH + GAP);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            g.setColor(Color.DARK_GRAY);
            for (int c = 0; c < columnLabels.size(); c++) {
                String s = columnLabels.get(c);
                int x = GAP + labelW + c * (colW + GAP) + (colW - fm.stringWidth(s)) / 2;
                g.drawString(s, x, GAP + fm.getAscent());
            }
            for (int r = 0; r < rows.size(); r++) {
                int y = GAP + headerH + r * (cellH + GAP);
                g.setColor(Color.DARK_GRAY);
                g.drawString(rowLabels.get(r), GAP, y + (cellH + fm.getAscent()) / 2);
                List<RgbImage> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    RgbImage img = row.get(c);
                    int x = GAP + labelW + c * (colW + GAP) + (colW - img.width() * scale) / 2;
                    draw(out, img, x, y);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** One image enlarged {@code factor} times, nearest neighbour. */
    public static BufferedImage toImage(RgbImage img, int factor) {
        BufferedImage out = new BufferedImage(img.width() * factor, img.height() * factor, BufferedImage.TYPE_INT_RGB);
        new ImageGrid(factor).draw(out, img, 0, 0);
        return out;
    }

    private void draw(BufferedImage out, RgbImage img, int x0, int y0) {
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int rgb = img.get(x, y, 0) << 16 | img.get(x, y, 1) << 8 | img.get(x, y, 2);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }
}
