package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Autoencoder;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.ops.Scalars;

/**
 * The autoencoder objective: reconstruction of the clean batch from the encoder's input. With a noise
 * level σ > 0 it is a <em>denoising</em> autoencoder (Vincent et al. 2008): the input is
 * clip(x + σ·ε, 0, 1) with ε ~ N(0, 1) from the engine's generator (in training and validation alike),
 * and the target stays the clean x. Component "recon".
 */
public final class AutoencoderObjective implements Objective, Describable {

    private final Autoencoder model;
    private final Reconstruction reconstruction;
    private final double noiseStd;

    /** A plain autoencoder scored with the model's likelihood. */
    public AutoencoderObjective(Autoencoder model) {
        this(model, model.likelihood(), 0);
    }

    /**
     * An autoencoder that corrupts its input with Gaussian noise of standard deviation {@code noiseStd}
     * (0: none); {@code reconstruction} must be the model's likelihood.
     */
    public AutoencoderObjective(Autoencoder model, Reconstruction reconstruction, double noiseStd) {
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noise standard deviation must be finite and >= 0, got " + noiseStd);
        }
        this.model = model;
        this.reconstruction = VaeLoss.requireModelLikelihood(model, reconstruction);
        this.noiseStd = noiseStd;
    }

    /** A denoising autoencoder with the model's likelihood and input noise {@code noiseStd}. */
    public static AutoencoderObjective denoising(Autoencoder model, double noiseStd) {
        if (!(noiseStd > 0)) {
            throw new IllegalArgumentException("a denoising autoencoder needs noise > 0, got " + noiseStd);
        }
        return new AutoencoderObjective(model, model.likelihood(), noiseStd);
    }

    /** The input the encoder sees for clean images x: x itself, or clip(x + σ·ε, 0, 1). */
    public NDArray corrupt(NDArray x) {
        if (noiseStd == 0) {
            return x;
        }
        NDArray eps = x.getManager().randomNormal(0f, 1f, x.getShape(), DataType.FLOAT32);
        return x.add(Scalars.mul(eps, noiseStd)).clip(0f, 1f);
    }

    @Override
    public LossTerms compute(Batch batch, boolean training, long step) {
        NDList out = model.forward(new ParameterStore(batch.manager(), false), new NDList(corrupt(batch.x())), training);
        NDArray recon = reconstruction.loss(out.get(0), batch.x());
        return LossTerms.of(recon).with(VaeLoss.RECON, recon);
    }

    @Override
    public String describe() {
        return "AutoencoderObjective(recon=" + reconstruction + ", inputNoiseStd=" + noiseStd + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
