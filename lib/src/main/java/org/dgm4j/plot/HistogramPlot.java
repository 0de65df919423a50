package org.dgm4j.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Overlaid histograms of several samples on common bins (e.g. reconstruction errors of normal and
 * anomalous images). Each sample is normalised to the share of its points per bin, so samples of
 * different sizes compare directly; fills are translucent so overlaps stay visible.
 *
 * <pre>{@code
 * Notebook.show(HistogramPlot.titled("Reconstruction error").x("BCE per image")
 *         .sample("MNIST", normal).sample("Fashion-MNIST", anomalous).render());
 * }</pre>
 */
public final class HistogramPlot {

    private final String title;
    private final Map<String, double[]> samples = new LinkedHashMap<>();
    private int bins = 40;
    private String xLabel = "";
    private int width = PlotStyle.WIDTH;
    private int height = PlotStyle.HEIGHT;

    private HistogramPlot(String title) {
        this.title = title;
    }

    /** A new, empty histogram with a title. */
    public static HistogramPlot titled(String title) {
        return new HistogramPlot(title);
    }

    /** Adds a sample. */
    public HistogramPlot sample(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("Sample '" + name + "' is empty");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Sample '" + name + "' contains " + v + "; remove non-finite values");
            }
        }
        samples.put(name, values.clone());
        return this;
    }

    /** Number of bins over the pooled range (default 40). */
    public HistogramPlot bins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        this.bins = bins;
        return this;
    }

    /** The x-axis title. */
    public HistogramPlot x(String label) {
        this.xLabel = label;
        return this;
    }

    /** Figure size in pixels. */
    public HistogramPlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Bin edges spanning all samples: about {@code bins} bins of a "nice" width (1, 2, 2.5 or 5 times
     * a power of ten) starting at a multiple of that width, so tick labels read well.
     */
    public double[] edges() {
        double[] range = PlotStyle.range(samples.values());
        double lo = range[0];
        double hi = range[1];
        double w = PlotStyle.niceStep((hi - lo) / bins);
        double start = Math.floor(lo / w) * w;
        int n = Math.max(1, (int) Math.ceil((hi - start) / w - 1e-9));
        if (start + n * w < hi) {
            n++;
        }
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = start + i * w;
        }
        return edges;
    }

    /**
     * Share of {@code values} in each bin of equally spaced {@code edges} (the last bin includes its
     * upper edge; values outside the edges are not counted).
     */
    public static double[] shares(double[] values, double[] edges) {
        int bins = edges.length - 1;
        double[] share = new double[bins];
        double lo = edges[0];
        double width = (edges[bins] - lo) / bins;
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / width);
            if (b >= 0 && b <= bins) {
                share[Math.min(b, bins - 1)] += 1.0 / values.length;
            }
        }
        return share;
    }

    /** The styled XChart chart, for further customisation. */
    public XYChart chart() {
        if (samples.isEmpty()) {
            throw new IllegalStateException("Histogram '" + title + "' has no samples; add one with sample(...)");
        }
        double[] edges = edges();
        XYChart chart = PlotStyle.xyChart(title, xLabel, "share per bin", width, height);
        chart.getStyler().setLegendVisible(samples.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int i = 0;
        for (Map.Entry<String, double[]> e : samples.entrySet()) {
            double[] share = shares(e.getValue(), edges);
            // Outline of the bars: up and down at every edge.
            double[] x = new double[2 * edges.length];
            double[] y = new double[2 * edges.length];
            for (int b = 0; b < edges.length; b++) {
                x[2 * b] = edges[b];
                x[2 * b + 1] = edges[b];
                y[2 * b] = b == 0 ? 0 : share[b - 1];
                y[2 * b + 1] = b == edges.length - 1 ? 0 : share[b];
            }
            Color c = PlotStyle.color(i++);
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c);
            s.setFillColor(PlotStyle.withAlpha(c, 0.35));
        }
        return chart;
    }

    /** The histogram as an image. */
    public BufferedImage render() {
        return PlotStyle.render(chart());
    }
}
