package org.dgm4j.train;

import java.util.Map;

/**
 * Stops training with a {@link NonFiniteLossException} naming the split, epoch, step and term as soon as
 * a loss term of a training step (before its update) or of a validation batch is NaN or infinite.
 */
public final class NonFiniteLossGuard implements TrainingListener {

    @Override
    public void onBeforeUpdate(TrainingLoop loop, Step step) {
        check(step);
    }

    @Override
    public void onValidationBatch(TrainingLoop loop, Step step) {
        check(step);
    }

    private static void check(Step step) {
        for (Map.Entry<String, Double> e : step.values().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new NonFiniteLossException(step.split(), step.epoch(), step.index(), e.getKey(), e.getValue());
            }
        }
    }
}
