package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Copies a (points × latents) NDArray, e.g. encoder means, to Java rows for the latent metrics. */
public final class LatentRows {

    private LatentRows() {}

    /** The rows of a 2-D array of shape (N, d) as float[N][d]; other dtypes are converted. */
    public static float[][] of(NDArray matrix) {
        Shape s = matrix.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("Expected a (points, latents) matrix, got shape " + s
                    + "; reshape to (N, d) first");
        }
        int n = (int) s.get(0);
        int d = (int) s.get(1);
        float[] flat;
        if (matrix.getDataType() == DataType.FLOAT32) {
            flat = matrix.toFloatArray();
        } else {
            try (NDArray f = matrix.toType(DataType.FLOAT32, true)) {
                flat = f.toFloatArray();
            }
        }
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
