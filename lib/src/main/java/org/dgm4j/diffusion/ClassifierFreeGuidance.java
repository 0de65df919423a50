package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.dgm4j.ops.Scalars;

/**
 * Classifier-free guidance (Ho and Salimans 2021) as a {@link NoisePredictor}: one requested label per
 * sample and the guidance weight w ≥ 0 in the convention
 * <pre>ε̂ = (1 + w)·ε_θ(x_t, t, y) − w·ε_θ(x_t, t, ∅)</pre>
 * w = 0 is the plain conditional model; larger w follows ∇ log p(x_t | y) + w ∇ log p(y | x_t), pushing
 * samples towards what makes y likely (fidelity) at the cost of diversity. (Some papers write
 * ε̂ = ε(∅) + s·(ε(y) − ε(∅)); their scale s is 1 + w.)
 */
public final class ClassifierFreeGuidance implements NoisePredictor {

    private final ConditionalNoisePredictor model;
    private final int[] labels;
    private final double weight;

    private ClassifierFreeGuidance(ConditionalNoisePredictor model, int[] labels, double weight) {
        this.model = model;
        this.labels = labels;
        this.weight = weight;
    }

    /**
     * Guided predictions for samples with the requested {@code labels} (each in 0..K-1) and weight
     * {@code w} ≥ 0: two network passes per step, the conditional and the null label's; w = 0 is the
     * conditional model and makes one.
     */
    public static ClassifierFreeGuidance of(ConditionalNoisePredictor model, int[] labels, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("the guidance weight w must be a finite number >= 0 (0: the conditional model,"
                    + " e.g. 1 to 4: stronger adherence to the label), got " + w);
        }
        return new ClassifierFreeGuidance(model, checkLabels(labels, model.classes()), w);
    }

    /** The conditional model alone, ε̂ = ε_θ(x_t, t, y): one network pass per step. */
    public static ClassifierFreeGuidance conditional(ConditionalNoisePredictor model, int[] labels) {
        return new ClassifierFreeGuidance(model, checkLabels(labels, model.classes()), 0);
    }

    private static int[] checkLabels(int[] labels, int classes) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("give one requested label per sample (at least one)");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at position " + i + " is outside 0–" + (classes - 1)
                        + "; request one of the " + classes + " classes (the null label " + classes
                        + " is used by the guidance itself)");
            }
        }
        return labels.clone();
    }

    /** The guidance weight w. */
    public double weight() {
        return weight;
    }

    @Override
    public NDArray predictNoise(NDArray xt, int t) {
        long rows = xt.getShape().get(0);
        if (rows != labels.length) {
            throw new IllegalArgumentException("a batch of " + rows + " samples for " + labels.length
                    + " requested labels; sample as many as there are labels");
        }
        NDArray y = xt.getManager().create(labels);
        NDArray conditional = model.predictNoise(xt, t, y);
        if (weight == 0) {
            return conditional;
        }
        int[] none = new int[labels.length];
        Arrays.fill(none, model.classes());
        NDArray unconditional = model.predictNoise(xt, t, xt.getManager().create(none));
        return Scalars.mul(conditional, 1 + weight).sub(Scalars.mul(unconditional, weight));
    }

    @Override
    public NoisePredictor rows(int from, int to) {
        if (from < 0 || to > labels.length || from >= to) {
            throw new IllegalArgumentException("samples " + from + ".." + (to - 1) + " requested, but labels were given for "
                    + labels.length + "; sample as many as there are labels");
        }
        return new ClassifierFreeGuidance(model, Arrays.copyOfRange(labels, from, to), weight);
    }

    @Override
    public String toString() {
        return weight > 0 ? "CFG(w=" + weight + ")" : "conditional";
    }
}
