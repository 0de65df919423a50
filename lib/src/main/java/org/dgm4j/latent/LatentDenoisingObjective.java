package org.dgm4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.diffusion.NoiseSchedule;
import org.dgm4j.loss.LossTerms;
import org.dgm4j.loss.Objective;

/**
 * The ε-prediction loss of a DDPM on scaled codes: for a batch of codes ẑ_0 (B, D) draw t uniformly in
 * 0..T-1 and ε ~ N(0, I), form ẑ_t = √ᾱ_t ẑ_0 + √(1-ᾱ_t) ε and minimise the mean of (ε − ε_θ(ẑ_t, t))².
 * The codes are used as they are (no image range mapping): scale them first ({@link LatentScaling}).
 * Draws come from the engine's generator, which the fit loop seeds per step. Component {@code "mse"}.
 */
public final class LatentDenoisingObjective implements Objective, Describable {

    private final LatentDenoiser denoiser;
    private final NoiseSchedule schedule;

    /** The objective of {@code denoiser} under {@code schedule}. */
    public LatentDenoisingObjective(LatentDenoiser denoiser, NoiseSchedule schedule) {
        this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public LossTerms compute(Batch batch, boolean training, long step) {
        NDManager m = batch.manager();
        NDArray z0 = batch.x();
        Shape shape = z0.getShape();
        if (shape.dimension() != 2 || shape.get(1) != denoiser.latentDim()) {
            throw new IllegalArgumentException("expected a batch of codes (B, " + denoiser.latentDim() + "), got "
                    + shape + "; train on a LatentDataset, not on images");
        }
        NDArray tArray = m.randomInteger(0, schedule.steps(), new Shape(shape.get(0)), DataType.INT32);
        NDArray noise = m.randomNormal(shape);
        NDArray zt = schedule.diffuse(z0, tArray.toIntArray(), noise);
        NDArray predicted = denoiser.predict(new ParameterStore(m, false), zt, tArray.toType(DataType.FLOAT32, false),
                training);
        NDArray mse = predicted.sub(noise).square().mean();
        return LossTerms.of(mse).with("mse", mse);
    }

    @Override
    public String describe() {
        return "LatentDenoisingObjective(eps-MSE, " + schedule + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
