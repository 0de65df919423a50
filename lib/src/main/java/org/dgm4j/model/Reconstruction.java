package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.dgm4j.ops.Scalars;

/**
 * A reconstruction loss −log p(x|z) computed from decoder <em>logits</em> and targets x in [0, 1], summed
 * over pixels. {@link #perExample} gives one value per image (B); {@link #loss} averages it over the batch.
 */
@FunctionalInterface
public interface Reconstruction {

    /** The loss of each example (B), summed over all non-batch axes. */
    NDArray perExample(NDArray logits, NDArray target);

    /** The batch mean of {@link #perExample}: a scalar. */
    default NDArray loss(NDArray logits, NDArray target) {
        return perExample(logits, target).mean();
    }

    /** Bernoulli negative log-likelihood: {@link #bceWithLogits} summed over pixels. */
    static Reconstruction bernoulli() {
        return named("bernoulli", (logits, target) -> sumPerExample(bceWithLogits(logits, target)));
    }

    /** Squared error between sigmoid(logits) and the target, summed over pixels. */
    static Reconstruction mse() {
        return named("mse", (logits, target) -> sumPerExample(Activation.sigmoid(logits).sub(target).square()));
    }

    /**
     * Gaussian negative log-likelihood with mean sigmoid(logits) and fixed standard deviation
     * {@code sigma}: Σ (x − mean)² / (2σ²) + log(σ√(2π)) per pixel, in nats.
     */
    static Reconstruction gaussian(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        return named("gaussian(sigma=" + sigma + ")", (logits, target) ->
                sumPerExample(LogDensities.centredNormal(target.sub(Activation.sigmoid(logits)), sigma).neg()));
    }

    /**
     * Laplace negative log-likelihood with location sigmoid(logits) and fixed scale {@code b}:
     * Σ |x − location| / b + log(2b) per pixel, in nats. Mathieu et al. (2019) use b = 0.1 for Fashion-MNIST:
     * a confident decoder, which keeps the encodings narrow.
     */
    static Reconstruction laplace(double b) {
        if (!(b > 0) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("The Laplace scale must be finite and positive, got " + b);
        }
        return named("laplace(b=" + b + ")", (logits, target) -> sumPerExample(
                Scalars.add(Scalars.div(target.sub(Activation.sigmoid(logits)).abs(), b), Math.log(2 * b))));
    }

    /** {@code loss} with {@code name} as its {@code toString()} (which model and objective descriptions include). */
    static Reconstruction named(String name, Reconstruction loss) {
        return new Reconstruction() {
            @Override
            public NDArray perExample(NDArray logits, NDArray target) {
                return loss.perExample(logits, target);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Element-wise binary cross-entropy from logits, {@code softplus(l) − l·x}: PyTorch's softplus is computed
     * stably ({@code log1p(exp(l))}, and {@code l} itself above 20), so the loss is finite for any finite logit;
     * three kernels instead of the eight of {@code max(l, 0) − l·x + log(1 + exp(−|l|))}.
     */
    static NDArray bceWithLogits(NDArray logits, NDArray target) {
        if (!logits.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("logits " + logits.getShape() + " and targets "
                    + target.getShape() + " must have the same shape");
        }
        return Activation.softPlus(logits).sub(logits.mul(target));
    }

    /** Sums (B, ...) over every axis but the first. */
    static NDArray sumPerExample(NDArray x) {
        int dims = x.getShape().dimension();
        if (dims == 1) {
            return x;
        }
        int[] axes = new int[dims - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return x.sum(axes);
    }
}
