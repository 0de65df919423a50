package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.Gaussian;
import org.dgm4j.train.Objective;

/**
 * The (β-)VAE objective recon + β·w(t)·KL(q ‖ N(0, I)) shared by {@link VaeObjective} and
 * {@link ConditionalVaeObjective}: w(t) is a {@link KlWarmup} factor that advances by one step per
 * training call (validation calls use the current factor and do not advance it). Components "recon"
 * and "kl" (unweighted), see {@link VaeLoss}. Subclasses only run their model.
 */
public abstract class AbstractVaeObjective implements Objective {

    private final Reconstruction reconstruction;
    private final double beta;
    private final KlWarmup warmup;
    private final ParameterStore parameters = new ParameterStore();
    private long step;

    /** Checks β and keeps the settings. */
    protected AbstractVaeObjective(Reconstruction reconstruction, double beta, KlWarmup warmup) {
        VaeLoss.requireBeta(beta);
        this.reconstruction = Objects.requireNonNull(reconstruction, "reconstruction");
        this.beta = beta;
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    /** The model's {@code [logits, mu, logVar, z]} for the batch. */
    protected abstract NDList forward(ParameterStore parameters, Batch batch, boolean training);

    /** The effective KL weight β·w(t) for the next training step. */
    public double currentBeta() {
        return beta * warmup.factor(step);
    }

    @Override
    public LossTerms compute(Batch batch, boolean training) {
        NDList out = forward(parameters, batch, training);
        LossTerms terms = VaeLoss.of(reconstruction, out.get(0), batch.x(), new Gaussian(out.get(1), out.get(2)),
                currentBeta());
        if (training) {
            step++;
        }
        return terms;
    }

    /** The class name and configuration, for logs and training cache keys. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(recon=" + reconstruction + ", beta=" + beta + ", warmup=" + warmup
                + ")";
    }
}
