package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/** A {@link NoiseSource} with a description: {@link NoiseSource#named}. */
record NamedNoise(String description, NoiseSource source) implements NoiseSource {

    NamedNoise {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public NDArray sample(NDManager manager, Shape shape) {
        return source.sample(manager, shape);
    }

    @Override
    public String describe() {
        return description;
    }
}
