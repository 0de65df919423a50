package org.dgm4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dgm4j.Engines;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.LogDensities;
import org.dgm4j.model.NoiseSource;
import org.junit.jupiter.api.Test;

class KlTest {

    @Test
    void closedFormMatchesMonteCarloEstimate() {
        float[] mu = {0.5f, -1.2f, 0f, 2f};
        float[] logVar = {-1f, 0.4f, 0f, -2.5f};
        int n = 200_000;
        try (NDManager m = Engines.newManager()) {
            Gaussian q = new Gaussian(m.create(mu, new Shape(1, 4)), m.create(logVar, new Shape(1, 4)));
            double closed = Kl.perExample(q).getFloat();
            double hand = 0;
            for (int d = 0; d < 4; d++) {
                hand += 0.5 * (mu[d] * mu[d] + Math.exp(logVar[d]) - 1 - logVar[d]);
            }
            assertEquals(hand, closed, 1e-5);

            Gaussian big = new Gaussian(q.mu().broadcast(n, 4), q.logVar().broadcast(n, 4));
            NDArray z = big.sample(NoiseSource.gaussian(m, new Shape(n, 4), new Random(7)));
            NDArray logPrior = LogDensities.standardNormal(z).sum(new int[] {1});
            double mc = Kl.monteCarlo(big, z, logPrior).mean().getFloat();
            // The per-sample estimator has variance ~ sum(mu^2 + ...) ≈ 10 here: SE ≈ 0.007.
            assertEquals(closed, mc, 0.03);
        }
    }

    @Test
    void klIsZeroForThePriorAndPositiveOtherwise() {
        try (NDManager m = Engines.newManager()) {
            Gaussian prior = new Gaussian(m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 3)));
            assertEquals(0.0, Kl.mean(prior).getFloat(), 1e-7);
            Gaussian off = new Gaussian(m.ones(new Shape(2, 3)), m.zeros(new Shape(2, 3)));
            assertEquals(1.5, Kl.mean(off).getFloat(), 1e-6);
        }
    }

    @Test
    void linearWarmupRampsFromZeroToOne() {
        KlWarmup w = KlWarmup.linear(4);
        assertEquals(0.0, w.factor(0));
        assertEquals(0.5, w.factor(2));
        assertEquals(1.0, w.factor(4));
        assertEquals(1.0, w.factor(100));
        assertEquals(1.0, KlWarmup.linear(0).factor(0));
        assertEquals(0.25, KlWarmup.linearOverEpochs(2, 10).factor(5));
    }
}
