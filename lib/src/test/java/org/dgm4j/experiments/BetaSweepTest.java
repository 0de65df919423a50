package org.dgm4j.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.MnistSubsets;
import org.dgm4j.loss.Kl;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Checkpoints;
import org.dgm4j.train.History;
import org.dgm4j.train.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A small β sweep of a dense VAE on real MNIST subsets. */
class BetaSweepTest {

    @TempDir
    static Path root;

    private static MnistSubsets mnist;

    @BeforeAll
    static void data() {
        mnist = MnistSubsets.load(512, 300);
    }

    @AfterAll
    static void close() {
        mnist.close();
    }

    private static BetaSweep sweep(List<String> messages) {
        return BetaSweep.of(VaeRecipe.mlp(3).withTraining(512, 2, 64, 3e-3)).betas(0.001, 1, 50).trainOn(mnist.train()).evaluateOn(mnist.test())
                .fit(f -> f.progress(Progress.silent()).checkpoints(Checkpoints.at(root).reportingTo(messages::add)));
    }

    @Test
    void largerBetaTradesReconstructionForLessKlAndReRunsComeFromTheCache() {
        List<String> messages = new ArrayList<>();
        BetaSweep.Result first = sweep(messages).run();
        BetaSweep.Run low = first.get(3, 0.001);
        BetaSweep.Run high = first.get(3, 50);
        assertTrue(low.kl() > 5 * high.kl(), "KL " + low.kl() + " at β=0.001 vs " + high.kl() + " at β=50");
        assertTrue(low.reconstruction() < high.reconstruction(),
                "recon " + low.reconstruction() + " at β=0.001 vs " + high.reconstruction() + " at β=50");
        assertTrue(low.activeUnits() >= high.activeUnits());
        assertEquals(3, low.activeUnits(), "an almost unregularised VAE uses every dimension");
        assertTrue(first.runs().stream().noneMatch(r -> r.history().fromCache()));

        BetaSweep.Result again = sweep(messages).run();
        assertEquals(3, messages.stream().filter(m -> m.startsWith("Loaded vae-mlp-z3")).count(), messages.toString());
        for (int i = 0; i < 3; i++) {
            BetaSweep.Run a = first.runs().get(i);
            BetaSweep.Run b = again.runs().get(i);
            assertTrue(b.history().fromCache());
            assertEquals(a.reconstruction(), b.reconstruction(), 1e-4);
            assertArrayEquals(a.klPerDimension(), b.klPerDimension(), 1e-5);
            assertArrayEquals(a.history().seconds(), b.history().seconds(), 0.0);
        }
    }

    @Test
    void evaluationMatchesOneFullBatchComputedByHand() {
        Vae vae = Vae.mlp(new Shape(1, 28, 28), 4, 32);
        vae.initialize(mnist.manager());
        ImageDataset test = mnist.test();
        BetaSweep.Run run = BetaSweep.evaluate("m", 2.0, vae, new History(), test, 9);
        try (NDManager m = mnist.manager().newSubManager()) {
            NDArray x = test.x(m, 0, test.size());
            Gaussian q = vae.encode(x);
            NDArray z = q.sample(NoiseSource.seeded(9).sample(m, q.mu().getShape()));
            double recon = Reconstruction.bernoulli().loss(vae.decode(z), x).getFloat();
            float[] kl = Kl.perDimension(q).mean(new int[] {0}).toFloatArray();
            assertEquals(recon, run.reconstruction(), 1e-3 * recon);
            for (int d = 0; d < 4; d++) {
                assertEquals(kl[d], run.klPerDimension()[d], 1e-4 + 1e-4 * kl[d]);
            }
            assertEquals(recon + Kl.mean(q).getFloat(), run.negativeElbo(), 1e-3 * recon);
        }
        assertEquals(2.0, run.beta());
        assertEquals(4, run.latentDim());
    }

    @Test
    void activeUnitsCountDimensionsAboveTheThreshold() {
        BetaSweep.Run run = new BetaSweep.Run("m", 4, 1, null, new History(), 80, new double[] {0.5, 0.009, 0.011, 0});
        assertEquals(2, run.activeUnits());
        assertEquals(0.52, run.kl(), 1e-12);
        assertEquals(80.52, run.negativeElbo(), 1e-12);
        assertEquals("β=1", run.betaLabel());
        assertEquals("β=0.001", new BetaSweep.Run("m", 1, 0.001, null, new History(), 1, new double[] {0}).betaLabel());
    }

    @Test
    void tableHasOneRowPerRunAndLookupsExplainMisses() {
        History h = new History();
        h.add(java.util.Map.of("train/total", 1.0), 2.0);
        h.add(java.util.Map.of("train/total", 1.0), 4.0);
        Vae vae = Vae.mlp(new Shape(1, 28, 28), 2, 8).initialize(mnist.manager());
        BetaSweep.Result result = new BetaSweep.Result(List.of(
                new BetaSweep.Run("m", 2, 0.5, vae, h, 100, new double[] {1, 2}),
                new BetaSweep.Run("m", 2, 4, vae, h, 120, new double[] {0.5, 0.001})));
        Table t = result.table();
        assertEquals(2, t.rowCount());
        // encoder 784·8 + 8 + 8·4 + 4, decoder 2·8 + 8 + 8·784 + 784
        assertEquals(6316 + 7080, t.longColumn("parameters").get(0));
        assertEquals(103.0, t.doubleColumn("-ELBO").get(0), 1e-12);
        assertEquals(1, t.intColumn("active units").get(1));
        assertEquals(3.0, t.doubleColumn("s/epoch").get(0), 1e-12);
        assertFalse(t.booleanColumn("from cache").get(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> result.get(2, 1)).getMessage().contains("[0.5, 4.0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> result.withLatent(10)).getMessage().contains("[2]"));
    }

    @Test
    void badSettingsAreRejectedClearly() {
        BetaSweep s = BetaSweep.of(VaeRecipe.mlp(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.betas(1, -1)).getMessage().contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> s.betas());
        assertThrows(IllegalArgumentException.class, () -> s.latents(2, 0));
        assertTrue(assertThrows(IllegalStateException.class, s::run).getMessage().contains(".evaluateOn(test)"));
        assertEquals("mlp-z2-beta0p001", s.recipe(2, 0.001).name());
        assertEquals("mlp-z10-beta128", s.recipe(10, 128).name());
        assertEquals(VaeRecipe.mlp(2), s.recipe(2, 1), "β = 1 is the recipe's own model, shared by the notebooks");
    }
}
