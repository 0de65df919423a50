package org.dgm4j.metrics;

/**
 * Is a factor <em>decodable</em> from a code, in whatever direction the code stores it? A linear read-out
 * answers it: fit {@code y ≈ W·z + b} by least squares on one part of the data, then report the
 * coefficient of determination on the held-out rest,
 * <pre>R² = 1 − Σ‖y − ŷ‖² / Σ‖y − ȳ‖²</pre>
 * (summed over the target's columns). R² near 1: the factor is a linear function of the code even when
 * no single latent carries it (MIG low); near 0 or below: the code does not hold it linearly.
 *
 * <p>The fit solves the normal equations {@code (ZᵀZ + λI)W = ZᵀY} with a tiny ridge λ (relative to
 * the trace) so that a constant or duplicated latent does not make them singular.
 */
public final class LinearReadout {

    private static final double RIDGE = 1e-8;

    private LinearReadout() {}

    /**
     * Held-out R² of a linear read-out of {@code targets} (n × k) from {@code codes} (n × d): fitted on
     * the first {@code round(trainFraction · n)} rows, scored on the rest.
     */
    public static double heldOutR2(float[][] codes, double[][] targets, double trainFraction) {
        int n = codes.length;
        if (targets.length != n) {
            throw new IllegalArgumentException("codes and targets need one row per example: " + n + " vs " + targets.length);
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        int nTrain = (int) Math.round(trainFraction * n);
        int d = codes[0].length;
        if (nTrain <= d + 1 || n - nTrain < 2) {
            throw new IllegalArgumentException("need more than " + (d + 1) + " training rows and 2 held-out rows for a "
                    + d + "-dimensional code, got " + nTrain + " and " + (n - nTrain) + " of " + n);
        }
        double[][] w = fit(codes, targets, nTrain);
        int k = targets[0].length;
        double[] mean = new double[k];
        for (int i = nTrain; i < n; i++) {
            for (int c = 0; c < k; c++) {
                mean[c] += targets[i][c] / (n - nTrain);
            }
        }
        double residual = 0;
        double total = 0;
        for (int i = nTrain; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double predicted = w[d][c];
                for (int j = 0; j < d; j++) {
                    predicted += codes[i][j] * w[j][c];
                }
                residual += sq(targets[i][c] - predicted);
                total += sq(targets[i][c] - mean[c]);
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the held-out targets are constant: R² is undefined");
        }
        return 1 - residual / total;
    }

    /** The angle θ (degrees) as the two columns (cos 2θ, sin 2θ): continuous over θ ∈ [−90°, 90°], both ends meeting. */
    public static double[][] doubleAngle(double[] thetaDegrees) {
        double[][] out = new double[thetaDegrees.length][];
        for (int i = 0; i < out.length; i++) {
            double a = Math.toRadians(2 * thetaDegrees[i]);
            out[i] = new double[] {Math.cos(a), Math.sin(a)};
        }
        return out;
    }

    /** A one-column target. */
    public static double[][] column(double[] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {values[i]};
        }
        return out;
    }

    /** Least-squares weights ((d + 1) × k, the last row the intercept) from the first {@code rows} rows. */
    private static double[][] fit(float[][] codes, double[][] targets, int rows) {
        int d = codes[0].length;
        int p = d + 1;
        int k = targets[0].length;
        double[][] a = new double[p][p + k];
        double[] x = new double[p];
        for (int i = 0; i < rows; i++) {
            if (codes[i].length != d || targets[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + codes[i].length + " code and " + targets[i].length
                        + " target values, expected " + d + " and " + k);
            }
            for (int j = 0; j < d; j++) {
                x[j] = codes[i][j];
            }
            x[d] = 1;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += x[r] * x[c];
                }
                for (int c = 0; c < k; c++) {
                    a[r][p + c] += x[r] * targets[i][c];
                }
            }
        }
        double trace = 0;
        for (int r = 0; r < p; r++) {
            trace += a[r][r];
        }
        for (int r = 0; r < p; r++) {
            a[r][r] += RIDGE * trace / p;
        }
        // Gauss-Jordan elimination with partial pivoting on [ZᵀZ | ZᵀY].
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double diag = a[col][col];
            for (int c = col; c < p + k; c++) {
                a[col][c] /= diag;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = col; c < p + k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] w = new double[p][k];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < k; c++) {
                w[r][c] = a[r][p + c];
            }
        }
        return w;
    }

    private static double sq(double v) {
        return v * v;
    }
}
