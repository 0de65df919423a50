package org.dgm4j.metrics;

/**
 * Eigen-decomposition A = V diag(λ) Vᵀ of a real symmetric matrix by cyclic Jacobi rotations, in double
 * precision. Used for matrix square roots of covariance matrices; accurate to machine precision for
 * the few-hundred-dimensional matrices met here.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} (n×n, symmetric up to rounding; it is symmetrised first, not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + a[i].length + " of " + n + " columns");
            }
            for (int j = 0; j < n; j++) {
                double v = 0.5 * (a[i][j] + a[j][i]);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix has a non-finite entry at (" + i + ", " + j + ")");
                }
                m[i][j] = v;
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += m[i][i] * m[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** Zeroes m[p][q] by a Jacobi rotation of rows/columns p and q, accumulating it into v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** Eigenvalues λ_i (unordered; λ_i belongs to column i of {@link #vectors()}). */
    public double[] values() {
        return values.clone();
    }

    /** Orthonormal eigenvectors as the columns of an n×n matrix. */
    public double[][] vectors() {
        double[][] copy = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            copy[i] = vectors[i].clone();
        }
        return copy;
    }

    /** V diag(f(λ)) Vᵀ with f(λ) = √max(λ, 0): the principal square root of a positive semi-definite matrix. */
    public double[][] sqrt() {
        int n = values.length;
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(Math.max(values[i], 0));
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += vectors[i][k] * root[k] * vectors[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }
}
