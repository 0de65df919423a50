package org.dgm4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.HeatMapChart;

/**
 * A matrix shown as coloured cells (e.g. mutual information between latents and factors, or
 * correlations), row 0 at the top as when reading a table, with an optional value in each cell.
 *
 * <pre>{@code
 * Notebook.show(HeatmapPlot.titled("MI(latent; factor)").values(mi)
 *         .rows(List.of("digit", "angle")).columns(BarPlot.indexLabels(10)).showValues(true).render());
 * }</pre>
 */
public final class HeatmapPlot {

    private final String title;
    private double[][] values;
    private List<String> rows;
    private List<String> columns;
    private boolean showValues;
    private Colormap colormap = Colormap.VIRIDIS;
    private Double min;
    private Double max;
    private String xLabel = "";
    private String yLabel = "";
    private int width = PlotStyle.WIDTH;
    private int height = PlotStyle.HEIGHT;

    private HeatmapPlot(String title) {
        this.title = title;
    }

    /** A new heat map with a title. */
    public static HeatmapPlot titled(String title) {
        return new HeatmapPlot(title);
    }

    /** The matrix, {@code values[row][column]}. */
    public HeatmapPlot values(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("Heat map needs a non-empty matrix");
        }
        for (double[] r : values) {
            if (r.length != values[0].length) {
                throw new IllegalArgumentException("Heat map rows must have equal length (found "
                        + values[0].length + " and " + r.length + ")");
            }
        }
        this.values = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            this.values[i] = values[i].clone();
        }
        return this;
    }

    /** Row labels (default 0..rows-1). */
    public HeatmapPlot rows(List<String> labels) {
        this.rows = List.copyOf(labels);
        return this;
    }

    /** Column labels (default 0..columns-1). */
    public HeatmapPlot columns(List<String> labels) {
        this.columns = List.copyOf(labels);
        return this;
    }

    /** Axis titles. */
    public HeatmapPlot axes(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    /** Whether each cell prints its value (default false). */
    public HeatmapPlot showValues(boolean on) {
        this.showValues = on;
        return this;
    }

    /** The colour map (default viridis; {@link Colormap#BLUE_RED} for signed values). */
    public HeatmapPlot colormap(Colormap map) {
        this.colormap = map;
        return this;
    }

    /** Fixes the colour range (default: the data's range). */
    public HeatmapPlot range(double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("Colour range needs max > min, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        return this;
    }

    /** Figure size in pixels. */
    public HeatmapPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** The styled XChart chart, for further customisation. */
    public HeatMapChart chart() {
        if (values == null) {
            throw new IllegalStateException("Heat map '" + title + "' has no values; call values(...)");
        }
        int nr = values.length;
        int nc = values[0].length;
        List<String> rowLabels = rows == null ? BarPlot.indexLabels(nr) : rows;
        List<String> colLabels = columns == null ? BarPlot.indexLabels(nc) : columns;
        if (rowLabels.size() != nr || colLabels.size() != nc) {
            throw new IllegalArgumentException("Heat map is " + nr + "x" + nc + " but has " + rowLabels.size()
                    + " row labels and " + colLabels.size() + " column labels");
        }
        HeatMapChart chart = PlotStyle.heatMapChart(title, xLabel, yLabel, width, height);
        chart.getStyler().setRangeColors(colormap.stops());
        chart.getStyler().setShowValue(showValues);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        chart.getStyler().setValueFontColor(Color.WHITE);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        if (nc > 20) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        double[] range = PlotStyle.range(Arrays.asList(values));
        double lo = range[0];
        double hi = range[1];
        // Round the data range outwards so the colour legend shows short numbers.
        double step = PlotStyle.niceStep((hi - lo) / 100);
        chart.getStyler().setMin(min != null ? min : Math.floor(lo / step) * step);
        chart.getStyler().setMax(max != null ? max : Math.ceil(hi / step) * step);
        // XChart draws the first y category at the bottom: reverse so row 0 is on top.
        List<String> yLabels = new ArrayList<>();
        for (int r = nr - 1; r >= 0; r--) {
            yLabels.add(rowLabels.get(r));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                cells.add(new Number[] {c, nr - 1 - r, values[r][c]});
            }
        }
        chart.addSeries(title == null || title.isBlank() ? "values" : title, colLabels, yLabels, cells);
        return chart;
    }

    /** The heat map as an image. */
    public BufferedImage render() {
        return PlotStyle.render(chart());
    }
}
