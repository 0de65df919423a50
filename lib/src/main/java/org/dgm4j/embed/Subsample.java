package org.dgm4j.embed;

import java.util.Arrays;
import java.util.Random;

/** Seeded subsampling without replacement, so embeddings of large sets stay fast and reproducible. */
public final class Subsample {

    private Subsample() {}

    /**
     * {@code min(k, n)} distinct indices of 0..n−1 chosen uniformly with a seeded generator, in
     * increasing order (all of them, in order, when {@code k >= n}).
     */
    public static int[] indices(int n, int k, long seed) {
        if (n < 0 || k < 0) {
            throw new IllegalArgumentException("n and k must be non-negative, got n=" + n + ", k=" + k);
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (k >= n) {
            return all;
        }
        Random r = new Random(seed);
        for (int i = 0; i < k; i++) { // partial Fisher–Yates shuffle
            int j = i + r.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, k);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The rows of {@code x} at {@code indices}, as doubles. */
    public static double[][] rows(float[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            float[] row = x[indices[i]];
            out[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                out[i][j] = row[j];
            }
        }
        return out;
    }

    /** All rows of {@code x} as doubles. */
    public static double[][] toDouble(float[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j];
            }
        }
        return out;
    }

    /** The elements of {@code values} at {@code indices} (e.g. the labels of subsampled points). */
    public static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** The elements of {@code values} at {@code indices} (e.g. the angles of subsampled points). */
    public static double[] select(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    static void requireMatrix(float[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("No points to embed");
        }
        int d = x[0].length;
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("All points must have the same dimension (found " + d + " and "
                        + row.length + ")");
            }
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("Cannot embed non-finite value " + v
                            + "; check the encoder outputs");
                }
            }
        }
    }
}
