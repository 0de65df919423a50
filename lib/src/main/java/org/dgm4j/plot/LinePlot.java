package org.dgm4j.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Line plots of one or more series in the course style: loss curves per epoch, sweeps (with markers
 * and an optional logarithmic x-axis, e.g. against β or α).
 *
 * <pre>{@code
 * Notebook.show(LinePlot.lossCurves(history, "epoch", "train_total", "val_total").render());
 * Notebook.show(LinePlot.titled("Reconstruction vs β").x("β").y("nats").logX()
 *         .series("recon", betas, recon).series("KL", betas, kl).render());
 * }</pre>
 */
public final class LinePlot {

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean markers = true;
    private boolean logX;
    private boolean logY;
    private int width = PlotStyle.WIDTH;
    private int height = PlotStyle.HEIGHT;
    private final Map<String, double[][]> series = new LinkedHashMap<>();
    private final List<Object[]> labels = new ArrayList<>();

    private LinePlot(String title) {
        this.title = title;
    }

    /** A new, empty plot with a title. */
    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /**
     * Loss curves from a history table: one line per named column against {@code xColumn}; when none
     * are named, every numeric column except {@code xColumn} and a timing column named "seconds" (as in
     * {@code org.dgm4j.train.History#table()}). Points are marked for up to 30 rows; missing values
     * (NaN) leave gaps.
     */
    public static LinePlot lossCurves(Table history, String xColumn, String... yColumns) {
        double[] x = numeric(history, xColumn);
        List<String> names = new ArrayList<>(List.of(yColumns));
        if (names.isEmpty()) {
            for (Column<?> c : history.columns()) {
                if (c instanceof NumericColumn && !c.name().equals(xColumn) && !c.name().equals("seconds")) {
                    names.add(c.name());
                }
            }
        }
        LinePlot plot = titled(history.name() == null || history.name().isBlank() ? "Loss" : history.name())
                .x(xColumn).y("loss").markers(history.rowCount() <= 30);
        for (String name : names) {
            plot.series(name, x, numeric(history, name));
        }
        return plot;
    }

    private static double[] numeric(Table table, String column) {
        if (!table.columnNames().contains(column)) {
            throw new IllegalArgumentException("Table '" + table.name() + "' has no column '" + column
                    + "'; its columns are " + table.columnNames());
        }
        Column<?> c = table.column(column);
        if (!(c instanceof NumericColumn)) {
            throw new IllegalArgumentException("Column '" + column + "' is " + c.type() + ", not numeric");
        }
        return ((NumericColumn<?>) c).asDoubleArray();
    }

    /** The x-axis title. */
    public LinePlot x(String label) {
        this.xLabel = label;
        return this;
    }

    /** The y-axis title. */
    public LinePlot y(String label) {
        this.yLabel = label;
        return this;
    }

    /** Whether points are marked (default true). */
    public LinePlot markers(boolean on) {
        this.markers = on;
        return this;
    }

    /** A logarithmic x-axis (all x must be positive). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** A logarithmic y-axis (all y must be positive). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Figure size in pixels. */
    public LinePlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** Adds a series with x = 1, 2, ..., n (e.g. epochs). */
    public LinePlot series(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** Adds a series. */
    public LinePlot series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values; give one x per y");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("Series '" + name + "' is empty");
        }
        if (series.containsKey(name)) {
            throw new IllegalArgumentException("Series '" + name + "' was already added; names must be unique");
        }
        series.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    /**
     * Writes {@code text} just above and right of the data point (x, y) (left of it near the right edge), e.g. the β of each point in a
     * rate–distortion plane. Labels are drawn by {@link #render()}, not part of {@link #chart()}.
     */
    public LinePlot label(String text, double x, double y) {
        labels.add(new Object[] {text, x, y});
        return this;
    }

    /** The styled XChart chart, for further customisation. */
    public XYChart chart() {
        if (series.isEmpty()) {
            throw new IllegalStateException("Plot '" + title + "' has no series; add one with series(...)");
        }
        XYChart chart = PlotStyle.xyChart(title, xLabel, yLabel, width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (logX) {
                requirePositive(e.getKey(), "x", x);
            }
            if (logY) {
                requirePositive(e.getKey(), "y", y);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            if (!markers) {
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /** The plot as an image. */
    public BufferedImage render() {
        XYChart chart = chart();
        BufferedImage image = PlotStyle.render(chart);
        if (!labels.isEmpty()) {
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(PlotStyle.LABEL_FONT);
                g.setColor(Color.DARK_GRAY);
                for (Object[] l : labels) {
                    int sx = (int) Math.round(chart.getScreenXFromChart((Double) l[1]));
                    int sy = (int) Math.round(chart.getScreenYFromChart((Double) l[2]));
                    String text = (String) l[0];
                    int w = g.getFontMetrics().stringWidth(text);
                    int x = sx + 8 + w < image.getWidth() ? sx + 8 : sx - 8 - w; // keep it inside the image
                    g.drawString(text, x, Math.max(g.getFontMetrics().getAscent(), sy - 8));
                }
            } finally {
                g.dispose();
            }
        }
        return image;
    }

    private static void requirePositive(String name, String axis, double[] v) {
        for (double d : v) {
            if (!(d > 0)) {
                throw new IllegalArgumentException("Series '" + name + "' has " + axis + " = " + d
                        + " on a logarithmic axis; all values must be positive (e.g. plot β = 0 separately)");
            }
        }
    }
}
