package org.dgm4j.metrics;

/** Small column statistics shared by the latent-space metrics. */
final class Stats {

    private Stats() {}

    /** Column means of a points × dimensions matrix. */
    static double[] columnMean(float[][] z) {
        double[] mean = new double[z[0].length];
        for (float[] p : z) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += p[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= z.length;
        }
        return mean;
    }

    /** Column standard deviations (unbiased, n − 1) of a points × dimensions matrix. */
    static double[] columnStd(float[][] z) {
        double[] mean = columnMean(z);
        double[] var = new double[mean.length];
        for (float[] p : z) {
            for (int j = 0; j < var.length; j++) {
                double e = p[j] - mean[j];
                var[j] += e * e;
            }
        }
        double[] std = new double[var.length];
        for (int j = 0; j < var.length; j++) {
            std[j] = Math.sqrt(var[j] / (z.length - 1));
        }
        return std;
    }

    /** Column {@code j} as doubles. */
    static double[] column(float[][] z, int j) {
        double[] c = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i][j];
        }
        return c;
    }
}
