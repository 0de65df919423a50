package org.dgm4j.experiments;

import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.loss.SparsePrior;
import org.dgm4j.loss.SparsePriorVaeObjective;
import org.dgm4j.metrics.Elbo;
import org.dgm4j.metrics.Hoyer;
import org.dgm4j.metrics.LatentCodes;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;

/**
 * Notebook 06's experiment: dense VAEs ({@code Vae.mlp(latent)}) with the {@link SparsePrior} of Mathieu
 * et al. 2019, trained on recon + β·KL + α·MMD through the checkpoint cache (one entry per data set, β,
 * γ, α and seed), then measured on test images: the normalised Hoyer sparsity of the posterior means,
 * the reconstruction term of the ELBO under the model's likelihood, the last epoch's MMD and the active
 * units.
 *
 * <pre>{@code
 * SparsePriorSweep sweep = new SparsePriorSweep(50, 5, 100, Reconstruction.laplace(0.1));
 * SparsePriorSweep.Run run = sweep.run("fashion", train, test, 1, 0.8, 100, 0);
 * }</pre>
 *
 * @param latent the latent dimension of every model
 * @param epochs epochs per model
 * @param batchSize images per step
 * @param likelihood the decoder's likelihood, e.g. {@link Reconstruction#laplace(double)}
 * @param options extra fit settings for every model (progress, a checkpoint store in tests)
 */
public record SparsePriorSweep(int latent, int epochs, int batchSize, Reconstruction likelihood,
        UnaryOperator<Fit> options) {

    /** The variance of μ_d(x) over the test images above which dimension d counts as active. */
    public static final double ACTIVE_VARIANCE = 0.01;

    /**
     * One trained and measured model.
     *
     * @param data the data set's name (part of the cache name)
     * @param beta the KL weight β
     * @param gamma the prior's spike weight γ
     * @param alpha the MMD weight α
     * @param seed the training seed
     * @param vae the trained model
     * @param means the posterior means of the test images (N, latent)
     * @param hoyer the normalised Hoyer sparsity of {@code means} ({@link Hoyer#normalised})
     * @param recon the test reconstruction term −E_q[log p(x|z)] in nats per image
     * @param reg the last epoch's mean MMD on the training data
     * @param active the dimensions whose mean varies by more than {@link #ACTIVE_VARIANCE} over the images
     */
    public record Run(String data, double beta, double gamma, double alpha, long seed, Vae vae, float[][] means,
            double hoyer, double recon, double reg, int active) {}

    /** Checks the settings. */
    public SparsePriorSweep {
        if (latent <= 0) {
            throw new IllegalArgumentException("latent must be > 0, got " + latent);
        }
        Objects.requireNonNull(likelihood, "likelihood");
        Objects.requireNonNull(options, "options");
    }

    /** The sweep with no extra fit settings. */
    public SparsePriorSweep(int latent, int epochs, int batchSize, Reconstruction likelihood) {
        this(latent, epochs, batchSize, likelihood, UnaryOperator.identity());
    }

    /** Trains (or reloads) and measures the model of ({@code beta}, {@code gamma}, {@code alpha}) with seed 0. */
    public Run run(String data, ImageDataset train, ImageDataset test, double beta, double gamma, double alpha) {
        return run(data, train, test, beta, gamma, alpha, 0);
    }

    /** Trains (or reloads) and measures one model; {@code seed} sets initialisation, batch order and noise. */
    public Run run(String data, ImageDataset train, ImageDataset test, double beta, double gamma, double alpha,
            long seed) {
        Vae vae = Vae.mlp(latent).setLikelihood(likelihood);
        SparsePriorVaeObjective objective = new SparsePriorVaeObjective(vae, new SparsePrior(gamma), beta, alpha);
        Fit fit = Fit.of(vae, objective).train(train).epochs(epochs).batchSize(batchSize).learningRate(1e-3).seed(seed)
                .cache(String.format(Locale.ROOT, "nb06-%s-b%s-g%s-a%s-s%d", data, beta, gamma, alpha, seed));
        History h = options.apply(fit).run();
        float[][] means = LatentCodes.of(test, x -> vae.encode(x).mu());
        double recon = Elbo.evaluate(vae, test, 0).reconstruction();
        return new Run(data, beta, gamma, alpha, seed, vae, means, Hoyer.normalised(means), recon, h.last("train/reg"),
                activeUnits(means));
    }

    /** The dimensions d whose mean μ_d(x) varies over the rows by more than {@link #ACTIVE_VARIANCE}. */
    public static int activeUnits(float[][] means) {
        int active = 0;
        for (int d = 0; d < means[0].length; d++) {
            double m = 0;
            double sq = 0;
            for (float[] r : means) {
                m += r[d];
                sq += r[d] * r[d];
            }
            m /= means.length;
            if (sq / means.length - m * m > ACTIVE_VARIANCE) {
                active++;
            }
        }
        return active;
    }
}
