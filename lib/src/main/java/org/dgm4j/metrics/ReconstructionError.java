package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;

/**
 * Per-image reconstruction error, the anomaly score of an autoencoder: the mean squared difference
 * e(x) = (1/D) Σ_d (x_d − x̂_d)² between an image and its reconstruction, both in [0, 1].
 */
public final class ReconstructionError {

    /** Images per batch when scoring a data set. */
    public static final int BATCH_SIZE = 256;

    private ReconstructionError() {}

    /** e(x) of each image (B, C, H, W) against its reconstruction of the same shape. */
    public static double[] perImage(NDArray images, NDArray reconstructions) {
        if (!images.getShape().equals(reconstructions.getShape())) {
            throw new IllegalArgumentException("images " + images.getShape() + " and reconstructions "
                    + reconstructions.getShape() + " differ in shape; reconstruct every image once");
        }
        long b = images.getShape().get(0);
        float[] err = images.sub(reconstructions).square().reshape(b, -1).mean(new int[] {1}).toFloatArray();
        double[] out = new double[err.length];
        for (int i = 0; i < err.length; i++) {
            out[i] = err[i];
        }
        return out;
    }

    /**
     * e(x) of every image of {@code data}, in order, where {@code reconstruct} maps a batch of images
     * (B, C, H, W) in [0, 1] to reconstructions in [0, 1] (e.g. {@code x -> ae.decode(ae.encode(x)).sigmoid()}).
     * Batches are freed as they go.
     */
    public static double[] perImage(ImageDataset data, UnaryOperator<NDArray> reconstruct) {
        Objects.requireNonNull(reconstruct, "reconstruct");
        double[] out = new double[data.size()];
        int at = 0;
        for (Batch batch : data.batches(BATCH_SIZE, false, 0)) {
            try (batch) {
                double[] e = perImage(batch.x(), reconstruct.apply(batch.x()));
                System.arraycopy(e, 0, out, at, e.length);
                at += e.length;
            }
        }
        return out;
    }
}
