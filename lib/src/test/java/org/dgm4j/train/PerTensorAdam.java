package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dgm4j.Engines;

/**
 * The library's former Adam, kept as a reference for {@link Adam}: one call of the engine's fused
 * in-place update per weight tensor:
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)}. The update also zeroes the gradients.
 * Moment estimates live in this optimiser's own manager; close it to free them.
 */
final class PerTensorAdam implements AutoCloseable {

    private final List<NDArray> weights;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private long t;

    /** Adam for {@code weights} with the given moment decay rates and epsilon. */
    PerTensorAdam(List<NDArray> weights, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0; got beta1="
                    + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.weights = List.copyOf(weights);
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.manager = Engines.newManager();
        for (NDArray w : this.weights) {
            means.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            variances.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /**
     * One update of every weight with learning rate {@code lr} from {@code gradients} (same order as
     * the weights).
     */
    void step(List<NDArray> gradients, double lr) {
        if (gradients.size() != weights.size()) {
            throw new IllegalArgumentException("Expected " + weights.size() + " gradients, got " + gradients.size());
        }
        t++;
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            NDList inputs = new NDList(w, gradients.get(i), means.get(i), variances.get(i));
            w.getNDArrayInternal().adamUpdate(inputs, new NDList(w), (float) lr, corrected, 0f, 1f, -1f,
                    beta1, beta2, epsilon, false, false);
        }
    }

    /** Number of updates made so far. */
    long steps() {
        return t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
