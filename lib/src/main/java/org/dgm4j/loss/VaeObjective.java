package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Objective;

/**
 * The VAE / β-VAE objective recon + β·w(t)·KL on a batch of images, with w(t) a {@link KlWarmup} factor
 * that advances by one step per training call (validation calls use the current factor and do not
 * advance it). Components "recon" and "kl" (unweighted), see {@link VaeLoss}.
 */
public final class VaeObjective implements Objective {

    private final Vae vae;
    private final Reconstruction reconstruction;
    private final double beta;
    private final KlWarmup warmup;
    private final ParameterStore parameters = new ParameterStore();
    private long step;

    /** The plain VAE: Bernoulli reconstruction, β = 1, no warm-up. */
    public VaeObjective(Vae vae) {
        this(vae, Reconstruction.bernoulli(), 1.0, KlWarmup.none());
    }

    /** A β-VAE objective with the given reconstruction loss and warm-up. */
    public VaeObjective(Vae vae, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        VaeLoss.requireBeta(beta);
        this.vae = Objects.requireNonNull(vae, "vae");
        this.reconstruction = Objects.requireNonNull(reconstruction, "reconstruction");
        this.beta = beta;
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    /** The effective KL weight β·w(t) for the next training step. */
    public double currentBeta() {
        return beta * warmup.factor(step);
    }

    @Override
    public LossTerms compute(Batch batch, boolean training) {
        NDList out = vae.forward(parameters, new NDList(batch.x()), training);
        LossTerms terms = VaeLoss.of(reconstruction, out.get(0), batch.x(), new Gaussian(out.get(1), out.get(2)),
                currentBeta());
        if (training) {
            step++;
        }
        return terms;
    }

    /** The configuration, for logs and training cache keys. */
    @Override
    public String toString() {
        return "VaeObjective(recon=" + reconstruction + ", beta=" + beta + ", warmup=" + warmup + ")";
    }
}
