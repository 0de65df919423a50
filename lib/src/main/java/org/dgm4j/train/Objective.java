package org.dgm4j.train;

import org.dgm4j.data.Batch;
import org.dgm4j.loss.LossTerms;

/**
 * What a model minimises on one batch. The training loop calls it inside a gradient collector when
 * {@code training} is true and outside one for validation. Allocate temporaries in
 * {@link Batch#manager()} so that closing the batch frees them.
 */
@FunctionalInterface
public interface Objective {

    /** The loss on {@code batch}; {@code training} selects training-mode behaviour (dropout, noise). */
    LossTerms compute(Batch batch, boolean training);
}
