package org.dgm4j.experiments;

import java.util.Locale;
import org.dgm4j.Profile;
import org.dgm4j.data.ImageDataset;
import org.dgm4j.diffusion.DiffusionModel;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.diffusion.UNetConfig;
import org.dgm4j.loss.DenoisingObjective;
import org.dgm4j.train.ExponentialMovingAverage;
import org.dgm4j.train.Fit;
import org.dgm4j.train.History;
import org.dgm4j.train.LearningRateSchedule;

/**
 * The course's DDPM training recipe per run profile, so that the notebook stays short:
 * ε-prediction MSE, Adam, gradient clipping at norm 1, EMA of the weights for sampling, through the
 * shared fit loop, progress bar, history and checkpoint cache; optionally Min-SNR-γ loss weighting
 * ({@link DenoisingObjective}). The U-Net is class-conditional with a
 * learned null label (dropped labels at {@link DiffusionModel#DEFAULT_LABEL_DROPOUT}), so one trained
 * model serves notebook 07 (unconditional samples: the null label) and notebook 08 (guidance, inpainting).
 *
 * @param unet network shape
 * @param schedule "cosine" or "linear"
 * @param steps diffusion steps T
 * @param epochs passes over the training images
 * @param trainImages training images used (a seeded subset when below the data set size)
 * @param batchSize images per step
 * @param learningRate Adam (peak) learning rate
 * @param learningRateSchedule multiplier of the learning rate over the steps
 * @param emaDecay long-run EMA decay
 * @param validationImages test images (the first ones) used for the validation loss
 * @param minSnrGamma γ of the Min-SNR loss weighting (0: the plain ε-MSE)
 */
public record DiffusionRecipe(UNetConfig unet, String schedule, int steps, int epochs, int trainImages, int batchSize,
        double learningRate, LearningRateSchedule learningRateSchedule, double emaDecay, int validationImages,
        double minSnrGamma) {

    /** Gradient clipping (global L2 norm) used by every recipe. */
    public static final double CLIP_NORM = 1.0;

    /**
     * smoke: small U-Net, cosine T = 100 (so that a notebook can run the full DDPM chain in seconds), 1 epoch on
     * 2,048 images; quick: small U-Net (0.61M parameters) with scale-shift conditioning, cosine T = 1000,
     * three epochs over the 60,000 training images at batch 32 (5,625 steps), lr 3e-3 after a 50-step warm-up with
     * cosine decay to 0, Min-SNR-5 weighting, EMA 0.995; smoke uses the same network and weighting. Measured on one
     * core (two epochs, labels dropped 30 % of the time, 256 DDPM samples at S = 100, classifier FD against the test
     * set, real-data floor 7.7): batch 64 at lr 4e-3 gives FD 28.4 and 64 % confident, with 97 % of guided samples
     * (DDIM S = 25, w = 2) as requested; batch 32 at lr 3e-3, twice the steps for 10 % more time, gives FD 23.3, 73 %
     * and 99.6 %; batch 16 (twice the steps again) 23.1 and 63 % at lr 2e-3, 28.1 and 68 % at lr 3e-3. A third epoch
     * at batch 32 (idle, 2 threads: 789 s of training against 503 s) gives FD 21.1 and 76 %, the recipe kept. At
     * batch 64, self-attention at 7×7 (+13 % time: 28.7, 66 %, 90 %), widths 16/32/96 (+20 %: 28.1, 65 %, 95 %) and
     * dropping labels 50 % of the time (26.5, 68 %, 91 %) did not pay.
     * Earlier, one epoch at batch 64: offset conditioning and the plain ε-MSE at lr 2e-3 gave FD 104.2 and 46 %;
     * Min-SNR 49.7 and 60 %; with scale-shift 33.8 and 66 %.
     * full: the reference study's settings with the 3.6M-parameter U-Net: cosine T = 4000,
     * 20 epochs, batch 128, constant lr 1e-4, EMA 0.9995, the plain ε-MSE.
     */
    public static DiffusionRecipe forProfile(Profile profile) {
        switch (profile) {
            case SMOKE:
                return new DiffusionRecipe(UNetConfig.small().withClasses(10).withScaleShift(true), "cosine", 100, 1, 2048, 64,
                        1e-3, LearningRateSchedule.constant(), 0.99, 256, 5);
            case FULL:
                return new DiffusionRecipe(UNetConfig.large().withClasses(10), "cosine", 4000, 20, 60000, 128, 1e-4,
                        LearningRateSchedule.constant(), 0.9995, 10000, 0);
            default:
                return new DiffusionRecipe(UNetConfig.small().withClasses(10).withScaleShift(true), "cosine", 1000, 3, 60000, 32,
                        3e-3, LearningRateSchedule.cosine(50), 0.995, 2000, 5);
        }
    }

    /** The recipe of the current profile. */
    public static DiffusionRecipe current() {
        return forProfile(Profile.current());
    }

    /** A fresh, untrained model of this recipe. */
    public DiffusionModel newModel() {
        return new DiffusionModel(unet, NoiseSchedule.named(schedule, steps));
    }

    /** Cache name of this recipe's checkpoints. */
    public String cacheName() {
        return "ddpm-mnist-" + unet.describe();
    }

    /**
     * Trains {@code model} (from {@link #newModel()}) on {@code train} (or a seeded subset of
     * {@link #trainImages}) with the first {@link #validationImages} of {@code test} for the validation loss, or
     * reloads it from the checkpoint cache; returns the history.
     */
    public History fit(DiffusionModel model, ImageDataset train, ImageDataset test) {
        ImageDataset data = train.size() > trainImages ? train.subset(trainImages, 1) : train;
        try (ImageDataset validation = test.head(validationImages)) {
            double dropout = model.isConditional() ? DiffusionModel.DEFAULT_LABEL_DROPOUT : 0;
            return Fit.of(model, new DenoisingObjective(model, dropout, minSnrGamma)).train(data).validation(validation)
                    .inputShapes(model.inputShapes(train.height(), train.width()))
                    .epochs(epochs).batchSize(batchSize).learningRate(learningRate).schedule(learningRateSchedule)
                    .clipGradientNorm(CLIP_NORM)
                    .seed(1).listener(new ExponentialMovingAverage(model.net(), model.ema(), emaDecay)).describe(toString()).cache(cacheName()).run();
        } finally {
            if (data != train) {
                data.close();
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s T=%d epochs=%d n=%d batch=%d lr=%s %s ema=%s validation=%d%s",
                unet.describe(), schedule, steps, epochs, trainImages, batchSize, learningRate,
                learningRateSchedule.describe(), emaDecay, validationImages, minSnrGamma > 0 ? " min-snr=" + minSnrGamma : "");
    }
}
