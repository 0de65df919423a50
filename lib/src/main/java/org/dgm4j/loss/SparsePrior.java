package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dgm4j.model.LogDensities;
import org.dgm4j.ops.Scalars;

/**
 * The sparse (spike-and-slab style) prior of Mathieu et al. 2019, "Disentangling Disentanglement in
 * Variational Autoencoders": p(z) = Π_d [(1 − γ) N(z_d; 0, 1) + γ N(z_d; 0, σ0²)].
 *
 * <p>{@code sigma0} is a <em>standard deviation</em>. It defaults to {@value #DEFAULT_SIGMA0}, the value
 * in the authors' code; a course report wrote "σ0² = 0.05", which would be a different (wider) spike.
 * γ = 0 gives the standard normal prior.
 */
public final class SparsePrior {

    /** Default spike standard deviation σ0, as in the authors' code. */
    public static final double DEFAULT_SIGMA0 = 0.05;

    private final double gamma;
    private final double sigma0;

    /** The prior with mixing weight {@code gamma} in [0, 1] and spike standard deviation {@code sigma0} > 0. */
    public SparsePrior(double gamma, double sigma0) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma is a mixture weight in [0, 1], got " + gamma);
        }
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma0 is a standard deviation > 0, got " + sigma0);
        }
        this.gamma = gamma;
        this.sigma0 = sigma0;
    }

    /** The prior with spike standard deviation {@link #DEFAULT_SIGMA0}. */
    public SparsePrior(double gamma) {
        this(gamma, DEFAULT_SIGMA0);
    }

    /** The mixing weight γ of the spike. */
    public double gamma() {
        return gamma;
    }

    /** The spike's standard deviation σ0. */
    public double sigma0() {
        return sigma0;
    }

    /** log of each one-dimensional factor, element-wise (B, d); stable and differentiable. */
    public NDArray logDensityPerDimension(NDArray z) {
        NDArray slab = LogDensities.standardNormal(z);
        if (gamma == 0) {
            return slab;
        }
        NDArray spike = LogDensities.centredNormal(z, sigma0);
        if (gamma == 1) {
            return spike;
        }
        NDArray a = Scalars.add(slab, Math.log1p(-gamma));
        NDArray b = Scalars.add(spike, Math.log(gamma));
        NDArray m = a.maximum(b).stopGradient();
        return a.sub(m).exp().add(b.sub(m).exp()).log().add(m);
    }

    /** log p(z) per example (B) for z (B, d). */
    public NDArray logDensity(NDArray z) {
        return logDensityPerDimension(z).sum(new int[] {1});
    }

    /**
     * {@code n} samples (n, dim) from the engine's generator (which the training loop seeds every step):
     * each coordinate from the spike with probability γ, else N(0, 1).
     */
    public NDArray sample(NDManager manager, int n, int dim) {
        Shape shape = new Shape(n, dim);
        NDArray spike = manager.randomUniform(0f, 1f, shape).lt(gamma);
        NDArray scale = Scalars.add(Scalars.mul(spike.toType(DataType.FLOAT32, false), sigma0 - 1), 1.0);
        return manager.randomNormal(shape).mul(scale);
    }

    @Override
    public String toString() {
        return "SparsePrior(gamma=" + gamma + ", sigma0=" + sigma0 + ")";
    }
}
