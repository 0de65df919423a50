package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.dgm4j.ops.Scalars;

/**
 * The objective of Mathieu et al. 2019 with a {@link SparsePrior}, written as a loss to minimise:
 * recon + β·KL(q(z|x) ‖ p(z)) + α·D(q(z), p(z)).
 *
 * <p>KL is estimated by Monte Carlo on the reparameterised sample, log q(z|x) − log p(z), averaged over
 * the batch ("kl"). D is {@link Mmd#imq} between the batch of posterior samples z and as many prior
 * samples drawn from the engine's generator, which the training loop seeds every step, so a run depends
 * on its seed only ("reg", unweighted). The decoder's likelihood is the model's.
 */
public final class SparsePriorVaeObjective implements Objective, Describable {

    private final Vae vae;
    private final SparsePrior prior;
    private final double beta;
    private final double alpha;
    private final Reconstruction reconstruction;

    /** The objective recon + β·KL + α·MMD on {@code vae}, scored with the model's likelihood. */
    public SparsePriorVaeObjective(Vae vae, SparsePrior prior, double beta, double alpha) {
        VaeLoss.requireBeta(beta);
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        this.vae = Objects.requireNonNull(vae, "vae");
        this.reconstruction = vae.likelihood();
        this.prior = Objects.requireNonNull(prior, "prior");
        this.beta = beta;
        this.alpha = alpha;
    }

    @Override
    public LossTerms compute(Batch batch, boolean training, long step) {
        NDList out = vae.forward(new ParameterStore(batch.manager(), false), new NDList(batch.x()), training);
        NDArray z = out.get(3);
        Gaussian q = new Gaussian(out.get(1), out.get(2));
        NDArray recon = reconstruction.loss(out.get(0), batch.x());
        NDArray kl = Kl.monteCarlo(q, z, prior.logDensity(z)).mean();
        NDArray priorSamples = prior.sample(batch.manager(), batch.size(), vae.latentDim());
        NDArray reg = Mmd.imq(z, priorSamples);
        NDArray total = recon.add(Scalars.mul(kl, beta)).add(Scalars.mul(reg, alpha));
        return LossTerms.of(total).with(VaeLoss.RECON, recon).with(VaeLoss.KL, kl).with(VaeLoss.REG, reg);
    }

    @Override
    public String describe() {
        return "SparsePriorVaeObjective(recon=" + reconstruction + ", prior=" + prior + ", beta=" + beta
                + ", alpha=" + alpha + ", prior samples from the engine)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
