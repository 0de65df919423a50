package org.dgm4j.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Numbers with a shape, the common form in which answers and references are compared. */
record Values(long[] shape, double[] data) {

    static Values of(NDArray array) {
        return new Values(array.getShape().getShape(), array.toType(DataType.FLOAT64, false).toDoubleArray());
    }

    static Values of(double... vector) {
        return new Values(new long[] {vector.length}, vector.clone());
    }

    static Values of(float[][] matrix) {
        int rows = matrix.length;
        int cols = rows == 0 ? 0 : matrix[0].length;
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            if (matrix[i].length != cols) {
                return new Values(new long[] {rows, -1}, new double[0]); // ragged: never equal to a reference
            }
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = matrix[i][j];
            }
        }
        return new Values(new long[] {rows, cols}, data);
    }

    static Values of(double[][] matrix) {
        int cols = matrix.length == 0 ? 0 : matrix[0].length;
        for (double[] row : matrix) {
            if (row.length != cols) {
                return new Values(new long[] {matrix.length, -1}, new double[0]); // ragged: never equal to a reference
            }
        }
        return new Values(new long[] {matrix.length, cols}, Arrays.stream(matrix).flatMapToDouble(Arrays::stream).toArray());
    }

    /** {@link #of(NDArray)}, or null for a null answer (which counts as not done). */
    static Values orNull(NDArray array) {
        return array == null ? null : of(array);
    }

    static Values orNull(double[] vector) {
        return vector == null ? null : of(vector);
    }

    static Values orNull(Double value) {
        return value == null ? null : scalar(value);
    }

    static Values scalar(double value) {
        return new Values(new long[0], new double[] {value});
    }

    boolean sameShape(Values other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Same shape and every entry within {@code atol + rtol·|reference|}; NaN matches only NaN, ±∞ only itself. */
    boolean close(Values reference, double rtol, double atol) {
        return sameShape(reference) && firstDifference(reference, rtol, atol) < 0;
    }

    /** Index of the first entry differing from {@code reference} (same shape assumed), or -1. */
    int firstDifference(Values reference, double rtol, double atol) {
        for (int i = 0; i < data.length; i++) {
            if (!near(data[i], reference.data[i], rtol, atol)) {
                return i;
            }
        }
        return -1;
    }

    boolean allFinite() {
        return Arrays.stream(data).allMatch(Double::isFinite);
    }

    /** "(4, 3)", or "one number" for a scalar. */
    String shapeText() {
        return shape.length == 0 ? "one number"
                : "shape (" + Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
    }

    /** The multi-index of flat entry {@code i}, e.g. "[1, 2]" (nothing for a scalar). */
    String index(int i) {
        if (shape.length == 0) {
            return "";
        }
        long[] idx = new long[shape.length];
        long rest = i;
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = rest % Math.max(1, shape[k]);
            rest /= Math.max(1, shape[k]);
        }
        return Arrays.toString(idx);
    }

    /** The first {@code n} entries, rounded, e.g. "[0.1234, -2.5, …]". */
    String head(int n) {
        String s = Arrays.stream(data).limit(n).mapToObj(Values::format).collect(Collectors.joining(", "));
        return shape.length == 0 ? s : "[" + s + (data.length > n ? ", …]" : "]");
    }

    /** The population variance of all numbers of {@code array}, in doubles. */
    static double variance(NDArray array) {
        double[] values = array.toType(DataType.FLOAT64, false).toDoubleArray();
        double mean = 0;
        for (double x : values) {
            mean += x / values.length;
        }
        double variance = 0;
        for (double x : values) {
            variance += (x - mean) * (x - mean) / values.length;
        }
        return variance;
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    private static boolean near(double a, double ref, double rtol, double atol) {
        if (Double.isNaN(a) || Double.isNaN(ref)) {
            return Double.isNaN(a) && Double.isNaN(ref);
        }
        if (Double.isInfinite(a) || Double.isInfinite(ref)) {
            return a == ref;
        }
        return Math.abs(a - ref) <= atol + rtol * Math.abs(ref);
    }
}
