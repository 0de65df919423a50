package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import org.dgm4j.ops.Scalars;

/**
 * A diagonal Gaussian posterior q(z|x) = N(mu, diag(exp(logVar))), both (B, z).
 *
 * @param mu the means
 * @param logVar the log-variances log σ²
 */
public record Gaussian(NDArray mu, NDArray logVar) {

    /** Checks that both arrays have the same shape. */
    public Gaussian {
        if (!mu.getShape().equals(logVar.getShape())) {
            throw new IllegalArgumentException("mu " + mu.getShape() + " and logVar " + logVar.getShape()
                    + " must have the same shape");
        }
    }

    /** Standard deviations σ = exp(logVar / 2). */
    public NDArray std() {
        return Scalars.mul(logVar, 0.5).exp();
    }

    /** The reparameterised sample {@code mu + σ ⊙ eps}; differentiable in mu and logVar. */
    public NDArray sample(NDArray eps) {
        if (!eps.getShape().equals(mu.getShape())) {
            throw new IllegalArgumentException("eps " + eps.getShape() + " must have mu's shape " + mu.getShape());
        }
        return mu.add(std().mul(eps));
    }
}
