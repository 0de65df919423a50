package org.dgm4j.plot;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of grey-scale images with optional title, row labels (left), column labels, per-image
 * captions (below each image) and axis titles. Pixels are enlarged by an integer factor without
 * smoothing, so each drawn square shows exactly one input value as grey {@code round(255·v)}.
 * Column labels sit above the grid, or below it when an x-axis title is set (as for a plot's axis).
 * {@link ImageGrids} builds the usual figures (reconstructions, interpolations, manifolds, traversals).
 */
public final class ImageGrid {

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private final List<GrayImages> rows;
    private final int columns;
    private final int imageHeight;
    private final int imageWidth;
    private String title;
    private List<String> rowLabels;
    private List<String> columnLabels;
    private List<String> captions;
    private String xTitle;
    private String yTitle;
    private int scale;
    private int padding = 2;
    private int rowsPerGroup;

    private ImageGrid(List<GrayImages> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("An image grid needs at least one row of images");
        }
        this.rows = List.copyOf(rows);
        int cols = 0;
        for (GrayImages r : rows) {
            cols = Math.max(cols, r.count());
            if (r.height() != rows.get(0).height() || r.width() != rows.get(0).width()) {
                throw new IllegalArgumentException("All images of a grid must have the same size; found "
                        + rows.get(0).height() + "x" + rows.get(0).width() + " and " + r.height() + "x" + r.width());
            }
        }
        this.columns = cols;
        this.imageHeight = rows.get(0).height();
        this.imageWidth = rows.get(0).width();
        this.scale = Math.max(1, (int) Math.round(84.0 / Math.max(imageHeight, imageWidth)));
    }

    /** Images laid out row-major, {@code columns} per row (the last row may be shorter). */
    public static ImageGrid of(GrayImages images, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        List<GrayImages> rows = new ArrayList<>();
        for (int i = 0; i < images.count(); i += columns) {
            rows.add(images.slice(i, Math.min(images.count(), i + columns)));
        }
        return new ImageGrid(rows);
    }

    /** Images of an NDArray ((B,1,H,W) or (B,H,W), values in [0, 1]) laid out row-major. */
    public static ImageGrid of(NDArray images, int columns) {
        return of(GrayImages.of(images), columns);
    }

    /** One row per element of {@code rows}; shorter rows leave blank cells at their end. */
    public static ImageGrid ofRows(List<GrayImages> rows) {
        return new ImageGrid(rows);
    }

    /** A title above the grid. */
    public ImageGrid title(String title) {
        this.title = title;
        return this;
    }

    /** One label per row, drawn to the left. */
    public ImageGrid rowLabels(List<String> labels) {
        if (labels.size() != rows.size()) {
            throw new IllegalArgumentException(labels.size() + " row labels for " + rows.size() + " rows");
        }
        this.rowLabels = List.copyOf(labels);
        return this;
    }

    /** One label per column. */
    public ImageGrid columnLabels(List<String> labels) {
        if (labels.size() != columns) {
            throw new IllegalArgumentException(labels.size() + " column labels for " + columns + " columns");
        }
        this.columnLabels = List.copyOf(labels);
        return this;
    }

    /** One caption per image (row-major, blank cells excluded), drawn under each image. */
    public ImageGrid captions(List<String> captions) {
        int n = 0;
        for (GrayImages r : rows) {
            n += r.count();
        }
        if (captions.size() != n) {
            throw new IllegalArgumentException(captions.size() + " captions for " + n + " images");
        }
        this.captions = List.copyOf(captions);
        return this;
    }

    /** Axis titles: {@code x} below the grid, {@code y} rotated on its left (null for none). */
    public ImageGrid axisTitles(String x, String y) {
        this.xTitle = x;
        this.yTitle = y;
        return this;
    }

    /** Enlargement factor of pixels (default: images about 84 px wide, i.e. 3 for 28x28, 1 for 64x64). */
    public ImageGrid scale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        this.scale = scale;
        return this;
    }

    /** White space between images in pixels (default 2). */
    public ImageGrid padding(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.padding = padding;
        return this;
    }

    /** Extra white space after every {@code rows} rows (e.g. 2 for original/reconstruction pairs). */
    public ImageGrid rowGroups(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows per group must be >= 1, got " + rows);
        }
        this.rowsPerGroup = rows;
        return this;
    }

    private int groupGap() {
        return rowsPerGroup == 0 ? 0 : 4 * padding + 10;
    }

    private int groupsBefore(int row) {
        return rowsPerGroup == 0 ? 0 : row / rowsPerGroup;
    }

    /** Layout of the rendered figure, computed from fonts and options. */
    private final class Layout {
        final int gridLeft;
        final int gridTop;
        final int cellWidth = imageWidth * scale;
        final int cellHeight = imageHeight * scale;
        final int captionHeight;
        final int labelHeight;
        final int width;
        final int height;
        final boolean labelsBelow = xTitle != null;

        Layout(Graphics2D g) {
            int margin = 8;
            FontMetrics label = g.getFontMetrics(PlotStyle.LABEL_FONT);
            FontMetrics titleMetrics = g.getFontMetrics(TITLE_FONT);
            labelHeight = label.getHeight();
            captionHeight = captions == null ? 0 : g.getFontMetrics(CAPTION_FONT).getHeight() + 2;
            int rowLabelWidth = 0;
            if (rowLabels != null) {
                for (String s : rowLabels) {
                    rowLabelWidth = Math.max(rowLabelWidth, label.stringWidth(s));
                }
                rowLabelWidth += 10;
            }
            int yTitleWidth = yTitle == null ? 0 : labelHeight + 6;
            int titleHeight = title == null ? 0 : titleMetrics.getHeight() + 8;
            int columnLabelHeight = columnLabels == null ? 0 : labelHeight + 4;
            int xTitleHeight = xTitle == null ? 0 : labelHeight + 4;
            gridLeft = margin + yTitleWidth + rowLabelWidth;
            gridTop = margin + titleHeight + (labelsBelow ? 0 : columnLabelHeight);
            int gridWidth = columns * cellWidth + (columns - 1) * padding;
            int gridHeight = rows.size() * (cellHeight + captionHeight) + (rows.size() - 1) * padding
                    + groupsBefore(rows.size() - 1) * groupGap();
            int w = gridLeft + gridWidth + margin;
            if (title != null) {
                w = Math.max(w, titleMetrics.stringWidth(title) + 2 * margin);
            }
            width = w;
            height = gridTop + gridHeight + (labelsBelow ? columnLabelHeight : 0) + xTitleHeight + margin;
        }

        int x(int column) {
            return gridLeft + column * (cellWidth + padding);
        }

        int y(int row) {
            return gridTop + row * (cellHeight + captionHeight + padding) + groupsBefore(row) * groupGap();
        }
    }

    private Layout layout() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return new Layout(g);
        } finally {
            g.dispose();
        }
    }

    /**
     * Top-left corner, in the rendered image, of the square showing pixel (y, x) of the image in cell
     * ({@code row}, {@code column}); the square is {@code scale} pixels wide.
     */
    public Point pixel(int row, int column, int y, int x) {
        Layout l = layout();
        return new Point(l.x(column) + x * scale, l.y(row) + y * scale);
    }

    /** Draws the grid. */
    public BufferedImage render() {
        Layout l = layout();
        BufferedImage out = new BufferedImage(l.width, l.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, l.width, l.height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            int captionIndex = 0;
            for (int r = 0; r < rows.size(); r++) {
                GrayImages row = rows.get(r);
                for (int c = 0; c < row.count(); c++) {
                    drawImage(out, row, c, l.x(c), l.y(r));
                    if (captions != null) {
                        g.setFont(CAPTION_FONT);
                        FontMetrics fm = g.getFontMetrics();
                        String cap = captions.get(captionIndex++);
                        g.drawString(cap, l.x(c) + (l.cellWidth - fm.stringWidth(cap)) / 2,
                                l.y(r) + l.cellHeight + fm.getAscent());
                    }
                }
            }
            drawLabels(g, l);
        } finally {
            g.dispose();
        }
        return out;
    }

    private void drawImage(BufferedImage out, GrayImages images, int index, int left, int top) {
        for (int y = 0; y < imageHeight; y++) {
            for (int x = 0; x < imageWidth; x++) {
                int v = GrayImages.grey(images.value(index, y, x));
                int rgb = (v << 16) | (v << 8) | v;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private void drawLabels(Graphics2D g, Layout l) {
        if (title != null) {
            g.setFont(TITLE_FONT);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (l.width - fm.stringWidth(title)) / 2, 8 + fm.getAscent());
        }
        g.setFont(PlotStyle.LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int gridBottom = l.y(rows.size() - 1) + l.cellHeight + l.captionHeight;
        if (rowLabels != null) {
            for (int r = 0; r < rows.size(); r++) {
                String s = rowLabels.get(r);
                g.drawString(s, l.gridLeft - 8 - fm.stringWidth(s),
                        l.y(r) + (l.cellHeight + fm.getAscent() - fm.getDescent()) / 2);
            }
        }
        if (columnLabels != null) {
            int baseline = l.labelsBelow ? gridBottom + 2 + fm.getAscent() : l.gridTop - 4 - fm.getDescent();
            for (int c = 0; c < columns; c++) {
                String s = columnLabels.get(c);
                g.drawString(s, l.x(c) + (l.cellWidth - fm.stringWidth(s)) / 2, baseline);
            }
        }
        int gridRight = l.x(columns - 1) + l.cellWidth;
        if (xTitle != null) {
            int baseline = gridBottom + (columnLabels != null ? l.labelHeight + 4 : 2) + fm.getAscent();
            g.drawString(xTitle, (l.gridLeft + gridRight - fm.stringWidth(xTitle)) / 2, baseline);
        }
        if (yTitle != null) {
            AffineTransform saved = g.getTransform();
            int cx = 8 + fm.getAscent();
            int cy = (l.gridTop + gridBottom) / 2;
            g.rotate(-Math.PI / 2, cx, cy);
            g.drawString(yTitle, cx - fm.stringWidth(yTitle) / 2, cy);
            g.setTransform(saved);
        }
    }
}
