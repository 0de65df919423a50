package org.dgm4j.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pearson correlation of each latent dimension with a known continuous factor (e.g. the rotation angle
 * of Rotated-MNIST), and the latents ranked by the strength of that correlation.
 */
public final class LatentCorrelation {

    private LatentCorrelation() {}

    /**
     * Pearson's r between two equally long samples; 0 when either is constant (a constant latent carries
     * no information about the factor).
     */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("Correlation needs two samples of equal length >= 2, got "
                    + a.length + " and " + b.length);
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
    }

    /** r between each latent (column of {@code means}, points × latents) and {@code factor}. */
    public static double[] perLatent(float[][] means, double[] factor) {
        Hoyer.requireMatrix(means);
        if (factor.length != means.length) {
            throw new IllegalArgumentException(means.length + " points but " + factor.length
                    + " factor values; give one per point");
        }
        double[] r = new double[means[0].length];
        for (int j = 0; j < r.length; j++) {
            r[j] = pearson(Stats.column(means, j), factor);
        }
        return r;
    }

    /** Latent indices ordered by decreasing |r| (ties by index). */
    public static int[] rankByAbsolute(double[] r) {
        return IntStream.range(0, r.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(r[j])).thenComparing(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The |r| values in the order of {@link #rankByAbsolute}. */
    public static double[] sortedAbsolute(double[] r) {
        return Arrays.stream(rankByAbsolute(r)).mapToDouble(j -> Math.abs(r[j])).toArray();
    }
}
