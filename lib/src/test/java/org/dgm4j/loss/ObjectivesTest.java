package org.dgm4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.Objective;
import org.dgm4j.model.Autoencoder;
import org.dgm4j.model.ConditionalVae;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.junit.jupiter.api.Test;

class ObjectivesTest {

    private static final Shape IMAGE = new Shape(1, 6, 6);

    private static Batch batch(NDManager m, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        NDManager bm = m.newSubManager();
        return new Batch(bm, bm.randomUniform(0f, 1f, new Shape(8, 1, 6, 6)),
                bm.create(new int[] {0, 1, 2, 0, 1, 2, 0, 1}));
    }

    /** Runs the first training step under a gradient collector and checks all parameters get gradients. */
    private static Map<String, Double> step(NDManager m, Objective objective, ai.djl.nn.Block block) {
        try (Batch b = batch(m, 1); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            LossTerms terms = objective.compute(b, true, 0);
            gc.backward(terms.total());
            for (var p : block.getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                assertTrue(g.abs().sum().getFloat() > 0, "no gradient for " + p.getKey());
                g.subi(g);
            }
            return terms.scalars();
        }
    }

    @Test
    void betaWeightsTheKlAndWarmupRampsIt() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(IMAGE, 3, 16).setNoise(NoiseSource.zeros()).initialize(m);
            VaeObjective warm = new VaeObjective(vae, Reconstruction.bernoulli(), 4.0, KlWarmup.linear(2));
            assertEquals(0.0, warm.beta(0));
            Map<String, Double> first = step(m, warm, vae);
            assertEquals(first.get("recon"), first.get(LossTerms.TOTAL), 1e-4, "warm-up starts at 0");
            assertEquals(2.0, warm.beta(1));
            assertEquals(4.0, warm.beta(2));
            try (Batch b = batch(m, 1)) {
                Map<String, Double> s = warm.compute(b, false).scalars();
                assertEquals(s.get("recon") + 4 * s.get("kl"), s.get(LossTerms.TOTAL), 1e-3, "outside a fit: full β");
                Map<String, Double> half = warm.compute(b, false, 1).scalars();
                assertEquals(half.get("recon") + 2 * half.get("kl"), half.get(LossTerms.TOTAL), 1e-3);
            }
        }
    }

    @Test
    void autoencoderAndDenoisingObjectives() {
        try (NDManager m = Engines.newManager()) {
            Autoencoder ae = Autoencoder.mlp(IMAGE, 3, 16).initialize(m);
            Map<String, Double> plain = step(m, new AutoencoderObjective(ae), ae);
            assertEquals(plain.get("recon"), plain.get(LossTerms.TOTAL), 1e-6);

            AutoencoderObjective dae = AutoencoderObjective.denoising(ae, 0.3);
            step(m, dae, ae);
            try (Batch b = batch(m, 2)) {
                NDArray noisy = dae.corrupt(b.x());
                float[] clean = b.x().toFloatArray();
                float[] corrupted = noisy.toFloatArray();
                double sq = 0;
                for (int i = 0; i < clean.length; i++) {
                    assertTrue(corrupted[i] >= 0 && corrupted[i] <= 1);
                    sq += (clean[i] - corrupted[i]) * (clean[i] - corrupted[i]);
                }
                double rms = Math.sqrt(sq / clean.length);
                assertTrue(rms > 0.1 && rms < 0.3, "noise rms " + rms);
                // The target stays clean: the loss equals BCE(decoder(noisy), clean).
                LossTerms t = dae.compute(b, false);
                assertTrue(t.scalars().get("recon") > 0);
            }
            assertThrows(IllegalArgumentException.class, () -> AutoencoderObjective.denoising(ae, 0));
        }
    }

    @Test
    void conditionalObjectiveUsesLabels() {
        try (NDManager m = Engines.newManager()) {
            ConditionalVae cvae = ConditionalVae.mlp(IMAGE, 3, 2, 16).initialize(m);
            Map<String, Double> s = step(m, new ConditionalVaeObjective(cvae), cvae);
            assertEquals(s.get("recon") + s.get("kl"), s.get(LossTerms.TOTAL), 1e-3);
            ConditionalVaeObjective warm = new ConditionalVaeObjective(cvae, Reconstruction.bernoulli(), 2.0,
                    KlWarmup.linear(2));
            Map<String, Double> first = step(m, warm, cvae);
            assertEquals(first.get("recon"), first.get(LossTerms.TOTAL), 1e-4, "warm-up starts at 0");
            assertEquals(1.0, warm.beta(1));
        }
    }

    @Test
    void sparsePriorObjectiveCombinesReconKlAndMmd() {
        try (NDManager m = Engines.newManager()) {
            Vae vae = Vae.mlp(IMAGE, 4, 16).initialize(m);
            SparsePriorVaeObjective objective = new SparsePriorVaeObjective(vae, new SparsePrior(0.8), 2.0, 50.0);
            Map<String, Double> s = step(m, objective, vae);
            assertEquals(s.get("recon") + 2 * s.get("kl") + 50 * s.get("reg"), s.get(LossTerms.TOTAL), 1e-2);
            assertTrue(s.get("reg") > 0);
        }
    }

    @Test
    void monteCarloKlToTheSparsePriorWithGammaZeroMatchesClosedForm() {
        int n = 100_000;
        try (NDManager m = Engines.newManager()) {
            Gaussian q = new Gaussian(m.full(new Shape(n, 2), 0.7f), m.full(new Shape(n, 2), -0.5f));
            NDArray z = q.sample(NoiseSource.seeded(4).sample(m, new Shape(n, 2)));
            double mc = Kl.monteCarlo(q, z, new SparsePrior(0).logDensity(z)).mean().getFloat();
            assertEquals(Kl.mean(new Gaussian(q.mu().get("0:1"), q.logVar().get("0:1"))).getFloat(), mc, 0.02);
        }
    }

    @Test
    void descriptionsNameEverySettingSoCacheKeysDiffer() {
        Vae vae = Vae.mlp(IMAGE, 2, 8);
        String beta4 = new VaeObjective(vae, Reconstruction.bernoulli(), 4, KlWarmup.linear(100)).toString();
        assertEquals("VaeObjective(recon=bernoulli, beta=4.0, warmup=linear(100 steps))", beta4);
        assertTrue(!beta4.equals(new VaeObjective(vae, Reconstruction.bernoulli(), 128, KlWarmup.linear(100)).toString()));
        assertEquals("VaeObjective(recon=gaussian(sigma=0.1), beta=1.0, warmup=none)",
                new VaeObjective(Vae.mlp(IMAGE, 2, 8).setLikelihood(Reconstruction.gaussian(0.1)),
                        Reconstruction.gaussian(0.1), 1, KlWarmup.none()).toString());
        assertEquals("SparsePriorVaeObjective(recon=bernoulli, prior=SparsePrior(gamma=0.8, sigma0=0.05), beta=1.0,"
                + " alpha=100.0, prior samples from the engine)",
                new SparsePriorVaeObjective(vae, new SparsePrior(0.8), 1, 100).toString());
        assertEquals("AutoencoderObjective(recon=bernoulli, inputNoiseStd=0.3)",
                AutoencoderObjective.denoising(Autoencoder.mlp(IMAGE, 2, 8), 0.3).toString());
        ConditionalVae cvae = ConditionalVae.mlp(IMAGE, 3, 2, 8);
        assertEquals("ConditionalVaeObjective(recon=bernoulli, beta=1.0, warmup=none)",
                new ConditionalVaeObjective(cvae).toString());
        assertEquals("ConditionalVaeObjective(recon=gaussian(sigma=0.1), beta=4.0, warmup=linear(100 steps))",
                new ConditionalVaeObjective(ConditionalVae.mlp(IMAGE, 3, 2, 8).setLikelihood(Reconstruction.gaussian(0.1)),
                        Reconstruction.gaussian(0.1), 4, KlWarmup.linear(100)).toString());
    }
}
