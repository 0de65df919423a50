package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.NoiseSchedule;
import org.junit.jupiter.api.Test;

class LatentChecksTest {

    /** (z − m) / s, m per dimension, s the global standard deviation or, if perDimension, each dimension's. */
    static float[][] scale(float[][] z, boolean perDimension, int power) {
        int n = z.length, d = z[0].length;
        double[] m = new double[d], sq = new double[d];
        for (float[] r : z) for (int j = 0; j < d; j++) m[j] += r[j] / (double) n;
        for (float[] r : z) for (int j = 0; j < d; j++) sq[j] += (r[j] - m[j]) * (r[j] - m[j]);
        double total = 0;
        for (double s : sq) total += s;
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double variance = perDimension ? sq[j] / n : total / (n * d);
                out[i][j] = (float) ((z[i][j] - m[j]) / Math.pow(variance, power / 2.0));
            }
        }
        return out;
    }

    @Test
    void scaleCodes() {
        Shown.by(() -> LatentChecks.scaleCodes(z -> scale(z, false, 1))).passed();
        Shown.by(() -> LatentChecks.scaleCodes(z -> scale(z, false, 2))).failedWith("variance σ²");
        Shown.by(() -> LatentChecks.scaleCodes(z -> scale(z, true, 1))).failedWith("each dimension on its own");
        Shown.by(() -> LatentChecks.scaleCodes(z -> Exercise.todo())).notDone();
    }

    @Test
    void snr() {
        Shown.by(() -> LatentChecks.snr((a, s) -> a * s * s / (1 - a))).passed();
        Shown.by(() -> LatentChecks.snr((a, s) -> a * s / (1 - a))).failedWith("σ must be squared");
        Shown.by(() -> LatentChecks.snr((a, s) -> Math.sqrt(a) * s / Math.sqrt(1 - a))).failedWith("standard deviations");
    }

    @Test
    void diffusedVariance() {
        try (NDManager m = Engines.newManager()) {
            m.getEngine().setRandomSeed(5);
            NDArray z0 = m.randomNormal(new Shape(500, 32)).mul(5);
            double[] ab = NoiseSchedule.linear(1000).alphaBars();
            int t = 500;
            NDArray zt = z0.mul(Math.sqrt(ab[t])).add(m.randomNormal(z0.getShape()).mul(Math.sqrt(1 - ab[t])));
            double measured = zt.sub(zt.mean()).square().mean().getFloat();
            double before = z0.sub(z0.mean()).square().mean().getFloat();
            Shown.by(() -> LatentChecks.diffusedVariance(z0, ab, t, () -> measured)).passed();
            Shown.by(() -> LatentChecks.diffusedVariance(z0, ab, t, () -> before)).failedWith("variance of z₀ itself");
            Shown.by(() -> LatentChecks.diffusedVariance(z0, ab, t, () -> 1.0)).failedWith("unit-scale data");
            Shown.by(() -> LatentChecks.diffusedVariance(z0, ab, t, () -> (Double) Exercise.todo())).notDone();
        }
    }
}
