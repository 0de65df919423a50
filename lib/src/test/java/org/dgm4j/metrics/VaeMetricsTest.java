package org.dgm4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.loss.KlWarmup;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.Autoencoder;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.LogDensities;
import org.dgm4j.model.Networks;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VaeMetricsTest {

    private static NDManager manager;
    private static ImageDataset train;
    private static ImageDataset test;
    private static Vae trained;

    /** A small MLP VAE (784-128-8) trained for 100 steps on 2,000 MNIST digits: "trained-ish". */
    @BeforeAll
    static void trainSmallVae() {
        Engine.getInstance().setRandomSeed(11);
        manager = Engines.newManager();
        try (ImageDataset all = Mnist.train(manager); ImageDataset allTest = Mnist.test(manager)) {
            train = all.subset(2000, 1);
            test = allTest.subset(200, 2);
        }
        trained = Vae.mlp(new Shape(1, 28, 28), 8, 128).initialize(manager);
        TinyFit.fit(trained, new VaeObjective(trained), train, 64, 100, 3e-3f);
    }

    @AfterAll
    static void free() {
        manager.close();
    }

    @Test
    void trainedModelHasAPlausibleElbo() {
        Elbo.Result r = Elbo.evaluate(trained, test, 5);
        assertEquals(200, r.images());
        assertEquals(r.elbo(), -(r.reconstruction() + r.kl()), 1e-6);
        // An untrained decoder gives ~543 nats (784·log 2); 100 steps get well below 250.
        assertTrue(r.negativeElbo() < 250 && r.negativeElbo() > 60, r.toString());
    }

    @Test
    void elboAndIwaeScoreWithTheModelsOwnLikelihood() {
        Engine.getInstance().setRandomSeed(4);
        Vae laplace = Vae.mlp(new Shape(1, 28, 28), 8, 32).setLikelihood(Reconstruction.laplace(0.1))
                .initialize(manager);
        Elbo.Result r = Elbo.evaluate(laplace, test, 5);
        try (NDManager m = manager.newSubManager()) {
            NDArray x = test.x(m, 0, test.size());
            Gaussian q = laplace.encode(x);
            NDArray z = q.sample(NoiseSource.seeded(5).sample(m, q.mu().getShape()));
            NDArray mean = ai.djl.nn.Activation.sigmoid(laplace.decode(z));
            // The Laplace density with b = 0.1 by hand: |x - mean| / b + log(2b) per pixel.
            double byHand = x.sub(mean).abs().sum().getFloat() / 0.1 / test.size() + 784 * Math.log(0.2);
            assertEquals(byHand, r.reconstruction(), 1e-3 * Math.abs(byHand));
            NDArray x20 = test.x(m, 0, 20);
            NDArray bound = ImportanceWeightedBound.logLikelihood(laplace, x20, 1, NoiseSource.zeros());
            Gaussian q20 = laplace.encode(x20);
            NDArray z20 = q20.mu();
            NDArray iwByHand = x20.sub(ai.djl.nn.Activation.sigmoid(laplace.decode(z20))).abs()
                    .sum(new int[] {1, 2, 3}).div(-0.1).sub(784 * Math.log(0.2))
                    .add(LogDensities.standardNormal(z20).sum(new int[] {1}))
                    .sub(LogDensities.diagonalGaussian(z20, q20.mu(), q20.logVar()).sum(new int[] {1}));
            assertArrayEquals(iwByHand.toFloatArray(), bound.toFloatArray(), 1e-2f);
        }
    }

    @Test
    void anObjectiveWithAnotherLikelihoodThanTheModelIsRefused() {
        Vae laplace = Vae.mlp(new Shape(1, 28, 28), 8, 32).setLikelihood(Reconstruction.laplace(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VaeObjective(laplace, Reconstruction.bernoulli(), 1.0, KlWarmup.none()));
        assertTrue(e.getMessage().contains("laplace(b=0.1)") && e.getMessage().contains("setLikelihood"),
                e.getMessage());
    }

    @Test
    void inferenceOpensNoManager() throws ReflectiveOperationException {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = test.x(m, 0, 4);
            NDArray z = m.zeros(new Shape(4, 8));
            Autoencoder ae = Autoencoder.mlp(new Shape(1, 28, 28), 2, 16);
            ae.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDManager system = m.getParentManager().getParentManager();
            int before = openManagers(system);
            trained.decode(z);
            trained.encode(x);
            ae.decode(ae.encode(x));
            Elbo.perExample(trained, x, NoiseSource.zeros());
            ImportanceWeightedBound.logLikelihood(trained, x, 2, NoiseSource.zeros());
            LatentKl.perDimension(trained, List.of(new Batch(m.newSubManager(), x, null)));
            assertEquals(before, openManagers(system), "every call above must use the arrays' managers");
        }
    }

    /** The managers open under DJL's system manager (a leaked one stays there until the JVM ends). */
    private static int openManagers(NDManager system) throws ReflectiveOperationException {
        java.lang.reflect.Field resources = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((java.util.Map<?, ?>) resources.get(system)).size();
    }

    @Test
    void iwaeWithOneSampleIsTheMonteCarloElbo() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = test.x(m, 0, 20);
            NDArray bound = ImportanceWeightedBound.logLikelihood(trained, x, 1, NoiseSource.seeded(3));
            // The same ε, by hand: log p(x|z) + log p(z) - log q(z|x).
            Gaussian q = trained.encode(x);
            NDArray z = q.sample(NoiseSource.seeded(3).sample(m, q.mu().getShape()));
            NDArray byHand = Reconstruction.bernoulli().perExample(trained.decode(z), x).neg()
                    .add(LogDensities.standardNormal(z).sum(new int[] {1}))
                    .sub(LogDensities.diagonalGaussian(z, q.mu(), q.logVar()).sum(new int[] {1}));
            assertArrayEquals(byHand.toFloatArray(), bound.toFloatArray(), 1e-3f);
        }
    }

    @Test
    void iwaeBoundTightensWithMoreSamples() {
        double elboNll = Elbo.evaluate(trained, test, 5).negativeElbo();
        double k1 = ImportanceWeightedBound.negativeLogLikelihood(trained, test, 1, 7);
        double k20 = ImportanceWeightedBound.negativeLogLikelihood(trained, test, 20, 7);
        // k = 1 estimates -ELBO (Monte Carlo KL instead of closed form): equal up to sampling noise.
        assertEquals(elboNll, k1, 2.0);
        assertTrue(k20 < elboNll - 0.5, "IWAE(20) " + k20 + " vs -ELBO " + elboNll);
        assertTrue(k20 < k1, "IWAE(20) " + k20 + " vs IWAE(1) " + k1);
    }

    @Test
    void everyLatentDimensionOfTheTrainedModelIsMeasured() {
        double[] kl = LatentKl.perDimension(trained, test);
        assertEquals(8, kl.length);
        double total = 0;
        for (double d : kl) {
            assertTrue(d >= 0);
            total += d;
        }
        assertEquals(Elbo.evaluate(trained, test, 5).kl(), total, 1e-3);
    }

    @Test
    void perDimensionKlAndActiveUnitsMatchHandComputation() {
        // An encoder that reads (mu1, mu2, logVar1, logVar2) straight from the 4 "pixels" of 1x1x4 images.
        Shape image = new Shape(1, 1, 4);
        Vae vae = new Vae(new SequentialBlock().add(LambdaBlock.singleton(x -> x.reshape(-1, 4))),
                new SequentialBlock().add(Linear.builder().setUnits(4).build()).add(Networks.reshapeTo(image)),
                2, image);
        float[][] rows = {{0.5f, 0f, -1f, 0f}, {-1.5f, 0.05f, 0.2f, 0f}, {2f, 0f, 0f, 0f}};
        double[] expected = new double[2];
        for (float[] r : rows) {
            for (int d = 0; d < 2; d++) {
                expected[d] += 0.5 * (r[d] * r[d] + Math.exp(r[d + 2]) - 1 - r[d + 2]) / rows.length;
            }
        }
        try (NDManager m = manager.newSubManager()) {
            vae.initialize(m);
            NDManager bm = m.newSubManager();
            float[] flat = new float[12];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(rows[i], 0, flat, 4 * i, 4);
            }
            Batch batch = new Batch(bm, bm.create(flat, new Shape(3, 1, 1, 4)), bm.zeros(new Shape(3)));
            double[] kl = LatentKl.perDimension(vae, List.of(batch));
            assertArrayEquals(expected, kl, 1e-5);
            assertTrue(expected[1] < LatentKl.ACTIVE_THRESHOLD && expected[0] > LatentKl.ACTIVE_THRESHOLD);
            assertEquals(1, LatentKl.activeUnits(kl));
            assertEquals(2, LatentKl.activeUnits(kl, 1e-4));
        }
    }
}
