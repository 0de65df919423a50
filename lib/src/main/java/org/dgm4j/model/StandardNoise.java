package org.dgm4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The engine's N(0, 1) noise and no noise: {@link NoiseSource#standardNormal()}, {@link NoiseSource#zeros()}. */
enum StandardNoise implements NoiseSource {
    NORMAL {
        @Override
        public NDArray sample(NDManager manager, Shape shape) {
            return manager.randomNormal(0f, 1f, shape, DataType.FLOAT32);
        }

        @Override
        public String describe() {
            return "engine N(0,1)";
        }
    },
    ZEROS {
        @Override
        public NDArray sample(NDManager manager, Shape shape) {
            return manager.zeros(shape, DataType.FLOAT32);
        }

        @Override
        public String describe() {
            return "zeros";
        }
    }
}
