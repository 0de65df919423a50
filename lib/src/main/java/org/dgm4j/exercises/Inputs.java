package org.dgm4j.exercises;

import java.util.Random;

/** Deterministic test inputs for the checks (float values, as the engine computes in float32). */
final class Inputs {

    private Inputs() {}

    /** {@code n} draws from N(0, scale²), rounded to float. */
    static float[] normal(Random random, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** {@code n} draws uniform in [lo, hi), rounded to float. */
    static float[] uniform(Random random, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return v;
    }

    /** Element-wise copy as doubles. */
    static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
