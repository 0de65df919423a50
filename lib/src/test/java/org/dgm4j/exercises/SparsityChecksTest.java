package org.dgm4j.exercises;

import java.util.Random;
import org.dgm4j.metrics.Hoyer;
import org.junit.jupiter.api.Test;

class SparsityChecksTest {

    static double hoyer(double[] z, boolean normalise) {
        double l1 = 0;
        double l2 = 0;
        for (double v : z) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        double ratio = l1 / Math.sqrt(l2);
        double sd = Math.sqrt(z.length);
        return normalise ? (sd - ratio) / (sd - 1) : ratio;
    }

    @Test
    void hoyer() {
        Shown.by(() -> SparsityChecks.hoyer(z -> hoyer(z, true))).passed();
        Shown.by(() -> SparsityChecks.hoyer(z -> hoyer(z, false))).failedWith("map it to [0, 1]");
    }

    static double logNormal(double z, double s) {
        return -0.5 * z * z / (s * s) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }

    @Test
    void sparsePriorLogDensity() {
        double g = SparsityChecks.GAMMA;
        double s0 = SparsityChecks.SIGMA0;
        Shown.by(() -> SparsityChecks.sparsePriorLogDensity(z -> {
            double a = Math.log(g) + logNormal(z, s0);
            double b = Math.log(1 - g) + logNormal(z, 1);
            double m = Math.max(a, b);
            return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        })).passed();
        Shown.by(() -> SparsityChecks.sparsePriorLogDensity(z -> Math.log(g * Math.exp(logNormal(z, s0))
                + (1 - g) * Math.exp(logNormal(z, 1))))).failedWith("log-sum-exp");
        Shown.by(() -> SparsityChecks.sparsePriorLogDensity(z -> {
            double a = Math.log(g) + logNormal(z, s0 * s0);
            double b = Math.log(1 - g) + logNormal(z, 1);
            double m = Math.max(a, b);
            return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
        })).failedWith("σ₀² as the standard deviation");
    }

    @Test
    void unnormalisedHoyer() {
        Random random = new Random(8);
        float[][] means = new float[50][6];
        for (float[] row : means) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * (j + 1));
            }
        }
        double sum = 0;
        for (float[] row : means) {
            double[] z = new double[row.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = row[j];
            }
            sum += hoyer(z, true);
        }
        double mean = sum / means.length;
        Shown.by(() -> SparsityChecks.unnormalisedHoyer(means, () -> mean)).passed();
        Shown.by(() -> SparsityChecks.unnormalisedHoyer(means, () -> Hoyer.normalised(means))).failedWith("normalised score");
    }
}
