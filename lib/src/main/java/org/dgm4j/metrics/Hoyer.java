package org.dgm4j.metrics;

/**
 * Hoyer's sparsity measure, as Mathieu et al. (2019, "Disentangling Disentanglement in Variational
 * Autoencoders") use it to score latent codes: for a vector z of dimension d,
 * {@code H(z) = (√d − ‖z‖₁/‖z‖₂) / (√d − 1)}, which is 1 for a one-hot vector and 0 when all entries
 * have equal magnitude. Their score ({@link #normalised}) first divides each dimension of the posterior
 * means by its standard deviation over the data, so that a dimension cannot look "sparse" just by
 * having collapsed to a small scale, then averages H over the points.
 */
public final class Hoyer {

    private Hoyer() {}

    /**
     * H(z) for one vector of dimension d ≥ 2.
     *
     * @throws IllegalArgumentException for d &lt; 2 or the zero vector (where H is undefined)
     */
    public static double of(double[] z) {
        int d = z.length;
        if (d < 2) {
            throw new IllegalArgumentException("Hoyer sparsity needs dimension >= 2, got " + d);
        }
        double l1 = 0;
        double l2 = 0;
        for (double v : z) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        if (l2 == 0) {
            throw new IllegalArgumentException("Hoyer sparsity is undefined for the zero vector");
        }
        double sqrtD = Math.sqrt(d);
        return (sqrtD - l1 / Math.sqrt(l2)) / (sqrtD - 1);
    }

    /** The mean of H over the rows of {@code z} (points × dimensions), without rescaling. */
    public static double mean(float[][] z) {
        requireMatrix(z);
        double sum = 0;
        double[] row = new double[z[0].length];
        for (float[] p : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = p[j];
            }
            sum += of(row);
        }
        return sum / z.length;
    }

    /**
     * Mathieu et al.'s score: each dimension of the posterior means divided by its standard deviation
     * over the points, then H averaged over the points. A dimension that is exactly constant over the
     * data (standard deviation 0) carries no information about the point and is set to 0.
     *
     * @param means posterior means, points × dimensions (at least 2 points)
     */
    public static double normalised(float[][] means) {
        requireMatrix(means);
        int n = means.length;
        int d = means[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("Normalised Hoyer sparsity needs at least 2 points, got " + n);
        }
        double[] std = Stats.columnStd(means);
        double sum = 0;
        double[] row = new double[d];
        for (float[] p : means) {
            for (int j = 0; j < d; j++) {
                row[j] = std[j] > 0 ? p[j] / std[j] : 0;
            }
            sum += of(row);
        }
        return sum / n;
    }

    static void requireMatrix(float[][] z) {
        if (z.length == 0) {
            throw new IllegalArgumentException("No points given");
        }
        int d = z[0].length;
        for (float[] p : z) {
            if (p.length != d) {
                throw new IllegalArgumentException("All points must have the same dimension (found " + d + " and "
                        + p.length + ")");
            }
        }
    }
}
