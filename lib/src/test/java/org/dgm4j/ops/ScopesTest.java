package org.dgm4j.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.dgm4j.Engines;
import org.junit.jupiter.api.Test;

/** A scoped computation keeps its result and its inputs, frees its temporaries and still differentiates. */
class ScopesTest {

    @Test
    void onlyTheResultOutlivesTheScopeAndGradientsStillFlow() {
        try (NDManager m = Engines.newManager(); NDManager other = Engines.newManager()) {
            NDArray x = m.create(new float[] {1, 2, 3});
            NDArray w = other.create(new float[] {0.5f, -1, 2});
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // x·w, squared, summed: three temporaries inside the scope
                y = Scopes.keepResult(scope -> x.mul(w).square().sum(), x, w);
                assertEquals(2, m.getManagedArrays().size(), "x and the result: the temporaries are freed");
                assertEquals(m, y.getManager());
                assertEquals(m, x.getManager(), "the inputs go back to their own managers");
                assertEquals(other, w.getManager());
                gc.backward(y);
            }
            assertEquals(0.25 + 4 + 36, y.getFloat(), 1e-5);
            float[] grad = x.getGradient().toFloatArray();   // d/dx Σ (x w)² = 2 x w²
            float[] expected = {0.5f, 4, 24};
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], grad[i], 1e-5, "gradient " + i);
            }
            assertTrue(other.getManagedArrays().contains(w));
            assertThrows(IllegalArgumentException.class, () -> Scopes.keepResult(scope -> x));
        }
    }
}
