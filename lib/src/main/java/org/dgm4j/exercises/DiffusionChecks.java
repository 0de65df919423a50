package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.dgm4j.Engines;
import org.dgm4j.diffusion.NoiseSchedule;

/** Checks of lecture 07 (denoising diffusion). Steps are 0-based: t = 0 … T − 1, ᾱ_t = alphaBars[t]. */
public final class DiffusionChecks {

    /** The student's forward process: x_t from x₀ and ε at 0-based step t. */
    @FunctionalInterface
    public interface ForwardProcess {
        /** x_t, of x0's shape. */
        NDArray apply(NDArray x0, NDArray eps, double[] alphaBars, int t);
    }

    /** The student's deterministic DDIM step (η = 0) from step t to step tPrev (−1 for the clean image). */
    @FunctionalInterface
    public interface DdimStep {
        /** x at tPrev, of xt's shape. */
        NDArray apply(NDArray xt, NDArray epsHat, double[] alphaBars, int t, int tPrev);
    }

    /** Steps of the schedule the checks use (a linear schedule, {@link NoiseSchedule#linear(int)}). */
    public static final int STEPS = 50;

    private static final long[] IMAGE = {2, 1, 3, 3};
    private static final int SIZE = 18;

    private DiffusionChecks() {}

    /** 07.1: x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, with 0-based t. Checked at t = 0, 17 and T − 1. */
    public static void forwardProcess(ForwardProcess forward) {
        double[] ab = NoiseSchedule.linear(STEPS).alphaBars();
        Random random = new Random(43);
        float[] x0 = Inputs.uniform(random, SIZE, -1, 1);
        float[] eps = Inputs.normal(random, SIZE, 1);
        int[] ts = {0, 17, STEPS - 1};
        long[] shape = {ts.length, IMAGE[0], IMAGE[1], IMAGE[2], IMAGE[3]};
        Coefficients right = (t) -> new double[] {Math.sqrt(ab[t]), Math.sqrt(1 - ab[t])};
        try (NDManager m = Engines.newManager()) {
            NDArray xs = m.create(x0, new Shape(IMAGE));
            NDArray es = m.create(eps, new Shape(IMAGE));
            Exercise.report(new Comparison("07.1", "forward process q(x_t | x_0)")
                    .mistake("the square roots are missing: x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε",
                            mix(shape, ts, x0, eps, t -> new double[] {ab[t], 1 - ab[t]}))
                    .mistake("the coefficients are swapped: √ᾱ_t multiplies x₀, √(1 − ᾱ_t) the noise",
                            mix(shape, ts, x0, eps, t -> new double[] {Math.sqrt(1 - ab[t]), Math.sqrt(ab[t])}))
                    .mistake("that uses α_t = 1 − β_t of one step; q(x_t | x₀) jumps there at once with ᾱ_t = α₁·…·α_t",
                            mix(shape, ts, x0, eps, t -> {
                                double a = t == 0 ? ab[0] : ab[t] / ab[t - 1];
                                return new double[] {Math.sqrt(a), Math.sqrt(1 - a)};
                            }))
                    .onException(IndexOutOfBoundsException.class,
                            "steps are 0-based here: t runs from 0 to T − 1 and ᾱ_t is alphaBars[t] (no t − 1 or t + 1)")
                    .judge(mix(shape, ts, x0, eps, right), () -> stack(ts, t -> forward.apply(xs, es, ab.clone(), t)),
                            "at t = 0, 17 and T − 1 = " + (STEPS - 1)));
        }
    }

    /**
     * 07.2: one DDIM step with η = 0: x̂₀ = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t, then
     * x_{t'} = √ᾱ_{t'} x̂₀ + √(1 − ᾱ_{t'}) ε̂, with ᾱ_{−1} = 1 for the last step (t' = −1).
     */
    public static void ddimStep(DdimStep step) {
        double[] ab = NoiseSchedule.linear(STEPS).alphaBars();
        Random random = new Random(47);
        float[] xt = Inputs.normal(random, SIZE, 1);
        float[] eps = Inputs.normal(random, SIZE, 1);
        int[][] pairs = {{STEPS - 1, 39}, {10, 0}, {3, -1}};
        long[] shape = {pairs.length, IMAGE[0], IMAGE[1], IMAGE[2], IMAGE[3]};
        try (NDManager m = Engines.newManager()) {
            NDArray xs = m.create(xt, new Shape(IMAGE));
            NDArray es = m.create(eps, new Shape(IMAGE));
            Exercise.report(new Comparison("07.2", "DDIM step (η = 0)")
                    .mistake("the last step goes to the clean image: ᾱ_{−1} = 1 there, not alphaBars[0]",
                            ddim(shape, pairs, xt, eps, (t, p) -> new double[] {ab[t], p < 0 ? ab[0] : ab[p]}, 1, true))
                    .mistake("off by one: steps are 0-based here, so ᾱ_t is alphaBars[t], not alphaBars[t − 1]",
                            ddim(shape, pairs, xt, eps, (t, p) -> alphas(ab, t - 1, p - 1), 1, true))
                    .mistake("the sign of the noise in x̂₀ is flipped: x̂₀ = (x_t − √(1 − ᾱ_t)·ε̂) / √ᾱ_t",
                            ddim(shape, pairs, xt, eps, (t, p) -> alphas(ab, t, p), -1, true))
                    .mistake("the noise term is missing: with η = 0 the step re-adds √(1 − ᾱ_{t'})·ε̂",
                            ddim(shape, pairs, xt, eps, (t, p) -> alphas(ab, t, p), 1, false))
                    .mistake("the square roots are missing: x̂₀ divides by √ᾱ_t and the step multiplies by √ᾱ_{t'}",
                            ddimNoRoots(shape, pairs, xt, eps, ab))
                    .onException(IndexOutOfBoundsException.class,
                            "steps are 0-based here: ᾱ_t is alphaBars[t]; for t' = −1 (the last step) use ᾱ = 1")
                    .judge(ddim(shape, pairs, xt, eps, (t, p) -> alphas(ab, t, p), 1, true),
                            () -> stack(pairs.length, i -> step.apply(xs, es, ab.clone(), pairs[i][0], pairs[i][1])),
                            "from t = 49 to 39, 10 to 0 and 3 to the clean image (t' = −1)"));
        }
    }

    /**
     * 07.3: the squared correlation between the pixels of x₀ and of x_t = forward(x₀) at step t, as
     * measured by the student; it is compared with ᾱ_t·v / (ᾱ_t·v + 1 − ᾱ_t), v the variance of x₀'s
     * pixels, within a Monte Carlo tolerance.
     */
    public static void signalShare(NDArray x0, double[] alphaBars, int t, Supplier<Double> measured) {
        double v = Values.variance(x0);
        long pixels = x0.size();
        double a = alphaBars[t];
        double share = a * v / (a * v + 1 - a);
        double rho = Math.sqrt(share);
        double tol = 0.005 + 10 * rho * (1 - share) / Math.sqrt(pixels);
        Exercise.report(new Comparison("07.3", "signal share of x_t")
                .tolerance(0, tol)
                .mistake("that is the correlation r; the share of variance is r²", Values.scalar(rho))
                .mistake("that is ᾱ_t itself; the share also depends on the variance v of the images: ᾱv / (ᾱv + 1 − ᾱ)",
                        Values.scalar(a))
                .otherwise(String.format(Locale.ROOT, "expected within ±%.3f; correlate all pixels of x₀ with the same"
                        + " pixels of x_t (one pair per pixel) and square r", tol))
                .judge(Values.scalar(share), () -> Values.orNull(measured.get()),
                        String.format(Locale.ROOT, "within ±%.3f of ᾱv / (ᾱv + 1 − ᾱ) = %.3f at t = %d", tol, share, t)));
    }

    @FunctionalInterface
    private interface Coefficients {
        double[] at(int t);
    }

    @FunctionalInterface
    private interface Pair {
        double[] at(int t, int tPrev);
    }

    @FunctionalInterface
    private interface Answer {
        NDArray at(int i);
    }

    /** {ᾱ_t, ᾱ_{t'}} with ᾱ_{−1} = 1. */
    private static double[] alphas(double[] ab, int t, int tPrev) {
        return new double[] {ab[t], tPrev < 0 ? 1 : ab[tPrev]};
    }

    private static Values ddim(long[] shape, int[][] pairs, float[] xt, float[] eps, Pair alphas, double noiseSign,
            boolean addNoise) {
        double[] out = new double[pairs.length * SIZE];
        for (int k = 0; k < pairs.length; k++) {
            double[] a = alphas.at(pairs[k][0], pairs[k][1]);
            for (int i = 0; i < SIZE; i++) {
                double x0 = (xt[i] - noiseSign * Math.sqrt(1 - a[0]) * eps[i]) / Math.sqrt(a[0]);
                out[k * SIZE + i] = Math.sqrt(a[1]) * x0 + (addNoise ? Math.sqrt(1 - a[1]) * eps[i] : 0);
            }
        }
        return new Values(shape, out);
    }

    private static Values ddimNoRoots(long[] shape, int[][] pairs, float[] xt, float[] eps, double[] ab) {
        double[] out = new double[pairs.length * SIZE];
        for (int k = 0; k < pairs.length; k++) {
            double[] a = alphas(ab, pairs[k][0], pairs[k][1]);
            for (int i = 0; i < SIZE; i++) {
                double x0 = (xt[i] - (1 - a[0]) * eps[i]) / a[0];
                out[k * SIZE + i] = a[1] * x0 + (1 - a[1]) * eps[i];
            }
        }
        return new Values(shape, out);
    }

    private static Values mix(long[] shape, int[] ts, float[] x0, float[] eps, Coefficients c) {
        double[] out = new double[ts.length * SIZE];
        for (int k = 0; k < ts.length; k++) {
            double[] ab = c.at(ts[k]);
            for (int i = 0; i < SIZE; i++) {
                out[k * SIZE + i] = ab[0] * x0[i] + ab[1] * eps[i];
            }
        }
        return new Values(shape, out);
    }

    private static Values stack(int[] ts, IntFunction<NDArray> answer) {
        return stack(ts.length, i -> answer.apply(ts[i]));
    }

    private static Values stack(int count, Answer answer) {
        NDList parts = new NDList();
        for (int i = 0; i < count; i++) {
            NDArray a = answer.at(i);
            if (a == null) {
                return null;
            }
            parts.add(a);
        }
        try {
            return Values.of(NDArrays.stack(parts));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answers for the different steps have different shapes: "
                    + parts.getShapes()[0] + " ...; return one array of the input's shape", e);
        }
    }
}
