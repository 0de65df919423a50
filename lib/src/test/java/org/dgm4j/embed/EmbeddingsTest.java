package org.dgm4j.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {

    @Test
    void pcaFindsTheKnownPrincipalAxis() {
        Random r = new Random(1);
        double[] u = {1 / 3.0, 2 / 3.0, 2 / 3.0, 0};
        int n = 1000;
        float[][] x = new float[n][4];
        for (int i = 0; i < n; i++) {
            double t = 5 * r.nextGaussian();
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) (7 + t * u[j] + 0.1 * r.nextGaussian());
            }
        }
        Pca pca = Pca.fit(x, 2);
        double[] first = pca.components()[0];
        double dot = 0;
        for (int j = 0; j < 4; j++) {
            dot += first[j] * u[j];
        }
        assertEquals(1.0, Math.abs(dot), 1e-3, "first component is ±u: " + Arrays.toString(first));
        assertTrue(pca.varianceShare()[0] > 0.99, Arrays.toString(pca.varianceShare()));
        assertTrue(pca.varianceShare()[0] >= pca.varianceShare()[1]);
        double[][] c = pca.coordinates();
        assertEquals(n, c.length);
        assertEquals(2, c[0].length);
        double mean = 0;
        double var = 0;
        for (double[] p : c) {
            mean += p[0] / n;
        }
        for (double[] p : c) {
            var += (p[0] - mean) * (p[0] - mean) / (n - 1);
        }
        assertEquals(0.0, mean, 0.05, "coordinates are centred");
        assertEquals(25.0, var, 2.5, "variance along the axis is 5^2");
        // Coordinates along the axis agree with projecting the centred data by hand.
        double[] centre = new double[4];
        for (float[] p : x) {
            for (int j = 0; j < 4; j++) {
                centre[j] += p[j] / (double) n;
            }
        }
        for (int i = 0; i < 5; i++) {
            double proj = 0;
            for (int j = 0; j < 4; j++) {
                proj += (x[i][j] - centre[j]) * first[j];
            }
            assertEquals(proj, c[i][0], 1e-3);
        }
        assertArrayEquals(c[3], pca.project(new float[][] {x[3]})[0], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(x, 5));
    }

    @Test
    void tsneSeparatesTwoFarApartClustersAndIsReproducible() {
        Random r = new Random(2);
        int n = 300;
        int d = 10;
        float[][] x = new float[n][d];
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = i % 2;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == 0 ? 20 * cluster[i] : 0));
            }
        }
        Tsne tsne = Tsne.withDefaults().maxPoints(200).iterations(500);
        Embedding e = tsne.embed(x, 7);
        assertEquals(200, e.coordinates().length);
        int[] labels = e.labels(cluster);
        double[][] y = e.coordinates();
        double[][] centroid = new double[2][2];
        int[] count = new int[2];
        for (int i = 0; i < y.length; i++) {
            centroid[labels[i]][0] += y[i][0];
            centroid[labels[i]][1] += y[i][1];
            count[labels[i]]++;
        }
        for (int c = 0; c < 2; c++) {
            centroid[c][0] /= count[c];
            centroid[c][1] /= count[c];
        }
        // Every point is closer to its own cluster's centroid than to the other's, by a wide margin.
        for (int i = 0; i < y.length; i++) {
            double own = Math.hypot(y[i][0] - centroid[labels[i]][0], y[i][1] - centroid[labels[i]][1]);
            double other = Math.hypot(y[i][0] - centroid[1 - labels[i]][0], y[i][1] - centroid[1 - labels[i]][1]);
            assertTrue(other > 2 * own, "point " + i + ": own " + own + ", other " + other);
        }
        Embedding again = tsne.embed(x, 7);
        assertArrayEquals(e.indices(), again.indices());
        for (int i = 0; i < y.length; i++) {
            assertArrayEquals(y[i], again.coordinates()[i], 1e-9, "same seed, same embedding");
        }
    }

    @Test
    void squareInputsAreNotMistakenForDistanceMatrices() {
        Random r = new Random(3);
        float[][] x = new float[12][12];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        double[][] d2 = Tsne.squaredDistances(Subsample.toDouble(x));
        double expected = 0;
        for (int j = 0; j < 12; j++) {
            double e = (double) x[2][j] - x[5][j];
            expected += e * e;
        }
        assertEquals(expected, d2[2][5], 1e-9);
        assertEquals(0.0, d2[4][4]);
        Embedding e = Tsne.withDefaults().perplexity(3).iterations(100).embed(x, 1);
        assertEquals(12, e.coordinates().length);
        assertThrows(IllegalArgumentException.class, () -> Tsne.withDefaults().embed(x, 1),
                "default perplexity 30 is too large for 12 points");
    }

    @Test
    void subsamplesAreSeededDistinctAndSorted() {
        int[] a = Subsample.indices(1000, 100, 5);
        assertArrayEquals(a, Subsample.indices(1000, 100, 5));
        assertEquals(100, Arrays.stream(a).distinct().count());
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i]);
        }
        assertTrue(a[a.length - 1] < 1000);
        assertTrue(!Arrays.equals(a, Subsample.indices(1000, 100, 6)), "another seed, another subsample");
        assertArrayEquals(new int[] {0, 1, 2}, Subsample.indices(3, 10, 1));
        assertArrayEquals(new int[] {30, 10}, Subsample.select(new int[] {10, 20, 30}, new int[] {2, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> Tsne.withDefaults().embed(new float[][] {{1f, Float.NaN}, {0f, 0f}}, 1));
    }
}
