package org.dgm4j.loss;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import org.dgm4j.model.EncoderDecoder;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Reconstruction;
import org.dgm4j.ops.Scalars;

/**
 * The (β-)VAE loss: the negative ELBO recon + β·KL when β = 1. Components: "recon" (batch mean of the
 * per-image reconstruction loss) and "kl" (batch mean of the closed-form KL, unweighted).
 */
public final class VaeLoss {

    /** Name of the reconstruction component. */
    public static final String RECON = "recon";
    /** Name of the KL component. */
    public static final String KL = "kl";
    /** Name of a regulariser component (for example the sparse prior's MMD). */
    public static final String REG = "reg";

    private VaeLoss() {}

    /** recon + beta·KL(q ‖ N(0, I)) with named components. */
    public static LossTerms of(Reconstruction reconstruction, NDArray logits, NDArray target, Gaussian q,
            double beta) {
        requireBeta(beta);
        NDArray recon = reconstruction.loss(logits, target);
        NDArray kl = Kl.mean(q);
        return LossTerms.of(recon.add(Scalars.mul(kl, beta))).with(RECON, recon).with(KL, kl);
    }

    /**
     * {@code reconstruction} when it is {@code model}'s likelihood (same description), else an exception
     * naming both and the fix: an objective scoring with another likelihood than the model's would train
     * a model that every metric then scores wrongly.
     */
    static Reconstruction requireModelLikelihood(EncoderDecoder model, Reconstruction reconstruction) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reconstruction, "reconstruction");
        if (!reconstruction.toString().equals(model.likelihood().toString())) {
            throw new IllegalArgumentException("The objective's reconstruction " + reconstruction
                    + " is not the model's likelihood " + model.likelihood() + ": declare it on the model with"
                    + " setLikelihood(" + reconstruction + ") so that metrics score the same likelihood");
        }
        return reconstruction;
    }

    static void requireBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
        }
    }
}
