package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Vae;

/** The VAE / β-VAE objective recon + β·w(t)·KL on a batch of images (see {@link AbstractVaeObjective}). */
public final class VaeObjective extends AbstractVaeObjective {

    private final Vae vae;

    /** The plain VAE: Bernoulli reconstruction, β = 1, no warm-up. */
    public VaeObjective(Vae vae) {
        this(vae, Reconstruction.bernoulli(), 1.0, KlWarmup.none());
    }

    /** A β-VAE objective with the given reconstruction loss and warm-up. */
    public VaeObjective(Vae vae, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        super(reconstruction, beta, warmup);
        this.vae = Objects.requireNonNull(vae, "vae");
    }

    @Override
    protected NDList forward(ParameterStore parameters, Batch batch, boolean training) {
        return vae.forward(parameters, new NDList(batch.x()), training);
    }
}
