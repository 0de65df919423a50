package org.dgm4j.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars as NDArrays owned by a manager.
 *
 * <p>On the PyTorch engine {@code NDArray.mul/div/pow(Number)} creates a temporary scalar tensor that
 * can be freed before backward reads it, which corrupts gradients. Every scalar that takes part in a
 * differentiated expression is therefore made here, owned by the manager of the array it meets.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d float32 array holding {@code value}, owned by {@code manager}. */
    public static NDArray of(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value, DataType.FLOAT32);
    }

    /** A 0-d array holding {@code value}, of {@code like}'s data type and owned by its manager. */
    public static NDArray like(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32)
                .toType(like.getDataType(), false);
    }

    /** {@code x * value}, safe under autograd. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(like(x, value));
    }

    /** {@code x / value}, safe under autograd. */
    public static NDArray div(NDArray x, double value) {
        return x.div(like(x, value));
    }

    /** {@code x + value}, safe under autograd. */
    public static NDArray add(NDArray x, double value) {
        return x.add(like(x, value));
    }

    /** {@code x - value}, safe under autograd. */
    public static NDArray sub(NDArray x, double value) {
        return x.sub(like(x, value));
    }

    /** {@code x ^ value}, safe under autograd. */
    public static NDArray pow(NDArray x, double value) {
        return x.pow(like(x, value));
    }
}
