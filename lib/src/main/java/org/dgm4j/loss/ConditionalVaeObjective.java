package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.ConditionalVae;
import org.dgm4j.model.Reconstruction;

/**
 * The conditional VAE objective recon + β·w(t)·KL(q(z|x, y) ‖ N(0, I)) using the batch labels (see
 * {@link AbstractVaeObjective}).
 */
public final class ConditionalVaeObjective extends AbstractVaeObjective {

    private final ConditionalVae cvae;

    /** The model's likelihood, β = 1, no warm-up. */
    public ConditionalVaeObjective(ConditionalVae cvae) {
        this(cvae, cvae.likelihood(), 1.0, KlWarmup.none());
    }

    /** The objective with β and warm-up; {@code reconstruction} must be the model's likelihood. */
    public ConditionalVaeObjective(ConditionalVae cvae, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        super(cvae, reconstruction, beta, warmup);
        this.cvae = Objects.requireNonNull(cvae, "cvae");
    }

    @Override
    protected NDList forward(ParameterStore parameters, Batch batch, boolean training) {
        return cvae.forward(parameters, new NDList(batch.x(), batch.y()), training);
    }
}
