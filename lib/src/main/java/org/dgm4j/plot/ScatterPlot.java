package org.dgm4j.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter plots of 2-D points (latent codes, t-SNE or PCA embeddings) coloured by class, with a legend,
 * or by a continuous value cut into equal-width bins (e.g. the rotation angle).
 *
 * <pre>{@code
 * Notebook.show(ScatterPlot.byClass("Latent space", z, labels).axes("z1", "z2").render());
 * Notebook.show(ScatterPlot.byValue("t-SNE by angle", xy, angles, 6, "angle").render());
 * }</pre>
 */
public final class ScatterPlot {

    private final String title;
    private final double[][] points;
    private final int[] groups;
    private final List<String> groupNames;
    private final List<Color> groupColors;
    private final List<String> overlayNames = new ArrayList<>();
    private final List<double[][]> overlays = new ArrayList<>();
    private String xLabel = "";
    private String yLabel = "";
    private int pointSize;
    private int width = PlotStyle.HEIGHT + 260;
    private int height = PlotStyle.HEIGHT + 60;

    private ScatterPlot(String title, double[][] points, int[] groups, List<String> names, List<Color> colors) {
        this.title = title;
        this.points = points;
        this.groups = groups;
        this.groupNames = names;
        this.groupColors = colors;
        this.pointSize = points.length > 3000 ? 4 : points.length > 500 ? 6 : 9;
    }

    /** Points coloured by integer class label, one legend entry per class present (named by number). */
    public static ScatterPlot byClass(String title, float[][] points, int[] labels) {
        return byClass(title, toDouble(points), labels, null);
    }

    /** Points coloured by integer class label, one legend entry per class present (named by number). */
    public static ScatterPlot byClass(String title, double[][] points, int[] labels) {
        return byClass(title, points, labels, null);
    }

    /**
     * Points coloured by class; {@code classNames[label]} names a class in the legend (null: the number).
     */
    public static ScatterPlot byClass(String title, double[][] points, int[] labels, String[] classNames) {
        check(points, labels.length);
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (int l : labels) {
            index.putIfAbsent(l, 0);
        }
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        int g = 0;
        for (Integer label : index.keySet()) {
            index.put(label, g++);
            boolean named = classNames != null && label >= 0 && label < classNames.length;
            names.add(named ? classNames[label] : String.valueOf(label));
            colors.add(PlotStyle.color(label));
        }
        int[] groups = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            groups[i] = index.get(labels[i]);
        }
        return new ScatterPlot(title, points, groups, names, colors);
    }

    /**
     * Points coloured by a continuous value cut into {@code bins} equal-width bins over its range, on a
     * sequential (viridis) scale; legend entries read "name in [lo, hi)".
     */
    public static ScatterPlot byValue(String title, double[][] points, double[] values, int bins, String name) {
        check(points, values.length);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double width = hi > lo ? (hi - lo) / bins : 1;
        int[] groups = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            groups[i] = Math.min(bins - 1, (int) ((values[i] - lo) / width));
        }
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            names.add(String.format(Locale.ROOT, "%s in [%.3g, %.3g%s", name, lo + b * width, lo + (b + 1) * width,
                    b == bins - 1 ? "]" : ")"));
            colors.add(Colormap.VIRIDIS.at(bins == 1 ? 0.5 : b / (double) (bins - 1)));
        }
        return new ScatterPlot(title, points, groups, names, colors);
    }

    /**
     * Adds a named set of extra points drawn on top as black crosses (e.g. latent points drawn from the
     * prior, to show where the encodings leave holes).
     */
    public ScatterPlot overlay(String name, double[][] extra) {
        check(extra, extra.length);
        overlayNames.add(name);
        overlays.add(extra);
        return this;
    }

    /** Axis titles. */
    public ScatterPlot axes(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    /** Marker size in pixels (default depends on the number of points). */
    public ScatterPlot pointSize(int pixels) {
        this.pointSize = pixels;
        return this;
    }

    /** Figure size in pixels. */
    public ScatterPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** The styled XChart chart, for further customisation. */
    public XYChart chart() {
        XYChart chart = PlotStyle.xyChart(title, xLabel, yLabel, width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(pointSize);
        for (int g = 0; g < groupNames.size(); g++) {
            int n = 0;
            for (int v : groups) {
                n += v == g ? 1 : 0;
            }
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            int k = 0;
            for (int i = 0; i < groups.length; i++) {
                if (groups[i] == g) {
                    x[k] = points[i][0];
                    y[k++] = points[i][1];
                }
            }
            XYSeries s = chart.addSeries(groupNames.get(g), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(PlotStyle.withAlpha(groupColors.get(g), 0.75));
        }
        for (int o = 0; o < overlays.size(); o++) {
            double[][] extra = overlays.get(o);
            double[] x = new double[extra.length];
            double[] y = new double[extra.length];
            for (int i = 0; i < extra.length; i++) {
                x[i] = extra[i][0];
                y[i] = extra[i][1];
            }
            XYSeries s = chart.addSeries(overlayNames.get(o), x, y);
            s.setMarker(o % 2 == 0 ? SeriesMarkers.CROSS : SeriesMarkers.PLUS);
            s.setMarkerColor(Color.BLACK);
        }
        return chart;
    }

    /** The plot as an image. */
    public BufferedImage render() {
        return PlotStyle.render(chart());
    }

    private static void check(double[][] points, int labels) {
        if (points.length != labels) {
            throw new IllegalArgumentException(points.length + " points but " + labels
                    + " labels/values; give one per point");
        }
        for (double[] p : points) {
            if (p.length != 2) {
                throw new IllegalArgumentException("Scatter points must be 2-D, found a point of dimension "
                        + p.length + "; embed higher-dimensional codes first (org.dgm4j.embed)");
            }
        }
    }

    static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }
}
