package org.dgm4j.train;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Receives training progress from the fit loop. Implementations render it: in place in a terminal or
 * notebook, or as one line per epoch in a log ({@link #auto()} picks).
 */
public interface Progress {

    /** Training begins: {@code epochs} epochs of {@code stepsPerEpoch} steps each. */
    default void start(String title, int epochs, long stepsPerEpoch) {}

    /**
     * After training step {@code step} (1-based) of {@code epoch} (1-based), with the throughput so far
     * in this epoch and the running mean of the total loss.
     */
    default void step(int epoch, long step, double imagesPerSecond, double runningLoss) {}

    /** After each epoch, with the history so far (its last row is the epoch just finished). */
    default void epoch(History history) {}

    /** Training finished (also called when it stops with an exception). */
    default void finish() {}

    /** No output at all. */
    static Progress silent() {
        return new Progress() {};
    }

    /** Text progress on standard output: in place on a terminal, one line per epoch otherwise. */
    static Progress console() {
        return new ConsoleProgress(System.out, System.console() != null);
    }

    /**
     * The progress a fit shows when none is given: {@link #console()} unless another default was set
     * ({@code Course.setup()} sets the notebook's in a kernel).
     */
    static Progress auto() {
        return DefaultProgress.supplier.get();
    }

    /** Makes {@code progress} the default of {@link #auto()} for this JVM. */
    static void setDefault(Supplier<Progress> progress) {
        DefaultProgress.supplier = Objects.requireNonNull(progress, "progress");
    }

}
