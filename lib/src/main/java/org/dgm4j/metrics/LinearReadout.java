package org.dgm4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Is a factor <em>decodable</em> from a code, in whatever direction the code stores it? A linear read-out
 * answers it: fit {@code y ≈ W·z + b} by least squares on one part of the data, then report the
 * coefficient of determination on the held-out rest,
 * <pre>R² = 1 − Σ‖y − ŷ‖² / Σ‖y − ȳ‖²</pre>
 * (summed over the target's columns). R² near 1: the factor is a linear function of the code even when
 * no single latent carries it (MIG low); near 0 or below: the code does not hold it linearly.
 *
 * <p>{@link #heldOutR2(float[][], double[][], int[], double)} fits one map per group (for example per digit
 * class): a factor written in a different direction for each class is invisible to one pooled map but
 * read exactly by one map per class.
 *
 * <p>{@link #r2(float[][], double[][], float[][], double[][])} and its grouped form fit on one set (the
 * codes of the training images) and score on another (the test images), so the read-out has plenty of rows.
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
        int nTrain = trainRows(n, trainFraction);
        int d = codes[0].length;
        if (nTrain <= d + 1 || n - nTrain < 2) {
            throw new IllegalArgumentException("need more than " + (d + 1) + " training rows and 2 held-out rows for a "
                    + d + "-dimensional code, got " + nTrain + " and " + (n - nTrain) + " of " + n);
        }
        return r2(Arrays.copyOf(codes, nTrain), Arrays.copyOf(targets, nTrain),
                Arrays.copyOfRange(codes, nTrain, n), Arrays.copyOfRange(targets, nTrain, n));
    }

    /**
     * R² on a separate test set: the read-out is fitted on all of ({@code trainCodes}, {@code trainTargets})
     * (for example the codes of the training images) and scored on ({@code testCodes}, {@code testTargets}).
     */
    public static double r2(float[][] trainCodes, double[][] trainTargets, float[][] testCodes, double[][] testTargets) {
        requireRows("training", trainCodes, trainTargets);
        requireRows("test", testCodes, testTargets);
        if (trainCodes.length <= trainCodes[0].length + 1) {
            throw new IllegalArgumentException("need more than " + (trainCodes[0].length + 1) + " training rows for a "
                    + trainCodes[0].length + "-dimensional code, got " + trainCodes.length);
        }
        double[][] w = fit(trainCodes, trainTargets, trainCodes.length);
        int k = trainTargets[0].length;
        List<double[]> predictions = new ArrayList<>();
        for (float[] z : testCodes) {
            predictions.add(predict(w, z, k));
        }
        return r2(Arrays.asList(testTargets), predictions, k);
    }

    /**
     * Held-out R² of one linear read-out per group: within each group (rows with the same {@code groups}
     * value, in data order) the first {@code round(trainFraction · size)} rows fit that group's map, the rest
     * are scored; R² pools the held-out rows of all groups against their common mean.
     */
    public static double heldOutR2(float[][] codes, double[][] targets, int[] groups, double trainFraction) {
        if (groups.length != codes.length || targets.length != codes.length) {
            throw new IllegalArgumentException("codes, targets and groups need one row per example: " + codes.length + ", "
                    + targets.length + " and " + groups.length);
        }
        Map<Integer, List<Integer>> members = members(groups);
        List<Integer> fitRows = new ArrayList<>();
        List<Integer> scoreRows = new ArrayList<>();
        for (var e : members.entrySet()) {
            List<Integer> rows = e.getValue();
            int nTrain = trainRows(rows.size(), trainFraction);
            if (nTrain <= codes[0].length + 1 || rows.size() - nTrain < 1) {
                throw new IllegalArgumentException("group " + e.getKey() + " has " + rows.size() + " rows: too few to fit a "
                        + codes[0].length + "-dimensional read-out and score it");
            }
            fitRows.addAll(rows.subList(0, nTrain));
            scoreRows.addAll(rows.subList(nTrain, rows.size()));
        }
        return r2(rows(codes, fitRows), rows(targets, fitRows), rows(groups, fitRows),
                rows(codes, scoreRows), rows(targets, scoreRows), rows(groups, scoreRows));
    }

    /**
     * R² on a separate test set of one linear read-out per group, each fitted on that group's training rows;
     * R² pools the test rows of all groups against their common mean. Every test group needs training rows.
     */
    public static double r2(float[][] trainCodes, double[][] trainTargets, int[] trainGroups,
            float[][] testCodes, double[][] testTargets, int[] testGroups) {
        requireRows("training", trainCodes, trainTargets);
        requireRows("test", testCodes, testTargets);
        if (trainGroups.length != trainCodes.length || testGroups.length != testCodes.length) {
            throw new IllegalArgumentException("groups need one entry per row: " + trainGroups.length + " for "
                    + trainCodes.length + " training rows, " + testGroups.length + " for " + testCodes.length + " test rows");
        }
        int d = trainCodes[0].length;
        int k = trainTargets[0].length;
        Map<Integer, List<Integer>> fitMembers = members(trainGroups);
        Map<Integer, double[][]> maps = new TreeMap<>();
        for (var e : fitMembers.entrySet()) {
            if (e.getValue().size() <= d + 1) {
                throw new IllegalArgumentException("group " + e.getKey() + " has " + e.getValue().size()
                        + " training rows: too few to fit a " + d + "-dimensional read-out");
            }
            float[][] z = rows(trainCodes, e.getValue());
            maps.put(e.getKey(), fit(z, rows(trainTargets, e.getValue()), z.length));
        }
        List<double[]> predictions = new ArrayList<>();
        for (int i = 0; i < testCodes.length; i++) {
            double[][] w = maps.get(testGroups[i]);
            if (w == null) {
                throw new IllegalArgumentException("test row " + i + " is in group " + testGroups[i]
                        + ", which has no training rows to fit its read-out");
            }
            predictions.add(predict(w, testCodes[i], k));
        }
        return r2(Arrays.asList(testTargets), predictions, k);
    }

    private static int trainRows(int n, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        return (int) Math.round(trainFraction * n);
    }

    private static void requireRows(String part, float[][] codes, double[][] targets) {
        if (codes.length == 0 || codes.length != targets.length) {
            throw new IllegalArgumentException("the " + part + " codes and targets need one row per example (and at least"
                    + " one): " + codes.length + " vs " + targets.length);
        }
    }

    private static Map<Integer, List<Integer>> members(int[] groups) {
        Map<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        return members;
    }

    private static float[][] rows(float[][] values, List<Integer> rows) {
        return rows.stream().map(r -> values[r]).toArray(float[][]::new);
    }

    private static double[][] rows(double[][] values, List<Integer> rows) {
        return rows.stream().map(r -> values[r]).toArray(double[][]::new);
    }

    private static int[] rows(int[] values, List<Integer> rows) {
        return rows.stream().mapToInt(r -> values[r]).toArray();
    }

    private static double[] predict(double[][] w, float[] z, int k) {
        int d = z.length;
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = w[d][c];
            for (int j = 0; j < d; j++) {
                out[c] += z[j] * w[j][c];
            }
        }
        return out;
    }

    private static double r2(List<double[]> targets, List<double[]> predictions, int k) {
        double[] mean = new double[k];
        for (double[] y : targets) {
            for (int c = 0; c < k; c++) {
                mean[c] += y[c] / targets.size();
            }
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < targets.size(); i++) {
            for (int c = 0; c < k; c++) {
                residual += sq(targets.get(i)[c] - predictions.get(i)[c]);
                total += sq(targets.get(i)[c] - mean[c]);
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
