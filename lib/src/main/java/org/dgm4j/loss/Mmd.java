package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import org.dgm4j.ops.Scalars;

/**
 * Maximum mean discrepancy with inverse multiquadric kernels, as the divergence D(q(z), p(z)) of Mathieu
 * et al. 2019: a sum over latent dimensions of one-dimensional MMDs, each with the kernel
 * k(x, y) = Σ_s C/(C + (x − y)²), C = 2s, s ∈ {@link #SCALES}.
 *
 * <p>The estimator is the biased (V-statistic) MMD²: mean k(x, x') + mean k(y, y') − 2 mean k(x, y) over all
 * pairs, diagonals included. It is ≥ 0 and exactly 0 for identical sample sets.
 */
public final class Mmd {

    /** The kernel scales s; each kernel uses C = 2s. */
    public static final double[] SCALES = {0.1, 0.2, 0.5, 1, 2, 5};

    private Mmd() {}

    /** Σ_d MMD²(x[:, d], y[:, d]) for samples x (N, d) and y (M, d): a scalar, differentiable in both. */
    public static NDArray imq(NDArray x, NDArray y) {
        if (x.getShape().dimension() != 2 || y.getShape().dimension() != 2
                || x.getShape().get(1) != y.getShape().get(1)) {
            throw new IllegalArgumentException("MMD needs samples (N, d) and (M, d) with the same d, got "
                    + x.getShape() + " and " + y.getShape());
        }
        NDArray xx = meanKernel(x, x);
        NDArray yy = meanKernel(y, y);
        NDArray xy = meanKernel(x, y);
        return xx.add(yy).sub(Scalars.mul(xy, 2.0)).sum();
    }

    /** Mean over all pairs of the summed IMQ kernel, per dimension (d). */
    static NDArray meanKernel(NDArray a, NDArray b) {
        NDArray sq = a.expandDims(1).sub(b.expandDims(0)).square();
        NDArray k = null;
        for (double s : SCALES) {
            double c = 2 * s;
            NDArray term = Scalars.like(sq, c).div(Scalars.add(sq, c));
            k = k == null ? term : k.add(term);
        }
        // The PyTorch engine's mean takes one axis only: sum over both, then divide.
        return Scalars.div(k.sum(new int[] {0, 1}), (double) a.getShape().get(0) * b.getShape().get(0));
    }
}
