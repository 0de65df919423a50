package org.dgm4j.train;

/**
 * Extends the {@link TrainingLoop} without editing it, named after DJL's
 * {@code ai.djl.training.listener.TrainingListener}: progress display, gradient clipping, the
 * learning-rate schedule, the non-finite-loss guard, weight averaging and checkpointing are all
 * listeners. Every method has an empty default. Listeners run in the order they were given.
 * A listener that changes the trained weights (not only observes them) must implement
 * {@link org.dgm4j.Describable}, so that its settings enter the checkpoint key.
 */
public interface TrainingListener {

    /** Before the first step; the block has its parameters. */
    default void onTrainingBegin(TrainingLoop loop) {}

    /**
     * After the backward pass of a training step, before the optimiser update: the step's loss values
     * and gradients are ready, the gradients may be scaled and the learning rate set
     * ({@link TrainingLoop#setLearningRate}).
     */
    default void onBeforeUpdate(TrainingLoop loop, Step step) {}

    /** After the optimiser update of a training step. */
    default void onTrainingBatch(TrainingLoop loop, Step step) {}

    /** After the loss of a validation batch was read. */
    default void onValidationBatch(TrainingLoop loop, Step step) {}

    /** After each epoch; {@link TrainingLoop#history()} has the epoch's row. */
    default void onEpoch(TrainingLoop loop) {}

    /** When training ends, normally or by an exception ({@link TrainingLoop#completed()} tells which). */
    default void onTrainingEnd(TrainingLoop loop) {}
}
