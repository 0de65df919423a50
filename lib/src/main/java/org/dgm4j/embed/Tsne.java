package org.dgm4j.embed;

import smile.manifold.TSNE;
import smile.math.MathEx;

/**
 * t-SNE (van der Maaten &amp; Hinton 2008) of latent means with Smile 3.1.1's exact implementation, on a
 * seeded subsample so that it stays around a minute on two CPU cores (its cost grows with the square of
 * the number of points; see the class {@code TsneBench} for measured times). The seed fixes both the
 * subsample and Smile's random initial layout.
 *
 * <pre>{@code
 * Embedding e = Tsne.withDefaults().embed(means, 42);
 * Notebook.show(ScatterPlot.byClass("t-SNE", e.coordinates(), e.labels(labels)).render());
 * }</pre>
 */
public final class Tsne {

    /** Default number of points embedded (a seeded subsample of larger inputs). */
    public static final int DEFAULT_MAX_POINTS = 2000;

    private final int maxPoints;
    private final double perplexity;
    private final int iterations;
    private final double learningRate;

    private Tsne(int maxPoints, double perplexity, int iterations, double learningRate) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2, got " + maxPoints);
        }
        if (!(perplexity > 0)) {
            throw new IllegalArgumentException("perplexity must be positive, got " + perplexity);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        this.maxPoints = maxPoints;
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.learningRate = learningRate;
    }

    /** {@value #DEFAULT_MAX_POINTS} points, perplexity 30, 1000 iterations, learning rate 200. */
    public static Tsne withDefaults() {
        return new Tsne(DEFAULT_MAX_POINTS, 30, 1000, 200);
    }

    /** The same settings with at most {@code n} points embedded. */
    public Tsne maxPoints(int n) {
        return new Tsne(n, perplexity, iterations, learningRate);
    }

    /** The same settings with another perplexity (roughly, the number of neighbours each point keeps). */
    public Tsne perplexity(double p) {
        return new Tsne(maxPoints, p, iterations, learningRate);
    }

    /** The same settings with another number of gradient iterations. */
    public Tsne iterations(int n) {
        return new Tsne(maxPoints, perplexity, n, learningRate);
    }

    /** The same settings with another learning rate. */
    public Tsne learningRate(double eta) {
        return new Tsne(maxPoints, perplexity, iterations, eta);
    }

    /**
     * Embeds (a seeded subsample of) the rows of {@code x} in 2-D.
     *
     * @throws IllegalArgumentException if the perplexity is not below the number of points embedded
     */
    public Embedding embed(float[][] x, long seed) {
        Subsample.requireMatrix(x);
        long start = System.nanoTime();
        int[] idx = Subsample.indices(x.length, maxPoints, seed);
        if (perplexity >= idx.length) {
            throw new IllegalArgumentException("t-SNE perplexity " + perplexity + " must be smaller than the number of "
                    + "points (" + idx.length + "); lower it or embed more points");
        }
        double[][] points = Subsample.rows(x, idx);
        // Smile treats a square input as a matrix of squared distances; pass one explicitly so that
        // n points of dimension n are not misread.
        double[][] d2 = squaredDistances(points);
        MathEx.setSeed(seed);
        TSNE tsne = new TSNE(d2, 2, perplexity, learningRate, iterations);
        return new Embedding(tsne.coordinates, idx, (System.nanoTime() - start) / 1_000_000);
    }

    static double[][] squaredDistances(double[][] p) {
        int n = p.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < p[i].length; k++) {
                    double e = p[i][k] - p[j][k];
                    s += e * e;
                }
                d[i][j] = s;
                d[j][i] = s;
            }
        }
        return d;
    }
}
