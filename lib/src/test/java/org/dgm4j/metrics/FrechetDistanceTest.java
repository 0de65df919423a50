package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Jacobi eigen-decomposition and the Fréchet distance against closed forms. */
class FrechetDistanceTest {

    private static double[][] randomSpd(Random r, int n) {
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = r.nextGaussian();
            }
        }
        double[][] gt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gt[i][j] = g[j][i];
            }
        }
        double[][] a = FrechetDistance.multiply(g, gt);
        for (int i = 0; i < n; i++) {
            a[i][i] += 0.1;
        }
        return a;
    }

    @Test
    void jacobiReconstructsTheMatrixWithOrthonormalVectors() {
        Random r = new Random(3);
        int n = 30;
        double[][] a = randomSpd(r, n);
        for (int i = 0; i < n; i++) {
            a[i][0] -= 5; // make it indefinite too
            a[0][i] -= 5;
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        double[][] v = e.vectors();
        double[] l = e.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rec = 0;
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    rec += v[i][k] * l[k] * v[j][k];
                    dot += v[k][i] * v[k][j];
                }
                assertEquals(a[i][j], rec, 1e-9, "V Λ Vᵀ = A at " + i + "," + j);
                assertEquals(i == j ? 1 : 0, dot, 1e-10, "VᵀV = I at " + i + "," + j);
            }
        }
    }

    @Test
    void squareRootSquaresBack() {
        double[][] a = randomSpd(new Random(4), 25);
        double[][] root = SymmetricEigen.of(a).sqrt();
        double[][] back = FrechetDistance.multiply(root, root);
        for (int i = 0; i < 25; i++) {
            for (int j = 0; j < 25; j++) {
                assertEquals(a[i][j], back[i][j], 1e-8);
            }
        }
        // 2×2 closed form: sqrt([[4,0],[0,9]]) = [[2,0],[0,3]]
        double[][] small = SymmetricEigen.of(new double[][] {{4, 0}, {0, 9}}).sqrt();
        assertEquals(2, small[0][0], 1e-12);
        assertEquals(3, small[1][1], 1e-12);
    }

    @Test
    void closedFormsForDiagonalAndNonCommutingCovariances() {
        // Diagonal: d² = ‖μa-μb‖² + Σ (σa - σb)²
        var a = new FrechetDistance.Moments(new double[] {0, 1, 2}, new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}});
        var b = new FrechetDistance.Moments(new double[] {1, 1, 0}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 16}});
        assertEquals(1 + 4 + (1 + 0 + 1), FrechetDistance.between(a, b), 1e-10);
        // General SPD pair: the distance is symmetric, zero on the diagonal, and for b = c·a it is
        // Tr(a)(1 - √c)² (when means agree).
        Random r = new Random(9);
        double[][] s1 = randomSpd(r, 12);
        double[][] s2 = randomSpd(r, 12);
        var m1 = new FrechetDistance.Moments(new double[12], s1);
        var m2 = new FrechetDistance.Moments(new double[12], s2);
        assertEquals(FrechetDistance.between(m1, m2), FrechetDistance.between(m2, m1), 1e-7);
        assertEquals(0, FrechetDistance.between(m1, m1), 1e-7);
        double[][] scaled = new double[12][12];
        double trace = 0;
        for (int i = 0; i < 12; i++) {
            trace += s1[i][i];
            for (int j = 0; j < 12; j++) {
                scaled[i][j] = 4 * s1[i][j];
            }
        }
        assertEquals(trace, FrechetDistance.between(m1, new FrechetDistance.Moments(new double[12], scaled)), 1e-7);
    }

    @Test
    void setToItselfIsZeroAndDistanceGrowsWithNoise() {
        Random r = new Random(1);
        int n = 2000;
        int d = 16;
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double shared = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (shared * (j % 3) + r.nextGaussian() * 0.5 + j);
            }
        }
        assertEquals(0, FrechetDistance.between(x, x), 1e-6);
        double previous = 0;
        for (double noise : new double[] {0.1, 0.3, 1.0, 3.0}) {
            float[][] y = new float[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    y[i][j] = (float) (x[i][j] + noise * r.nextGaussian());
                }
            }
            double fd = FrechetDistance.between(x, y);
            assertTrue(fd > previous, "FD must grow with noise " + noise + ": " + fd + " <= " + previous);
            previous = fd;
        }
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(new float[1][3], x));
    }
}
