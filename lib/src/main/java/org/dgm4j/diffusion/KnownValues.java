package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.function.Supplier;

/**
 * The known part of the samples during inpainting: clean values x_0 (N, ...) in the model's range, a
 * boolean mask (N or 1, ...) that is true where the value is known, and the resampling rounds per step.
 */
record KnownValues(NDArray x0, NDArray known, int rounds) {

    /** Rows {@code from}..{@code to} of the known values, in {@code scope}. */
    KnownValues rows(int from, int to, NDManager scope) {
        NDArray x = x0.get(new NDIndex("{}:{}", from, to));
        x.attach(scope);
        NDArray m = known.getShape().get(0) == 1 ? known : known.get(new NDIndex("{}:{}", from, to));
        m = m.broadcast(x.getShape()).toType(DataType.BOOLEAN, true);
        m.attach(scope);
        return new KnownValues(x, m, rounds);
    }

    /**
     * x_prev with its known entries replaced by a draw of q(x_prev | x_0) = N(√ᾱ_prev x_0, (1-ᾱ_prev) I),
     * or by x_0 itself at the final step (prev = -1); allocated in x_prev's manager.
     */
    NDArray impose(NDArray xPrev, int prev, NoiseSchedule schedule, Supplier<NDArray> noise) {
        NDArray value = prev < 0 ? x0 : schedule.diffuse(x0, prev, noise.get());
        NDArray out = NDArrays.where(known, value, xPrev);
        out.attach(xPrev.getManager());
        return out;
    }
}
