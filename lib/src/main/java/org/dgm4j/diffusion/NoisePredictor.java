package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * What a sampler needs of a denoiser: ε̂ = ε_θ(x_t, t), the noise predicted in a batch x_t (N, ...) of
 * samples in the model's range at the 0-based time step t (the same t for the whole batch). Images,
 * latent vectors (N, D) and conditioned or guided models all fit: a conditional predictor holds its
 * per-sample conditions and hands the sampler the ones of a chunk through {@link #rows(int, int)}.
 * Allocate the result in {@code xt}'s manager.
 */
@FunctionalInterface
public interface NoisePredictor {

    /** ε̂ for every row of {@code xt} at time step {@code t} (0-based). */
    NDArray predictNoise(NDArray xt, int t);

    /**
     * The predictor for samples {@code from} (inclusive) to {@code to} (exclusive) of a run, which the
     * sampler denoises together. A predictor without per-sample conditions is the same for every chunk
     * (the default); one with labels returns a predictor with those rows' labels.
     */
    default NoisePredictor rows(int from, int to) {
        return this;
    }
}
