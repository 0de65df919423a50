package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Where the ε of the reparameterisation {@code z = mu + σ ⊙ ε} comes from. Inject
 * {@link #zeros()} to make a VAE deterministic (then z = mu), {@link #seeded(long)} for reproducible
 * lectures and tests, and keep {@link #standardNormal()} (the engine's generator) for training.
 */
@FunctionalInterface
public interface NoiseSource {

    /** Standard normal noise of {@code shape}, float32, owned by {@code manager}. */
    NDArray sample(NDManager manager, Shape shape);

    /**
     * What this source draws, for checkpoint keys (a model's noise decides what training gives). The
     * library's sources describe themselves; a lambda cannot, so a model using one is not cached.
     */
    default String describe() {
        throw new IllegalStateException("This noise source (" + getClass().getName() + ") does not describe"
                + " itself, so a run of a model using it cannot be cached: implement describe() in a named class,"
                + " or use one of NoiseSource's factories");
    }

    /** The engine's N(0, 1) generator (seeded by {@code Engine.getInstance().setRandomSeed}). */
    static NoiseSource standardNormal() {
        return StandardNoise.NORMAL;
    }

    /** Always zero: the reparameterised sample equals the posterior mean. */
    static NoiseSource zeros() {
        return StandardNoise.ZEROS;
    }

    /**
     * N(0, 1) from a {@link java.util.Random} seeded once with {@code seed}: the same sequence of calls
     * gives the same noise whatever the engine's state. Not thread-safe.
     */
    static NoiseSource seeded(long seed) {
        return new SeededNoise(seed);
    }

    /** N(0, 1) noise of {@code shape} drawn from {@code random}. */
    static NDArray gaussian(NDManager manager, Shape shape, Random random) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("noise shape " + shape + " is too large");
        }
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
