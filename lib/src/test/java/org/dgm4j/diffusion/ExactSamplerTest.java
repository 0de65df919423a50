package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/**
 * The samplers are exact: with the exact ε* of a known Gaussian mixture in place of a network, DDPM and
 * deterministic DDIM at S = 1000, 50 and 10, and DDPM respaced to S = 100, land on the data (component shares, means and spreads).
 * Deterministic DDIM with few steps carries the discretisation error of its ODE, which pulls the
 * samples in (measured with 2,000 samples, cosine T = 1000: component std 0.149, 0.140 and 0.119 at
 * S = 1000, 50 and 10 for a true 0.15, means off by ≤ 0.009, 0.014 and 0.041; the linear schedule, whose
 * evenly spaced steps fall mostly where ᾱ is already near 0, moves the means by 0.10 at S = 10), so the
 * tolerance widens as S falls. Ancestral DDPM respaced to S = 100 keeps the means (off by ≤ 0.01) but, with the
 * posterior variance β̃ of the skipped steps, narrows the components to std 0.133–0.137 (cosine) and 0.125–0.128
 * (linear): the known cost of β̃ on a short chain (Nichol and Dhariwal 2021 learn the variance for it).
 */
class ExactSamplerTest {

    private static final double[][] MEANS = {{-0.6, 0.3}, {0.5, -0.4}};
    private static final double STD = 0.15;
    private static final int N = 2000;

    /** Per component: share, mean (2) and standard deviation of the samples nearest to it. */
    private static double[][] moments(float[] x) {
        double[][] acc = new double[MEANS.length][5];
        for (int i = 0; i < x.length / 2; i++) {
            int k = nearest(x[2 * i], x[2 * i + 1]);
            acc[k][0]++;
            acc[k][1] += x[2 * i];
            acc[k][2] += x[2 * i + 1];
            acc[k][3] += x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1];
        }
        double[][] out = new double[MEANS.length][4];
        for (int k = 0; k < MEANS.length; k++) {
            double n = acc[k][0];
            double m0 = acc[k][1] / n;
            double m1 = acc[k][2] / n;
            out[k][0] = n / (x.length / 2.0);
            out[k][1] = m0;
            out[k][2] = m1;
            out[k][3] = Math.sqrt((acc[k][3] / n - m0 * m0 - m1 * m1) / 2);
        }
        return out;
    }

    private static int nearest(double a, double b) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < MEANS.length; k++) {
            double d = (a - MEANS[k][0]) * (a - MEANS[k][0]) + (b - MEANS[k][1]) * (b - MEANS[k][1]);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    private static void assertOnTheData(String name, float[] samples, double meanTolerance, double stdTolerance) {
        double[][] m = moments(samples);
        for (int k = 0; k < MEANS.length; k++) {
            String where = name + ", component " + k + ": share " + m[k][0] + ", mean (" + m[k][1] + ", " + m[k][2]
                    + "), std " + m[k][3];
            System.out.println(where);
            assertEquals(0.5, m[k][0], 0.05, where);
            assertEquals(MEANS[k][0], m[k][1], meanTolerance, where);
            assertEquals(MEANS[k][1], m[k][2], meanTolerance, where);
            assertEquals(STD, m[k][3], stdTolerance * STD, where);
        }
    }

    @Test
    void ddpmAndDeterministicDdimLandOnAGaussianMixture() {
        try (NDManager m = Engines.newManager()) {
            for (NoiseSchedule schedule : new NoiseSchedule[] {NoiseSchedule.cosine(1000), NoiseSchedule.linear(1000)}) {
                GaussianMixtureEps exact = new GaussianMixtureEps(schedule, MEANS, STD);
                ReverseSampler[] samplers = {new DdpmSampler(schedule), new DdimSampler(schedule, 1000, 0),
                    new DdimSampler(schedule, 50, 0), new DdimSampler(schedule, 10, 0), new DdpmSampler(schedule, 100)};
                boolean cosine = schedule.name().equals("cosine");
                double[] meanTolerance = {0.02, 0.02, 0.025, cosine ? 0.05 : 0.12, 0.025};
                double[] stdTolerance = {0.05, 0.05, cosine ? 0.1 : 0.15, cosine ? 0.25 : 0.1, cosine ? 0.15 : 0.2};
                for (int i = 0; i < samplers.length; i++) {
                    float[] x = samplers[i].sampleShape(2).toImages(false).clipDenoised(false).batchSize(N)
                            .sample(exact, m, N, 3).images().toFloatArray();
                    assertOnTheData(schedule + " " + samplers[i].describe(), x, meanTolerance[i], stdTolerance[i]);
                }
            }
        }
    }

    @Test
    void aNetworkThatPredictsNoNoiseIsNotOnTheData() {
        // the check above can fail: ε̂ = 0 collapses every sample onto x̂_0 = x_T/√ᾱ_T's clipped path
        try (NDManager m = Engines.newManager()) {
            NoiseSchedule schedule = NoiseSchedule.cosine(1000);
            float[] x = new DdimSampler(schedule, 50, 0).sampleShape(2).toImages(false).batchSize(N)
                    .sample((xt, t) -> xt.zerosLike(), m, N, 3).images().toFloatArray();
            double[][] wrong = moments(x);
            assertTrue(Math.abs(wrong[0][3] - STD) > 0.25 * STD || Math.abs(wrong[0][1] - MEANS[0][0]) > 0.06,
                    "ε̂ = 0 must miss the data: std " + wrong[0][3] + ", mean " + wrong[0][1]);
        }
    }
}
