package org.dgm4j.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * The exact noise predictor of a known data distribution, a mixture of K equally weighted isotropic
 * Gaussians N(μ_k, s² I) in D dimensions. Under the forward process x_t | y=k ~ N(√ᾱ_t μ_k, v_t I) with
 * v_t = ᾱ_t s² + 1 - ᾱ_t, so ε*(x_t, t, k) = -√(1-ᾱ_t) ∇ log p_t(x_t | k) = √(1-ᾱ_t)(x_t - √ᾱ_t μ_k)/v_t, and
 * unconditionally the same averaged with the posterior responsibilities r_k(x_t). Label K is the null label.
 */
final class GaussianMixtureEps implements NoisePredictor, ConditionalNoisePredictor {

    private final NoiseSchedule schedule;
    private final double[][] means;
    private final double std;

    GaussianMixtureEps(NoiseSchedule schedule, double[][] means, double std) {
        this.schedule = schedule;
        this.means = means;
        this.std = std;
    }

    /** Guided sampling of {@code labels} with weight {@code w}. */
    NoisePredictor guided(int[] labels, double w) {
        return ClassifierFreeGuidance.of(this, labels, w);
    }

    @Override
    public int classes() {
        return means.length;
    }

    @Override
    public NDArray predictNoise(NDArray xt, int t) {
        return predict(xt, t, null);
    }

    @Override
    public NDArray predictNoise(NDArray xt, int t, NDArray labels) {
        return predict(xt, t, labels.toIntArray());
    }

    private NDArray predict(NDArray xt, int t, int[] labels) {
        int dims = means[0].length;
        float[] x = xt.toFloatArray();
        int n = x.length / dims;
        double ab = schedule.alphaBar(t);
        double v = ab * std * std + 1 - ab;
        double[] r = new double[means.length];
        float[] eps = new float[x.length];
        for (int i = 0; i < n; i++) {
            int label = labels == null ? means.length : labels[i];
            if (label < means.length) {
                java.util.Arrays.fill(r, 0);
                r[label] = 1;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < means.length; k++) {
                    double d2 = 0;
                    for (int j = 0; j < dims; j++) {
                        double d = x[i * dims + j] - Math.sqrt(ab) * means[k][j];
                        d2 += d * d;
                    }
                    r[k] = -d2 / (2 * v);
                    max = Math.max(max, r[k]);
                }
                double sum = 0;
                for (int k = 0; k < means.length; k++) {
                    r[k] = Math.exp(r[k] - max);
                    sum += r[k];
                }
                for (int k = 0; k < means.length; k++) {
                    r[k] /= sum;
                }
            }
            for (int j = 0; j < dims; j++) {
                double e = 0;
                for (int k = 0; k < means.length; k++) {
                    e += r[k] * (x[i * dims + j] - Math.sqrt(ab) * means[k][j]);
                }
                eps[i * dims + j] = (float) (Math.sqrt(1 - ab) * e / v);
            }
        }
        return xt.getManager().create(eps, xt.getShape());
    }
}
