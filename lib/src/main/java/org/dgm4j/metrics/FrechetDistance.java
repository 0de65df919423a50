package org.dgm4j.metrics;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (the "FID" formula of Heusel et
 * al. 2017, here on any features):
 * d² = ‖μ_a - μ_b‖² + Tr(Σ_a + Σ_b - 2 (Σ_a^{1/2} Σ_b Σ_a^{1/2})^{1/2}),
 * computed in double precision with symmetric square roots from {@link SymmetricEigen}, so that the
 * matrix inside the trace stays symmetric positive semi-definite.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /** Mean and covariance (divisor n - 1) of the rows of {@code features} (n × d, n ≥ 2). */
    public static Moments moments(float[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 feature vectors for a covariance, got " + n);
        }
        int d = features[0].length;
        double[] mean = new double[d];
        for (float[] row : features) {
            if (row.length != d) {
                throw new IllegalArgumentException("feature vectors differ in length: " + row.length + " vs " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (float[] row : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                if (ci == 0) {
                    continue;
                }
                for (int j = i; j < d; j++) {
                    cov[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new Moments(mean, cov);
    }

    /** The Fréchet distance d² between the Gaussians fitted to two feature sets of the same width. */
    public static double between(float[][] a, float[][] b) {
        return between(moments(a), moments(b));
    }

    /** The Fréchet distance d² between two Gaussians given by their moments. */
    public static double between(Moments a, Moments b) {
        int d = a.mean().length;
        if (b.mean().length != d) {
            throw new IllegalArgumentException("feature widths differ: " + d + " vs " + b.mean().length);
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double[][] rootA = SymmetricEigen.of(a.covariance()).sqrt();
        double[][] inner = multiply(multiply(rootA, b.covariance()), rootA);
        double[][] rootInner = SymmetricEigen.of(inner).sqrt();
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a.covariance()[j][j] + b.covariance()[j][j] - 2 * rootInner[j][j];
        }
        return Math.max(0, meanTerm + trace);
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int k = y.length;
        int m = y[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double xil = x[i][l];
                if (xil == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += xil * y[l][j];
                }
            }
        }
        return out;
    }

    /**
     * Mean vector and covariance matrix of a feature set.
     *
     * @param mean the d means
     * @param covariance the d×d covariance
     */
    public record Moments(double[] mean, double[][] covariance) {}
}
