package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * A class-conditional denoiser ε_θ(x_t, t, y), trained with a null label ∅ = {@link #classes()} in place
 * of y for a fraction of its examples, so that it also predicts the unconditional ε_θ(x_t, t, ∅).
 * {@link ClassifierFreeGuidance} turns one into a {@link NoisePredictor} for the samplers.
 */
public interface ConditionalNoisePredictor {

    /** ε̂ for every row of {@code xt} (model range) at time step {@code t} (0-based), labels (N) in 0..K, K = ∅. */
    NDArray predictNoise(NDArray xt, int t, NDArray labels);

    /** The number of classes K; label K is the null label ∅. */
    int classes();
}
