package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/** One batch of the {@link TrainingLoop} as listeners see it; only the learning rate may change. */
public final class Step {

    private final boolean training;
    private final int epoch;
    private final long index;
    private final long global;
    private final int images;
    private final Map<String, Double> values;
    private final List<NDArray> gradients;
    private double learningRate;

    Step(boolean training, int epoch, long index, long global, int images, Map<String, Double> values,
            List<NDArray> gradients, double learningRate) {
        this.training = training;
        this.epoch = epoch;
        this.index = index;
        this.global = global;
        this.images = images;
        this.values = values;
        this.gradients = gradients;
        this.learningRate = learningRate;
    }

    /** True for a training step, false for a validation batch. */
    public boolean training() {
        return training;
    }

    /** "training" or "validation", for messages. */
    public String split() {
        return training ? "training" : "validation";
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The batch within its epoch (or validation pass), from 1. */
    public long index() {
        return index;
    }

    /** Training steps counted from 1 over the run (in validation: the steps made so far). */
    public long global() {
        return global;
    }

    /** Images in the batch. */
    public int images() {
        return images;
    }

    /** The loss terms read back, total first. */
    public Map<String, Double> values() {
        return values;
    }

    /** The gradients of the trainable weights (empty in validation); listeners may scale them in place. */
    public List<NDArray> gradients() {
        return gradients;
    }

    /** The learning rate of this step's update. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets this step's learning rate (in {@link TrainingListener#onBeforeUpdate}). */
    public void setLearningRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the learning rate must be finite and >= 0, got " + rate);
        }
        learningRate = rate;
    }
}
