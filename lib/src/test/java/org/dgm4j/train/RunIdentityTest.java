package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.dgm4j.data.Batch;
import org.dgm4j.loss.KlWarmup;
import org.dgm4j.loss.Objective;
import org.dgm4j.loss.SparsePrior;
import org.dgm4j.loss.SparsePriorVaeObjective;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What identifies a run: the checkpoint key (defect 1) and the reproducibility of a key (defect 3). */
class RunIdentityTest extends CountingFits {

    private static TensorSource val;

    @TempDir
    Path root;

    @BeforeAll
    static void validationData() {
        val = TensorSource.patterns(manager, 64, 2);
    }

    private static Vae vae() {
        return Vae.mlp(new Shape(1, 8, 8), 3, 16);
    }

    /** A VAE initialised from seed 1, the same weights every time. */
    private static Vae initialised() {
        Engine.getInstance().setRandomSeed(1);
        return vae().initialize(manager);
    }

    private static Fit fit(Vae vae, Objective objective) {
        return Fit.of(vae, objective).train(train).validation(val).epochs(2).batchSize(64).seed(4)
                .progress(Progress.silent());
    }

    @Test
    void cachingAnUndescribedObjectiveIsRefusedWithTheFix() {
        Vae vae = vae();
        Objective inner = new VaeObjective(vae);
        Objective lambda = (batch, training, step) -> inner.compute(batch, training, step);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fit(vae, lambda).checkpoints(Checkpoints.at(root)).cache("lambda").run());
        assertTrue(e.getMessage().contains("describe()"), e.getMessage());
        fit(vae(), lambda).run(); // without the cache an undescribed objective is fine
    }

    @Test
    void theNoiseSourceAndTheLikelihoodEnterTheKey() {
        Vae engineNoise = vae();
        Vae noNoise = vae().setNoise(NoiseSource.zeros());
        String a = fit(engineNoise, new VaeObjective(engineNoise)).cache("v").key();
        String b = fit(noNoise, new VaeObjective(noNoise)).cache("v").key();
        assertNotEquals(a, b);
        Vae laplace = vae().setLikelihood(Reconstruction.laplace(0.1));
        assertNotEquals(a, fit(laplace, new VaeObjective(laplace)).cache("v").key());
    }

    @Test
    void aTrainedBlockFittedAgainIsKeyedOnItsWeights() {
        Checkpoints store = Checkpoints.at(root).reportingTo(m -> { });
        Vae vae = vae();
        History first = fit(vae, new VaeObjective(vae)).checkpoints(store).cache("refit").run();
        History again = fit(vae, new VaeObjective(vae)).checkpoints(store).cache("refit").run();
        assertFalse(again.fromCache(), "continuing to train is not the from-scratch run in the cache");
        assertTrue(again.last("train/total") < first.series("train/total")[0]);
        Vae fresh = vae();
        assertTrue(fit(fresh, new VaeObjective(fresh)).checkpoints(store).cache("refit").run().fromCache(),
                "a fresh block of the same key loads the from-scratch run");
    }

    @Test
    void aSparsePriorObjectiveUsedBeforeTheFitGivesTheSameRun() {
        Vae used = initialised();
        SparsePriorVaeObjective objective = new SparsePriorVaeObjective(used, new SparsePrior(0.8), 1.0, 50.0);
        try (Batch b = val.batches(64, false, 0).iterator().next()) {
            objective.compute(b, false); // e.g. a cell showing the untrained loss
        }
        Vae fresh = initialised();
        assertRunsEqual(fit(fresh, new SparsePriorVaeObjective(fresh, new SparsePrior(0.8), 1.0, 50.0)).run(),
                fit(used, objective).run());
    }

    @Test
    void aWarmupObjectiveUsedBeforeTheFitGivesTheSameRun() {
        Vae used = initialised();
        VaeObjective objective = new VaeObjective(used, Reconstruction.bernoulli(), 2.0, KlWarmup.linear(6));
        try (Batch b = val.batches(64, false, 0).iterator().next()) {
            objective.compute(b, true);
        }
        Vae fresh = initialised();
        assertRunsEqual(fit(fresh, new VaeObjective(fresh, Reconstruction.bernoulli(), 2.0, KlWarmup.linear(6))).run(),
                fit(used, objective).run());
    }

    private static void assertRunsEqual(History a, History b) {
        for (String m : a.metrics()) {
            assertArrayEquals(a.series(m), b.series(m), 0.0, m);
        }
    }
}
