package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;
import org.dgm4j.Engines;

/** Checks of lecture 02 (variational autoencoders). */
public final class VaeChecks {

    /** The student's reparameterisation z = g(μ, log σ², ε). */
    @FunctionalInterface
    public interface Reparameterisation {
        /** z for the given arrays, all of one shape. */
        NDArray apply(NDArray mu, NDArray logVar, NDArray eps);
    }

    private static final int B = 5;
    private static final int D = 3;

    private VaeChecks() {}

    /** Inputs (μ, log σ²) of shape (5, 3): row 0 is the prior itself (KL 0), row 1 has σ = 1, the rest mix. */
    static float[][] gaussianInputs() {
        Random random = new Random(23);
        float[] mu = Inputs.normal(random, B * D, 1);
        float[] logVar = Inputs.uniform(random, B * D, -3, 2);
        for (int j = 0; j < D; j++) {
            mu[j] = 0f;
            logVar[j] = 0f;
            logVar[D + j] = 0f;
        }
        return new float[][] {mu, logVar};
    }

    /** Σ over the latent dimensions of term(μ, log σ²), one value per row. */
    static double[] perRow(float[] mu, float[] logVar, DoubleBinaryOperator term) {
        double[] out = new double[B];
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < D; j++) {
                out[i] += term.applyAsDouble(mu[i * D + j], logVar[i * D + j]);
            }
        }
        return out;
    }

    /**
     * 02.1: KL(N(μ, σ²) ‖ N(0, I)) in closed form, from μ and log σ² of shape (B, d), summed over the
     * latent dimensions: one value per example, shape (B).
     */
    public static void klClosedForm(BiFunction<NDArray, NDArray, NDArray> kl) {
        float[][] in = gaussianInputs();
        float[] mu = in[0];
        float[] lv = in[1];
        double[] expected = perRow(mu, lv, (m, v) -> 0.5 * (Math.exp(v) + m * m - 1 - v));
        double mean = java.util.Arrays.stream(expected).average().orElseThrow();
        try (NDManager manager = Engines.newManager()) {
            NDArray mus = manager.create(mu, new Shape(B, D));
            NDArray lvs = manager.create(lv, new Shape(B, D));
            Exercise.report(new Comparison("02.1", "Gaussian KL in closed form")
                    .tolerance(1e-4, 1e-5)
                    .mistake("you used σ where log σ² belongs: the last term is −log σ² (= −logVar), not −σ",
                            Values.of(perRow(mu, lv, (m, v) -> 0.5 * (Math.exp(v) + m * m - 1 - Math.exp(v / 2)))))
                    .mistake("you used σ where σ² belongs: the first term is σ² = exp(logVar), not σ = exp(logVar / 2)",
                            Values.of(perRow(mu, lv, (m, v) -> 0.5 * (Math.exp(v / 2) + m * m - 1 - v))))
                    .mistake("you used log σ where log σ² belongs: the last term is −logVar, not −logVar / 2",
                            Values.of(perRow(mu, lv, (m, v) -> 0.5 * (Math.exp(v) + m * m - 1 - v / 2))))
                    .mistake("you treated logVar as σ; it is log σ², so σ² = exp(logVar)",
                            Values.of(perRow(mu, lv, (m, v) -> 0.5 * (v * v + m * m - 1 - Math.log(v * v)))))
                    .mistake("you treated logVar as σ²; it is log σ², so σ² = exp(logVar) and log σ² = logVar",
                            Values.of(perRow(mu, lv, (m, v) -> 0.5 * (v + m * m - 1 - Math.log(v)))))
                    .mistake("the factor ½ is missing", Values.of(PrimerChecks.scale(expected, 2)))
                    .mistake("the sign is flipped: a KL divergence is ≥ 0", Values.of(PrimerChecks.scale(expected, -1)))
                    .mistake("that is the mean over the latent dimensions; the KL of independent dimensions is their sum",
                            Values.of(PrimerChecks.scale(expected, 1.0 / D)))
                    .batchReduced(mean, B, "example", "axis 1")
                    .judge(Values.of(expected), () -> Values.orNull(kl.apply(mus, lvs)),
                            "one KL per example, 0 for the prior itself"));
        }
    }

    /** 02.2: the reparameterisation z = μ + σ ⊙ ε with σ = exp(½ log σ²). */
    public static void reparameterize(Reparameterisation z) {
        float[][] in = gaussianInputs();
        float[] mu = in[0];
        float[] lv = in[1];
        float[] eps = Inputs.normal(new Random(29), B * D, 1);
        long[] shape = {B, D};
        try (NDManager manager = Engines.newManager()) {
            NDArray mus = manager.create(mu, new Shape(shape));
            NDArray lvs = manager.create(lv, new Shape(shape));
            NDArray es = manager.create(eps, new Shape(shape));
            Exercise.report(new Comparison("02.2", "reparameterisation")
                    .mistake("the scale is σ = exp(½·logVar); you used the variance σ² = exp(logVar)",
                            elementwise(shape, mu, lv, eps, (m, v, e) -> m + Math.exp(v) * e))
                    .mistake("you used logVar itself as the scale; σ = exp(½·logVar)",
                            elementwise(shape, mu, lv, eps, (m, v, e) -> m + v * e))
                    .mistake("the sign is flipped: z = μ + σ·ε", elementwise(shape, mu, lv, eps, (m, v, e) -> m - Math.exp(v / 2) * e))
                    .mistake("ε is missing: z must move with the noise, z = μ + σ·ε", elementwise(shape, mu, lv, eps, (m, v, e) -> m))
                    .judge(elementwise(shape, mu, lv, eps, (m, v, e) -> m + Math.exp(v / 2) * e),
                            () -> Values.orNull(z.apply(mus, lvs, es)), "z = μ + σ·ε element by element"));
        }
    }

    /**
     * 02.3: a reparameterised Monte Carlo estimate of d/dμ E[sin z], z ~ N(μ, σ²), with μ = σ = 1 and
     * {@code n} samples; it passes within 4 standard errors of the exact value.
     */
    public static void sinGradientEstimate(int n, Supplier<Double> estimate) {
        double mu = 1;
        double sigma = 1;
        double exact = Math.cos(mu) * Math.exp(-sigma * sigma / 2);
        double second = 0.5 * (1 + Math.cos(2 * mu) * Math.exp(-2 * sigma * sigma));
        double se = Math.sqrt((second - exact * exact) / Math.max(1, n));
        Comparison comparison = new Comparison("02.3", "reparameterised gradient of E[sin z]")
                .tolerance(0, 4 * se)
                .mistake("that is cos μ, the derivative of sin μ; averaging over z shrinks it by e^(−σ²/2)", Values.scalar(Math.cos(mu)))
                .mistake("that estimates E[sin z] itself, not its gradient: differentiate sin(μ + σε) with respect to μ",
                        Values.scalar(Math.sin(mu) * Math.exp(-sigma * sigma / 2)))
                .mistake("the sign is flipped: check the derivative of sin", Values.scalar(-exact))
                .otherwise(String.format(Locale.ROOT, "more than 4 standard errors (%.4f each for n = %d) from the exact value;"
                        + " check your derivative of sin(μ + σε) with respect to μ and that you average it over all n draws", se, n));
        if (n < 100) {
            Exercise.report(Verdict.failed("02.3", "reparameterised gradient of E[sin z]", "n = " + n + " samples is too few to check",
                    "use at least 100 samples", java.util.List.of()));
            return;
        }
        Exercise.report(comparison.judge(Values.scalar(exact), () -> Values.orNull(estimate.get()),
                String.format(Locale.ROOT, "within 4 standard errors (%.4f) of the exact gradient", se)));
    }

    @FunctionalInterface
    interface Ternary {
        double apply(double a, double b, double c);
    }

    static Values elementwise(long[] shape, float[] a, float[] b, float[] c, Ternary f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.apply(a[i], b[i], c[i]);
        }
        return new Values(shape, out);
    }
}
