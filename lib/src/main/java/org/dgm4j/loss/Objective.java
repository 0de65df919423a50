package org.dgm4j.loss;

import org.dgm4j.data.Batch;

/**
 * What a model minimises on one batch. The training loop calls it inside a gradient collector when
 * {@code training} is true and outside one for validation, with the engine's generator seeded for that
 * step, so every random draw of an objective must come from the engine (never from a generator the
 * objective keeps). Allocate temporaries in {@link Batch#manager()} so that closing the batch frees them.
 * An objective whose runs are cached must also implement {@link org.dgm4j.Describable}.
 */
@FunctionalInterface
public interface Objective {

    /** The step to pass outside a fit: every schedule (e.g. a KL warm-up) at its end. */
    long TRAINED = Long.MAX_VALUE;

    /**
     * The loss on {@code batch}; {@code training} selects training-mode behaviour (dropout, noise) and
     * {@code step} is the number of updates made before this batch (0 for the first one; in validation,
     * the updates made so far). Schedules such as {@link KlWarmup} read it; an objective keeps no count.
     */
    LossTerms compute(Batch batch, boolean training, long step);

    /** The loss outside a fit, with every schedule at its end ({@link #TRAINED}). */
    default LossTerms compute(Batch batch, boolean training) {
        return compute(batch, training, TRAINED);
    }
}
