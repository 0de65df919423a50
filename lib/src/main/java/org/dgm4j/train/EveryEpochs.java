package org.dgm4j.train;

import ai.djl.nn.Block;
import java.util.Objects;

/**
 * Runs an action every {@code n} epochs and after the last one, e.g. to show samples while a model
 * trains. It only observes, so it does not enter the checkpoint key (a run loaded from the cache does
 * not call it).
 *
 * <pre>{@code
 * Fit.of(vae, objective).train(train).epochs(20)
 *         .listener(EveryEpochs.of(5, (epoch, block) -> Notebook.show(grid(vae.sample(16, manager, 1)))))
 * }</pre>
 */
public final class EveryEpochs implements TrainingListener {

    /** What to do at a chosen epoch. */
    @FunctionalInterface
    public interface Action {
        /** Called after {@code epoch} (from 1) with the trained block. */
        void run(int epoch, Block block);
    }

    private final int every;
    private final Action action;

    private EveryEpochs(int every, Action action) {
        this.every = every;
        this.action = action;
    }

    /** Runs {@code action} after epochs n, 2n, ... and after the last epoch. */
    public static EveryEpochs of(int n, Action action) {
        if (n <= 0) {
            throw new IllegalArgumentException("run the action every n > 0 epochs, got " + n);
        }
        return new EveryEpochs(n, Objects.requireNonNull(action, "action"));
    }

    @Override
    public void onEpoch(TrainingLoop loop) {
        int epoch = loop.history().size();
        if (epoch % every == 0 || epoch == loop.config().epochs()) {
            action.run(epoch, loop.block());
        }
    }
}
