package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.LogDensities;
import org.dgm4j.ops.Scalars;

/** KL(N(mu, σ²) ‖ N(0, 1)) in closed form: ½ (mu² + σ² − 1 − log σ²) per dimension, in nats. */
public final class Kl {

    private Kl() {}

    /** Per example and dimension (B, z). */
    public static NDArray perDimension(Gaussian q) {
        NDArray mu = q.mu();
        NDArray logVar = q.logVar();
        return Scalars.mul(Scalars.sub(mu.square().add(logVar.exp()).sub(logVar), 1.0), 0.5);
    }

    /** Summed over dimensions (B). */
    public static NDArray perExample(Gaussian q) {
        return perDimension(q).sum(new int[] {1});
    }

    /** Summed over dimensions and averaged over the batch: a scalar. */
    public static NDArray mean(Gaussian q) {
        return perExample(q).mean();
    }

    /**
     * Monte Carlo KL(q ‖ p) from one reparameterised sample z (B, d): log q(z|x) − log p(z) per example (B),
     * for any prior p given as per-example log density {@code logPrior} (B).
     */
    public static NDArray monteCarlo(Gaussian q, NDArray z, NDArray logPrior) {
        NDArray logQ = LogDensities.diagonalGaussian(z, q.mu(), q.logVar()).sum(new int[] {1});
        return logQ.sub(logPrior);
    }
}
