package org.dgm4j.embed;

import java.util.Arrays;

/**
 * Principal component analysis of latent means (via Smile 3.1.1's {@code smile.feature.extraction.PCA},
 * covariance-based): the top-k directions of largest variance, the share of variance each explains, and
 * the coordinates of the points along them.
 *
 * <pre>{@code
 * Pca pca = Pca.fit(means, 2);
 * Notebook.show(ScatterPlot.byClass("PCA", pca.coordinates(), labels).render());
 * }</pre>
 */
public final class Pca {

    private final smile.feature.extraction.PCA projection;
    private final double[][] coordinates;
    private final double[] varianceShare;
    private final long millis;

    private Pca(smile.feature.extraction.PCA projection, double[][] coordinates, double[] varianceShare, long millis) {
        this.projection = projection;
        this.coordinates = coordinates;
        this.varianceShare = varianceShare;
        this.millis = millis;
    }

    /**
     * Fits the top {@code k} principal components of the rows of {@code x} (points × dimensions) and
     * projects the points onto them.
     */
    public static Pca fit(float[][] x, int k) {
        Subsample.requireMatrix(x);
        int d = x[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("k must be between 1 and the dimension " + d + ", got " + k);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 points, got " + x.length);
        }
        long start = System.nanoTime();
        double[][] data = Subsample.toDouble(x);
        smile.feature.extraction.PCA full = smile.feature.extraction.PCA.fit(data);
        smile.feature.extraction.PCA top = full.getProjection(k);
        double[][] coords = top.apply(data);
        double[] share = Arrays.copyOf(full.varianceProportion(), k);
        return new Pca(top, coords, share, (System.nanoTime() - start) / 1_000_000);
    }

    /** The points' coordinates along the components (points × k). */
    public double[][] coordinates() {
        return coordinates;
    }

    /** Share of the total variance explained by each component, decreasing. */
    public double[] varianceShare() {
        return varianceShare.clone();
    }

    /** The components as unit vectors (k × dimensions). */
    public double[][] components() {
        return projection.projection.toArray();
    }

    /** Projects other points (e.g. a test set) onto the fitted components. */
    public double[][] project(float[][] x) {
        Subsample.requireMatrix(x);
        return projection.apply(Subsample.toDouble(x));
    }

    /** Wall-clock time of the fit, in milliseconds. */
    public long millis() {
        return millis;
    }
}
