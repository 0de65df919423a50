package org.dgm4j.train;

import java.util.Locale;
import org.dgm4j.Describable;

/**
 * The settings of a {@link TrainingLoop}: epochs, batch size, Adam's learning rate, moment decays and
 * epsilon, and the seed of initialisation, shuffling and every step's noise.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double beta1, double beta2,
        double epsilon, long seed) implements Describable {

    /** Checks every setting. */
    public TrainingConfig {
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batchSize must be > 0, got " + epochs + " and " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "epochs=%d batch=%d lr=%s adam=(%s,%s,%s) seed=%d", epochs, batchSize,
                learningRate, beta1, beta2, epsilon, seed);
    }
}
