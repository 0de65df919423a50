package org.dgm4j.loss;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.dgm4j.data.Batch;
import org.dgm4j.model.ConditionalVae;
import org.dgm4j.model.Gaussian;
import org.dgm4j.train.Objective;

/**
 * The conditional VAE objective recon + β·w(t)·KL(q(z|x, y) ‖ N(0, I)) using the batch labels, with a
 * {@link KlWarmup} advanced once per training call. Components "recon" and "kl".
 */
public final class ConditionalVaeObjective implements Objective {

    private final ConditionalVae cvae;
    private final Reconstruction reconstruction;
    private final double beta;
    private final KlWarmup warmup;
    private final ParameterStore parameters = new ParameterStore();
    private long step;

    /** Bernoulli reconstruction, β = 1, no warm-up. */
    public ConditionalVaeObjective(ConditionalVae cvae) {
        this(cvae, Reconstruction.bernoulli(), 1.0, KlWarmup.none());
    }

    /** The objective with the given reconstruction loss, β and warm-up. */
    public ConditionalVaeObjective(ConditionalVae cvae, Reconstruction reconstruction, double beta, KlWarmup warmup) {
        VaeLoss.requireBeta(beta);
        this.cvae = Objects.requireNonNull(cvae, "cvae");
        this.reconstruction = Objects.requireNonNull(reconstruction, "reconstruction");
        this.beta = beta;
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    @Override
    public LossTerms compute(Batch batch, boolean training) {
        NDList out = cvae.forward(parameters, new NDList(batch.x(), batch.y()), training);
        LossTerms terms = VaeLoss.of(reconstruction, out.get(0), batch.x(), new Gaussian(out.get(1), out.get(2)),
                beta * warmup.factor(step));
        if (training) {
            step++;
        }
        return terms;
    }

    /** The configuration, for logs and training cache keys. */
    @Override
    public String toString() {
        return "ConditionalVaeObjective(recon=" + reconstruction + ", beta=" + beta + ", warmup=" + warmup + ")";
    }
}
