package org.dgm4j.experiments;

import ai.djl.ndarray.NDManager;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.dgm4j.Engines;
import org.dgm4j.Profile;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.data.Mnist;
import org.dgm4j.loss.KlWarmup;
import org.dgm4j.loss.VaeObjective;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.model.Vae;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;
import org.dgm4j.train.LearningRateSchedule;

/**
 * One named definition of how the course trains a 28×28 MNIST VAE, so that notebooks 02, 03 and 07
 * share their models through the checkpoint cache instead of repeating each other's settings: the
 * architecture ({@code mlp}: 784-512-256, {@code conv}: the reference's two stride-2 convolutions), the
 * latent size, the KL weight β of the objective recon + β·KL (Bernoulli decoder, no warm-up), and the
 * training settings of the run profile: Adam with cosine decay of the learning rate to 0 over all steps.
 *
 * <pre>{@code
 * VaeRecipe.Trained mlp2 = VaeRecipe.mlp(2).fit();                 // "the course's latent-2 dense VAE"
 * VaeRecipe.Trained b4 = VaeRecipe.sweep(2).withBeta(4).fit();       // notebook 03's run at β = 4
 * }</pre>
 *
 * @param architecture {@code "mlp"} or {@code "conv"}
 * @param latentDim latent size d
 * @param beta KL weight (1 is the ELBO)
 * @param trainImages MNIST training images used (drawn with seed 0)
 * @param epochs passes over those images
 * @param batchSize images per step
 * @param learningRate Adam's peak learning rate
 */
public record VaeRecipe(String architecture, int latentDim, double beta, int trainImages, int epochs, int batchSize,
        double learningRate) {

    /** Validates the settings. */
    public VaeRecipe {
        if (!architecture.equals("mlp") && !architecture.equals("conv")) {
            throw new IllegalArgumentException("architecture must be \"mlp\" or \"conv\", got \"" + architecture + "\"");
        }
        if (latentDim <= 0 || trainImages <= 0 || epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("latent size, images, epochs and batch size must be positive: " + latentDim
                    + ", " + trainImages + ", " + epochs + ", " + batchSize);
        }
        if (!(beta >= 0) || Double.isInfinite(beta) || !(learningRate > 0)) {
            throw new IllegalArgumentException("β must be finite and >= 0 and the learning rate > 0, got β = " + beta
                    + ", lr = " + learningRate);
        }
    }

    /**
     * The dense VAE at β = 1 for the current profile ("the course's dense VAE", notebooks 02 and 07).
     * smoke: 512 images, 1 epoch; quick: the 60,000 training images, 20 epochs at batch 256, lr 2e-3
     * (about 6 s per epoch on two cores; fewer epochs leave the latent-2 plane without some digits);
     * full: the reference study's 20 epochs at batch 64, lr 1e-3.
     */
    public static VaeRecipe mlp(int latentDim) {
        Profile p = Profile.current();
        return new VaeRecipe("mlp", latentDim, 1.0, p.pick(512, 60_000, 60_000), p.pick(1, 20, 20),
                p.pick(64, 256, 64), p.pick(2e-3, 2e-3, 1e-3));
    }

    /**
     * The dense VAE of a β sweep (notebook 03), which trains ten models: {@link #mlp} with 6 epochs in the
     * quick profile (the same as {@link #mlp} in smoke and full).
     */
    public static VaeRecipe sweep(int latentDim) {
        return mlp(latentDim).withEpochs(Profile.current().pick(1, 6, 20));
    }

    /**
     * The convolutional VAE at β = 1 for the current profile. smoke: 512 images, 1 epoch; quick: the
     * 60,000 training images, 1 epoch at batch 128, lr 2e-3 (per image it trains about 8× slower than the
     * dense one on a CPU, so one epoch costs about what 10 to 15 dense epochs do); full: 20 epochs at batch 64,
     * lr 1e-3.
     */
    public static VaeRecipe conv(int latentDim) {
        Profile p = Profile.current();
        return new VaeRecipe("conv", latentDim, 1.0, p.pick(512, 60_000, 60_000), p.pick(1, 1, 20),
                p.pick(64, 128, 64), p.pick(2e-3, 2e-3, 1e-3));
    }

    /** This recipe with KL weight {@code beta}. */
    public VaeRecipe withBeta(double beta) {
        return new VaeRecipe(architecture, latentDim, beta, trainImages, epochs, batchSize, learningRate);
    }

    /** This recipe with latent size {@code latentDim}. */
    public VaeRecipe withLatent(int latentDim) {
        return new VaeRecipe(architecture, latentDim, beta, trainImages, epochs, batchSize, learningRate);
    }

    /** This recipe with {@code epochs} passes over its images. */
    public VaeRecipe withEpochs(int epochs) {
        return new VaeRecipe(architecture, latentDim, beta, trainImages, epochs, batchSize, learningRate);
    }

    /** This recipe with other training settings (for exercises and benchmarks). */
    public VaeRecipe withTraining(int trainImages, int epochs, int batchSize, double learningRate) {
        return new VaeRecipe(architecture, latentDim, beta, trainImages, epochs, batchSize, learningRate);
    }

    /** The cache and display name, e.g. {@code mlp-z2} or {@code mlp-z2-beta4}. */
    public String name() {
        String base = architecture + "-z" + latentDim;
        return beta == 1.0 ? base : base + "-beta" + plain(beta).replace('.', 'p');
    }

    /** "β=" and the weight without trailing zeros ("β=0.001", "β=128"). */
    public String betaLabel() {
        return "β=" + plain(beta);
    }

    /**
     * The checkpoint cache name, {@code "vae-" + name()} and the epochs ({@code vae-mlp-z2-10ep}), so that two
     * recipes of one model trained for different lengths keep one checkpoint each.
     */
    public String cacheName() {
        return "vae-" + name() + "-" + epochs + "ep";
    }

    /** A fresh, untrained model of this recipe. */
    public Vae newModel() {
        return architecture.equals("mlp") ? Vae.mlp(latentDim) : Vae.conv28(latentDim);
    }

    /**
     * Trains a fresh model on the recipe's own data — {@link #trainImages} MNIST training images drawn with seed
     * 0, validated on {@link #validationImages()} test images — or reloads it from the checkpoint cache under
     * {@link #cacheName()}. The data is loaded for the run and released after it, so every notebook that
     * uses the recipe hits the same cache entry.
     */
    public Trained fit() {
        return fit(UnaryOperator.identity());
    }

    /** {@link #fit()} with {@code options} applied to the {@link Fit} that are not part of the recipe (progress, checkpoint store). */
    public Trained fit(UnaryOperator<Fit> options) {
        try (NDManager scope = Engines.newManager();
                ImageDataset train = Mnist.train(scope, trainImages, 0);
                ImageDataset validation = Mnist.test(scope, validationImages(), 0)) {
            return fit(train, validation, options);
        }
    }

    /**
     * Trains a fresh model of this recipe on other data ({@code train} as given, {@code validation} for the
     * per-epoch validation loss), through the cache under {@link #cacheName()}; {@code options} as in
     * {@link #fit(UnaryOperator)}. For exercises and tests; the notebooks use {@link #fit()}.
     */
    public Trained fit(ImageDataset train, ImageDataset validation, UnaryOperator<Fit> options) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Vae vae = newModel();
        VaeObjective objective = new VaeObjective(vae, Reconstruction.bernoulli(), beta, KlWarmup.none());
        Fit fit = Fit.of(vae, objective).train(train).validation(validation).epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).schedule(LearningRateSchedule.cosine(0)).seed(1)
                .cache(cacheName()).describe("beta=" + beta);
        return new Trained(this, vae, options.apply(fit).run());
    }

    /** Test images the recipe validates on after each epoch: 500 in the smoke profile, all 10,000 otherwise. */
    public static int validationImages() {
        return Profile.current().pick(500, 10_000, 10_000);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (β = %s): %,d images × %d epochs, batch %d, lr %s with cosine decay",
                name(), plain(beta), trainImages, epochs, batchSize, plain(learningRate));
    }

    private static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * A trained (or reloaded) model with its recipe and history.
     *
     * @param recipe how it was trained
     * @param vae the model
     * @param history per-epoch losses; {@link History#fromCache()} tells whether it was reloaded
     */
    public record Trained(VaeRecipe recipe, Vae vae, History history) {

        /** Training seconds as measured when the model was trained. */
        public double trainingSeconds() {
            double s = 0;
            for (double e : history.seconds()) {
                s += e;
            }
            return s;
        }
    }
}
