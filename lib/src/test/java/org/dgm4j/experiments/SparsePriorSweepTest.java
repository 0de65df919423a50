package org.dgm4j.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.data.FashionMnist;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.metrics.Elbo;
import org.dgm4j.metrics.Hoyer;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.train.Checkpoints;
import org.dgm4j.train.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notebook 06's sweep: one cached, measured sparse-prior VAE per setting. */
class SparsePriorSweepTest {

    @TempDir
    Path root;

    @Test
    void activeUnitsCountsDimensionsWhoseMeanVaries() {
        // Variances over the rows: 0, 1 and 0.000625.
        float[][] means = {{0, 1, 5}, {0, -1, 5.05f}};
        assertEquals(1, SparsePriorSweep.activeUnits(means));
    }

    @Test
    void aRunIsMeasuredUnderTheLaplaceDecoderAndReloadsFromTheCache() {
        List<String> messages = new ArrayList<>();
        try (NDManager m = Engines.newManager()) {
            ImageDataset train = FashionMnist.train(m, 200, 0);
            ImageDataset test = FashionMnist.test(m, 100, 0);
            SparsePriorSweep sweep = new SparsePriorSweep(4, 1, 50, Reconstruction.laplace(0.1),
                    f -> f.progress(Progress.silent()).checkpoints(Checkpoints.at(root).reportingTo(messages::add)));
            SparsePriorSweep.Run first = sweep.run("fashion", train, test, 1, 0.8, 10, 3);
            assertEquals("laplace(b=0.1)", first.vae().likelihood().toString());
            assertEquals(Elbo.evaluate(first.vae(), test, 0).reconstruction(), first.recon(), 1e-9);
            assertEquals(Hoyer.normalised(first.means()), first.hoyer(), 1e-12);
            assertEquals(100, first.means().length);
            assertTrue(first.reg() > 0, "the MMD of a trained batch is positive");
            SparsePriorSweep.Run again = sweep.run("fashion", train, test, 1, 0.8, 10, 3);
            assertTrue(messages.stream().anyMatch(s -> s.startsWith("Loaded nb06-fashion-b1.0-g0.8-a10.0-s3")),
                    messages.toString());
            assertEquals(first.hoyer(), again.hoyer(), 0.0);
            assertArrayEquals(first.means()[0], again.means()[0], 0f);
        }
    }
}
