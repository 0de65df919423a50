package org.dgm4j.metrics;

import ai.djl.ndarray.NDArray;
import org.dgm4j.data.Batch;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.Kl;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.NoiseSource;
import org.dgm4j.model.Vae;

/**
 * The evidence lower bound per image, in nats: ELBO(x) = E_q[log p(x|z)] − KL(q(z|x) ‖ N(0, I)), with the
 * expectation estimated from one reparameterised sample and the KL in closed form, under the model's
 * likelihood ({@link Vae#likelihood()}). −ELBO is an upper bound on −log p(x).
 */
public final class Elbo {

    /**
     * Averages over a data set, per image in nats.
     *
     * @param elbo mean ELBO (a negative number; −elbo is the usual "test −ELBO")
     * @param reconstruction mean −E_q[log p(x|z)]
     * @param kl mean KL(q(z|x) ‖ p(z))
     * @param images number of images averaged over
     */
    public record Result(double elbo, double reconstruction, double kl, long images) {

        /** −ELBO, an upper bound on the negative log-likelihood per image. */
        public double negativeElbo() {
            return -elbo;
        }

        @Override
        public String toString() {
            return String.format("ELBO %.2f nats/image (recon %.2f, KL %.2f) over %d images", elbo, reconstruction, kl,
                    images);
        }
    }

    private Elbo() {}

    /** The single-sample ELBO of each image of x (B), with ε from {@code noise}; inference mode. */
    public static NDArray perExample(Vae vae, NDArray x, NoiseSource noise) {
        Gaussian q = vae.encode(x);
        NDArray z = q.sample(noise.sample(x.getManager(), q.mu().getShape()));
        return vae.likelihood().perExample(vae.decode(z), x).add(Kl.perExample(q)).neg();
    }

    /** The ELBO averaged over every image of {@code data} (batches of 256); ε from a generator seeded with {@code seed}. */
    public static Result evaluate(Vae vae, ImageDataset data, long seed) {
        return evaluate(vae, data.batches(256, false, 0), seed);
    }

    /** The ELBO averaged over all images of {@code batches}; each batch is closed after use. */
    public static Result evaluate(Vae vae, Iterable<Batch> batches, long seed) {
        NoiseSource noise = NoiseSource.seeded(seed);
        double recon = 0;
        double kl = 0;
        long n = 0;
        for (Batch batch : batches) {
            try (batch) {
                NDArray x = batch.x();
                Gaussian q = vae.encode(x);
                NDArray z = q.sample(noise.sample(batch.manager(), q.mu().getShape()));
                recon += vae.likelihood().perExample(vae.decode(z), x).sum().getFloat();
                kl += Kl.perExample(q).sum().getFloat();
                n += batch.size();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no images to evaluate the ELBO on: the data set is empty");
        }
        return new Result(-(recon + kl) / n, recon / n, kl / n, n);
    }
}
