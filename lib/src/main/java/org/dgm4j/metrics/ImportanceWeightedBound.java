package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.LogDensities;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Vae;

/**
 * The importance-weighted bound of Burda et al. 2016: log p(x) ≥ log (1/k) Σ_i p(x, z_i) / q(z_i|x) with
 * z_i ~ q(z|x), computed with a stable log-mean-exp. It equals a single-sample ELBO (Monte Carlo KL) for
 * k = 1 and tightens in expectation as k grows, so −bound is an estimate of the negative log-likelihood
 * in nats that is at most the −ELBO. p(x|z) is the model's likelihood ({@link Vae#likelihood()}).
 */
public final class ImportanceWeightedBound {

    private ImportanceWeightedBound() {}

    /** The bound on log p(x) for each image of x (B), with k samples of ε from {@code noise}; inference mode. */
    public static NDArray logLikelihood(Vae vae, NDArray x, int k, NoiseSource noise) {
        if (k <= 0) {
            throw new IllegalArgumentException("the number of importance samples k must be positive, got " + k);
        }
        Gaussian q = vae.encode(x);
        NDList logWeights = new NDList(k);
        for (int i = 0; i < k; i++) {
            NDArray z = q.sample(noise.sample(x.getManager(), q.mu().getShape()));
            NDArray logLik = vae.likelihood().perExample(vae.decode(z), x).neg();
            NDArray logPrior = LogDensities.standardNormal(z).sum(new int[] {1});
            NDArray logQ = LogDensities.diagonalGaussian(z, q.mu(), q.logVar()).sum(new int[] {1});
            logWeights.add(logLik.add(logPrior).sub(logQ));
        }
        return LogDensities.logMeanExp(NDArrays.stack(logWeights), 0);
    }

    /** The negative log-likelihood estimate −bound, per image in nats, over {@code data} (batches of 128). */
    public static double negativeLogLikelihood(Vae vae, ImageDataset data, int k, long seed) {
        return negativeLogLikelihood(vae, data.batches(128, false, 0), k, seed);
    }

    /** The negative log-likelihood estimate −bound, per image in nats; each batch is closed after use. */
    public static double negativeLogLikelihood(Vae vae, Iterable<Batch> batches, int k, long seed) {
        NoiseSource noise = NoiseSource.seeded(seed);
        double sum = 0;
        long n = 0;
        for (Batch batch : batches) {
            try (batch) {
                sum -= logLikelihood(vae, batch.x(), k, noise).sum().getFloat();
                n += batch.size();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no images to evaluate the bound on: the data set is empty");
        }
        return sum / n;
    }
}
