package org.dgm4j.train;

import java.util.Objects;
import org.dgm4j.Describable;

/** Sets each step's learning rate to the base rate times a {@link LearningRateSchedule}'s factor. */
public final class LearningRateScheduler implements TrainingListener, Describable {

    private final LearningRateSchedule schedule;

    /** The listener applying {@code schedule}. */
    public LearningRateScheduler(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public void onBeforeUpdate(TrainingLoop loop, Step step) {
        loop.setLearningRate(loop.config().learningRate() * schedule.factor(step.global() - 1, loop.totalSteps()));
    }

    @Override
    public String describe() {
        return "schedule=" + schedule.describe();
    }
}
