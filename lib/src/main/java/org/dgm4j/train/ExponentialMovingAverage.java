package org.dgm4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Objects;
import org.dgm4j.Describable;

/**
 * Keeps an exponential moving average (EMA) of the trained block's weights in a second block of the same
 * architecture, as diffusion models sample with: after every update, ema ← ema + (1 − d)·(w − ema)
 * with d = min(decay, (1 + n)/(10 + n)) at step n, so a short run is not dominated by the initial weights.
 */
public final class ExponentialMovingAverage implements TrainingListener, Describable {

    private final Block trained;
    private final Block ema;
    private final double decay;

    /** The EMA of {@code trained}'s weights in {@code ema} with the long-run {@code decay}, e.g. 0.999. */
    public ExponentialMovingAverage(Block trained, Block ema, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), e.g. 0.999; got " + decay);
        }
        this.trained = Objects.requireNonNull(trained, "trained");
        this.ema = Objects.requireNonNull(ema, "ema");
        this.decay = decay;
    }

    /** The decay in force after {@code step} updates. */
    public double decayAt(long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    @Override
    public void onTrainingBatch(TrainingLoop loop, Step step) {
        update(decayAt(step.global()));
    }

    /** One update with decay {@code d}, outside autograd, temporaries freed before returning. */
    public void update(double d) {
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1], got " + d);
        }
        PairList<String, Parameter> from = trained.getParameters();
        PairList<String, Parameter> to = ema.getParameters();
        if (from.size() != to.size()) {
            throw new IllegalStateException("The EMA block has " + to.size() + " parameters, the trained one "
                    + from.size() + ": they must have the same architecture");
        }
        try (NDManager scope = to.valueAt(0).getArray().getManager().newSubManager()) {
            NDArray rate = scope.create((float) (1 - d));
            for (int i = 0; i < from.size(); i++) {
                NDArray target = to.valueAt(i).getArray();
                NDArray w = from.valueAt(i).getArray().stopGradient();
                w.attach(scope);
                NDArray delta = w.sub(target);
                delta.attach(scope);
                target.addi(delta.muli(rate));
            }
        }
    }

    @Override
    public String describe() {
        return "ema(decay=" + decay + ", warm-up (1+n)/(10+n))";
    }
}
