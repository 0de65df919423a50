package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/** Checks of lecture 09 (latent diffusion). */
public final class LatentChecks {

    /** The student's latent scaling: codes (N, d) to (z − m) / σ. */
    @FunctionalInterface
    public interface Scaling {
        /** The scaled codes, of the input's shape. */
        float[][] apply(float[][] codes);
    }

    /** The student's signal-to-noise ratio of x_t for data of standard deviation σ. */
    @FunctionalInterface
    public interface Snr {
        /** SNR at a step with cumulative ᾱ = alphaBar. */
        double apply(double alphaBar, double sigma);
    }

    private static final int N = 60;
    private static final int D = 4;

    private LatentChecks() {}

    /**
     * 09.1: m is the mean code (one mean per dimension), σ one standard deviation over all N·d numbers
     * around m (divided by N·d), and the scaled code is (z − m) / σ.
     */
    public static void scaleCodes(Scaling scaling) {
        Random random = new Random(61);
        float[][] codes = new float[N][D];
        double[] means = {2, -1, 0.5, 0};
        double[] scales = {0.5, 3, 1, 2};
        for (float[] z : codes) {
            for (int j = 0; j < D; j++) {
                z[j] = (float) (means[j] + scales[j] * random.nextGaussian());
            }
        }
        Exercise.report(new Comparison("09.1", "scale the codes to unit variance")
                .mistake("that divides by the variance σ²; divide by the standard deviation σ = √(variance)",
                        scaled(codes, true, false, false, 2))
                .mistake("that scales each dimension on its own; LatentScaling uses ONE σ over all N·d numbers, so the"
                        + " relative scales of the dimensions are kept", scaled(codes, true, true, false, 1))
                .mistake("the mean code m is not subtracted: (z − m) / σ, with m the mean of each dimension",
                        scaled(codes, false, false, false, 1))
                .mistake("σ divides the sum of squares by N·d − 1; the lecture divides by N·d", scaled(codes, true, false, true, 1))
                .judge(scaled(codes, true, false, false, 1), () -> {
                    float[][] input = new float[N][];
                    for (int i = 0; i < N; i++) {
                        input[i] = codes[i].clone();
                    }
                    float[][] out = scaling.apply(input);
                    return out == null ? null : Values.of(out);
                }, "on " + N + " codes of " + D + " dimensions with different means and scales"));
    }

    /** 09.2: SNR(t) = ᾱ_t·σ² / (1 − ᾱ_t). Checked at four (ᾱ, σ) pairs. */
    public static void snr(Snr snr) {
        double[][] at = {{0.9, 1}, {0.5, 0.2}, {0.1, 5}, {0.02, 0.8}};
        Exercise.report(new Comparison("09.2", "signal-to-noise ratio")
                .mistake("σ must be squared: SNR compares variances, ᾱσ² / (1 − ᾱ)", ratio(at, 1, 1))
                .mistake("that is the ratio of the standard deviations √ᾱ·σ / √(1 − ᾱ); SNR is the ratio of variances",
                        ratio(at, 2, 0.5))
                .mistake("σ is missing: that is the SNR of unit-scale data only", ratio(at, 0, 1))
                .judge(ratio(at, 2, 1), () -> {
                    double[] out = new double[at.length];
                    for (int i = 0; i < at.length; i++) {
                        out[i] = snr.apply(at[i][0], at[i][1]);
                    }
                    return Values.of(out);
                }, "at (ᾱ, σ) = (0.9, 1), (0.5, 0.2), (0.1, 5), (0.02, 0.8)"));
    }

    /**
     * 09.3 (experiment): the variance of all numbers of ẑ_t = forward(z0) at step t, as measured by the
     * student; compared with ᾱ_t·v + 1 − ᾱ_t, v the variance of z0's numbers, within a Monte Carlo tolerance.
     */
    public static void diffusedVariance(NDArray z0, double[] alphaBars, int t, Supplier<Double> measured) {
        double v = Values.variance(z0);
        long values = z0.size();
        double a = alphaBars[t];
        double expected = a * v + 1 - a;
        double tol = 0.01 + 6 * expected * Math.sqrt(2.0 / values);
        Exercise.report(new Comparison("09.3", "variance of the diffused codes")
                .tolerance(0, tol)
                .mistake("that is the variance of z₀ itself; diffuse the codes to step t first", Values.scalar(v))
                .mistake("that is the variance of unit-scale data; these codes have variance v, so x_t has ᾱ_t·v + 1 − ᾱ_t",
                        Values.scalar(1))
                .mistake("the noise is missing: x_t adds √(1 − ᾱ_t)·ε, whose variance is 1 − ᾱ_t", Values.scalar(a * v))
                .otherwise(String.format(Locale.ROOT, "expected within ±%.3f; diffuse with fresh noise and take the variance"
                        + " of all numbers of ẑ_t (around their mean)", tol))
                .judge(Values.scalar(expected), () -> Values.orNull(measured.get()),
                        String.format(Locale.ROOT, "within ±%.3f of ᾱv + 1 − ᾱ = %.3f at t = %d (v = %.3f)", tol, expected, t, v)));
    }

    private static Values scaled(float[][] codes, boolean centre, boolean perDimension, boolean minusOne, int power) {
        double[] m = new double[D];
        for (float[] z : codes) {
            for (int j = 0; j < D; j++) {
                m[j] += z[j] / (double) N;
            }
        }
        double[] squares = new double[D];
        for (float[] z : codes) {
            for (int j = 0; j < D; j++) {
                squares[j] += (z[j] - m[j]) * (z[j] - m[j]);
            }
        }
        double total = 0;
        for (double s : squares) {
            total += s;
        }
        double[][] out = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                double variance = perDimension ? squares[j] / N : total / (N * D - (minusOne ? 1 : 0));
                out[i][j] = (codes[i][j] - (centre ? m[j] : 0)) / Math.pow(Math.sqrt(variance), power);
            }
        }
        return Values.of(out);
    }

    private static Values ratio(double[][] at, int sigmaPower, double root) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = Math.pow(at[i][0] * Math.pow(at[i][1], sigmaPower) / (1 - at[i][0]), root);
        }
        return Values.of(out);
    }
}
