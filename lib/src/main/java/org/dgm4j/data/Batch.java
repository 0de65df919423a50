package org.dgm4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One mini-batch: images {@code x} as float32 (B, C, H, W) in [0, 1], integer labels {@code y} (B), and
 * the sub-manager that owns them. Closing the batch frees everything created in its manager, so a
 * training step that allocates only there leaks nothing.
 */
public final class Batch implements AutoCloseable {

    private final NDManager manager;
    private final NDArray x;
    private final NDArray y;

    /** Wraps arrays already attached to {@code manager}; the batch takes ownership of the manager. */
    public Batch(NDManager manager, NDArray x, NDArray y) {
        this.manager = manager;
        this.x = x;
        this.y = y;
    }

    /** The manager that owns this batch's arrays; allocate per-step temporaries here. */
    public NDManager manager() {
        return manager;
    }

    /** Images, float32 (B, C, H, W), values in [0, 1]. */
    public NDArray x() {
        return x;
    }

    /** Labels, int32 (B). */
    public NDArray y() {
        return y;
    }

    /** Number of examples in the batch. */
    public int size() {
        return (int) x.getShape().get(0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
