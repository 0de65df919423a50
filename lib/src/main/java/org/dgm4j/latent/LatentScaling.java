package org.dgm4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * The affine map that makes a first stage's codes fit the diffusion prior: ẑ = (z − m) / σ with the mean
 * code m ∈ ℝ^D and one overall standard deviation σ = √(mean over dimensions of the per-dimension
 * variance), as in Rombach et al. (2022), who rescale by a single factor 1/σ. Diffusion ends at
 * N(0, I) and its schedule assumes signal of unit size: codes of scale 10 would keep their shape long
 * after the noise of a unit-variance schedule should have erased it, codes of scale 0.1 would drown in
 * the first steps.
 *
 * @param mean the mean code m (length D)
 * @param std the overall standard deviation σ (positive)
 */
public record LatentScaling(double[] mean, double std) {

    /** Validates and copies the mean. */
    public LatentScaling {
        if (mean.length == 0) {
            throw new IllegalArgumentException("the mean code is empty; a scaling needs the latent size D >= 1");
        }
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("σ must be finite and > 0, got " + std
                    + "; codes that are all equal cannot be scaled (is the first stage trained?)");
        }
        mean = mean.clone();
    }

    /** The scaling that standardises {@code codes} (N ≥ 2, D): zero mean per dimension, unit overall variance. */
    public static LatentScaling fit(NDArray codes) {
        Shape s = codes.getShape();
        if (s.dimension() != 2 || s.get(0) < 2) {
            throw new IllegalArgumentException("expected codes (N >= 2, D), got " + s);
        }
        int n = (int) s.get(0);
        int d = (int) s.get(1);
        float[] flat = codes.toFloatArray();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += flat[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = flat[i * d + j] - mean[j];
                sum += c * c;
            }
        }
        return new LatentScaling(mean, Math.sqrt(sum / ((double) n * d)));
    }

    /** No scaling: m = 0, σ = 1 (to show what diffusion does with the raw codes). */
    public static LatentScaling identity(int latentDim) {
        return new LatentScaling(new double[latentDim], 1);
    }

    /** The latent size D. */
    public int latentDim() {
        return mean.length;
    }

    /** The mean code m (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** ẑ = (z − m)/σ for codes z (B, D). */
    public NDArray apply(NDArray z) {
        requireCodes(z);
        NDManager m = z.getManager();
        return z.sub(meanRow(m)).div(m.create((float) std));
    }

    /** z = σ ẑ + m, the inverse of {@link #apply}. */
    public NDArray invert(NDArray scaled) {
        requireCodes(scaled);
        NDManager m = scaled.getManager();
        return scaled.mul(m.create((float) std)).add(meanRow(m));
    }

    private NDArray meanRow(NDManager m) {
        float[] row = new float[mean.length];
        for (int j = 0; j < row.length; j++) {
            row[j] = (float) mean[j];
        }
        return m.create(row).reshape(1, row.length);
    }

    private void requireCodes(NDArray z) {
        Shape s = z.getShape();
        if (s.dimension() != 2 || s.get(1) != mean.length) {
            throw new IllegalArgumentException("expected codes (B, " + mean.length + "), got " + s);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentScaling other && other.std == std && Arrays.equals(other.mean, mean);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Double.hashCode(std);
    }

    /** "σ = 1.234, |m| = 0.567" (the norm of the mean code). */
    @Override
    public String toString() {
        double norm = 0;
        for (double v : mean) {
            norm += v * v;
        }
        return String.format(Locale.ROOT, "σ = %.4g, |m| = %.4g", std, Math.sqrt(norm));
    }
}
