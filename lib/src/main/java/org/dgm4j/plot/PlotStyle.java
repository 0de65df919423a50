package org.dgm4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look of every DGM4J figure, chosen to stay legible when projected: large sans-serif fonts,
 * thick lines, white background, light grid and a colour-blind-friendly palette (Okabe &amp; Ito's
 * eight colours, extended by wine and grey to ten so the ten digit classes stay distinct).
 * Apply it to any XChart chart with {@link #apply} to make a custom chart match.
 */
public final class PlotStyle {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default figure width in pixels. */
    public static final int WIDTH = 960;
    /** Default figure height in pixels. */
    public static final int HEIGHT = 600;
    /** Line width of series, in pixels. */
    public static final float LINE_WIDTH = 3.5f;

    /** Title font. */
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 26);
    /** Axis-title font. */
    public static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
    /** Tick-label and legend font. */
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    /** Legend font. */
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    /** Font of labels and captions in image grids. */
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 18);

    private static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0xE69F00), // orange
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
        new Color(0x882255), // wine
        new Color(0x999999), // grey
    };

    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
        SeriesMarkers.RECTANGLE, SeriesMarkers.TRAPEZOID,
    };

    private PlotStyle() {}

    /** The palette (a copy), series colour {@code i} is {@code palette()[i % 10]}. */
    public static Color[] palette() {
        return PALETTE.clone();
    }

    /** Series colour {@code i}, cycling through the palette. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** A colour with the given opacity (0 transparent, 1 opaque). */
    public static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    /** Applies the style to a chart's styler (fonts, colours, lines, markers, grid, legend). */
    public static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartFontColor(Color.BLACK);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(12);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE.clone());
        s.setSeriesMarkers(MARKERS.clone());
        BasicStroke[] lines = new BasicStroke[PALETTE.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        s.setSeriesLines(lines);
        s.setMarkerSize(11);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        if (s instanceof AxesChartStyler) {
            AxesChartStyler a = (AxesChartStyler) s;
            a.setAxisTitleFont(AXIS_TITLE_FONT);
            a.setAxisTickLabelsFont(TICK_FONT);
            a.setPlotGridLinesColor(new Color(0xE0E0E0));
            a.setPlotGridLinesStroke(new BasicStroke(1f));
            a.setAxisTickMarksStroke(new BasicStroke(1.5f));
            a.setAxisTitlePadding(10);
            a.setPlotMargin(8);
            a.setYAxisTickLabelsFormattingFunction(PlotStyle::tick);
        }
    }

    /** An XY chart of this size and these titles in this style, numeric tick labels on both axes. */
    static XYChart xyChart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = styled(new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build());
        chart.getStyler().setXAxisTickLabelsFormattingFunction(PlotStyle::tick);
        return chart;
    }

    /** A category (bar) chart of this size and these titles in this style. */
    static CategoryChart categoryChart(String title, String xTitle, String yTitle, int width, int height) {
        return styled(new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build());
    }

    /** A heat map of this size and these titles in this style: category labels on the y axis, no grid. */
    static HeatMapChart heatMapChart(String title, String xTitle, String yTitle, int width, int height) {
        HeatMapChart chart = styled(new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build());
        chart.getStyler().setYAxisTickLabelsFormattingFunction(null);
        chart.getStyler().setPlotGridLinesVisible(false);
        return chart;
    }

    /** The smallest and largest of all values, {lo, hi}; hi = lo + 1 when they are all equal. */
    static double[] range(Iterable<double[]> arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static <C extends Chart<?, ?>> C styled(C chart) {
        apply(chart.getStyler());
        return chart;
    }

    /** A tick label: up to four significant digits, no trailing zeros, scientific when tiny or huge. */
    public static String tick(Double value) {
        double v = value;
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", v).replaceAll("\\.?0+e", "e");
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A "nice" step (1, 2, 2.5 or 5 times a power of ten) close to {@code rough}. */
    public static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            throw new IllegalArgumentException("A step must be positive and finite, got " + rough);
        }
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / p;
        double nice = m < 1.5 ? 1 : m < 2.25 ? 2 : m < 3.5 ? 2.5 : m < 7.5 ? 5 : 10;
        return nice * p;
    }

    /** Renders any XChart chart (styled or not) to an image of its size. */
    public static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
