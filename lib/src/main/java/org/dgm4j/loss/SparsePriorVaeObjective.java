package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.Random;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Vae;
import org.dgm4j.ops.Scalars;
import org.dgm4j.train.Objective;

/**
 * The objective of Mathieu et al. 2019 with a {@link SparsePrior}, written as a loss to minimise:
 * recon + β·KL(q(z|x) ‖ p(z)) + α·D(q(z), p(z)).
 *
 * <p>KL is estimated by Monte Carlo on the reparameterised sample, log q(z|x) − log p(z), averaged over
 * the batch ("kl"). D is {@link Mmd#imq} between the batch of posterior samples z and as many prior
 * samples drawn from a {@link Random} seeded at construction ("reg", unweighted).
 */
public final class SparsePriorVaeObjective implements Objective {

    private final Vae vae;
    private final SparsePrior prior;
    private final double beta;
    private final double alpha;
    private final Reconstruction reconstruction;
    private final Random priorRandom;
    private final long seed;
    private final ParameterStore parameters = new ParameterStore();

    /** Bernoulli reconstruction; prior samples for the MMD seeded with {@code seed}. */
    public SparsePriorVaeObjective(Vae vae, SparsePrior prior, double beta, double alpha, long seed) {
        this(vae, prior, beta, alpha, Reconstruction.bernoulli(), seed);
    }

    /** The objective with an explicit reconstruction loss. */
    public SparsePriorVaeObjective(Vae vae, SparsePrior prior, double beta, double alpha,
            Reconstruction reconstruction, long seed) {
        VaeLoss.requireBeta(beta);
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        this.vae = Objects.requireNonNull(vae, "vae");
        this.prior = Objects.requireNonNull(prior, "prior");
        this.beta = beta;
        this.alpha = alpha;
        this.reconstruction = Objects.requireNonNull(reconstruction, "reconstruction");
        this.priorRandom = new Random(seed);
        this.seed = seed;
    }

    @Override
    public LossTerms compute(Batch batch, boolean training) {
        NDList out = vae.forward(parameters, new NDList(batch.x()), training);
        NDArray z = out.get(3);
        Gaussian q = new Gaussian(out.get(1), out.get(2));
        NDArray recon = reconstruction.loss(out.get(0), batch.x());
        NDArray kl = Kl.monteCarlo(q, z, prior.logDensity(z)).mean();
        NDArray priorSamples = prior.sample(batch.manager(), batch.size(), vae.latentDim(), priorRandom);
        NDArray reg = Mmd.imq(z, priorSamples);
        NDArray total = recon.add(Scalars.mul(kl, beta)).add(Scalars.mul(reg, alpha));
        return LossTerms.of(total).with(VaeLoss.RECON, recon).with(VaeLoss.KL, kl).with(VaeLoss.REG, reg);
    }

    /** The configuration, for logs and training cache keys. */
    @Override
    public String toString() {
        return "SparsePriorVaeObjective(recon=" + reconstruction + ", prior=" + prior + ", beta=" + beta + ", alpha=" + alpha
                + ", priorSeed=" + seed + ")";
    }
}
