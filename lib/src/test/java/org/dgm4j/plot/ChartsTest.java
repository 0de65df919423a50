package org.dgm4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ChartsTest {

    private static int countColour(BufferedImage img, Color c, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xFF) - c.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lossCurvesFromAHistoryTableDrawEverySeriesInItsPaletteColour() {
        int n = 20;
        double[] train = new double[n];
        double[] val = new double[n];
        double[] kl = new double[n];
        int[] epoch = new int[n];
        for (int i = 0; i < n; i++) {
            epoch[i] = i + 1;
            train[i] = 200 / Math.sqrt(i + 1) + 100;
            val[i] = train[i] + 5;
            kl[i] = 20 + i;
        }
        val[3] = Double.NaN; // a missing validation value
        double[] seconds = new double[n];
        java.util.Arrays.fill(seconds, 12.5);
        Table h = Table.create("history", IntColumn.create("epoch", epoch), DoubleColumn.create("seconds", seconds),
                DoubleColumn.create("train_total", train), DoubleColumn.create("val_total", val),
                DoubleColumn.create("train_kl", kl));
        BufferedImage img = LinePlot.lossCurves(h, "epoch").render();
        assertEquals(PlotStyle.WIDTH, img.getWidth());
        assertEquals(PlotStyle.HEIGHT, img.getHeight());
        assertEquals(3, LinePlot.lossCurves(h, "epoch").chart().getSeriesCollection().size());
        for (int s = 0; s < 3; s++) {
            assertTrue(countColour(img, PlotStyle.color(s), 10) > 200, "series " + s + " is drawn");
        }
        assertEquals(1, LinePlot.lossCurves(h, "epoch", "val_total").chart().getSeriesCollection().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.lossCurves(h, "epoch", "nope"));
        assertTrue(e.getMessage().contains("train_total"), "lists the available columns");
    }

    @Test
    void sweepLinePlotWithLogAxisRendersAndRejectsNonPositiveX() {
        double[] betas = {0.001, 1, 4, 20, 128};
        BufferedImage img = LinePlot.titled("sweep").x("β").y("nats").logX().size(800, 500)
                .series("recon", betas, new double[] {60, 80, 100, 150, 200})
                .series("KL", betas, new double[] {40, 25, 15, 6, 1}).render();
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        LinePlot rd = LinePlot.titled("rate-distortion").series("z=10", new double[] {40, 1}, new double[] {60, 200});
        BufferedImage plain = rd.render();
        BufferedImage labelled = rd.label("β=0.001", 40, 60).label("β=128", 1, 200).render();
        int changed = 0;
        for (int y = 0; y < plain.getHeight(); y++) {
            for (int x = 0; x < plain.getWidth(); x++) {
                changed += plain.getRGB(x, y) != labelled.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(changed > 100, "labels are drawn (" + changed + " pixels changed)");
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("bad").logX()
                .series("s", new double[] {0, 1}, new double[] {1, 2}).render());
        assertThrows(IllegalArgumentException.class,
                () -> LinePlot.titled("bad").series("s", new double[] {0, 1}, new double[] {1}));
        assertThrows(IllegalStateException.class, () -> LinePlot.titled("empty").render());
    }

    @Test
    void labelAboveTheHighestPointStaysInsideThePlotArea() {
        double[] x = {0, 1, 2, 3};
        double[] y = {0.18, 0.22, 0.21, 0.30};
        assertNull(LinePlot.titled("no labels").series("s", x, y).chart().getStyler().getYAxisMax(),
                "without labels the axis range is XChart's");
        XYChart chart = LinePlot.titled("labelled").series("s", x, y).label("α=1000", 3, 0.30).chart();
        PlotStyle.render(chart); // lays the chart out, so screen coordinates are defined
        double pointY = chart.getScreenYFromChart(0.30);
        double axisTopY = chart.getScreenYFromChart(chart.getStyler().getYAxisMax());
        int labelHeight = 8 + new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(PlotStyle.LABEL_FONT).getAscent();
        assertTrue(pointY - axisTopY >= labelHeight, "room for the label above the top point: "
                + (pointY - axisTopY) + " px, need " + labelHeight);
    }

    @Test
    void scatterColoursEachClassAndBinsContinuousValues() {
        Random r = new Random(3);
        int n = 600;
        double[][] pts = new double[n][2];
        int[] labels = new int[n];
        double[] angle = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            pts[i][0] = 3 * Math.cos(labels[i]) + r.nextGaussian() * 0.3;
            pts[i][1] = 3 * Math.sin(labels[i]) + r.nextGaussian() * 0.3;
            angle[i] = -90 + 180 * r.nextDouble();
        }
        ScatterPlot byClass = ScatterPlot.byClass("latent", pts, labels).axes("z1", "z2");
        assertEquals(10, byClass.chart().getSeriesCollection().size());
        BufferedImage img = byClass.render();
        assertTrue(countColour(img, PlotStyle.color(1), 40) > 50, "class 1 drawn in palette colour 1");
        String[] names = {"T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"};
        assertTrue(ScatterPlot.byClass("f", pts, labels, names).chart().getSeries("Trouser") != null);
        double[][] prior = new double[50][2];
        for (double[] p : prior) {
            p[0] = r.nextGaussian();
            p[1] = r.nextGaussian();
        }
        ScatterPlot withPrior = ScatterPlot.byClass("latent", pts, labels).overlay("prior samples", prior);
        assertEquals(11, withPrior.chart().getSeriesCollection().size());
        BufferedImage overlaid = withPrior.render();
        assertTrue(countColour(overlaid, Color.BLACK, 0) > countColour(img, Color.BLACK, 0) + 50,
                "overlay points are drawn in black");
        ScatterPlot byValue = ScatterPlot.byValue("angle", pts, angle, 6, "angle");
        assertEquals(6, byValue.chart().getSeriesCollection().size());
        byValue.render();
        assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.byClass("bad", new double[][] {{1, 2, 3}}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byClass("bad", pts, new int[] {0}));
    }

    @Test
    void groupedBarsRenderWithManyCategoriesAndCheckLengths() {
        double[] a = new double[50];
        double[] b = new double[50];
        double[] c = new double[50];
        for (int i = 0; i < 50; i++) {
            a[i] = i % 7;
            b[i] = i % 5;
            c[i] = i % 3;
        }
        BufferedImage img = BarPlot.titled("mean |z|").series("trouser", a).series("dress", b).series("shirt", c)
                .x("dimension").y("mean |z|").render();
        assertEquals(PlotStyle.WIDTH, img.getWidth());
        for (int s = 0; s < 3; s++) {
            assertTrue(countColour(img, PlotStyle.color(s), 10) > 100, "bars of series " + s);
        }
        assertThrows(IllegalArgumentException.class,
                () -> BarPlot.titled("bad").categories(List.of("a", "b")).series("s", a).chart());
    }

    @Test
    void overlaidHistogramsUseNiceCommonBinsAndSharesSumToOne() {
        Random r = new Random(4);
        double[] normal = new double[1000];
        double[] anomalous = new double[300];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = 80 + 20 * r.nextGaussian();
        }
        for (int i = 0; i < anomalous.length; i++) {
            anomalous[i] = 160 + 40 * r.nextGaussian();
        }
        HistogramPlot h = HistogramPlot.titled("errors").x("BCE").sample("MNIST", normal).sample("Fashion", anomalous);
        double[] edges = h.edges();
        double w = edges[1] - edges[0];
        assertEquals(PlotStyle.niceStep(w), w, 1e-9);
        assertEquals(0, Math.IEEEremainder(edges[0], w), 1e-9, "edges start at a multiple of the width");
        for (double[] s : new double[][] {normal, anomalous}) {
            double sum = 0;
            for (double v : HistogramPlot.shares(s, edges)) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9, "every value falls in a bin");
        }
        assertArrayEqualsApprox(new double[] {0.5, 0.25, 0.25},
                HistogramPlot.shares(new double[] {0, 0.1, 1.5, 3}, new double[] {0, 1, 2, 3}));
        assertTrue(countColour(h.render(), PlotStyle.color(1), 10) > 100);
        assertThrows(IllegalArgumentException.class, () -> h.sample("nan", new double[] {Double.NaN}));
    }

    private static void assertArrayEqualsApprox(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12);
        }
    }

    @Test
    void heatmapPutsRowZeroOnTop() {
        double[][] v = {{0, 0, 0}, {1, 1, 1}};
        BufferedImage img = HeatmapPlot.titled("h").values(v).rows(List.of("low", "high")).showValues(true).render();
        Color low = Colormap.VIRIDIS.at(0);
        Color high = Colormap.VIRIDIS.at(1);
        int firstLow = -1;
        int firstHigh = -1;
        int x = img.getWidth() / 3; // inside the plot area, left of the colour legend
        for (int y = 0; y < img.getHeight(); y++) {
            int rgb = img.getRGB(x, y) & 0xFFFFFF;
            if (firstLow < 0 && rgb == (low.getRGB() & 0xFFFFFF)) {
                firstLow = y;
            }
            if (firstHigh < 0 && rgb == (high.getRGB() & 0xFFFFFF)) {
                firstHigh = y;
            }
        }
        assertTrue(firstLow >= 0 && firstHigh >= 0, "both colours drawn: " + firstLow + ", " + firstHigh);
        assertTrue(firstLow < firstHigh, "row 0 (the low values) is drawn above row 1");
        assertThrows(IllegalArgumentException.class, () -> HeatmapPlot.titled("bad").values(new double[][] {{1}, {1, 2}}));
    }

    @Test
    void ticksAndStepsAreReadable() {
        assertEquals("0.13", PlotStyle.tick(0.13));
        assertEquals("300", PlotStyle.tick(300.0));
        assertEquals("1e-04", PlotStyle.tick(1e-4));
        assertEquals("12350", PlotStyle.tick(12345.678));
        assertEquals(2.0, PlotStyle.niceStep(1.9), 1e-12);
        assertEquals(0.05, PlotStyle.niceStep(0.06), 1e-12);
        assertEquals(10, PlotStyle.niceStep(8), 1e-12);
    }
}
