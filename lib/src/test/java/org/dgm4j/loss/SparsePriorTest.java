package org.dgm4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class SparsePriorTest {

    private static double naiveNormal(double z, double sigma) {
        return Math.exp(-z * z / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    }

    private static double naiveLogDensity(float[] z, double gamma, double sigma0) {
        double sum = 0;
        for (float v : z) {
            sum += Math.log((1 - gamma) * naiveNormal(v, 1) + gamma * naiveNormal(v, sigma0));
        }
        return sum;
    }

    @Test
    void logDensityMatchesNaivePerDimensionFormula() {
        float[] z = {0f, 0.01f, -0.04f, 0.2f, -1.3f, 1.1f};
        try (NDManager m = Engines.newManager()) {
            NDArray zs = m.create(z, new Shape(1, z.length));
            for (double gamma : new double[] {0, 0.3, 0.8, 1}) {
                for (double sigma0 : new double[] {0.05, Math.sqrt(0.05)}) {
                    double got = new SparsePrior(gamma, sigma0).logDensity(zs).getFloat();
                    assertEquals(naiveLogDensity(z, gamma, sigma0), got, 1e-4, "gamma " + gamma + " sigma0 " + sigma0);
                }
            }
        }
    }

    @Test
    void defaultSigma0IsTheAuthorsStandardDeviation() {
        assertEquals(0.05, new SparsePrior(0.8).sigma0());
    }

    @Test
    void logDensityIsFiniteFarInTheTails() {
        try (NDManager m = Engines.newManager()) {
            // At z = 30 the spike's density underflows to 0 in float; the mixture must still be finite.
            float got = new SparsePrior(0.8).logDensity(m.create(new float[] {30f, -30f}, new Shape(1, 2))).getFloat();
            assertEquals(2 * (Math.log(0.2) - 450 - 0.5 * Math.log(2 * Math.PI)), got, 1e-2);
        }
    }

    @Test
    void samplesHaveTheMixtureVariance() {
        double gamma = 0.8, sigma0 = 0.05;
        try (NDManager m = Engines.newManager()) {
            float[] s = new SparsePrior(gamma, sigma0).sample(m, 40_000, 5).toFloatArray();
            double var = 0;
            int small = 0;
            for (float v : s) {
                var += v * v;
                small += Math.abs(v) < 0.2 ? 1 : 0;
            }
            var /= s.length;
            assertEquals((1 - gamma) + gamma * sigma0 * sigma0, var, 0.01);
            assertTrue(small > 0.8 * s.length, "most mass in the spike");
        }
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SparsePrior(1.2));
        assertThrows(IllegalArgumentException.class, () -> new SparsePrior(0.5, 0));
    }

    @Test
    void mmdIsZeroForIdenticalSamplesAndGrowsWithShift() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.randomNormal(0f, 1f, new Shape(200, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            assertEquals(0.0, Mmd.imq(x, x).getFloat(), 1e-5);
            NDArray y = m.randomNormal(0f, 1f, new Shape(200, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            float previous = Mmd.imq(x, y).getFloat();
            assertTrue(previous < 0.1, "two samples of one law: " + previous);
            for (double shift : new double[] {0.25, 0.5, 1, 2, 4}) {
                float d = Mmd.imq(x, y.add(m.create((float) shift))).getFloat();
                assertTrue(d > previous, "shift " + shift + ": " + d + " <= " + previous);
                previous = d;
            }
        }
    }

    @Test
    void mmdMatchesNaiveDoubleSum() {
        float[] x = {0.1f, -0.5f, 1.2f, 0.3f, 2f, -1f};
        float[] y = {0.4f, 0.9f, -0.2f, 1.5f};
        int d = 2;
        double expected = 0;
        for (int k = 0; k < d; k++) {
            expected += naiveMean(x, x, k, d) + naiveMean(y, y, k, d) - 2 * naiveMean(x, y, k, d);
        }
        try (NDManager m = Engines.newManager()) {
            float got = Mmd.imq(m.create(x, new Shape(3, 2)), m.create(y, new Shape(2, 2))).getFloat();
            assertEquals(expected, got, 1e-5);
        }
        assertArrayEquals(new double[] {0.1, 0.2, 0.5, 1, 2, 5}, Mmd.SCALES);
    }

    private static double naiveMean(float[] a, float[] b, int dim, int d) {
        double sum = 0;
        int na = a.length / d, nb = b.length / d;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                double diff = a[i * d + dim] - b[j * d + dim];
                for (double s : Mmd.SCALES) {
                    sum += 2 * s / (2 * s + diff * diff);
                }
            }
        }
        return sum / (na * nb);
    }
}
