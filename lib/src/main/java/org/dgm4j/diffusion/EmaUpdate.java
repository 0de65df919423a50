package org.dgm4j.diffusion;

import ai.djl.nn.Block;
import org.dgm4j.train.StepHook;

/**
 * The fit loop's after-step hook that keeps the EMA weights of a {@link DiffusionModel}. The decay
 * used at step n is min(decay, (1 + n)/(10 + n)), so that a short run is not dominated by the
 * random initial weights.
 */
public final class EmaUpdate implements StepHook {

    private final DiffusionModel model;
    private final double decay;

    /** An EMA with the given long-run {@code decay} (e.g. 0.999) over {@code model}'s weights. */
    public EmaUpdate(DiffusionModel model, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), e.g. 0.999; got " + decay);
        }
        this.model = model;
        this.decay = decay;
    }

    /** The decay in force after {@code step} updates. */
    public double decayAt(long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    @Override
    public void afterStep(long globalStep, Block block) {
        model.updateEma(decayAt(globalStep));
    }

    @Override
    public String toString() {
        return "ema(decay=" + decay + ", warm-up (1+n)/(10+n))";
    }
}
