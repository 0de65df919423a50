package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.diffusion.DiffusionModel;

/**
 * The simplified DDPM loss of Ho et al. (2020): draw t uniformly, ε ~ N(0, I), form
 * x_t = √ᾱ_t x_0 + √(1-ᾱ_t) ε and minimise the mean squared error ‖ε - ε_θ(x_t, t)‖² of the trained
 * network. The draws use the engine's generator, which the fit loop seeds for every step, so runs
 * repeat exactly. A conditional model gets the batch labels, each replaced by the null label with
 * probability {@code labelDropout} (classifier-free guidance training). With Min-SNR-γ weighting (Hang et al. 2023)
 * each image's error is weighted by min(SNR_t, γ)/SNR_t, SNR_t = ᾱ_t/(1-ᾱ_t), so the nearly clean steps, whose
 * noise is easy to see but which teach little about the image's shape, stop dominating the gradient; γ = 0 is the
 * plain loss. Reports the unweighted error as {@code "mse"}.
 */
public final class DenoisingObjective implements Objective, Describable {

    private final DiffusionModel model;
    private final double labelDropout;
    private final double minSnrGamma;

    /** The objective on {@code model}; a conditional model drops labels at {@link DiffusionModel#DEFAULT_LABEL_DROPOUT}. */
    public DenoisingObjective(DiffusionModel model) {
        this(model, model.isConditional() ? DiffusionModel.DEFAULT_LABEL_DROPOUT : 0);
    }

    /** The objective on {@code model}; {@code labelDropout} in [0, 1) is the null-label share of a conditional model. */
    public DenoisingObjective(DiffusionModel model, double labelDropout) {
        this(model, labelDropout, 0);
    }

    /**
     * The objective on {@code model} with null-label share {@code labelDropout} and Min-SNR weighting at
     * {@code minSnrGamma} > 0 (0: unweighted).
     */
    public DenoisingObjective(DiffusionModel model, double labelDropout, double minSnrGamma) {
        if (!(minSnrGamma >= 0)) {
            throw new IllegalArgumentException("the Min-SNR γ must be >= 0 (0: no weighting, 5 in Hang et al.), got " + minSnrGamma);
        }
        if (!(labelDropout >= 0 && labelDropout < 1) || (labelDropout > 0 && !model.isConditional())) {
            throw new IllegalArgumentException("label dropout must be in [0, 1) and needs a conditional model, got "
                    + labelDropout + " for " + model);
        }
        this.model = model;
        this.labelDropout = labelDropout;
        this.minSnrGamma = minSnrGamma;
    }

    /** The Min-SNR weight min(SNR_t, γ)/SNR_t of each 0-based step in {@code t} (all 1 when γ = 0). */
    public float[] weights(int[] t) {
        float[] w = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            double ab = model.schedule().alphaBar(t[i]);
            double snr = ab / (1 - ab);
            w[i] = minSnrGamma == 0 ? 1f : (float) (Math.min(snr, minSnrGamma) / snr);
        }
        return w;
    }

    @Override
    public LossTerms compute(Batch batch, boolean training, long step) {
        NDManager m = batch.manager();
        NDArray x0 = DiffusionModel.toModelRange(batch.x());
        Shape shape = x0.getShape();
        int steps = model.schedule().steps();
        NDArray tArray = m.randomInteger(0, steps, new Shape(shape.get(0)), DataType.INT32);
        int[] t = tArray.toIntArray();
        NDArray noise = m.randomNormal(shape);
        NDArray xt = model.schedule().diffuse(x0, t, noise);
        ParameterStore store = new ParameterStore(m, false);
        NDArray tFloat = tArray.toType(DataType.FLOAT32, false);
        NDArray predicted = model.isConditional()
                ? model.net().predict(store, xt, tFloat, model.trainingLabels(batch.y(), labelDropout, m), training)
                : model.net().predict(store, xt, tFloat, training);
        NDArray squared = predicted.sub(noise).square();
        NDArray mse = squared.mean();
        if (minSnrGamma == 0) {
            return LossTerms.of(mse).with("mse", mse);
        }
        NDArray perImage = squared.reshape(shape.get(0), -1).mean(new int[] {1});
        NDArray weighted = perImage.mul(m.create(weights(t))).mean();
        return LossTerms.of(weighted).with("mse", mse);
    }

    @Override
    public String describe() {
        return "DenoisingObjective(eps-MSE, " + model.schedule() + (model.isConditional() ? ", label dropout " + labelDropout : "")
                + (minSnrGamma > 0 ? ", Min-SNR γ " + minSnrGamma : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
