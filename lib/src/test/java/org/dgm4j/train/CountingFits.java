package org.dgm4j.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;
import org.dgm4j.loss.Objective;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of the checkpoint and run-identity tests: 256 pattern images and fits of a {@link TinyVae} that count their
 * training steps ({@link #trainingCalls}) and keep the cache's messages ({@link #messages}).
 */
abstract class CountingFits {

    static NDManager manager;
    static TensorSource train;

    final List<String> messages = new ArrayList<>();
    int trainingCalls;

    @BeforeAll
    static void data() {
        manager = Engines.newManager();
        train = TensorSource.patterns(manager, 256, 1);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Two epochs of batch 64 (8 steps) with seed 5, silent; the caller adds the cache settings. */
    Fit countingFit(TinyVae vae) {
        Objective inner = vae.objective();
        Objective counting = TinyVae.described("counting " + inner, (batch, training, step) -> {
            trainingCalls += training ? 1 : 0;
            return inner.compute(batch, training, step);
        });
        return Fit.of(vae, counting).train(train).epochs(2).batchSize(64).seed(5).progress(Progress.silent());
    }
}
