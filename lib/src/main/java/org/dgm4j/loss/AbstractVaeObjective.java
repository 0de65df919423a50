package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.Describable;
import org.dgm4j.data.Batch;
import org.dgm4j.model.EncoderDecoder;
import org.dgm4j.model.Gaussian;
import org.dgm4j.model.Reconstruction;

/**
 * The (β-)VAE objective recon + β·w(t)·KL(q ‖ N(0, I)) shared by {@link VaeObjective} and
 * {@link ConditionalVaeObjective}: w(t) is a {@link KlWarmup} factor at the step the training loop
 * passes. Components "recon" and "kl" (unweighted), see {@link VaeLoss}. Subclasses only run their model.
 */
public abstract class AbstractVaeObjective implements Objective, Describable {

    private final Reconstruction reconstruction;
    private final double beta;
    private final KlWarmup warmup;

    /** Checks β and that {@code reconstruction} is the model's likelihood, and keeps the settings. */
    protected AbstractVaeObjective(EncoderDecoder model, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        VaeLoss.requireBeta(beta);
        this.reconstruction = VaeLoss.requireModelLikelihood(model, reconstruction);
        this.beta = beta;
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    /** The model's {@code [logits, mu, logVar, z]} for the batch. */
    protected abstract NDList forward(ParameterStore parameters, Batch batch, boolean training);

    /** The effective KL weight β·w(step) at training step {@code step}. */
    public double beta(long step) {
        return beta * warmup.factor(step);
    }

    @Override
    public LossTerms compute(Batch batch, boolean training, long step) {
        NDList out = forward(new ParameterStore(batch.manager(), false), batch, training);
        return VaeLoss.of(reconstruction, out.get(0), batch.x(), new Gaussian(out.get(1), out.get(2)), beta(step));
    }

    @Override
    public String describe() {
        return getClass().getSimpleName() + "(recon=" + reconstruction + ", beta=" + beta + ", warmup=" + warmup
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
