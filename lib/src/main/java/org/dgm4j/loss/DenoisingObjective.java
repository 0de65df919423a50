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
 * probability {@code labelDropout} (classifier-free guidance training). Reports the total as {@code "mse"} as well.
 */
public final class DenoisingObjective implements Objective, Describable {

    private final DiffusionModel model;
    private final double labelDropout;

    /** The objective on {@code model}; a conditional model drops labels at {@link DiffusionModel#DEFAULT_LABEL_DROPOUT}. */
    public DenoisingObjective(DiffusionModel model) {
        this(model, model.isConditional() ? DiffusionModel.DEFAULT_LABEL_DROPOUT : 0);
    }

    /** The objective on {@code model}; {@code labelDropout} in [0, 1) is the null-label share of a conditional model. */
    public DenoisingObjective(DiffusionModel model, double labelDropout) {
        if (!(labelDropout >= 0 && labelDropout < 1) || (labelDropout > 0 && !model.isConditional())) {
            throw new IllegalArgumentException("label dropout must be in [0, 1) and needs a conditional model, got "
                    + labelDropout + " for " + model);
        }
        this.model = model;
        this.labelDropout = labelDropout;
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
        NDArray mse = predicted.sub(noise).square().mean();
        return LossTerms.of(mse).with("mse", mse);
    }

    @Override
    public String describe() {
        return "DenoisingObjective(eps-MSE, " + model.schedule() + (model.isConditional() ? ", label dropout " + labelDropout : "")
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
