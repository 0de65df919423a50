package org.dgm4j.metrics;

/**
 * Per-class mean absolute latent value per dimension, as Mathieu et al. plot it to show which
 * dimensions each class "switches on" under a sparse prior.
 */
public final class ClassMeans {

    private ClassMeans() {}

    /**
     * Mean |z_j| over the points of each requested class.
     *
     * @param means posterior means, points × latents
     * @param labels class of each point
     * @param classes the classes to report, in the order of the returned rows
     * @return {@code [classes.length][latents]}
     * @throws IllegalArgumentException if a requested class has no points
     */
    public static double[][] meanAbs(float[][] means, int[] labels, int... classes) {
        Hoyer.requireMatrix(means);
        if (labels.length != means.length) {
            throw new IllegalArgumentException(means.length + " points but " + labels.length
                    + " labels; give one per point");
        }
        int d = means[0].length;
        double[][] out = new double[classes.length][d];
        for (int c = 0; c < classes.length; c++) {
            int count = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == classes[c]) {
                    count++;
                    for (int j = 0; j < d; j++) {
                        out[c][j] += Math.abs(means[i][j]);
                    }
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException("No point has class " + classes[c]
                        + "; check the labels or encode a sample that contains it");
            }
            for (int j = 0; j < d; j++) {
                out[c][j] /= count;
            }
        }
        return out;
    }
}
