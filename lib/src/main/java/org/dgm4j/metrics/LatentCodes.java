package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;

/** Latent codes of a whole data set, and how far other latent points lie from them. */
public final class LatentCodes {

    /** Images per batch when encoding a data set. */
    public static final int BATCH_SIZE = 256;

    private LatentCodes() {}

    /**
     * The code of every image of {@code data}, in order, one row each, where {@code encode} maps a batch of
     * images (B, C, H, W) to codes (B, d) (e.g. {@code ae::encode}). Batches are freed as they go.
     */
    public static float[][] of(ImageDataset data, UnaryOperator<NDArray> encode) {
        Objects.requireNonNull(encode, "encode");
        float[][] out = new float[data.size()][];
        int at = 0;
        for (Batch batch : data.batches(BATCH_SIZE, false, 0)) {
            try (batch) {
                NDArray z = encode.apply(batch.x());
                if (z.getShape().dimension() != 2 || z.getShape().get(0) != batch.size()) {
                    throw new IllegalArgumentException("encode must return codes (B, d) for " + batch.size()
                            + " images, got " + z.getShape());
                }
                for (float[] row : LatentRows.of(z)) {
                    out[at++] = row;
                }
            }
        }
        return out;
    }

    /** For each query point, the Euclidean distance to its nearest reference code (brute force). */
    public static double[] nearestDistances(float[][] codes, float[][] queries) {
        if (codes.length == 0) {
            throw new IllegalArgumentException("no reference codes to measure distances to");
        }
        int d = codes[0].length;
        double[] out = new double[queries.length];
        for (int q = 0; q < queries.length; q++) {
            if (queries[q].length != d) {
                throw new IllegalArgumentException("query " + q + " has " + queries[q].length
                        + " coordinates but the codes have " + d);
            }
            double best = Double.POSITIVE_INFINITY;
            for (float[] c : codes) {
                if (c.length != d) {
                    throw new IllegalArgumentException("codes of unequal length " + c.length + " and " + d);
                }
                double s = 0;
                for (int j = 0; j < d && s < best; j++) {
                    double diff = queries[q][j] - c[j];
                    s += diff * diff;
                }
                best = Math.min(best, s);
            }
            out[q] = Math.sqrt(best);
        }
        return out;
    }
}
