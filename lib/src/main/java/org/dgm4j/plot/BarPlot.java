package org.dgm4j.plot;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Bar charts with one group of bars per category and one bar per series (e.g. per-dimension KL, or
 * per-class mean |z| for each latent dimension).
 *
 * <pre>{@code
 * Notebook.show(BarPlot.titled("Mean |z| per dimension").categories(BarPlot.indexLabels(50))
 *         .series("trouser", t).series("dress", d).series("shirt", s).x("latent dimension").render());
 * }</pre>
 */
public final class BarPlot {

    private final String title;
    private List<String> categories;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private String xLabel = "";
    private String yLabel = "";
    private int width = PlotStyle.WIDTH;
    private int height = PlotStyle.HEIGHT;

    private BarPlot(String title) {
        this.title = title;
    }

    /** A new, empty bar chart with a title. */
    public static BarPlot titled(String title) {
        return new BarPlot(title);
    }

    /** Labels "0", "1", ..., "n-1" (e.g. latent dimensions). */
    public static List<String> indexLabels(int n) {
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(String.valueOf(i));
        }
        return labels;
    }

    /** The category labels along the x-axis. */
    public BarPlot categories(List<String> labels) {
        this.categories = List.copyOf(labels);
        return this;
    }

    /** Adds a series: one value per category. */
    public BarPlot series(String name, double[] values) {
        if (series.containsKey(name)) {
            throw new IllegalArgumentException("Series '" + name + "' was already added; names must be unique");
        }
        series.put(name, values.clone());
        return this;
    }

    /** The x-axis title. */
    public BarPlot x(String label) {
        this.xLabel = label;
        return this;
    }

    /** The y-axis title. */
    public BarPlot y(String label) {
        this.yLabel = label;
        return this;
    }

    /** Figure size in pixels. */
    public BarPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /** The styled XChart chart, for further customisation. */
    public CategoryChart chart() {
        if (series.isEmpty()) {
            throw new IllegalStateException("Bar chart '" + title + "' has no series; add one with series(...)");
        }
        int n = series.values().iterator().next().length;
        List<String> cats = categories == null ? indexLabels(n) : categories;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != cats.size()) {
                throw new IllegalArgumentException("Series '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + cats.size() + " categories; give one value per category");
            }
        }
        CategoryChart chart = PlotStyle.categoryChart(title, xLabel, yLabel, width, height);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        if (cats.size() > 20) {
            chart.getStyler().setXAxisLabelRotation(90);
            chart.getStyler().setAxisTickLabelsFont(PlotStyle.TICK_FONT.deriveFont(Font.PLAIN, 13f));
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (double v : e.getValue()) {
                values.add(v);
            }
            chart.addSeries(e.getKey(), cats, values);
        }
        return chart;
    }

    /** The chart as an image. */
    public BufferedImage render() {
        return PlotStyle.render(chart());
    }
}
