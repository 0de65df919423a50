package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import org.dgm4j.ops.Scalars;

/** Element-wise Gaussian log densities and stable log-sum-exp, all differentiable. */
public final class LogDensities {

    /** log √(2π). */
    public static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogDensities() {}

    /** log N(z; 0, 1), element-wise. */
    public static NDArray standardNormal(NDArray z) {
        return Scalars.sub(Scalars.mul(z.square(), -0.5), HALF_LOG_TWO_PI);
    }

    /** log N(z; 0, sigma²) for a fixed standard deviation {@code sigma}, element-wise. */
    public static NDArray centredNormal(NDArray z, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        return Scalars.sub(Scalars.mul(z.square(), -0.5 / (sigma * sigma)), HALF_LOG_TWO_PI + Math.log(sigma));
    }

    /** log N(z; mu, exp(logVar)), element-wise. */
    public static NDArray diagonalGaussian(NDArray z, NDArray mu, NDArray logVar) {
        NDArray quad = z.sub(mu).square().mul(logVar.neg().exp());
        return Scalars.sub(Scalars.mul(quad.add(logVar), -0.5), HALF_LOG_TWO_PI);
    }

    /** log Σ exp(x) along {@code axis} (removed), computed as m + log Σ exp(x − m) with m the maximum. */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray m = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(m).exp().sum(new int[] {axis}).log().add(m.squeeze(axis));
    }

    /** log of the mean of exp(x) along {@code axis}: logSumExp − log n. */
    public static NDArray logMeanExp(NDArray x, int axis) {
        return Scalars.sub(logSumExp(x, axis), Math.log(x.getShape().get(axis)));
    }
}
