package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatentMetricsTest {

    private static float[][] gaussian(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] z = new float[n][d];
        for (float[] p : z) {
            for (int j = 0; j < d; j++) {
                p[j] = (float) r.nextGaussian();
            }
        }
        return z;
    }

    /** H from its definition, written independently of the class under test. */
    private static double naiveHoyer(double[] z) {
        double l1 = java.util.Arrays.stream(z).map(Math::abs).sum();
        double l2 = Math.sqrt(java.util.Arrays.stream(z).map(v -> v * v).sum());
        double s = Math.sqrt(z.length);
        return (s - l1 / l2) / (s - 1);
    }

    @Test
    void hoyerIsOneForOneHotAndZeroForConstantVectors() {
        for (int d : new int[] {2, 10, 50}) {
            double[] oneHot = new double[d];
            oneHot[d / 2] = -3.7;
            assertEquals(1.0, Hoyer.of(oneHot), 1e-12);
            double[] constant = new double[d];
            java.util.Arrays.fill(constant, 0.42);
            assertEquals(0.0, Hoyer.of(constant), 1e-12);
            constant[0] = -0.42; // equal magnitudes, any signs
            assertEquals(0.0, Hoyer.of(constant), 1e-12);
        }
        float[][] oneHots = new float[6][5];
        for (int i = 0; i < 6; i++) {
            oneHots[i][i % 5] = 1 + i;
        }
        assertEquals(1.0, Hoyer.mean(oneHots), 1e-12);
        assertEquals(1.0, Hoyer.normalised(oneHots), 1e-12, "one-hot codes stay one-hot after per-dim scaling");
        assertThrows(IllegalArgumentException.class, () -> Hoyer.of(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Hoyer.of(new double[] {1}));
    }

    @Test
    void normalisedHoyerMatchesANaiveComputationOnRandomData() {
        float[][] z = gaussian(300, 8, 1);
        for (float[] p : z) {
            p[3] *= 0.01f; // a nearly collapsed dimension
            p[5] = p[5] * 5 + 2;
        }
        int n = z.length;
        int d = z[0].length;
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (float[] p : z) {
                sum += p[j];
            }
            double mean = sum / n;
            double ss = 0;
            for (float[] p : z) {
                ss += (p[j] - mean) * (p[j] - mean);
            }
            std[j] = Math.sqrt(ss / (n - 1));
        }
        double expected = 0;
        double expectedRaw = 0;
        for (float[] p : z) {
            double[] scaled = new double[d];
            double[] raw = new double[d];
            for (int j = 0; j < d; j++) {
                scaled[j] = p[j] / std[j];
                raw[j] = p[j];
            }
            expected += naiveHoyer(scaled) / n;
            expectedRaw += naiveHoyer(raw) / n;
        }
        assertEquals(expected, Hoyer.normalised(z), 1e-9);
        assertEquals(expectedRaw, Hoyer.mean(z), 1e-9);
        assertTrue(Hoyer.mean(z) > Hoyer.normalised(z) + 0.02,
                "unnormalised Hoyer is inflated by the dimension that collapsed to a small scale");
        // Mathieu et al.'s form: (sqrt(d) - mean(l1/l2)) / (sqrt(d) - 1) is the same number.
        double ratio = 0;
        for (float[] p : z) {
            double[] scaled = new double[d];
            for (int j = 0; j < d; j++) {
                scaled[j] = p[j] / std[j];
            }
            double l1 = 0;
            double l2 = 0;
            for (double v : scaled) {
                l1 += Math.abs(v);
                l2 += v * v;
            }
            ratio += l1 / Math.sqrt(l2) / n;
        }
        assertEquals((Math.sqrt(d) - ratio) / (Math.sqrt(d) - 1), Hoyer.normalised(z), 1e-9);
    }

    @Test
    void migIsNearOneForADisentangledCodeAndNearZeroForNoise() {
        int n = 5000;
        Random r = new Random(2);
        int[] shape = new int[n];
        int[] digit = new int[n];
        float[][] code = new float[n][6];
        for (int i = 0; i < n; i++) {
            shape[i] = r.nextInt(5);
            digit[i] = r.nextInt(10);
            code[i][0] = (float) (r.nextGaussian());
            code[i][1] = digit[i] + (float) (r.nextGaussian() * 0.01);
            code[i][2] = (float) r.nextGaussian();
            code[i][3] = shape[i] * 2.5f + (float) (r.nextGaussian() * 0.01);
            code[i][4] = (float) r.nextGaussian();
            code[i][5] = (float) r.nextGaussian();
        }
        Mig.Result good = Mig.compute(code, new int[][] {shape, digit});
        assertTrue(good.mig() > 0.95, "disentangled MIG " + good.mig());
        assertArrayEquals(new int[] {3, 1}, good.bestLatent());
        assertEquals(Math.log(5), good.factorEntropy()[0], 0.01);
        assertEquals(good.factorEntropy()[0], good.mutualInformation()[3][0], 1e-9, "z3 determines the shape");

        tech.tablesaw.api.Table t = good.table("shape", "digit");
        assertEquals(2, t.rowCount());
        assertEquals(3, t.intColumn("best latent").get(0));
        assertEquals(good.perFactor()[1], t.doubleColumn("normalised gap").get(1), 0);
        assertThrows(IllegalArgumentException.class, () -> good.table("only one"));

        Mig.Result noise = Mig.compute(gaussian(n, 6, 3), new int[][] {shape, digit});
        assertTrue(noise.mig() < 0.05, "noise MIG " + noise.mig());

        float[][] duplicated = new float[n][3];
        for (int i = 0; i < n; i++) {
            duplicated[i][0] = shape[i];
            duplicated[i][1] = shape[i];
            duplicated[i][2] = (float) r.nextGaussian();
        }
        assertEquals(0.0, Mig.compute(duplicated, new int[][] {shape}).mig(), 1e-9,
                "a factor captured twice has no gap");
        assertThrows(IllegalArgumentException.class, () -> Mig.compute(code, new int[][] {new int[n]}),
                "a constant factor cannot normalise");
    }

    @Test
    void mutualInformationAndBinningMatchClosedForms() {
        int[] a = {0, 1, 2, 3, 0, 1, 2, 3};
        assertEquals(Math.log(4), Mig.entropy(a), 1e-12);
        assertEquals(Math.log(4), Mig.mutualInformation(a, new int[] {7, 5, 3, 1, 7, 5, 3, 1}), 1e-12);
        // An exact product design: independent, so no mutual information.
        int[] x = {0, 0, 1, 1, 0, 0, 1, 1};
        int[] y = {0, 1, 0, 1, 0, 1, 0, 1};
        assertEquals(0.0, Mig.mutualInformation(x, y), 1e-12);
        // y = x on half the points: I = H(x) - H(x|y) computed by hand for this joint table.
        int[] p = {0, 0, 1, 1};
        int[] q = {0, 1, 1, 1};
        double expected = 0.25 * Math.log(0.25 / (0.5 * 0.25)) + 0.25 * Math.log(0.25 / (0.5 * 0.75))
                + 0.5 * Math.log(0.5 / (0.5 * 0.75));
        assertEquals(expected, Mig.mutualInformation(p, q), 1e-12);
        assertArrayEquals(new int[] {0, 0, 1, 3, 3}, Mig.discretise(new double[] {0, 0.2, 0.3, 0.8, 1.0}, 4));
        assertArrayEquals(new int[] {0, 0}, Mig.discretise(new double[] {5, 5}, 20));
    }

    @Test
    void correlationMatchesANaiveFormulaAndRanksByStrength() {
        Random r = new Random(4);
        int n = 500;
        double[] angle = new double[n];
        float[][] z = new float[n][4];
        for (int i = 0; i < n; i++) {
            angle[i] = -90 + 180 * r.nextDouble();
            z[i][0] = (float) r.nextGaussian();
            z[i][1] = (float) (0.01 * angle[i] + 0.5 * r.nextGaussian());
            z[i][2] = (float) (-0.05 * angle[i] + 0.1 * r.nextGaussian());
            z[i][3] = 1f;
        }
        double[] rho = LatentCorrelation.perLatent(z, angle);
        for (int j = 0; j < 3; j++) {
            double sx = 0;
            double sy = 0;
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                double x = z[i][j];
                sx += x;
                sy += angle[i];
                sxy += x * angle[i];
                sxx += x * x;
                syy += angle[i] * angle[i];
            }
            double naive = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
            assertEquals(naive, rho[j], 1e-9);
        }
        assertEquals(0.0, rho[3], "a constant latent has no correlation");
        assertTrue(rho[2] < -0.9);
        assertArrayEquals(new int[] {2, 1, 0, 3}, LatentCorrelation.rankByAbsolute(rho));
        assertEquals(Math.abs(rho[2]), LatentCorrelation.sortedAbsolute(rho)[0], 0);
        assertEquals(1.0, LatentCorrelation.pearson(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
        assertEquals(-1.0, LatentCorrelation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    }

    @Test
    void latentRowsCopyAMatrixRowByRow() {
        try (ai.djl.ndarray.NDManager m = org.dgm4j.Engines.newManager()) {
            float[][] rows = LatentRows.of(m.arange(6f).reshape(2, 3));
            assertArrayEquals(new float[] {3, 4, 5}, rows[1]);
            assertArrayEquals(new float[] {0, 1, 2}, LatentRows.of(m.arange(6).reshape(2, 3))[0], "int input converted");
            assertThrows(IllegalArgumentException.class, () -> LatentRows.of(m.zeros(new ai.djl.ndarray.types.Shape(2, 3, 1))));
        }
    }

    @Test
    void perClassMeanAbsoluteValues() {
        float[][] z = {{1, -2}, {-3, 4}, {10, 10}, {0, -1}};
        int[] labels = {1, 1, 2, 7};
        double[][] m = ClassMeans.meanAbs(z, labels, 7, 1);
        assertArrayEquals(new double[] {0, 1}, m[0], 1e-12);
        assertArrayEquals(new double[] {2, 3}, m[1], 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassMeans.meanAbs(z, labels, 3));
        assertTrue(e.getMessage().contains("class 3"));
    }
}
