package org.dgm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** Adam written out in doubles, with epsilon added to sqrt(v) before bias correction as in the engine. */
    @Test
    void updatesMatchANaiveImplementation() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lr = 0.01;
        double[] w = {1.0, -2.0, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        try (NDManager manager = Engines.newManager()) {
            NDArray weight = manager.create(new float[] {1.0f, -2.0f, 0.5f});
            weight.setRequiresGradient(true);
            try (Adam adam = new Adam(List.of(weight), b1, b2, eps)) {
                for (int t = 1; t <= 5; t++) {
                    // gradient of sum(w^3): 3 w^2, taken from the current weights
                    float[] cur = weight.toFloatArray();
                    float[] gf = new float[3];
                    for (int i = 0; i < 3; i++) {
                        gf[i] = 3 * cur[i] * cur[i];
                    }
                    NDArray g = manager.create(gf);
                    adam.step(List.of(g), lr);
                    double corrected = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                    for (int i = 0; i < 3; i++) {
                        double gi = 3 * w[i] * w[i];
                        m[i] = b1 * m[i] + (1 - b1) * gi;
                        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                        w[i] -= corrected * m[i] / (Math.sqrt(v[i]) + eps);
                    }
                }
                assertEquals(5, adam.steps());
                float[] got = weight.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], got[i], 1e-5, "weight " + i);
                }
                // With lr = 0.01 each step moves a weight by about lr: 5 steps move it by about 0.05.
                assertEquals(1.0 - 0.05, got[0], 5e-3);
            }
        }
    }
}
