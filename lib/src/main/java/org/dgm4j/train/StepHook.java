package org.dgm4j.train;

import ai.djl.nn.Block;

/**
 * Called after every optimiser update, outside gradient recording, e.g. to keep an exponential moving
 * average of the weights for sampling. The hook owns whatever it allocates (use its own manager).
 */
@FunctionalInterface
public interface StepHook {

    /** {@code globalStep} counts updates from 1 over the whole run; {@code block} holds the new weights. */
    void afterStep(long globalStep, Block block);
}
