package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.dgm4j.Describable;

/**
 * Clipping of gradients by their global L2 norm (the norm of all gradients concatenated): the static
 * methods, and a training listener that clips every step's gradients before the update.
 */
public final class GradientClipping implements TrainingListener, Describable {

    private final double maxNorm;

    /** The listener clipping to {@code maxNorm} > 0. */
    public GradientClipping(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public void onBeforeUpdate(TrainingLoop loop, Step step) {
        clipByGlobalNorm(step.gradients(), maxNorm);
    }

    @Override
    public String describe() {
        return "clip=" + maxNorm;
    }

    /**
     * sqrt(sum over arrays of sum of squares), computed on the concatenated gradients with a single read back
     * to the host; temporaries are freed before returning.
     */
    public static double globalNorm(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return 0;
        }
        try (NDManager scope = gradients.get(0).getManager().newSubManager()) {
            NDList flat = new NDList(gradients.size());
            for (NDArray g : gradients) {
                NDArray f = g.reshape(-1);
                f.attach(scope);
                flat.add(f);
            }
            NDArray all = flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat);
            all.attach(scope);
            NDArray sumSquares = all.square().sum().toType(DataType.FLOAT64, false);
            sumSquares.attach(scope);
            return Math.sqrt(sumSquares.getDouble());
        }
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
