package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Random;
import org.dgm4j.Engines;

/** Checks of lecture 08 (conditional generation). */
public final class ConditionalChecks {

    /** The student's classifier-free guidance: ε̂ from ε(x_t, t, y), ε(x_t, t, ∅) and the weight w. */
    @FunctionalInterface
    public interface Guidance {
        /** ε̂, of epsCond's shape. */
        NDArray apply(NDArray epsCond, NDArray epsNull, double w);
    }

    /** The student's RePaint step: the known pixels (mask = 1) of x_{t−1} re-drawn from q(x_{t−1} | x₀). */
    @FunctionalInterface
    public interface Reimposition {
        /** x_{t−1} with its known pixels replaced, of xPrev's shape. */
        NDArray apply(NDArray xPrev, NDArray x0, NDArray mask, NDArray eps, double alphaBarPrev);
    }

    /** The student's label dropout of classifier-free guidance training. */
    @FunctionalInterface
    public interface LabelDropout {
        /** The labels, each replaced by the null label with probability p. */
        int[] apply(int[] labels, double p, Random random);
    }

    /** The null label ∅ of the course's class-conditional U-Net (the digits are 0 … 9). */
    public static final int NULL_LABEL = 10;

    private static final long[] IMAGE = {2, 1, 3, 3};
    private static final int SIZE = 18;
    private static final double[] WEIGHTS = {0.5, 2};
    private static final double[] ALPHA_BARS = {0.3, 0.9};

    private ConditionalChecks() {}

    /** 08.1: ε̂ = (1 + w)·ε(x_t, t, y) − w·ε(x_t, t, ∅). Checked at w = 0.5 and 2. */
    public static void guidance(Guidance guide) {
        Random random = new Random(51);
        float[] c = Inputs.normal(random, SIZE, 1);
        float[] u = Inputs.normal(random, SIZE, 1);
        try (NDManager m = Engines.newManager()) {
            NDArray cs = m.create(c, new Shape(IMAGE));
            NDArray us = m.create(u, new Shape(IMAGE));
            Exercise.report(new Comparison("08.1", "classifier-free guidance")
                    .mistake("that is the convention ε_∅ + s·(ε_c − ε_∅) with s = w; here s = 1 + w: ε̂ = (1 + w)·ε_c − w·ε_∅",
                            combine(c, u, w -> new double[] {w, 1 - w}))
                    .mistake("the roles are swapped: (1 + w) multiplies the conditional ε(x_t, t, y), −w the unconditional one",
                            combine(c, u, w -> new double[] {-w, 1 + w}))
                    .mistake("the sign of the unconditional term is flipped: guidance subtracts w·ε_∅",
                            combine(c, u, w -> new double[] {1 + w, w}))
                    .mistake("ε_c needs the factor 1 + w, not w: at w = 0 guidance must give the conditional model",
                            combine(c, u, w -> new double[] {w, -w}))
                    .judge(combine(c, u, w -> new double[] {1 + w, -w}), () -> {
                        NDList parts = new NDList();
                        for (double w : WEIGHTS) {
                            NDArray a = guide.apply(cs, us, w);
                            if (a == null) {
                                return null;
                            }
                            parts.add(a);
                        }
                        return stack(parts);
                    }, "at w = 0.5 and w = 2"));
        }
    }

    /**
     * 08.2: x_{t−1} ← m ⊙ (√ᾱ_{t−1}·x₀ + √(1 − ᾱ_{t−1})·ε) + (1 − m) ⊙ x_{t−1}, m = 1 on the known pixels.
     * Checked at ᾱ_{t−1} = 0.3 and 0.9 with a mask of shape (1, 1, 3, 3).
     */
    public static void reimpose(Reimposition step) {
        Random random = new Random(53);
        float[] xPrev = Inputs.normal(random, SIZE, 1);
        float[] x0 = Inputs.uniform(random, SIZE, -1, 1);
        float[] eps = Inputs.normal(random, SIZE, 1);
        float[] mask = {1, 1, 0, 1, 0, 0, 1, 1, 0};
        try (NDManager m = Engines.newManager()) {
            NDArray xs = m.create(xPrev, new Shape(IMAGE));
            NDArray x0s = m.create(x0, new Shape(IMAGE));
            NDArray es = m.create(eps, new Shape(IMAGE));
            NDArray ms = m.create(mask, new Shape(1, 1, 3, 3));
            Exercise.report(new Comparison("08.2", "RePaint: re-impose the known pixels")
                    .mistake("the mask is inverted: m = 1 marks the known pixels, which come from x₀; the others keep x_{t−1}",
                            repaint(xPrev, x0, eps, mask, true, (a) -> new double[] {Math.sqrt(a), Math.sqrt(1 - a)}))
                    .mistake("the known pixels must be noised to step t − 1 like the rest: √ᾱ·x₀ + √(1 − ᾱ)·ε, not x₀ itself",
                            repaint(xPrev, x0, eps, mask, false, (a) -> new double[] {1, 0}))
                    .mistake("the square roots are missing: √ᾱ_{t−1}·x₀ + √(1 − ᾱ_{t−1})·ε",
                            repaint(xPrev, x0, eps, mask, false, (a) -> new double[] {a, 1 - a}))
                    .judge(repaint(xPrev, x0, eps, mask, false, (a) -> new double[] {Math.sqrt(a), Math.sqrt(1 - a)}),
                            () -> {
                                NDList parts = new NDList();
                                for (double a : ALPHA_BARS) {
                                    NDArray r = step.apply(xs, x0s, ms, es, a);
                                    if (r == null) {
                                        return null;
                                    }
                                    parts.add(r);
                                }
                                return stack(parts);
                            }, "at ᾱ_{t−1} = 0.3 and 0.9"));
        }
    }

    /**
     * 08.3 (experiment): runs the student's dropout on {@code n} labels with p = 0.15 and compares the
     * share of null labels with p, within a binomial tolerance; every other label must stay unchanged.
     */
    public static void labelDropout(LabelDropout dropout, int n) {
        if (n < 100) {
            throw new IllegalArgumentException("n = " + n + " labels are too few to measure a share; use at least 100");
        }
        double p = 0.15;
        double tol = 0.002 + 4 * Math.sqrt(p * (1 - p) / n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        Exercise.report(new Comparison("08.3", "label dropout")
                .tolerance(0, tol)
                .mistake("that is the share kept: replace a label by ∅ with probability p, keep it with 1 − p",
                        Values.scalar(1 - p))
                .mistake("no label was dropped: replace each label by ∅ = " + NULL_LABEL + " with probability p",
                        Values.scalar(0))
                .nonFinite("return one label per input, each either unchanged or ∅ = " + NULL_LABEL + "; other values appeared")
                .otherwise(String.format(Locale.ROOT, "expected a share of ∅ within ±%.3f of p; draw one"
                        + " random.nextDouble() < p per label", tol))
                .judge(Values.scalar(p), () -> {
                    int[] out = dropout.apply(labels.clone(), p, new Random(57));
                    if (out == null) {
                        return null;
                    }
                    if (out.length != n) {
                        return Values.scalar(Double.NaN);
                    }
                    int dropped = 0;
                    for (int i = 0; i < n; i++) {
                        if (out[i] == NULL_LABEL) {
                            dropped++;
                        } else if (out[i] != labels[i]) {
                            return Values.scalar(Double.NaN);
                        }
                    }
                    return Values.scalar(dropped / (double) n);
                }, String.format(Locale.ROOT, "share of ∅ within ±%.3f of p = %.2f over %,d labels", tol, p, n)));
    }

    @FunctionalInterface
    private interface Weights {
        double[] at(double w);
    }

    @FunctionalInterface
    private interface Coefficients {
        double[] at(double alphaBar);
    }

    private static Values combine(float[] c, float[] u, Weights weights) {
        double[] out = new double[WEIGHTS.length * SIZE];
        for (int k = 0; k < WEIGHTS.length; k++) {
            double[] ab = weights.at(WEIGHTS[k]);
            for (int i = 0; i < SIZE; i++) {
                out[k * SIZE + i] = ab[0] * c[i] + ab[1] * u[i];
            }
        }
        return new Values(new long[] {WEIGHTS.length, IMAGE[0], IMAGE[1], IMAGE[2], IMAGE[3]}, out);
    }

    private static Values repaint(float[] xPrev, float[] x0, float[] eps, float[] mask, boolean inverted,
            Coefficients coefficients) {
        double[] out = new double[ALPHA_BARS.length * SIZE];
        for (int k = 0; k < ALPHA_BARS.length; k++) {
            double[] c = coefficients.at(ALPHA_BARS[k]);
            for (int i = 0; i < SIZE; i++) {
                double known = mask[i % mask.length];
                double keep = inverted ? 1 - known : known;
                out[k * SIZE + i] = keep * (c[0] * x0[i] + c[1] * eps[i]) + (1 - keep) * xPrev[i];
            }
        }
        return new Values(new long[] {ALPHA_BARS.length, IMAGE[0], IMAGE[1], IMAGE[2], IMAGE[3]}, out);
    }

    private static Values stack(NDList parts) {
        try {
            return Values.of(NDArrays.stack(parts));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answers have different shapes: " + parts.getShapes()[0]
                    + " ...; return one array of the input's shape", e);
        }
    }
}
