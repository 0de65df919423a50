package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * One batch of the {@link TrainingLoop} as listeners see it.
 *
 * @param training true for a training step, false for a validation batch
 * @param epoch the epoch, from 1
 * @param index the batch within its epoch (or validation pass), from 1
 * @param global training steps counted from 1 over the run (in validation: the steps made so far)
 * @param images images in the batch
 * @param values the loss terms read back, total first
 * @param gradients the gradients of the trainable weights (empty in validation); listeners may scale
 *     them in place before the update
 */
public record Step(boolean training, int epoch, long index, long global, int images, Map<String, Double> values,
        List<NDArray> gradients) {

    /** "training" or "validation", for messages. */
    public String split() {
        return training ? "training" : "validation";
    }
}
