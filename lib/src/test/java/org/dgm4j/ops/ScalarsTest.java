package org.dgm4j.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** Guards the DJL pitfall: gradients through scalar ops must survive a GC between forward and backward. */
class ScalarsTest {

    @Test
    void gradientsOfScalarOpsSurviveGarbageCollection() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // y = sum(((x * 3) / 2 + 1 - 0.5)^2) ; dy/dx = 2 * (1.5x + 0.5) * 1.5
                NDArray y = Scalars.pow(Scalars.sub(Scalars.add(Scalars.div(Scalars.mul(x, 3), 2), 1), 0.5), 2).sum();
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    System.runFinalization();
                }
                gc.backward(y);
            }
            float[] expected = new float[3];
            float[] xs = {1f, 2f, 3f};
            for (int i = 0; i < 3; i++) {
                expected[i] = 2f * (1.5f * xs[i] + 0.5f) * 1.5f;
            }
            assertArrayEquals(expected, x.getGradient().toFloatArray(), 1e-5f);
        }
    }
}
