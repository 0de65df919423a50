package org.dgm4j.exercises;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.dgm4j.metrics.Hoyer;

/** Checks of lecture 06 (the sparse-prior VAE). */
public final class SparsityChecks {

    /** The spike's weight γ in {@link #sparsePriorLogDensity}. */
    public static final double GAMMA = 0.8;
    /** The spike's standard deviation σ₀ in {@link #sparsePriorLogDensity}. */
    public static final double SIGMA0 = 0.05;

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private SparsityChecks() {}

    /** 06.1: Hoyer's sparsity H(z) = (√d − ‖z‖₁/‖z‖₂) / (√d − 1) of one vector. */
    public static void hoyer(ToDoubleFunction<double[]> h) {
        double[][] cases = {{0, 0, 0, 5}, {1, -1, 1, -1}, {0, 0, 2, 2}, {0.3, -2, 0.01, 0.5, -0.1}, {-4, 0.5}};
        double[] expected = new double[cases.length];
        double[] ratio = new double[cases.length];
        double[] inverted = new double[cases.length];
        double[] signed = new double[cases.length];
        double[] squared = new double[cases.length];
        for (int c = 0; c < cases.length; c++) {
            double[] z = cases[c];
            double l1 = 0;
            double sum = 0;
            double l2sq = 0;
            for (double v : z) {
                l1 += Math.abs(v);
                sum += v;
                l2sq += v * v;
            }
            double sd = Math.sqrt(z.length);
            expected[c] = Hoyer.of(z);
            ratio[c] = l1 / Math.sqrt(l2sq);
            inverted[c] = (sd - Math.sqrt(l2sq) / l1) / (sd - 1);
            signed[c] = (sd - sum / Math.sqrt(l2sq)) / (sd - 1);
            squared[c] = (sd - l1 / l2sq) / (sd - 1);
        }
        Exercise.report(new Comparison("06.1", "Hoyer sparsity")
                .mistake("that is ‖z‖₁/‖z‖₂ alone; map it to [0, 1] with (√d − ‖z‖₁/‖z‖₂) / (√d − 1)", Values.of(ratio))
                .mistake("‖z‖₁ and ‖z‖₂ are swapped: the ratio is ‖z‖₁ / ‖z‖₂", Values.of(inverted))
                .mistake("‖z‖₁ sums absolute values; you summed the signed entries", Values.of(signed))
                .mistake("‖z‖₂ is the square root of Σ z²; the root is missing", Values.of(squared))
                .judge(Values.of(expected), () -> {
                    double[] got = new double[cases.length];
                    for (int c = 0; c < cases.length; c++) {
                        got[c] = h.applyAsDouble(cases[c].clone());
                    }
                    return Values.of(got);
                }, "1 for a one-hot vector, 0 for equal magnitudes, and in between"));
    }

    /**
     * 06.2: the log density of one coordinate under the spike-and-slab prior
     * γ·N(z; 0, σ₀²) + (1 − γ)·N(z; 0, 1) with {@link #GAMMA} and {@link #SIGMA0}.
     */
    public static void sparsePriorLogDensity(DoubleUnaryOperator logDensity) {
        double[] z = {0, 0.01, 0.05, -0.3, 1, -2.5, 40};
        double[] expected = new double[z.length];
        double[] varianceAsStd = new double[z.length];
        double[] swapped = new double[z.length];
        double[] mixedLogs = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            expected[i] = mixture(z[i], GAMMA, SIGMA0);
            varianceAsStd[i] = mixture(z[i], GAMMA, SIGMA0 * SIGMA0);
            swapped[i] = mixture(z[i], 1 - GAMMA, SIGMA0);
            mixedLogs[i] = GAMMA * logNormal(z[i], SIGMA0) + (1 - GAMMA) * logNormal(z[i], 1);
        }
        Exercise.report(new Comparison("06.2", "spike-and-slab log density")
                .tolerance(1e-6, 1e-6)
                .mistake("the spike's standard deviation is σ₀ = 0.05; you used σ₀² as the standard deviation",
                        Values.of(varianceAsStd))
                .mistake("the weights are swapped: γ weighs the spike N(0, σ₀²), 1 − γ the slab N(0, 1)", Values.of(swapped))
                .mistake("that mixes the log densities; the log of a mixture is log(γ·p_spike + (1 − γ)·p_slab)",
                        Values.of(mixedLogs))
                .nonFinite("−∞ or NaN far from 0: both densities underflow to 0 in double at z = 40;"
                        + " add the two in log space (log-sum-exp: m + log(e^(a−m) + e^(b−m)) with m = max(a, b))")
                .judge(Values.of(expected), () -> {
                    double[] got = new double[z.length];
                    for (int i = 0; i < z.length; i++) {
                        got[i] = logDensity.applyAsDouble(z[i]);
                    }
                    return Values.of(got);
                }, "at " + z.length + " points from 0 to 40 (stable far in the tail)"));
    }

    /** 06.3: the mean of H over the rows of posterior means, without rescaling the dimensions, as measured by the student. */
    public static void unnormalisedHoyer(float[][] means, Supplier<Double> measured) {
        double[] columns = new double[means[0].length];
        double byColumn = 0;
        for (int j = 0; j < columns.length; j++) {
            double[] column = new double[means.length];
            for (int i = 0; i < means.length; i++) {
                column[i] = means[i][j];
            }
            byColumn += Hoyer.of(column) / columns.length;
        }
        Exercise.report(new Comparison("06.3", "Hoyer sparsity without normalisation")
                .tolerance(1e-6, 1e-9)
                .mistake("that is the normalised score (each dimension divided by its standard deviation first);"
                        + " here H is taken of the raw means", Values.scalar(Hoyer.normalised(means)))
                .mistake("wrong axis: you took H of each dimension over the points; take H of each point's code, then average",
                        Values.scalar(byColumn))
                .judge(Values.scalar(Hoyer.mean(means)), () -> Values.orNull(measured.get()),
                        "the mean of H over " + means.length + " codes"));
    }

    private static double logNormal(double z, double sigma) {
        return -0.5 * (z / sigma) * (z / sigma) - Math.log(sigma) - LOG_SQRT_2PI;
    }

    private static double mixture(double z, double gamma, double sigma0) {
        double a = Math.log(gamma) + logNormal(z, sigma0);
        double b = Math.log1p(-gamma) + logNormal(z, 1);
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
