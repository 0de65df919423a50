package org.dgm4j.latent;

import java.util.Locale;
import org.dgm4j.Profile;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.experiments.VaeRecipe;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;
import org.dgm4j.train.LearningRateSchedule;

/**
 * How the course trains a latent DDPM on MNIST, per run profile: the first stage (a dense VAE from
 * {@link VaeRecipe} with a light KL weight {@link #FIRST_STAGE_BETA}, so that its codes keep the detail
 * of the digits while staying in one region of the latent space), the {@link LatentDenoiser}'s shape, the
 * noise schedule ({@link #schedule()}) and the second stage's training settings: Adam with cosine decay of the learning rate
 * to 0, ε-MSE ({@link LatentDenoisingObjective}), through the shared fit loop and checkpoint cache.
 *
 * @param firstStage the first stage's recipe
 * @param width hidden width of the denoiser
 * @param blocks residual blocks of the denoiser
 * @param timeDim width of the sinusoidal time embedding
 * @param steps diffusion steps T (linear schedule)
 * @param epochs passes over the latent training set
 * @param batchSize codes per step
 * @param learningRate Adam's peak learning rate
 */
public record LatentRecipe(VaeRecipe firstStage, int width, int blocks, int timeDim, int steps, int epochs,
        int batchSize, double learningRate) {

    /** KL weight β of the first stage: light, so that reconstructions stay sharp. */
    public static final double FIRST_STAGE_BETA = 0.1;

    /** Validates the settings. */
    public LatentRecipe {
        if (width < 1 || blocks < 0 || steps < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "width, steps, epochs and batch size must be"
                    + " >= 1, blocks >= 0 and the learning rate > 0; got width %d, blocks %d, T %d, epochs %d, batch %d,"
                    + " lr %s", width, blocks, steps, epochs, batchSize, learningRate));
        }
    }

    /**
     * The recipe for latent size {@code latentDim} in {@code profile}. First stage: the dense VAE at β = 0.1,
     * smoke 1 epoch on 512 images, quick 6 epochs, full 20 epochs on the 60,000 training images. Second stage:
     * the linear schedule with T = 1000 (smoke 100); a denoiser of width 64 with 1 block (smoke), 256 with 3 blocks (quick) or 512
     * with 4 (full); 2 / 30 / 200 epochs over the codes at batch 512, lr 2e-3 (full 1e-3).
     */
    public static LatentRecipe forProfile(Profile profile, int latentDim) {
        int firstEpochs = profile.pick(1, 6, 20);
        VaeRecipe vae = VaeRecipe.mlp(latentDim).withBeta(FIRST_STAGE_BETA).withEpochs(firstEpochs);
        return new LatentRecipe(vae, profile.pick(64, 256, 512), profile.pick(1, 3, 4), 64, profile.pick(100, 1000, 1000),
                profile.pick(2, 30, 200), 512, profile.pick(2e-3, 2e-3, 1e-3));
    }

    /** The recipe of the current profile for latent size {@code latentDim}. */
    public static LatentRecipe current(int latentDim) {
        return forProfile(Profile.current(), latentDim);
    }

    /** The latent size D. */
    public int latentDim() {
        return firstStage.latentDim();
    }

    /** A fresh, untrained denoiser of this recipe. */
    public LatentDenoiser newDenoiser() {
        return new LatentDenoiser(latentDim(), width, blocks, timeDim);
    }

    /**
     * The forward process: the linear schedule of Ho et al. (β from 1e-4 to 0.02 at T = 1000), as Rombach et al.
     * use in latent space. Not the cosine one: its last step (β clipped at 0.999) leaves ᾱ_T ≈ 1e-8, and without the
     * [-1, 1] clipping of x̂_0 that pixels allow, the first deterministic step divides the network's error by √ᾱ_T.
     */
    public NoiseSchedule schedule() {
        return NoiseSchedule.linear(steps);
    }

    /** Cache name of the denoiser's checkpoints, e.g. {@code latent-ddpm-z32-w256x3}. */
    public String cacheName() {
        return "latent-ddpm-z" + latentDim() + "-w" + width + "x" + blocks;
    }

    /**
     * Trains {@code denoiser} (from {@link #newDenoiser()}) on the codes of {@code train}, with the validation loss
     * on {@code validation}, or reloads it from the checkpoint cache; returns the history. The data sets'
     * descriptions name the first stage, so codes of another first stage never reload this one's denoiser.
     */
    public History fit(LatentDenoiser denoiser, LatentDataset train, LatentDataset validation) {
        if (train.latentDim() != latentDim() || validation.latentDim() != latentDim()) {
            throw new IllegalArgumentException("the recipe is for codes of size " + latentDim() + ", got training codes of "
                    + train.latentDim() + " and validation codes of " + validation.latentDim());
        }
        return Fit.of(denoiser, new LatentDenoisingObjective(denoiser, schedule())).train(train).validation(validation)
                .inputShapes(denoiser.inputShapes()).epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .schedule(LearningRateSchedule.cosine(0)).seed(1).describe(toString()).cache(cacheName()).run();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "latent DDPM on %s: MLP width %d × %d blocks, linear T=%d, %d epochs, batch %d,"
                + " lr %s with cosine decay", firstStage.cacheName(), width, blocks, steps, epochs, batchSize, learningRate);
    }
}
