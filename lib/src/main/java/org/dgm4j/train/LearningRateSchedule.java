package org.dgm4j.train;

/**
 * A multiplier of the base learning rate as a function of the optimisation step. Schedules are part of
 * a training configuration and therefore of checkpoint keys: {@link #describe()} must name every
 * setting.
 */
public interface LearningRateSchedule {

    /** The factor applied to the base learning rate at {@code step} (0-based) of {@code totalSteps}. */
    double factor(long step, long totalSteps);

    /** A stable description of the schedule and its settings, e.g. {@code cosine(warmup=500)}. */
    String describe();

    /** The base learning rate throughout. */
    static LearningRateSchedule constant() {
        return new LearningRateSchedule() {
            @Override
            public double factor(long step, long totalSteps) {
                return 1.0;
            }

            @Override
            public String describe() {
                return "constant";
            }
        };
    }

    /**
     * Linear warm-up from 0 over {@code warmupSteps}, then cosine decay to 0 at the last step, step
     * {@code totalSteps - 1} ({@code warmupSteps = 0} gives plain cosine decay).
     */
    static LearningRateSchedule cosine(long warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        return new LearningRateSchedule() {
            @Override
            public double factor(long step, long totalSteps) {
                if (step < warmupSteps) {
                    return (step + 1.0) / warmupSteps;
                }
                // The decay spans the steps warmupSteps .. totalSteps - 1, so the last step gets 0.
                long decaySteps = Math.max(1, totalSteps - 1 - warmupSteps);
                double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
                return 0.5 * (1 + Math.cos(Math.PI * progress));
            }

            @Override
            public String describe() {
                return "cosine(warmup=" + warmupSteps + ")";
            }
        };
    }

    /** Linear warm-up from 0 to the base rate over {@code warmupSteps}, constant afterwards. */
    static LearningRateSchedule warmup(long warmupSteps) {
        if (warmupSteps <= 0) {
            throw new IllegalArgumentException("warmupSteps must be > 0, got " + warmupSteps);
        }
        return new LearningRateSchedule() {
            @Override
            public double factor(long step, long totalSteps) {
                return Math.min(1.0, (step + 1.0) / warmupSteps);
            }

            @Override
            public String describe() {
                return "warmup(" + warmupSteps + ")";
            }
        };
    }
}
