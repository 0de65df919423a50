package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;

/** The VAE / β-VAE objective recon + β·w(t)·KL on a batch of images (see {@link AbstractVaeObjective}). */
public final class VaeObjective extends AbstractVaeObjective {

    private final Vae vae;

    /** The plain VAE: the model's likelihood, β = 1, no warm-up. */
    public VaeObjective(Vae vae) {
        this(vae, vae.likelihood(), 1.0, KlWarmup.none());
    }

    /** A β-VAE objective; {@code reconstruction} must be the model's likelihood. */
    public VaeObjective(Vae vae, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        super(vae, reconstruction, beta, warmup);
        this.vae = Objects.requireNonNull(vae, "vae");
    }

    @Override
    protected NDList forward(ParameterStore parameters, Batch batch, boolean training) {
        return vae.forward(parameters, new NDList(batch.x()), training);
    }
}
