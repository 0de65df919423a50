package org.dgm4j.embed;

/**
 * A 2-D (or k-D) embedding of some of the input points.
 *
 * @param coordinates embedded points, one row per kept input point
 * @param indices the input rows that were embedded (increasing); select labels with
 *     {@link Subsample#select(int[], int[])}
 * @param millis wall-clock time of the computation
 */
public record Embedding(double[][] coordinates, int[] indices, long millis) {

    /** Labels of the embedded points, from the labels of all input points. */
    public int[] labels(int[] allLabels) {
        return Subsample.select(allLabels, indices);
    }

    /** Values (e.g. angles) of the embedded points, from the values of all input points. */
    public double[] values(double[] allValues) {
        return Subsample.select(allValues, indices);
    }
}
