package org.dgm4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** Schedule invariants and the closed form of q(x_t | x_0). */
class NoiseScheduleTest {

    @Test
    void alphaBarStrictlyDecreasingInsideUnitInterval() {
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(1000), NoiseSchedule.cosine(1000),
                NoiseSchedule.cosine(4000), NoiseSchedule.linear(50)}) {
            double previous = 1;
            for (int t = 0; t < s.steps(); t++) {
                double ab = s.alphaBar(t);
                assertTrue(ab > 0 && ab < 1, s + ": ᾱ_" + t + " = " + ab);
                assertTrue(ab < previous, s + ": ᾱ not strictly decreasing at " + t);
                assertEquals(previous, s.alphaBarPrev(t), 1e-15);
                previous = ab;
            }
        }
    }

    @Test
    void linearEndpoints() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertEquals(1e-4, s.beta(0), 1e-12);
        assertEquals(0.02, s.beta(999), 1e-12);
        assertEquals(1 - 1e-4, s.alphaBar(0), 1e-12);
        // ᾱ_T = ∏(1-β_t) ≈ exp(-Σβ) = exp(-1000·(1e-4+0.02)/2) ≈ 4.0e-5 (DDPM's x_T is nearly pure noise)
        assertEquals(4.0e-5, s.alphaBar(999), 1e-5);
    }

    @Test
    void linearRangeScalesWithTheStepCountSoThatXtStaysNoise() {
        // β from 1e-4·1000/T to 0.02·1000/T: ᾱ_T ≈ exp(-T·(β_1 + β_T)/2) = exp(-10.05) whatever T is
        for (int steps : new int[] {100, 250, 1000, 4000}) {
            NoiseSchedule s = NoiseSchedule.linear(steps);
            assertEquals(0.1 / steps, s.beta(0), 1e-12);
            assertEquals(20.0 / steps, s.beta(steps - 1), 1e-12);
            assertTrue(s.alphaBar(steps - 1) < 1e-4, "T = " + steps + ": ᾱ_T = " + s.alphaBar(steps - 1));
        }
        // without the scaling, T = 100 would end at ᾱ_T = 0.36: sampling from N(0, I) would start far from q(x_T)
        assertTrue(NoiseSchedule.linear(100, 1e-4, 0.02).alphaBar(99) > 0.3);
        assertEquals(0.999, NoiseSchedule.linear(10).beta(9), 1e-12, "β is capped below 1");
    }

    @Test
    void cosineEndpoints() {
        int T = 1000;
        NoiseSchedule s = NoiseSchedule.cosine(T);
        double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        double f1 = Math.pow(Math.cos((1.0 / T + 0.008) / 1.008 * Math.PI / 2), 2);
        assertEquals(f1 / f0, s.alphaBar(0), 1e-12);
        assertTrue(s.beta(0) < 1e-4, "cosine starts gently: β_0 = " + s.beta(0));
        assertEquals(NoiseSchedule.MAX_COSINE_BETA, s.beta(T - 1), 1e-12, "last β is clipped");
        assertTrue(s.alphaBar(T - 1) < 1e-6, "ᾱ_T ≈ 0, got " + s.alphaBar(T - 1));
        // half-way ᾱ follows cos² closely: cos²((0.5+s)/(1+s)·π/2)/f0
        double mid = Math.pow(Math.cos((0.5 + 0.008) / 1.008 * Math.PI / 2), 2) / f0;
        assertEquals(mid, s.alphaBar(T / 2 - 1), 1e-9);
    }

    @Test
    void posteriorIsConsistentWithMarginals() {
        NoiseSchedule s = NoiseSchedule.cosine(200);
        for (int t = 1; t < 200; t += 37) {
            double ab = s.alphaBar(t), abPrev = s.alphaBar(t - 1), beta = s.beta(t);
            assertEquals(beta * (1 - abPrev) / (1 - ab), s.posteriorVariance(t), 1e-12);
            // Averaging q(x_{t-1} | x_t, x_0) over x_t ~ q(x_t | x_0) must give back q(x_{t-1} | x_0):
            // mean c0 + ct·√ᾱ_t = √ᾱ_{t-1}, variance ct²(1 - ᾱ_t) + β̃_t = 1 - ᾱ_{t-1}.
            double c0 = s.posteriorMeanCoefX0(t), ct = s.posteriorMeanCoefXt(t);
            assertEquals(Math.sqrt(abPrev), c0 + ct * Math.sqrt(ab), 1e-12);
            assertEquals(1 - abPrev, ct * ct * (1 - ab) + s.posteriorVariance(t), 1e-12);
        }
        assertEquals(0, s.posteriorVariance(0), 1e-15, "β̃_0 = 0: the last reverse step is deterministic");
    }

    @Test
    void diffuseMatchesClosedFormMeanAndVariance() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        int n = 20000;
        int[] steps = {0, 250, 999};
        float[] x0 = {-0.8f, 0.3f, 1f};
        Random r = new Random(7);
        try (NDManager m = Engines.newManager()) {
            for (int j = 0; j < steps.length; j++) {
                float[] x = new float[n];
                float[] eps = new float[n];
                Arrays.fill(x, x0[j]);
                for (int i = 0; i < n; i++) {
                    eps[i] = (float) r.nextGaussian();
                }
                int[] t = new int[n];
                Arrays.fill(t, steps[j]);
                NDArray xt = s.diffuse(m.create(x, new Shape(n, 1)), t, m.create(eps, new Shape(n, 1)));
                float[] v = xt.toFloatArray();
                double mean = 0, sq = 0;
                for (float f : v) {
                    mean += f;
                }
                mean /= n;
                for (float f : v) {
                    sq += (f - mean) * (f - mean);
                }
                double var = sq / (n - 1);
                double ab = s.alphaBar(steps[j]);
                double sdMean = Math.sqrt((1 - ab) / n);
                assertEquals(Math.sqrt(ab) * x0[j], mean, 5 * sdMean + 1e-6, "mean at t=" + steps[j]);
                double sdVar = (1 - ab) * Math.sqrt(2.0 / (n - 1));
                assertEquals(1 - ab, var, 5 * sdVar + 1e-9, "variance at t=" + steps[j]);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(0));
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.named("quadratic", 10));
        assertThrows(IndexOutOfBoundsException.class, () -> NoiseSchedule.linear(10).alphaBar(10));
    }
}
