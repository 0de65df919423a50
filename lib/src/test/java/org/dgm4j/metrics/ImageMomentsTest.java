package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

class ImageMomentsTest {

    /** A one-pixel-wide line x = x0 + s·(y0 − y) on rows y0−k..y0+k: leans right for s > 0. */
    private static float[] line(int size, double x0, int y0, int k, double s) {
        float[] p = new float[size * size];
        for (int y = y0 - k; y <= y0 + k; y++) {
            p[y * size + (int) Math.round(x0 + s * (y0 - y))] = 1;
        }
        return p;
    }

    @Test
    void momentsMatchClosedForms() {
        float[] dot = new float[8 * 8];
        dot[3 * 8 + 5] = 0.5f;
        ImageMoments m = ImageMoments.of(dot, 8, 8);
        assertEquals(0.5 / 64, m.ink(), 1e-12);
        assertEquals(5, m.centreX(), 1e-12);
        assertEquals(3, m.centreY(), 1e-12);
        assertEquals(0, m.width(), 1e-12);

        float[] bar = new float[9 * 9]; // row 4, columns 2..6: width = std of {2..6} = √2
        for (int x = 2; x <= 6; x++) {
            bar[4 * 9 + x] = 1;
        }
        ImageMoments b = ImageMoments.of(bar, 9, 9);
        assertEquals(Math.sqrt(2), b.width(), 1e-12);
        assertEquals(0, b.height(), 1e-12);
        assertEquals(4, b.centreX(), 1e-12);

        assertEquals(0.5, ImageMoments.of(line(21, 10, 10, 8, 0.5), 21, 21).slant(), 1e-12, "leaning right");
        assertEquals(-0.5, ImageMoments.of(line(21, 10, 10, 8, -0.5), 21, 21).slant(), 1e-12, "leaning left");
        assertEquals(0, ImageMoments.of(line(21, 10, 10, 8, 0), 21, 21).slant(), 1e-12, "upright");
        assertEquals(new ImageMoments(0, 0, 0, 0, 0, 0), ImageMoments.of(new float[16], 4, 4), "blank");
        assertThrows(IllegalArgumentException.class, () -> ImageMoments.of(new float[15], 4, 4));
    }

    @Test
    void ndArrayImagesGiveTheSameMomentsAsPixelArrays() {
        float[] a = line(16, 8, 8, 5, 0.3);
        float[] b = line(16, 6, 7, 3, -0.4);
        float[] both = new float[2 * 256];
        System.arraycopy(a, 0, both, 0, 256);
        System.arraycopy(b, 0, both, 256, 256);
        try (NDManager m = Engines.newManager()) {
            List<ImageMoments> got = ImageMoments.of(m.create(both, new Shape(2, 1, 16, 16)));
            assertEquals(ImageMoments.of(a, 16, 16), got.get(0));
            assertEquals(ImageMoments.of(b, 16, 16), got.get(1));
            assertThrows(IllegalArgumentException.class, () -> ImageMoments.of(m.create(both, new Shape(1, 2, 16, 16))));
        }
    }

    @Test
    void traversalEffectsFindTheMeasurementThatChanges() {
        // Two bases x two dimensions x three values: dimension 7 changes the slant, dimension 2 the ink.
        List<ImageMoments> traversal = new ArrayList<>();
        for (int base = 0; base < 2; base++) {
            for (int dim = 0; dim < 2; dim++) {
                for (int v = 0; v < 3; v++) {
                    double slant = dim == 0 ? 0.2 * v : 0;
                    double ink = dim == 1 ? 0.1 + 0.05 * v + base * 0.01 : 0.1;
                    traversal.add(new ImageMoments(ink, 30, 30, 5, 8, slant));
                }
            }
        }
        List<ImageMoments> reference = List.of(new ImageMoments(0.1, 31, 29, 4, 7, -0.1),
                new ImageMoments(0.2, 33, 31, 6, 9, 0.1));
        Table t = TraversalEffects.table(traversal, 2, new int[] {7, 2}, 3, reference);
        assertEquals(2, t.rowCount());
        assertEquals("z7", t.stringColumn("dim").get(0));
        double sdSlant = Math.sqrt(0.02); // sample std of {-0.1, 0.1}
        double sdInk = Math.sqrt(0.005);
        assertEquals(Math.round(0.4 / sdSlant * 100) / 100.0, t.doubleColumn("slant").get(0), 1e-12);
        assertEquals(0, t.doubleColumn("ink").get(0), 1e-12);
        assertEquals(Math.round(0.1 / sdInk * 100) / 100.0, t.doubleColumn("ink").get(1), 1e-12);
        assertEquals(String.format(java.util.Locale.ROOT, "slant %+.2f", 0.4 / sdSlant), t.stringColumn("strongest").get(0));
        assertEquals(String.format(java.util.Locale.ROOT, "ink %+.2f", 0.1 / sdInk), t.stringColumn("strongest").get(1));
        assertThrows(IllegalArgumentException.class,
                () -> TraversalEffects.table(traversal, 2, new int[] {7}, 3, reference));
        // each row moves one measurement only: separation 1
        assertEquals(1.0, TraversalEffects.separation(t), 1e-12);
    }

    @Test
    void separationIsTheMeanShareOfTheStrongestEffect() {
        Table t = Table.create("effects");
        for (String name : TraversalEffects.MEASUREMENTS) {
            t.addColumns(tech.tablesaw.api.DoubleColumn.create(name));
        }
        t.doubleColumn("ink").append(2).append(1);
        t.doubleColumn("width").append(-2).append(1);
        t.doubleColumn("height").append(0).append(-1);
        t.doubleColumn("slant").append(0).append(1);
        // row 1: 2 of 4 = 0.5; row 2: 1 of 4 = 0.25
        assertEquals((0.5 + 0.25) / 2, TraversalEffects.separation(t), 1e-12);
        assertEquals(Double.NaN, TraversalEffects.separation(t.emptyCopy()));
    }
}
