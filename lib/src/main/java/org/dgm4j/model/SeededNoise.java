package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** N(0, 1) noise from a {@link Random} seeded once: {@link NoiseSource#seeded(long)}. Not thread-safe. */
final class SeededNoise implements NoiseSource {

    private final long seed;
    private final Random random;

    SeededNoise(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    @Override
    public NDArray sample(NDManager manager, Shape shape) {
        return NoiseSource.gaussian(manager, shape, random);
    }

    @Override
    public String describe() {
        return "seeded(" + seed + ")";
    }
}
