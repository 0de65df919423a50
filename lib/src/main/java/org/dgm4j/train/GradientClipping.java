package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Clipping of gradients by their global L2 norm (the norm of all gradients concatenated). */
public final class GradientClipping {

    private GradientClipping() {}

    /** sqrt(sum over arrays of sum of squares); temporaries are owned by each gradient's manager. */
    public static double globalNorm(List<NDArray> gradients) {
        double sumSquares = 0;
        for (NDArray g : gradients) {
            try (NDArray sq = g.square(); NDArray s = sq.sum()) {
                sumSquares += s.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales all {@code gradients} in place by {@code maxNorm / norm} when their global norm exceeds
     * {@code maxNorm}, so that afterwards it equals {@code maxNorm}; returns the norm before clipping.
     */
    public static double clipByGlobalNorm(List<NDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        double norm = globalNorm(gradients);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
