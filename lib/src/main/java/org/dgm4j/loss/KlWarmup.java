package org.dgm4j.loss;

/**
 * A KL warm-up schedule: the factor (in [0, 1]) multiplying β at a given training step (0-based).
 * Linear warm-up (Bowman et al. 2016; Sønderby et al. 2016) lets the decoder learn before the KL term
 * pulls the posterior to the prior.
 */
@FunctionalInterface
public interface KlWarmup {

    /** The factor at training step {@code step} (0-based). */
    double factor(long step);

    /** No warm-up: always 1. */
    static KlWarmup none() {
        return named("none", step -> 1.0);
    }

    /** Linear from 0 at step 0 to 1 at step {@code steps} and after; {@code steps = 0} means no warm-up. */
    static KlWarmup linear(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + steps);
        }
        return steps == 0 ? none()
                : named("linear(" + steps + " steps)", step -> Math.min(1.0, Math.max(0.0, (double) step / steps)));
    }

    /** Linear over {@code epochs} epochs of {@code stepsPerEpoch} steps each. */
    static KlWarmup linearOverEpochs(int epochs, long stepsPerEpoch) {
        if (epochs < 0 || stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("need epochs >= 0 and stepsPerEpoch > 0, got " + epochs
                    + " and " + stepsPerEpoch);
        }
        return linear(epochs * stepsPerEpoch);
    }

    /** {@code schedule} with {@code name} as its {@code toString()} (which training cache keys include). */
    static KlWarmup named(String name, KlWarmup schedule) {
        return new KlWarmup() {
            @Override
            public double factor(long step) {
                return schedule.factor(step);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
